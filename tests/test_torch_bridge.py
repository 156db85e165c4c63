"""Parameters to and from torch (torch_bridge.py)."""
import numpy as np
import pytest
import torch

import gru_course as gc
from torch_reference import seeded


@pytest.mark.parametrize("cls, layer, cell", [
    (gc.GRUParams, torch.nn.GRU, torch.nn.GRUCell),
    (gc.LSTMParams, torch.nn.LSTM, torch.nn.LSTMCell),
    (gc.RNNParams, torch.nn.RNN, torch.nn.RNNCell)])
def test_round_trip_preserves_what_the_module_computes(rng, cls, layer, cell):
    module = seeded(layer, 3, 5)
    p = cls.from_torch(module)
    assert [a.shape for a in p] == [(3, 5) if d == "DH" else (5, 5) if d == "HH" else (5,)
                                    for d in cls._dims.values()]
    x = torch.tensor(rng.standard_normal((4, 2, 3)))
    back = p.to_torch()
    assert isinstance(back, layer)
    assert torch.allclose(back(x)[0], module(x)[0], rtol=0, atol=1e-14)
    as_cell = p.to_torch(cell=True)
    assert isinstance(as_cell, cell)
    assert cls.from_torch(as_cell)[0].shape == (3, 5)


@pytest.mark.parametrize("cls, step", [
    (gc.GRUParams, lambda x, h, c, p: gc.gru_step_forward(x, h, p, reset="after")[0]),
    (gc.LSTMParams, lambda x, h, c, p: gc.lstm_step_forward(x, h, c, p)[:2]),
    (gc.RNNParams, lambda x, h, c, p: gc.rnn_step_forward(x, h, p)[0])])
def test_the_cell_computes_what_the_numpy_step_computes(rng, cls, step):
    p = cls.init(rng, 3, 5)
    x, h, c = rng.standard_normal((2, 3)), rng.standard_normal((2, 5)), rng.standard_normal((2, 5))
    cell = p.to_torch(cell=True)
    with torch.no_grad():
        out = cell(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c))
                   if cls is gc.LSTMParams else torch.from_numpy(h))
    expected = step(x, h, c, p)
    if cls is gc.LSTMParams:
        np.testing.assert_allclose(out[0].numpy(), expected[0], atol=1e-12)
        np.testing.assert_allclose(out[1].numpy(), expected[1], atol=1e-12)
    else:
        np.testing.assert_allclose(out.numpy(), expected, atol=1e-12)


def test_gru_gate_blocks_are_transposed_and_in_order_r_z_n():
    module = seeded(torch.nn.GRU, 2, 3)
    p = gc.GRUParams.from_torch(module)
    w_ih = module.weight_ih_l0.detach().numpy()
    np.testing.assert_array_equal(p.W_xr, w_ih[0:3].T)
    np.testing.assert_array_equal(p.W_xz, w_ih[3:6].T)
    np.testing.assert_array_equal(p.W_xn, w_ih[6:9].T)
    b_ih, b_hh = module.bias_ih_l0.detach().numpy(), module.bias_hh_l0.detach().numpy()
    np.testing.assert_array_equal(p.b_r, b_ih[0:3] + b_hh[0:3])
    np.testing.assert_array_equal(p.b_xn, b_ih[6:9])
    np.testing.assert_array_equal(p.b_hn, b_hh[6:9])


def test_float32_module_gives_float32_params_and_back():
    torch.manual_seed(0)
    p = gc.GRUParams.from_torch(torch.nn.GRU(2, 3))
    assert p.W_xr.dtype == np.float32
    assert p.to_torch().weight_ih_l0.dtype == torch.float32


def test_module_without_bias_gives_zero_biases():
    torch.manual_seed(0)
    p = gc.GRUParams.from_torch(torch.nn.GRU(2, 3, bias=False))
    assert not p.b_r.any() and not p.b_hn.any()


def test_from_torch_does_not_alias_the_module_weights():
    module = seeded(torch.nn.GRU, 2, 3)
    p = gc.GRUParams.from_torch(module)
    before = p.W_hz.copy()
    with torch.no_grad():
        module.weight_hh_l0.add_(1.0)
    np.testing.assert_array_equal(p.W_hz, before)


@pytest.mark.parametrize("module, message", [
    (torch.nn.GRU(2, 3, num_layers=2), "num_layers=2"),
    (torch.nn.GRU(2, 3, bidirectional=True), "bidirectional=True"),
    (torch.nn.LSTM(2, 3), "expects torch.nn.GRU or torch.nn.GRUCell, got LSTM"),
    (torch.nn.Linear(2, 3), "got Linear")])
def test_from_torch_refuses_what_it_cannot_copy(module, message):
    with pytest.raises((TypeError, ValueError), match=message):
        gc.GRUParams.from_torch(module)


def test_rnn_from_torch_refuses_relu():
    with pytest.raises(ValueError, match="nonlinearity='relu'"):
        gc.RNNParams.from_torch(torch.nn.RNN(2, 3, nonlinearity="relu"))


def test_grads_from_torch_needs_a_backward_pass_first():
    from gru_course.torch_bridge import grads_from_torch
    with pytest.raises(ValueError, match="loss.backward"):
        grads_from_torch(torch.nn.GRU(2, 3))
    with pytest.raises(TypeError, match="Linear"):
        grads_from_torch(torch.nn.Linear(2, 3))
