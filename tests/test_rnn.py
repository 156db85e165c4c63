"""The tanh-RNN baseline (rnn.py)."""
import numpy as np
import pytest
import torch

import gru_course as gc
from torch_reference import max_rel_error, run_cell, run_layer, seeded


def test_forward_and_gradients_equal_torch_nn_rnn(rng):
    module = seeded(torch.nn.RNN, 4, 6)
    p = gc.RNNParams.from_torch(module)
    xs, h0, dhs = rng.standard_normal((7, 3, 4)), rng.standard_normal((3, 6)), rng.standard_normal((7, 3, 6))
    hs, cache = gc.rnn_forward(xs, h0, p)
    dxs, dh0, grads = gc.rnn_backward(dhs, cache)
    out, ref_dxs, ref_dh0, _, ref_grads = run_layer(module, xs, h0, dhs)
    assert max_rel_error([(hs, out), (dxs, ref_dxs), (dh0, ref_dh0), *zip(grads, ref_grads)]) < 1e-10


def test_step_equals_torch_rnn_cell(rng):
    cell = seeded(torch.nn.RNNCell, 4, 6)
    p = gc.RNNParams.from_torch(cell)
    x, h, dh = rng.standard_normal((3, 4)), rng.standard_normal((3, 6)), rng.standard_normal((3, 6))
    h_new, cache = gc.rnn_step_forward(x, h, p)
    dx, dh_prev, grads = gc.rnn_step_backward(dh, cache)
    ref = run_cell(cell, x, h, dh)
    assert max_rel_error([(h_new, ref[0]), (dx, ref[1]), (dh_prev, ref[2]), *zip(grads, ref[3])]) < 1e-10


def test_gradients_match_finite_differences(problem):
    pb = problem(kind="rnn", T=6)
    report = gc.gradient_report(gc.rnn_forward, gc.rnn_backward, pb.xs, pb.h0, pb.p, pb.dhs)
    assert report.ok and report.worst[1] < 1e-7, str(report)


def test_step_backward_refuses_a_sequence_cache(problem):
    pb = problem(kind="rnn", T=3)
    _, cache = gc.rnn_forward(pb.xs, pb.h0, pb.p)
    with pytest.raises(TypeError, match="rnn_backward"):
        gc.rnn_step_backward(pb.dhs[0], cache)


def test_vanishing_gradient_of_a_small_recurrent_weight(rng):
    """The reason gates exist: with ‖W_hh‖ < 1, dL/dx_t shrinks geometrically with T - t."""
    p = gc.RNNParams.init(rng, 2, 8)
    p = p._replace(W_hh=0.5 * np.linalg.qr(rng.standard_normal((8, 8)))[0])   # spectral norm 0.5
    xs = rng.standard_normal((30, 1, 2))
    hs, cache = gc.rnn_forward(xs, np.zeros((1, 8)), p)
    dhs = np.zeros_like(hs)
    dhs[-1] = 1.0
    dxs, _, _ = gc.rnn_backward(dhs, cache)
    norms = np.linalg.norm(dxs.reshape(30, -1), axis=1)
    assert norms[0] < 1e-6 * norms[-1]
