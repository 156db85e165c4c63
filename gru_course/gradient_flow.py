"""How far back a gradient reaches: ‖∂h_T/∂h_t‖ against the distance T − t, measured.

The Jacobian ∂h_T/∂h_t of one sequence is obtained by backpropagating every basis vector of h_T
at once: the batch holds H copies of the sequence, and row i of the upstream gradient is e_i.
Walking back one step at a time with the step backward functions then gives ∂h_T/∂h_t for
every t in one pass. For the LSTM the state is the pair (h_t, c_t), and the norm is that of
∂h_T/∂(h_t, c_t): the cell-state path is the point of the comparison.
"""
from __future__ import annotations

import numpy as np

from .gru import GRUParams, gru_step_backward
from .gru_sequence import gru_forward
from .lstm import LSTMCache, LSTMParams, lstm_forward, lstm_step_backward
from .rnn import RNNCache, RNNParams, rnn_forward, rnn_step_backward

KINDS = ("rnn", "gru", "lstm")


def jacobian_norms(kind: str, xs: np.ndarray, p) -> np.ndarray:
    """‖∂h_T/∂h_{T-d}‖_F for d = 1..T, for one sequence xs of shape (T, 1, D) from h0 = 0.

    Returns:
        norms, (T,): norms[d - 1] belongs to distance d.
    """
    T, _, D = xs.shape
    H = p[1].shape[0]
    batch = np.repeat(xs, H, axis=1)               # H identical copies of the sequence
    zeros = np.zeros((H, H))
    dh, dc = np.eye(H), np.zeros((H, H))           # row i: the gradient of h_T[i]
    norms = np.empty(T)
    if kind == "gru":
        _, cache = gru_forward(batch, zeros, p)
        for t in range(T - 1, -1, -1):
            dh = gru_step_backward(dh, cache.step(t))[1]
            norms[T - 1 - t] = np.linalg.norm(dh)
    elif kind == "rnn":
        hs, cache = rnn_forward(batch, zeros, p)
        for t in range(T - 1, -1, -1):
            step = RNNCache(batch[t:t + 1], zeros if t == 0 else hs[t - 1], hs[t:t + 1], p)
            dh = rnn_step_backward(dh, step)[1]
            norms[T - 1 - t] = np.linalg.norm(dh)
    elif kind == "lstm":
        hs, cache = lstm_forward(batch, zeros, zeros, p)
        for t in range(T - 1, -1, -1):
            prev_h, prev_c = (zeros, zeros) if t == 0 else (hs[t - 1], cache.cs[t - 1])
            step = LSTMCache(batch[t:t + 1], prev_h, prev_c, hs[t:t + 1], cache.cs[t:t + 1],
                             cache.gates[t:t + 1], p)
            _, dh, dc, _ = lstm_step_backward(dh, dc, step)
            norms[T - 1 - t] = np.sqrt(np.sum(dh * dh) + np.sum(dc * dc))
    else:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    return norms


def random_cell(kind: str, rng: np.random.Generator, D: int, H: int, gate_bias: float = 0.0):
    """Parameters drawn like torch's defaults; `gate_bias` is added to the GRU's update gate
    b_z, or to the LSTM's forget gate b_f (the gate that keeps the old state)."""
    if kind == "gru":
        p = GRUParams.init(rng, D, H)
        return p._replace(b_z=p.b_z + gate_bias)
    if kind == "lstm":
        p = LSTMParams.init(rng, D, H)
        return p._replace(b_f=p.b_f + gate_bias)
    if kind == "rnn":
        return RNNParams.init(rng, D, H)
    raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")


def mean_jacobian_norms(kind: str, rng: np.random.Generator, T: int = 60, D: int = 4,
                        H: int = 16, n_init: int = 8, gate_bias: float = 0.0) -> np.ndarray:
    """The geometric mean over `n_init` random cells and input sequences of jacobian_norms.

    Returns:
        (T,) array, entry d - 1 for distance d. Geometric, because the norms span decades.
    """
    logs = [np.log(np.maximum(jacobian_norms(kind, rng.standard_normal((T, 1, D)),
                                             random_cell(kind, rng, D, H, gate_bias)), 1e-300))
            for _ in range(n_init)]
    return np.exp(np.mean(logs, axis=0))


def gru_path_norms(xs: np.ndarray, p: GRUParams) -> np.ndarray:
    """‖∂h_T/∂h_{T-d}‖_F split by path, for one sequence xs (T, 1, D) from h0 = 0.

    One step's Jacobian is J_t = diag(z_t) + O_t: the direct path plus the others (through the
    candidate and the two gates). Returns (T, 3): column 0 the product of the full J_t (as
    jacobian_norms), column 1 the product of the direct terms diag(z_t) alone, column 2 the
    product of the other terms O_t alone. Routes that mix the two are in neither of the last two.
    """
    T, _, D = xs.shape
    H = p.W_xr.shape[1]
    _, cache = gru_forward(np.repeat(xs, H, axis=1), np.zeros((H, H)), p)
    full, direct, others = np.eye(H), np.eye(H), np.eye(H)
    norms = np.empty((T, 3))
    for t in range(T - 1, -1, -1):
        step = cache.step(t)
        J = gru_step_backward(np.eye(H), step)[1]    # row i: ∂h_t[i]/∂h_{t-1}
        Z = np.diag(step.z[0])
        full, direct, others = full @ J, direct @ Z, others @ (J - Z)
        norms[T - 1 - t] = [np.linalg.norm(m) for m in (full, direct, others)]
    return norms


def per_step_factor(norms: np.ndarray, start: int = 10, stop: int = 60) -> float:
    """The geometric decay per step of norms (indexed by distance - 1) between two distances:
    exp of the slope of a straight line fitted to log(norms) from `start` to `stop`."""
    d = np.arange(start, stop + 1)
    return float(np.exp(np.polyfit(d, np.log(norms[start - 1:stop]), 1)[0]))
