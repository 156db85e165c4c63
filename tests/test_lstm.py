"""The LSTM for comparison (lstm.py): torch.nn.LSTM, LSTMCell, finite differences."""
import numpy as np
import pytest
import torch

import gru_course as gc
from torch_reference import max_rel_error, run_cell, run_layer, seeded


@pytest.mark.parametrize("T, N, D, H", [(1, 1, 1, 1), (6, 3, 4, 5)])
def test_forward_and_every_gradient_equal_torch_nn_lstm(rng, T, N, D, H):
    module = seeded(torch.nn.LSTM, D, H)
    p = gc.LSTMParams.from_torch(module)
    xs, h0, c0, dhs = (rng.standard_normal(s) for s in [(T, N, D), (N, H), (N, H), (T, N, H)])
    hs, cache = gc.lstm_forward(xs, h0, c0, p)
    dxs, dh0, dc0, grads = gc.lstm_backward(dhs, cache)
    out, ref_dxs, ref_dh0, ref_dc0, ref_grads = run_layer(module, xs, h0, dhs, c0=c0)
    assert gc.rel_error(hs, out) < 1e-10
    assert max_rel_error([(dxs, ref_dxs), (dh0, ref_dh0), (dc0, ref_dc0)]) < 1e-10
    for name, a, b in zip(gc.LSTMParams._fields, grads, ref_grads):
        assert gc.rel_error(a, b) < 1e-10, name


def test_step_equals_torch_lstm_cell(rng):
    cell = seeded(torch.nn.LSTMCell, 4, 5)
    p = gc.LSTMParams.from_torch(cell)
    x, h, c, dh = (rng.standard_normal(s) for s in [(3, 4), (3, 5), (3, 5), (3, 5)])
    h_new, c_new, cache = gc.lstm_step_forward(x, h, c, p)
    dx, dh_prev, dc_prev, grads = gc.lstm_step_backward(dh, np.zeros_like(c), cache)
    ref_h, ref_c, ref_dx, ref_dh, ref_dc, ref_grads = run_cell(cell, x, h, dh, c=c)
    assert max_rel_error([(h_new, ref_h), (c_new, ref_c), (dx, ref_dx), (dh_prev, ref_dh),
                          (dc_prev, ref_dc), *zip(grads, ref_grads)]) < 1e-10


def test_gradients_match_finite_differences_including_the_cell_state(problem):
    pb = problem(kind="lstm", T=5)
    forward = lambda xs, h0, p: gc.lstm_forward(xs, h0, pb.c0, p)
    backward = lambda dhs, cache: (lambda dxs, dh0, dc0, g: (dxs, dh0, g))(*gc.lstm_backward(dhs, cache))
    report = gc.gradient_report(forward, backward, pb.xs, pb.h0, pb.p, pb.dhs)
    assert report.ok and report.worst[1] < 1e-7, str(report)
    _, cache = gc.lstm_forward(pb.xs, pb.h0, pb.c0, pb.p)
    dc0 = gc.lstm_backward(pb.dhs, cache)[2]
    loss = lambda c0: float(np.sum(pb.dhs * gc.lstm_forward(pb.xs, pb.h0, c0, pb.p)[0]))
    assert gc.rel_error(dc0, gc.numerical_gradient(loss, pb.c0)) < 1e-7


def test_step_backward_with_a_cell_gradient_matches_finite_differences(problem):
    pb = problem(kind="lstm", T=1)
    dc = pb.dhs[0][::-1].copy()
    h, c, cache = gc.lstm_step_forward(pb.xs[0], pb.h0, pb.c0, pb.p)
    _, _, dc_prev, _ = gc.lstm_step_backward(pb.dhs[0], dc, cache)
    def loss(c0):
        h, c, _ = gc.lstm_step_forward(pb.xs[0], pb.h0, c0, pb.p)
        return float(np.sum(pb.dhs[0] * h) + np.sum(dc * c))
    assert gc.rel_error(dc_prev, gc.numerical_gradient(loss, pb.c0)) < 1e-7


def test_forget_gate_one_and_input_gate_zero_carry_the_cell_unchanged(rng):
    p = gc.LSTMParams.init(rng, 3, 4)
    p = p._replace(b_f=np.full(4, 800.0), b_i=np.full(4, -800.0))
    c0 = rng.standard_normal((2, 4))
    hs, cache = gc.lstm_forward(rng.standard_normal((50, 2, 3)), np.zeros((2, 4)), c0, p)
    assert np.array_equal(cache.cs[-1], c0)
