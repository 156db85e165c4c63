"""A GRU over a sequence (gru_sequence.py): torch.nn.GRU, finite differences, long sequences."""
import numpy as np
import pytest
import torch

import gru_course as gc
from torch_reference import run_layer, seeded


@pytest.mark.parametrize("T, N, D, H", [(1, 1, 1, 1), (7, 3, 4, 6), (12, 2, 5, 3)])
def test_forward_and_every_gradient_equal_torch_nn_gru(rng, T, N, D, H):
    module = seeded(torch.nn.GRU, D, H, seed=T)
    p = gc.GRUParams.from_torch(module)
    xs, h0, dhs = (rng.standard_normal(s) for s in [(T, N, D), (N, H), (T, N, H)])

    hs, cache = gc.gru_forward(xs, h0, p, reset="after")
    dxs, dh0, grads = gc.gru_backward(dhs, cache)

    out, ref_dxs, ref_dh0, _, ref_grads = run_layer(module, xs, h0, dhs)
    assert gc.rel_error(hs, out) < 1e-10
    assert gc.rel_error(dxs, ref_dxs) < 1e-10
    assert gc.rel_error(dh0, ref_dh0) < 1e-10
    for name, a, b in zip(gc.GRUParams._fields, grads, ref_grads):
        assert a.shape == getattr(p, name).shape, name
        assert gc.rel_error(a, b) < 1e-10, name


@pytest.mark.parametrize("reset", ["before", "after"])
def test_every_gradient_matches_finite_differences(problem, reset):
    pb = problem(T=6)
    forward = lambda xs, h0, p: gc.gru_forward(xs, h0, p, reset)
    report = gc.gradient_report(forward, gc.gru_backward, pb.xs, pb.h0, pb.p, pb.dhs)
    assert report.ok, str(report)
    assert report.worst[1] < 1e-7


@pytest.mark.parametrize("reset", ["before", "after"])
def test_sequence_equals_a_loop_of_steps_and_cache_steps_replay(problem, reset):
    pb = problem(T=4)
    hs, cache = gc.gru_forward(pb.xs, pb.h0, pb.p, reset)
    h, dh, total = pb.h0, np.zeros_like(pb.h0), None
    for t in range(pb.T):
        h, step_cache = gc.gru_step_forward(pb.xs[t], h, pb.p, reset)
        assert gc.rel_error(h, hs[t]) < 1e-14
    dxs, dh0, grads = gc.gru_backward(pb.dhs, cache)
    for t in reversed(range(pb.T)):
        dx, dh, g = gc.gru_step_backward(pb.dhs[t] + dh, cache.step(t))
        assert gc.rel_error(dx, dxs[t]) < 1e-12
        total = g if total is None else gc.GRUParams(*(a + b for a, b in zip(total, g)))
    assert gc.rel_error(dh, dh0) < 1e-12
    for a, b in zip(total, grads):
        assert gc.rel_error(a, b) < 1e-12


def test_cache_exposes_gates_with_their_shapes(problem):
    pb = problem(T=3, N=2, D=4, H=5)
    _, cache = gc.gru_forward(pb.xs, pb.h0, pb.p)
    for name in ("r", "z", "n", "hs", "rh"):
        assert getattr(cache, name).shape == (3, 2, 5), name
    assert cache.hn is None
    assert ((cache.r > 0) & (cache.r < 1)).all() and ((cache.z > 0) & (cache.z < 1)).all()


def test_5000_steps_in_float32_stay_finite_forward_and_backward(rng):
    p = gc.GRUParams.init(rng, 8, 16, dtype=np.float32)
    p = p._replace(W_hn=3 * p.W_hn)                       # a strongly driven candidate
    xs = (5 * rng.standard_normal((5000, 4, 8))).astype(np.float32)
    for reset in ("before", "after"):
        hs, cache = gc.gru_forward(xs, np.zeros((4, 16), np.float32), p, reset)
        dxs, dh0, grads = gc.gru_backward(np.ones_like(hs), cache)
        assert hs.dtype == np.float32 and np.isfinite(hs).all() and np.abs(hs).max() <= 1
        assert np.isfinite(dxs).all() and np.isfinite(dh0).all()
        assert all(np.isfinite(g).all() for g in grads)


def test_float32_forward_agrees_with_float64(problem):
    pb = problem(T=20)
    hs64, _ = gc.gru_forward(pb.xs, pb.h0, pb.p)
    p32 = gc.GRUParams(*(a.astype(np.float32) for a in pb.p))
    hs32, _ = gc.gru_forward(pb.xs.astype(np.float32), pb.h0.astype(np.float32), p32)
    assert hs32.dtype == np.float32
    assert gc.rel_error(hs32, hs64) < 1e-5
