"""The LSTM (torch.nn.LSTM's equations), for comparing its gates and its cell-state highway.

    i_t = σ(x_t W_xi + h_{t-1} W_hi + b_i)          input gate
    f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f)          forget gate
    g_t = tanh(x_t W_xg + h_{t-1} W_hg + b_g)       candidate cell
    o_t = σ(x_t W_xo + h_{t-1} W_ho + b_o)          output gate
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t                 cell state
    h_t = o_t ⊙ tanh(c_t)                           hidden state
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import params as _params
from . import validate
from .activations import sigmoid_


class LSTMParams(NamedTuple):
    """Twelve parameters, four per gate in torch's order i, f, g, o. W_x*: (D, H); W_h*: (H, H)."""

    W_xi: np.ndarray
    W_hi: np.ndarray
    b_i: np.ndarray
    W_xf: np.ndarray
    W_hf: np.ndarray
    b_f: np.ndarray
    W_xg: np.ndarray
    W_hg: np.ndarray
    b_g: np.ndarray
    W_xo: np.ndarray
    W_ho: np.ndarray
    b_o: np.ndarray

    _dims = {"W_xi": "DH", "W_hi": "HH", "b_i": "H", "W_xf": "DH", "W_hf": "HH", "b_f": "H",
             "W_xg": "DH", "W_hg": "HH", "b_g": "H", "W_xo": "DH", "W_ho": "HH", "b_o": "H"}

    @classmethod
    def init(cls, rng: np.random.Generator, D: int, H: int, dtype=np.float64) -> "LSTMParams":
        """Random parameters, U(-1/sqrt(H), 1/sqrt(H)) like torch.nn.LSTM."""
        return _params.init_uniform(cls, rng, D, H, dtype)

    @classmethod
    def from_torch(cls, module) -> "LSTMParams":
        """Copy the weights of a torch.nn.LSTM (one layer, one direction) or LSTMCell."""
        from .torch_bridge import lstm_from_torch
        return lstm_from_torch(module)

    def to_torch(self, cell: bool = False):
        """A new torch.nn.LSTM (or LSTMCell if `cell`) with these weights."""
        from .torch_bridge import lstm_to_torch
        return lstm_to_torch(self, cell=cell)


class LSTMCache(NamedTuple):
    """xs (T, N, D); h0, c0 (N, H); hs, cs (T, N, H); gates (T, N, 4H) as i | f | g | o."""

    xs: np.ndarray
    h0: np.ndarray
    c0: np.ndarray
    hs: np.ndarray
    cs: np.ndarray
    gates: np.ndarray
    p: LSTMParams


def lstm_step_forward(x_t, h_prev, c_prev, p: LSTMParams):
    """One LSTM step: x_t (N, D), h_prev and c_prev (N, H) -> (h_t, c_t, cache)."""
    dims = validate.params(p, LSTMParams)
    x_t = validate.float_array("x_t", x_t, "ND", dims)
    h_prev = validate.float_array("h_prev", h_prev, "NH", dims)
    c_prev = validate.float_array("c_prev", c_prev, "NH", dims)
    hs, cache = _forward(x_t[None], h_prev, c_prev, p)
    return hs[0], cache.cs[0], cache


def lstm_step_backward(dh_t, dc_t, cache: LSTMCache):
    """dh_t, dc_t (N, H) -> (dx_t (N, D), dh_prev, dc_prev (N, H), grads LSTMParams)."""
    validate.cache(cache, LSTMCache, "lstm_step_forward")
    if cache.hs.shape[0] != 1:
        raise TypeError("cache holds a whole sequence; use lstm_backward for it")
    dh_t = validate.like("dh_t", dh_t, "NH", cache.hs[0], "the cache's h_t")
    dc_t = validate.like("dc_t", dc_t, "NH", cache.cs[0], "the cache's c_t")
    dxs, dh_prev, dc_prev, grads = _backward(dh_t[None], dc_t, cache)
    return dxs[0], dh_prev, dc_prev, grads


