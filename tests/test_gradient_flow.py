"""Measured gradient flow (gradient_flow.py): exact Jacobian norms and the gates' effect."""
import numpy as np
import pytest

import gru_course as gc
from gru_course import gradient_flow as gf
from gru_course.gradient_flow import jacobian_norms, mean_jacobian_norms, random_cell


@pytest.mark.parametrize("kind", ["rnn", "gru"])
def test_the_longest_distance_equals_a_full_backward_pass(rng, kind):
    H = 5
    p = random_cell(kind, rng, 3, H)
    xs = rng.standard_normal((7, 1, 3))
    norms = jacobian_norms(kind, xs, p)
    forward, backward = {"rnn": (gc.rnn_forward, gc.rnn_backward),
                         "gru": (gc.gru_forward, gc.gru_backward)}[kind]
    batch = np.repeat(xs, H, axis=1)
    hs, cache = forward(batch, np.zeros((H, H)), p)
    dhs = np.zeros_like(hs)
    dhs[-1] = np.eye(H)
    assert norms[-1] == pytest.approx(np.linalg.norm(backward(dhs, cache)[1]), rel=1e-12)
    assert norms.shape == (7,)


def test_lstm_norm_counts_both_states(rng):
    H = 4
    p = random_cell("lstm", rng, 2, H)
    xs = rng.standard_normal((6, 1, 2))
    batch = np.repeat(xs, H, axis=1)
    hs, cache = gc.lstm_forward(batch, np.zeros((H, H)), np.zeros((H, H)), p)
    dhs = np.zeros_like(hs)
    dhs[-1] = np.eye(H)
    _, dh0, dc0, _ = gc.lstm_backward(dhs, cache)
    expected = np.sqrt(np.sum(dh0 ** 2) + np.sum(dc0 ** 2))
    assert jacobian_norms("lstm", xs, p)[-1] == pytest.approx(expected, rel=1e-12)


def test_gates_that_keep_the_state_keep_the_gradient():
    rnn = mean_jacobian_norms("rnn", np.random.default_rng(0), T=60, n_init=4)
    gru = mean_jacobian_norms("gru", np.random.default_rng(0), T=60, n_init=4, gate_bias=4.0)
    lstm = mean_jacobian_norms("lstm", np.random.default_rng(0), T=60, n_init=4, gate_bias=4.0)
    assert rnn[-1] < 1e-10 and gru[-1] > 0.1 and lstm[-1] > 0.1
    assert np.all(np.diff(np.log(rnn)) < 0.5)                 # the RNN's never recovers


def test_unknown_kind_is_refused(rng):
    with pytest.raises(ValueError, match="kind must be one of"):
        random_cell("transformer", rng, 2, 2)
    with pytest.raises(ValueError, match="kind must be one of"):
        jacobian_norms("transformer", np.zeros((2, 1, 2)), gc.GRUParams.init(rng, 2, 2))


def test_path_norms_split_the_full_jacobian_into_direct_and_other_terms():
    rng = np.random.default_rng(5)
    p = gf.random_cell("gru", rng, D=3, H=5)
    xs = rng.standard_normal((12, 1, 3))
    paths = gf.gru_path_norms(xs, p)
    assert np.allclose(paths[:, 0], gf.jacobian_norms("gru", xs, p), rtol=1e-12)
    # the direct path alone is a product of diagonal matrices: its norm is known in closed form
    from gru_course import gru_forward
    _, cache = gru_forward(xs, np.zeros((1, 5)), p)
    z = cache.z[:, 0, :]                                   # (T, H)
    expected = [np.sqrt(np.sum(np.prod(z[12 - d:], axis=0) ** 2)) for d in range(1, 13)]
    assert np.allclose(paths[:, 1], expected, rtol=1e-12)
    # at one step the three are J, diag(z) and J - diag(z): the other path is not empty
    assert paths[0, 2] > 0.01 and not np.allclose(paths[:, 0], paths[:, 1])


def test_per_step_factor_recovers_a_known_geometric_decay():
    norms = 3.0 * 0.7 ** np.arange(1, 101)
    assert gf.per_step_factor(norms) == pytest.approx(0.7, rel=1e-12)
    assert gf.per_step_factor(2.0 ** -np.arange(1, 101), 20, 40) == pytest.approx(0.5, rel=1e-12)
