"""The vanilla tanh-RNN, the baseline whose gradient the gates were invented to rescue.

    h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import params as _params
from . import validate


class RNNParams(NamedTuple):
    """W_xh: (D, H); W_hh: (H, H); b_h: (H,) (torch's bias_ih + bias_hh)."""

    W_xh: np.ndarray
    W_hh: np.ndarray
    b_h: np.ndarray

    _dims = {"W_xh": "DH", "W_hh": "HH", "b_h": "H"}

    @classmethod
    def init(cls, rng: np.random.Generator, D: int, H: int, dtype=np.float64) -> "RNNParams":
        """Random parameters, U(-1/sqrt(H), 1/sqrt(H)) like torch.nn.RNN."""
        return _params.init_uniform(cls, rng, D, H, dtype)

    @classmethod
    def from_torch(cls, module) -> "RNNParams":
        """Copy the weights of a tanh torch.nn.RNN (one layer, one direction) or RNNCell."""
        from .torch_bridge import rnn_from_torch
        return rnn_from_torch(module)

    def to_torch(self, cell: bool = False):
        """A new torch.nn.RNN (or RNNCell if `cell`) with these weights."""
        from .torch_bridge import rnn_to_torch
        return rnn_to_torch(self, cell=cell)


class RNNCache(NamedTuple):
    """xs (T, N, D), h0 (N, H), hs (T, N, H), p. A single step is a sequence with T = 1."""

    xs: np.ndarray
    h0: np.ndarray
    hs: np.ndarray
    p: RNNParams


def rnn_step_forward(x_t, h_prev, p: RNNParams):
    """One tanh-RNN step: x_t (N, D), h_prev (N, H) -> (h_t (N, H), cache)."""
    dims = validate.params(p, RNNParams)
    x_t = validate.float_array("x_t", x_t, "ND", dims)
    h_prev = validate.float_array("h_prev", h_prev, "NH", dims)
    hs, cache = _forward(x_t[None], h_prev, p)
    return hs[0], cache


def rnn_step_backward(dh_t, cache: RNNCache):
    """dh_t (N, H) -> (dx_t (N, D), dh_prev (N, H), grads RNNParams)."""
    validate.cache(cache, RNNCache, "rnn_step_forward")
    if cache.hs.shape[0] != 1:
        raise TypeError("cache holds a whole sequence; use rnn_backward for it")
    dh_t = validate.like("dh_t", dh_t, "NH", cache.hs[0], "the cache's h_t")
    dxs, dh_prev, grads = rnn_backward(dh_t[None], cache)
    return dxs[0], dh_prev, grads


def rnn_forward(xs, h0, p: RNNParams):
    """Run a tanh-RNN: xs (T, N, D), h0 (N, H) -> (hs (T, N, H), cache)."""
    dims = validate.params(p, RNNParams)
    xs = validate.float_array("xs", xs, "TND", dims)
    h0 = validate.float_array("h0", h0, "NH", dims)
    return _forward(xs, h0, p)


def _forward(xs, h0, p):
    T, N, D = xs.shape
    xp = (xs.reshape(T * N, D) @ p.W_xh + p.b_h).reshape(T, N, -1)
    hs = np.empty(xp.shape, np.result_type(xp, h0))
    h = h0
    for t in range(T):
        h = np.tanh(xp[t] + h @ p.W_hh, out=hs[t])
    return hs, RNNCache(xs, h0, hs, p)


def rnn_backward(dhs, cache: RNNCache):
    """dhs (T, N, H) -> (dxs (T, N, D), dh0 (N, H), grads RNNParams summed over time)."""
    xs, h0, hs, p = validate.cache(cache, RNNCache, "rnn_forward")
    T, N, H = hs.shape
    dhs = validate.like("dhs", dhs, "TNH", hs, "the cache's hs")
    da = np.empty(hs.shape, np.result_type(hs, dhs))    # d(pre-activation) at every step
    dh = np.zeros((N, H), da.dtype)
    for t in range(T - 1, -1, -1):
        dh += dhs[t]
        np.multiply(dh, 1 - hs[t] * hs[t], out=da[t])    # tanh' = 1 - h^2
        dh = da[t] @ p.W_hh.T
    h_prevs = np.concatenate([h0[None], hs[:-1]]).reshape(T * N, H)
    flat = da.reshape(T * N, H)
    grads = RNNParams(W_xh=xs.reshape(T * N, -1).T @ flat, W_hh=h_prevs.T @ flat,
                      b_h=flat.sum(0))
    return (flat @ p.W_xh.T).reshape(T, N, -1), dh, grads
