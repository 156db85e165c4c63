"""The stable sigmoid (activations.py)."""
import math
import warnings

import numpy as np

import gru_course as gc
from gru_course.activations import sigmoid_


def test_no_overflow_warning_and_exact_limits_at_plus_minus_1000():
    a = np.array([-1000.0, -745.0, 0.0, 745.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = gc.sigmoid(a)
        s32 = gc.sigmoid(a.astype(np.float32))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert s32.dtype == np.float32 and s32[0] == 0.0 and s32[-1] == 1.0


def test_full_relative_precision_in_the_negative_tail():
    a = np.array([-30.0, -100.0, -700.0])
    exact = np.array([1 / (1 + math.exp(30.0)), math.exp(-100.0), math.exp(-700.0)])
    assert np.all(np.abs(gc.sigmoid(a) / exact - 1) < 1e-14)
    assert np.abs(0.5 * (1 + np.tanh(-15.0)) / exact[0] - 1) > 1e-6   # the tanh form loses it


def test_symmetry_and_in_place_version_agree(rng):
    a = 20 * rng.standard_normal(1000)
    np.testing.assert_allclose(gc.sigmoid(-a), 1 - gc.sigmoid(a), rtol=0, atol=2.3e-16)
    b = a.copy()
    with np.errstate(over="ignore"):
        out = sigmoid_(b)
    assert out is b
    np.testing.assert_array_equal(b, gc.sigmoid(a))


def test_accepts_scalars_and_lists():
    assert gc.sigmoid(0.0) == 0.5
    np.testing.assert_allclose(gc.sigmoid([0.0, 2.0]), [0.5, 1 / (1 + math.exp(-2))])
