"""The two update-gate conventions (conventions.py)."""
import numpy as np
import pytest

import gru_course as gc


@pytest.mark.parametrize("reset", ["before", "after"])
def test_flipped_parameters_give_identical_states_over_a_sequence(rng, reset):
    q = gc.GRUParams.init(rng, 3, 5)                 # parameters of a "z takes" GRU
    xs, h0 = rng.standard_normal((10, 2, 3)), rng.standard_normal((2, 5))
    hs, _ = gc.gru_forward(xs, h0, gc.flip_update_gate(q), reset)
    h = h0
    for t in range(10):
        h = gc.gru_step_z_takes(xs[t], h, q, reset)
        assert gc.rel_error(h, hs[t]) < 1e-14


def test_without_the_flip_the_conventions_disagree(rng):
    q = gc.GRUParams.init(rng, 3, 5)
    x, h = rng.standard_normal((2, 3)), rng.standard_normal((2, 5))
    assert gc.rel_error(gc.gru_step_z_takes(x, h, q), gc.gru_step_forward(x, h, q)[0]) > 1e-3


def test_flip_is_its_own_inverse_and_touches_only_the_update_gate(rng):
    p = gc.GRUParams.init(rng, 3, 5)
    flipped = gc.flip_update_gate(p)
    for name, a, b in zip(p._fields, p, flipped):
        if name in ("W_xz", "W_hz", "b_z"):
            np.testing.assert_array_equal(b, -a)
        else:
            assert b is a
    for a, b in zip(p, gc.flip_update_gate(flipped)):
        np.testing.assert_array_equal(a, b)


def test_flip_validates_its_argument():
    with pytest.raises(TypeError, match="p must be a GRUParams, got dict"):
        gc.flip_update_gate({})
