"""A GRU over a whole sequence, forward and backward through time.

The equations of gru.py, arranged for speed without changing what they compute:
- the input projections x_t W_x* of all T steps are computed before the loop, in two matrix
  products (r | z together, n alone), and the gates are then written over them in place;
- the loop does only what must be sequential: the recurrent products and a few elementwise
  operations per step, on contiguous (N, H) or (N, 2H) blocks (numpy is about twice as slow on
  column slices of a wider array);
- the weight gradients are matrix products after the loop, over all steps at once.
cache.step(t) gives step t's GRUStepCache, so gru_step_backward can replay any step.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import validate
from .activations import sigmoid_
from .gru import RESETS, GRUParams, GRUStepCache


class GRUCache(NamedTuple):
    """What gru_backward needs from gru_forward. Shapes (T, N, H) unless noted.

    xs: inputs (T, N, D); h0: initial state (N, H); hs: states h_1..h_T;
    rz: reset and update gates side by side, (T, N, 2H), also readable as cache.r and cache.z;
    n: candidate; hn: h_{t-1} W_hn + b_hn (reset="after", else None);
    rh: r ⊙ h_{t-1} (reset="before", else None).
    """

    xs: np.ndarray
    h0: np.ndarray
    hs: np.ndarray
    rz: np.ndarray
    n: np.ndarray
    hn: np.ndarray | None
    rh: np.ndarray | None
    p: GRUParams
    reset: str

    @property
    def r(self) -> np.ndarray:
        """Reset gate at every step, (T, N, H)."""
        return self.rz[..., :self.hs.shape[2]]

    @property
    def z(self) -> np.ndarray:
        """Update gate at every step, (T, N, H)."""
        return self.rz[..., self.hs.shape[2]:]

    def h_prev(self, t: int) -> np.ndarray:
        """h_{t-1} of step t, (N, H): h0 for t = 0."""
        return self.h0 if t == 0 else self.hs[t - 1]

    def step(self, t: int) -> GRUStepCache:
        """The cache of step t, as gru_step_forward would have returned it."""
        hn = None if self.hn is None else self.hn[t]
        return GRUStepCache(self.xs[t], self.h_prev(t), self.r[t], self.z[t], self.n[t], hn,
                            self.p, self.reset)


def gru_forward(xs, h0, p: GRUParams, reset: str = "before"):
    """Run a GRU over a sequence.

    Args:
        xs: inputs, time-major (T, N, D), T >= 1.
        h0: initial hidden state, (N, H).
        p: GRUParams.
        reset: "before" (lecture form, default) or "after" (torch.nn.GRU's form).
    Returns:
        hs: hidden states h_1..h_T, (T, N, H).
        cache: GRUCache for gru_backward.
    """
    validate.choice("reset", reset, RESETS)
    dims = validate.params(p, GRUParams)
    xs = validate.float_array("xs", xs, "TND", dims)
    h0 = validate.float_array("h0", h0, "NH", dims)
    T, N, D = xs.shape
    if T == 0:
        raise ValueError("xs has T=0 time steps; a sequence needs at least one")
    H = p.H
    dtype = np.result_type(xs, h0, *p)
    W_xrz, b_rz, W_hrz = _stacked(p, dtype)
    W_xn, W_hn = p.W_xn.astype(dtype, copy=False), p.W_hn.astype(dtype, copy=False)
    # One allocation for all the cache keeps: cheaper than four fresh arrays (see _carve).
    # `extra` is hn = h W_hn + b_hn for reset="after", rh = r ⊙ h for reset="before".
    rz, n, extra, hs = _carve(np.empty(T * N * 5 * H, dtype),
                              (T, N, 2 * H), (T, N, H), (T, N, H), (T, N, H))
    X = xs.reshape(T * N, D).astype(dtype, copy=False)
    np.matmul(X, W_xrz, out=rz.reshape(T * N, 2 * H))   # the input side of every step at once,
    rz += b_rz                                          # overwritten below by the gates
    np.matmul(X, W_xn, out=n.reshape(T * N, H))
    n += p.b_xn
    a = np.empty((N, 2 * H), dtype)
    h = h0.astype(dtype, copy=False)
    with np.errstate(over="ignore"):
        for t in range(T):
            g, n_t = rz[t], n[t]                        # g = r | z
            g += np.matmul(h, W_hrz, out=a)
            sigmoid_(g)
            if reset == "after":
                np.matmul(h, W_hn, out=extra[t])
                extra[t] += p.b_hn                      # hn
                n_t += g[:, :H] * extra[t]              # + r ⊙ hn
            else:
                np.multiply(g[:, :H], h, out=extra[t])  # rh = r ⊙ h
                n_t += extra[t] @ W_hn
                n_t += p.b_hn
            np.tanh(n_t, out=n_t)
            np.subtract(h, n_t, out=hs[t])              # h_t = n + z ⊙ (h - n)
            hs[t] *= g[:, H:]
            hs[t] += n_t
            h = hs[t]
    hn, rh = (extra, None) if reset == "after" else (None, extra)
    return hs, GRUCache(xs, h0, hs, rz, n, hn, rh, p, reset)


def gru_backward(dhs, cache: GRUCache):
    """Backpropagation through time for gru_forward.

    Args:
        dhs: dL/dh_t for every t, (T, N, H) (zeros where the loss does not read h_t).
        cache: the GRUCache returned by gru_forward.
    Returns:
        dxs: dL/dx_t for every t, (T, N, D).
        dh0: dL/dh0, (N, H).
        grads: GRUParams, each gradient summed over all time steps.
    """
    xs, h0, hs, rz, n, hn, rh, p, reset = validate.cache(cache, GRUCache, "gru_forward")
    dhs = validate.like("dhs", dhs, "TNH", hs, "the cache's hs")
    T, N, H = hs.shape
    D = xs.shape[2]
    dtype = np.result_type(hs, dhs)
    W_xrz, _, W_hrz = _stacked(p, dtype)
    W_hn = p.W_hn.astype(dtype, copy=False)
    # d(pre-activations): of r | z, and of n (input side; the recurrent side of n is r ⊙ da_n)
    da_rz, da_n = _carve(np.empty(T * N * 3 * H, dtype), (T, N, 2 * H), (T, N, H))
    dhn = np.empty((N, H), dtype)
    dh = np.zeros((N, H), dtype)             # dL/dh_t, gathered from the loss and from t+1
    for t in range(T - 1, -1, -1):
        dh += dhs[t]                         # add, never overwrite, what came from t+1
        h = h0 if t == 0 else hs[t - 1]
        g, n_t, d = rz[t], n[t], da_rz[t]    # g = r | z, d = da_r | da_z
        np.multiply(dh, 1 - g[:, H:], out=da_n[t])   # through h_t = z h + (1 - z) n ...
        da_n[t] *= 1 - n_t * n_t                     # ... and n = tanh(a_n)
        if reset == "after":
            np.multiply(da_n[t], hn[t], out=d[:, :H])         # dr
        else:
            drh = da_n[t] @ W_hn.T                            # d(r ⊙ h)
            np.multiply(drh, h, out=d[:, :H])                 # dr
        np.multiply(dh, h - n_t, out=d[:, H:])                # dz
        d *= g * (1 - g)                                      # σ' = σ (1 - σ), for r and z
        dh *= g[:, H:]                                        # the direct path through z
        dh += d @ W_hrz.T                                     # the paths through the gates
        if reset == "after":                                  # the path through the candidate
            dh += np.multiply(da_n[t], g[:, :H], out=dhn) @ W_hn.T
        else:
            dh += drh * g[:, :H]

    TN = T * N
    flat_rz, flat_n = da_rz.reshape(TN, 2 * H), da_n.reshape(TN, H)
    X = xs.reshape(TN, D)
    dxs = flat_rz @ W_xrz.T
    dxs += flat_n @ p.W_xn.T
    dW_xrz, dW_xn = X.T @ flat_rz, X.T @ flat_n
    db_rz, db_xn = flat_rz.sum(axis=0), flat_n.sum(axis=0)
    dW_hrz = _sum_over_time(h0, hs, da_rz)
    if reset == "after":
        da_n *= rz[..., :H]                  # da_n -> d(hn) = r ⊙ da_n, for W_hn and b_hn
        dW_hn, db_hn = _sum_over_time(h0, hs, da_n), flat_n.sum(axis=0)
    else:
        dW_hn, db_hn = rh.reshape(TN, H).T @ flat_n, db_xn.copy()
    grads = GRUParams(
        W_xr=dW_xrz[:, :H], W_hr=dW_hrz[:, :H], b_r=db_rz[:H],
        W_xz=dW_xrz[:, H:], W_hz=dW_hrz[:, H:], b_z=db_rz[H:],
        W_xn=dW_xn, W_hn=dW_hn, b_xn=db_xn, b_hn=db_hn)
    return dxs.reshape(T, N, D), dh, grads


def _stacked(p: GRUParams, dtype):
    """W_xrz = [W_xr W_xz] (D, 2H), b_rz = [b_r b_z] (2H,), W_hrz = [W_hr W_hz] (H, 2H)."""
    W_xrz = np.concatenate([p.W_xr, p.W_xz], axis=1).astype(dtype, copy=False)
    b_rz = np.concatenate([p.b_r, p.b_z]).astype(dtype, copy=False)
    W_hrz = np.concatenate([p.W_hr, p.W_hz], axis=1).astype(dtype, copy=False)
    return W_xrz, b_rz, W_hrz


def _carve(flat: np.ndarray, *shapes):
    """Consecutive C-contiguous arrays of the given shapes, viewed out of one flat buffer."""
    out, start = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        out.append(flat[start:start + size].reshape(shape))
        start += size
    return out


def _sum_over_time(h0, hs, dA):
    """Σ_t h_{t-1}ᵀ dA[t] as two products (h0 alone, then hs[:-1]) instead of stacking h_{t-1}."""
    T, N, K = dA.shape
    H = hs.shape[2]
    total = h0.T @ dA[0]
    if T > 1:
        total += hs[:-1].reshape((T - 1) * N, H).T @ dA[1:].reshape((T - 1) * N, K)
    return total