def lstm_forward(xs, h0, c0, p: LSTMParams):
    """Run an LSTM: xs (T, N, D), h0 and c0 (N, H) -> (hs (T, N, H), cache with cache.cs)."""
    dims = validate.params(p, LSTMParams)
    xs = validate.float_array("xs", xs, "TND", dims)
    h0 = validate.float_array("h0", h0, "NH", dims)
    c0 = validate.float_array("c0", c0, "NH", dims)
    return _forward(xs, h0, c0, p)


def lstm_backward(dhs, cache: LSTMCache):
    """dhs = dL/dh_t (T, N, H) -> (dxs (T, N, D), dh0, dc0 (N, H), grads summed over time)."""
    validate.cache(cache, LSTMCache, "lstm_forward")
    dhs = validate.like("dhs", dhs, "TNH", cache.hs, "the cache's hs")
    return _backward(dhs, np.zeros_like(cache.c0), cache)


def _weights(p: LSTMParams, dtype):
    W_x = np.concatenate([p.W_xi, p.W_xf, p.W_xg, p.W_xo], axis=1).astype(dtype, copy=False)
    W_h = np.concatenate([p.W_hi, p.W_hf, p.W_hg, p.W_ho], axis=1).astype(dtype, copy=False)
    b = np.concatenate([p.b_i, p.b_f, p.b_g, p.b_o]).astype(dtype, copy=False)
    return W_x, W_h, b


def _forward(xs, h0, c0, p):
    T, N, D = xs.shape
    H = p.W_hi.shape[0]
    dtype = np.result_type(xs, h0, c0, *p)
    W_x, W_h, b = _weights(p, dtype)
    gates = (xs.reshape(T * N, D) @ W_x + b).reshape(T, N, 4 * H)
    hs = np.empty((T, N, H), dtype)
    cs = np.empty((T, N, H), dtype)
    h, c = h0, c0
    with np.errstate(over="ignore"):
        for t in range(T):
            a = gates[t]
            a += h @ W_h
            sigmoid_(a[:, :2 * H])
            np.tanh(a[:, 2 * H:3 * H], out=a[:, 2 * H:3 * H])
            sigmoid_(a[:, 3 * H:])
            i, f, g, o = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
            c = np.add(f * c, i * g, out=cs[t])
            h = np.multiply(o, np.tanh(c), out=hs[t])
    return hs, LSTMCache(xs, h0, c0, hs, cs, gates, p)


def _backward(dhs, dc_last, cache):
    xs, h0, c0, hs, cs, gates, p = cache
    T, N, H = hs.shape
    dtype = np.result_type(hs, dhs)
    W_x, W_h, _ = _weights(p, dtype)
    da = np.empty((T, N, 4 * H), dtype)          # d(pre-activations), i | f | g | o
    dh = np.zeros((N, H), dtype)
    dc = np.array(dc_last, dtype=dtype)
    for t in range(T - 1, -1, -1):
        dh += dhs[t]
        i, f, g, o = (gates[t, :, k * H:(k + 1) * H] for k in range(4))
        c_prev = c0 if t == 0 else cs[t - 1]
        tc = np.tanh(cs[t])
        dc += dh * o * (1 - tc * tc)
        np.multiply(dc * g, i * (1 - i), out=da[t, :, :H])
        np.multiply(dc * c_prev, f * (1 - f), out=da[t, :, H:2 * H])
        np.multiply(dc * i, 1 - g * g, out=da[t, :, 2 * H:3 * H])
        np.multiply(dh * tc, o * (1 - o), out=da[t, :, 3 * H:])
        dc *= f                                  # the cell-state highway: only a product with f
        dh = da[t] @ W_h.T
    TN = T * N
    flat = da.reshape(TN, 4 * H)
    h_prevs = np.concatenate([h0[None], hs[:-1]]).reshape(TN, H)
    dW_x = xs.reshape(TN, -1).T @ flat
    dW_h = h_prevs.T @ flat
    db = flat.sum(0)
    fields = []
    for k in range(4):
        block = slice(k * H, (k + 1) * H)
        fields += [dW_x[:, block], dW_h[:, block], db[block]]
    dxs = (flat @ W_x.T).reshape(T, N, -1)
    return dxs, dh, dc, LSTMParams(*fields)
