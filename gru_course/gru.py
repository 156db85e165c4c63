"""One GRU step in numpy, forward and backward, written as the equations of COURSE.md §3.

    r_t = σ(x_t W_xr + h_{t-1} W_hr + b_r)                          reset gate
    z_t = σ(x_t W_xz + h_{t-1} W_hz + b_z)                          update gate
    n_t = tanh(x_t W_xn + b_xn + (r_t ⊙ h_{t-1}) W_hn + b_hn)       candidate, reset="before"
    n_t = tanh(x_t W_xn + b_xn + r_t ⊙ (h_{t-1} W_hn + b_hn))       candidate, reset="after"
    h_t = z_t ⊙ h_{t-1} + (1 − z_t) ⊙ n_t                           z keeps the old state

reset="before" is the lecture form (Cho et al. 2014); reset="after" is what torch.nn.GRU and
cuDNN compute. A whole sequence is in gru_sequence.py.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import params as _params
from . import validate
from .activations import sigmoid

RESETS = ("before", "after")


class GRUParams(NamedTuple):
    """The ten GRU parameters. W_x*: (D, H); W_h*: (H, H); biases: (H,).

    b_xn and b_hn are separate because reset="after" multiplies b_hn by r; with
    reset="before" only their sum matters.
    """

    W_xr: np.ndarray
    W_hr: np.ndarray
    b_r: np.ndarray
    W_xz: np.ndarray
    W_hz: np.ndarray
    b_z: np.ndarray
    W_xn: np.ndarray
    W_hn: np.ndarray
    b_xn: np.ndarray
    b_hn: np.ndarray

    _dims = {"W_xr": "DH", "W_hr": "HH", "b_r": "H", "W_xz": "DH", "W_hz": "HH", "b_z": "H",
             "W_xn": "DH", "W_hn": "HH", "b_xn": "H", "b_hn": "H"}

    @classmethod
    def init(cls, rng: np.random.Generator, D: int, H: int, dtype=np.float64) -> "GRUParams":
        """Random parameters, U(-1/sqrt(H), 1/sqrt(H)) like torch.nn.GRU."""
        return _params.init_uniform(cls, rng, D, H, dtype)

    @classmethod
    def from_torch(cls, module) -> "GRUParams":
        """Copy the weights of a torch.nn.GRU (one layer, one direction) or torch.nn.GRUCell."""
        from .torch_bridge import gru_from_torch
        return gru_from_torch(module)

    def to_torch(self, cell: bool = False):
        """A new torch.nn.GRU (or GRUCell if `cell`) computing this GRU with reset="after"."""
        from .torch_bridge import gru_to_torch
        return gru_to_torch(self, cell=cell)

    @property
    def D(self) -> int:
        return self.W_xr.shape[0]

    @property
    def H(self) -> int:
        return self.W_xr.shape[1]


class GRUStepCache(NamedTuple):
    """What gru_step_backward needs from one forward step. Shapes (N, D) for x_t, else (N, H).

    hn = h_prev W_hn + b_hn is kept for reset="after" only (None for "before").
    """

    x_t: np.ndarray
    h_prev: np.ndarray
    r: np.ndarray
    z: np.ndarray
    n: np.ndarray
    hn: np.ndarray | None
    p: GRUParams
    reset: str


def check_step_inputs(x_t, h_prev, p, reset):
    """Validate one step's arguments; return them as float arrays."""
    validate.choice("reset", reset, RESETS)
    dims = validate.params(p, GRUParams)
    x_t = validate.float_array("x_t", x_t, "ND", dims)
    h_prev = validate.float_array("h_prev", h_prev, "NH", dims)
    return x_t, h_prev


def gru_step_forward(x_t, h_prev, p: GRUParams, reset: str = "before"):
    """One GRU step.

    Args:
        x_t: input at time t, (N, D).
        h_prev: previous hidden state h_{t-1}, (N, H).
        p: GRUParams.
        reset: "before" (lecture form, default) or "after" (torch.nn.GRU's form).
    Returns:
        h_t: new hidden state, (N, H).
        cache: GRUStepCache for gru_step_backward.
    """
    x_t, h_prev = check_step_inputs(x_t, h_prev, p, reset)
    r = sigmoid(x_t @ p.W_xr + h_prev @ p.W_hr + p.b_r)
    z = sigmoid(x_t @ p.W_xz + h_prev @ p.W_hz + p.b_z)
    if reset == "before":
        hn = None
        n = np.tanh(x_t @ p.W_xn + p.b_xn + (r * h_prev) @ p.W_hn + p.b_hn)
    else:
        hn = h_prev @ p.W_hn + p.b_hn
        n = np.tanh(x_t @ p.W_xn + p.b_xn + r * hn)
    h_t = z * h_prev + (1 - z) * n
    return h_t, GRUStepCache(x_t, h_prev, r, z, n, hn, p, reset)


def gru_step_backward(dh_t, cache: GRUStepCache):
    """Backward pass of one GRU step.

    Args:
        dh_t: dL/dh_t, (N, H): everything that flows into h_t (from the loss at t and from t+1).
        cache: the GRUStepCache returned by gru_step_forward.
    Returns:
        dx_t: dL/dx_t, (N, D).
        dh_prev: dL/dh_{t-1}, (N, H).
        grads: GRUParams of dL/d(each parameter), this step's contribution only.
    """
    x, h, r, z, n, hn, p, reset = validate.cache(cache, GRUStepCache, "gru_step_forward")
    dh_t = validate.like("dh_t", dh_t, "NH", h, "the cache's h_prev")

    dz = dh_t * (h - n)                   # h_t = z h + (1 - z) n
    dn = dh_t * (1 - z)
    dh_prev = dh_t * z                    # the direct path through z
    da_n = dn * (1 - n * n)               # tanh' = 1 - n^2
    if reset == "before":
        drh = da_n @ p.W_hn.T             # d(r ⊙ h_prev)
        dr = drh * h
        dh_prev += drh * r                # the path through the candidate
        dW_hn, db_hn = (r * h).T @ da_n, da_n.sum(0)
    else:
        dhn = da_n * r                    # d(h_prev W_hn + b_hn)
        dr = da_n * hn
        dh_prev += dhn @ p.W_hn.T
        dW_hn, db_hn = h.T @ dhn, dhn.sum(0)
    da_r = dr * r * (1 - r)               # σ' = σ (1 - σ)
    da_z = dz * z * (1 - z)
    dh_prev += da_r @ p.W_hr.T + da_z @ p.W_hz.T   # the paths through the gates
    dx_t = da_r @ p.W_xr.T + da_z @ p.W_xz.T + da_n @ p.W_xn.T
    grads = GRUParams(
        W_xr=x.T @ da_r, W_hr=h.T @ da_r, b_r=da_r.sum(0),
        W_xz=x.T @ da_z, W_hz=h.T @ da_z, b_z=da_z.sum(0),
        W_xn=x.T @ da_n, W_hn=dW_hn, b_xn=da_n.sum(0), b_hn=db_hn)
    return dx_t, dh_prev, grads
