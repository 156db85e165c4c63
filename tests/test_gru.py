"""One GRU step (gru.py): equal to torch.nn.GRUCell, and to finite differences in lecture form."""
import numpy as np
import pytest
import torch

import gru_course as gc
from torch_reference import max_rel_error, run_cell, seeded


@pytest.mark.parametrize("N, D, H", [(1, 1, 1), (3, 4, 6), (5, 2, 9)])
def test_step_forward_and_every_gradient_equal_torch_gru_cell(rng, N, D, H):
    cell = seeded(torch.nn.GRUCell, D, H, seed=N + D + H)
    p = gc.GRUParams.from_torch(cell)
    x, h, dh = rng.standard_normal((N, D)), rng.standard_normal((N, H)), rng.standard_normal((N, H))

    h_new, cache = gc.gru_step_forward(x, h, p, reset="after")
    dx, dh_prev, grads = gc.gru_step_backward(dh, cache)

    ref_h, ref_dx, ref_dh, ref_grads = run_cell(cell, x, h, dh)
    assert gc.rel_error(h_new, ref_h) < 1e-10
    assert gc.rel_error(dx, ref_dx) < 1e-10
    assert gc.rel_error(dh_prev, ref_dh) < 1e-10
    for name, a, b in zip(gc.GRUParams._fields, grads, ref_grads):
        assert gc.rel_error(a, b) < 1e-10, name


@pytest.mark.parametrize("reset", ["before", "after"])
def test_step_backward_matches_finite_differences(problem, reset):
    pb = problem(T=1)
    step = lambda xs, h0, p: gc.gru_step_forward(xs[0], h0, p, reset)[0][None]
    _, cache = gc.gru_step_forward(pb.xs[0], pb.h0, pb.p, reset)
    dx, dh_prev, grads = gc.gru_step_backward(pb.dhs[0], cache)
    loss = lambda xs, h0, p: float(np.sum(pb.dhs * step(xs, h0, p)))
    assert gc.rel_error(dx, gc.numerical_gradient(lambda v: loss(v[None], pb.h0, pb.p), pb.xs[0])) < 1e-7
    assert gc.rel_error(dh_prev, gc.numerical_gradient(lambda v: loss(pb.xs, v, pb.p), pb.h0)) < 1e-7
    numeric = gc.numerical_param_gradients(lambda q: loss(pb.xs, pb.h0, q), pb.p)
    assert max_rel_error(zip(grads, numeric)) < 1e-7


def test_the_two_reset_placements_differ_and_agree_without_reset(rng):
    p = gc.GRUParams.init(rng, 3, 5)
    x, h = rng.standard_normal((2, 3)), rng.standard_normal((2, 5))
    before, _ = gc.gru_step_forward(x, h, p, "before")
    after, _ = gc.gru_step_forward(x, h, p, "after")
    assert gc.rel_error(before, after) > 1e-3          # b_hn is multiplied by r only "after"
    open_gate = p._replace(W_xr=0 * p.W_xr, W_hr=0 * p.W_hr, b_r=np.full(5, 60.0))   # r = 1
    before, _ = gc.gru_step_forward(x, h, open_gate, "before")
    after, _ = gc.gru_step_forward(x, h, open_gate, "after")
    assert gc.rel_error(before, after) < 1e-15


def test_update_gate_one_copies_the_old_state_and_zero_takes_the_candidate(rng):
    p = gc.GRUParams.init(rng, 3, 4)
    x, h = rng.standard_normal((2, 3)), rng.standard_normal((2, 4))
    keep = p._replace(b_z=np.full(4, 800.0))            # z = 1 exactly in float64
    assert np.array_equal(gc.gru_step_forward(x, h, keep)[0], h)
    take = p._replace(b_z=np.full(4, -800.0))           # z = 0
    h_new, cache = gc.gru_step_forward(x, h, take)
    assert np.array_equal(h_new, cache.n)


def test_float32_in_float32_out(rng):
    p = gc.GRUParams.init(rng, 3, 4, dtype=np.float32)
    h, _ = gc.gru_step_forward(rng.standard_normal((2, 3)).astype(np.float32),
                               np.zeros((2, 4), np.float32), p)
    assert h.dtype == np.float32
