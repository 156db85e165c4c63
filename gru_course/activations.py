"""The logistic sigmoid, written so that it neither overflows nor loses precision in its tails."""
from __future__ import annotations

import numpy as np


def sigmoid(a):
    """σ(a) = 1 / (1 + exp(-a)), elementwise, without overflow warnings.

    For a very negative, exp(-a) overflows to inf and 1 / (1 + inf) is exactly 0, the correct
    limit; silencing that one warning is all the stability this form needs. It keeps full
    relative precision in both tails (unlike 0.5 * (1 + tanh(a / 2)), which rounds σ(-30) badly).

    Args:
        a: pre-activation, any shape.
    Returns:
        σ(a), same shape, floating point.
    """
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(a)))


def sigmoid_(a: np.ndarray) -> np.ndarray:
    """σ(a) computed in place in the float array `a` (the hot loops' version); returns `a`.

    Callers wrap their loop in np.errstate(over="ignore").
    """
    np.negative(a, out=a)
    np.exp(a, out=a)
    a += 1.0
    return np.reciprocal(a, out=a)
