"""Measured gradient flow (gradient_flow.py): exact Jacobian norms and the gates' effect."""
import numpy as np
import pytest

import gru_course as gc
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
