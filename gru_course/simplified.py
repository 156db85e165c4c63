"""The simplified GRU of deeplearning.ai's lecture: one memory cell c, one gate Γu, no reset.

Written in that lecture's own notation and convention, where Γu weights the candidate:

    c̃_t = tanh([c_{t-1}, x_t] W_c + b_c)
    Γu  = σ([c_{t-1}, x_t] W_u + b_u)
    c_t = Γu ⊙ c̃_t + (1 − Γu) ⊙ c_{t-1}

[c, x] is the concatenation of the previous memory and the input, (N, H + D), so W_c and W_u
are (H + D, H): their first H rows act on c, the last D on x (the same as two separate weights).
Γu ≈ 0 keeps the memory; in the course's convention the same cell has z = 1 − Γu ≈ 1.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import validate
from .activations import sigmoid


class SimplifiedParams(NamedTuple):
    """W_c, W_u: (H + D, H) acting on [c_{t-1}, x_t]; b_c, b_u: (H,)."""

    W_c: np.ndarray
    b_c: np.ndarray
    W_u: np.ndarray
    b_u: np.ndarray


def simplified_gru_forward(xs, c0, p: SimplifiedParams):
    """Run the simplified GRU over xs (T, N, D) from c0 (N, H).

    Returns:
        cs: memories c_1..c_T, (T, N, H).
        gammas: update gates Γu at every step, (T, N, H).
    """
    if not isinstance(p, SimplifiedParams):
        raise TypeError(f"p must be a SimplifiedParams, got {type(p).__name__}")
    H = p.b_c.shape[0]
    dims = validate.Dims(H=(H, "p.b_c"))
    c = validate.float_array("c0", c0, "NH", dims)
    xs = validate.float_array("xs", xs, "TND", dims)
    dims.known.setdefault("K", (H + xs.shape[2], "H + D"))
    for name in ("W_c", "W_u"):
        validate.float_array(f"p.{name}", getattr(p, name), "KH", dims)
    cs, gammas = [], []
    for x in xs:
        cx = np.concatenate([c, x], axis=1)
        candidate = np.tanh(cx @ p.W_c + p.b_c)
        gamma = sigmoid(cx @ p.W_u + p.b_u)
        c = gamma * candidate + (1 - gamma) * c
        cs.append(c)
        gammas.append(gamma)
    return np.stack(cs), np.stack(gammas)
