"""Parameter tuples (params.py and the three classes)."""
import numpy as np
import pytest

import gru_course as gc
from gru_course import params


@pytest.mark.parametrize("cls, count", [(gc.GRUParams, 10), (gc.LSTMParams, 12), (gc.RNNParams, 3)])
def test_init_shapes_dtype_range_and_reproducibility(cls, count):
    p = cls.init(np.random.default_rng(1), 3, 4, dtype=np.float32)
    assert len(p) == count
    for field, letters in cls._dims.items():
        value = getattr(p, field)
        assert value.shape == tuple({"D": 3, "H": 4}[c] for c in letters), field
        assert value.dtype == np.float32
        assert np.abs(value).max() <= 0.5                # U(-1/sqrt(H), 1/sqrt(H)), H = 4
    again = cls.init(np.random.default_rng(1), 3, 4, dtype=np.float32)
    for a, b in zip(p, again):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("cls", [gc.GRUParams, gc.LSTMParams, gc.RNNParams])
def test_init_draws_uniformly_over_the_whole_range(cls):
    """PyTorch's default, U(-1/sqrt(H), 1/sqrt(H)): not zeros, not a narrower or shifted range."""
    H = 25
    values = np.concatenate([a.ravel() for a in cls.init(np.random.default_rng(2), 30, H)])
    bound = 1 / np.sqrt(H)
    assert np.abs(values).max() <= bound
    assert values.min() < -0.95 * bound and values.max() > 0.95 * bound
    assert abs(values.mean()) < 0.02 * bound
    assert abs(values.std() - bound / np.sqrt(3)) < 0.03 * bound          # the uniform's spread


def test_gru_fields_are_in_the_contract_order():
    assert gc.GRUParams._fields == ("W_xr", "W_hr", "b_r", "W_xz", "W_hz", "b_z",
                                    "W_xn", "W_hn", "b_xn", "b_hn")
    p = gc.GRUParams.init(np.random.default_rng(0), 5, 7)
    assert (p.D, p.H) == (5, 7)


@pytest.mark.parametrize("args, error, message", [
    ((42, 3, 4), TypeError, "rng must be a numpy Generator such as np.random.default_rng"),
    ((np.random.default_rng(0), 0, 4), ValueError, "D must be a positive integer, got 0"),
    ((np.random.default_rng(0), 3, 2.5), ValueError, "H must be a positive integer, got 2.5"),
])
def test_init_rejects_bad_arguments(args, error, message):
    with pytest.raises(error, match=message):
        gc.GRUParams.init(*args)


def test_init_rejects_an_integer_dtype():
    with pytest.raises(TypeError, match="dtype must be float32 or float64, got int64"):
        gc.GRUParams.init(np.random.default_rng(0), 3, 4, dtype=np.int64)


def test_helpers_zeros_add_astype():
    p = gc.GRUParams.init(np.random.default_rng(0), 2, 3)
    z = params.zeros_like(p)
    assert isinstance(z, gc.GRUParams) and not any(a.any() for a in z)
    doubled = params.add(p, p)
    np.testing.assert_array_equal(doubled.W_hr, 2 * p.W_hr)
    assert params.astype(p, np.float32).b_hn.dtype == np.float32
