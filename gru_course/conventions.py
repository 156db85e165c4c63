"""The two update-gate conventions, and the exact map between them.

    "z keeps"  (this course, Cho et al. 2014, PyTorch, Keras, the English GRU presentation):  h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n
    "z takes"  (Chung et al. 2014, deeplearning.ai's Γu, many blogs):   h_t = (1 − z) ⊙ h_{t-1} + z ⊙ n

Since σ(−a) = 1 − σ(a), negating the update gate's pre-activation exchanges z and 1 − z. So a
"z takes" GRU with parameters q computes exactly what a "z keeps" GRU computes with
flip_update_gate(q): negate W_xz, W_hz and b_z, leave everything else alone. The map is its own
inverse.
"""
from __future__ import annotations

import numpy as np

from . import validate
from .activations import sigmoid
from .gru import GRUParams, check_step_inputs


def flip_update_gate(p: GRUParams) -> GRUParams:
    """Parameters for the other update-gate convention: W_xz, W_hz and b_z negated."""
    validate.params(p, GRUParams)
    return p._replace(W_xz=-p.W_xz, W_hz=-p.W_hz, b_z=-p.b_z)


def gru_step_z_takes(x_t, h_prev, p: GRUParams, reset: str = "before") -> np.ndarray:
    """One GRU step in the "z takes the candidate" convention: h_t = (1 − z) h_{t-1} + z n.

    Written out independently of gru_step_forward so that the map can be checked, not assumed.
    Args and shapes as gru_step_forward; returns h_t (N, H).
    """
    x, h = check_step_inputs(x_t, h_prev, p, reset)
    r = sigmoid(x @ p.W_xr + h @ p.W_hr + p.b_r)
    z = sigmoid(x @ p.W_xz + h @ p.W_hz + p.b_z)
    if reset == "before":
        n = np.tanh(x @ p.W_xn + p.b_xn + (r * h) @ p.W_hn + p.b_hn)
    else:
        n = np.tanh(x @ p.W_xn + p.b_xn + r * (h @ p.W_hn + p.b_hn))
    return (1 - z) * h + z * n
