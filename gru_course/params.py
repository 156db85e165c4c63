"""What the three parameter tuples (GRUParams, RNNParams, LSTMParams) share.

Each is a NamedTuple of numpy arrays with a class attribute `_dims` that names the shape of every
field in dimension letters ("DH" is (D, H), "H" is (H,)). Gradients use the same type, so a
gradient is read as `grads.W_hr` next to `p.W_hr`.
"""
from __future__ import annotations

import numpy as np


def init_uniform(cls, rng: np.random.Generator, D: int, H: int, dtype=np.float64):
    """Draw every field from U(-1/sqrt(H), 1/sqrt(H)), PyTorch's default for recurrent layers.

    Args:
        cls: the parameter tuple type, e.g. GRUParams.
        rng: a numpy Generator (np.random.default_rng(seed)); the only source of randomness.
        D, H: input features and hidden units.
        dtype: float32 or float64.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator such as np.random.default_rng(0), "
                        f"got {type(rng).__name__}")
    for name, value in (("D", D), ("H", H)):
        if not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if np.dtype(dtype).kind != "f":
        raise TypeError(f"dtype must be float32 or float64, got {np.dtype(dtype)}")
    size = {"D": D, "H": H}
    bound = 1.0 / np.sqrt(H)
    return cls(*(rng.uniform(-bound, bound, [size[c] for c in letters]).astype(dtype)
                 for letters in cls._dims.values()))


def zeros_like(p):
    """A parameter tuple of the same type and shapes, filled with zeros."""
    return type(p)(*(np.zeros_like(a) for a in p))


def add(p, q):
    """Field-by-field sum of two parameter tuples of the same type (accumulating gradients)."""
    return type(p)(*(a + b for a, b in zip(p, q)))


def astype(p, dtype):
    """The same parameters cast to `dtype` (float32 or float64)."""
    return type(p)(*(np.asarray(a, dtype=dtype) for a in p))

