"""Moving parameters between the course's numpy tuples and torch.nn modules, gate by gate.

torch stores a layer's input weights as one (G*H, D) matrix whose row blocks are the gates
(GRU: r, z, n; LSTM: i, f, g, o), and the recurrent weights as one (G*H, H) matrix. The course
keeps one (D, H) matrix per gate because it writes x_t W, so every block is transposed.
torch has two biases per gate, bias_ih and bias_hh. Only their sum matters, except for the GRU's
candidate under reset="after", where b_hn is multiplied by r: so b_xn and b_hn stay separate, and
the way back puts each summed bias into bias_ih and zeros into bias_hh.
torch is imported only when one of these functions runs.
"""
from __future__ import annotations

import numpy as np

from .gru import GRUParams
from .lstm import LSTMParams
from .rnn import RNNParams

def _layer(module, kind: str, cls_name: str, grad: bool = False):
    """The arrays (w_ih, w_hh, b_ih, b_hh, H) of a one-layer, one-direction module or cell.

    With `grad`, the arrays are the parameters' .grad instead of their values.
    """
    import torch.nn as nn

    layer, cell = getattr(nn, kind), getattr(nn, kind + "Cell")
    if not isinstance(module, (layer, cell)):
        raise TypeError(f"{cls_name}.from_torch expects torch.nn.{kind} or torch.nn.{kind}Cell, "
                        f"got {type(module).__name__}")
    suffix = ""
    if isinstance(module, layer):
        if module.num_layers != 1 or module.bidirectional:
            raise ValueError(
                f"{cls_name}.from_torch copies one layer in one direction; got num_layers="
                f"{module.num_layers}, bidirectional={module.bidirectional}. Copy one layer "
                f"into a torch.nn.{kind}(input_size, hidden_size) first.")
        if getattr(module, "proj_size", 0):
            raise ValueError("LSTMParams.from_torch does not handle proj_size > 0")
        suffix = "_l0"
    if kind == "RNN" and getattr(module, "nonlinearity", "tanh") != "tanh":
        raise ValueError(f"RNNParams is a tanh-RNN; got nonlinearity={module.nonlinearity!r}")
    def read(name):
        tensor = getattr(module, name + suffix, None)
        if tensor is None:                         # bias=False
            return np.zeros(w_ih.shape[0], w_ih.dtype)
        if grad:
            if tensor.grad is None:
                raise ValueError(f"{name + suffix} has no .grad yet; call loss.backward() first")
            tensor = tensor.grad
        return tensor.detach().cpu().numpy()

    w_ih = read("weight_ih")
    w_hh = read("weight_hh")
    return w_ih, w_hh, read("bias_ih"), read("bias_hh"), w_hh.shape[1]


def _blocks(a: np.ndarray, H: int) -> list[np.ndarray]:
    """Split torch's stacked gate rows into one block per gate (copies, not views)."""
    return [a[k * H:(k + 1) * H].copy() for k in range(a.shape[0] // H)]


def _bias_sum(b_ih, b_hh, grad: bool):
    """A summed bias b = b_ih + b_hh; its gradient equals the gradient of either part."""
    return b_ih.copy() if grad else b_ih + b_hh


def gru_from_torch(module, grad: bool = False) -> GRUParams:
    """GRUParams of a torch.nn.GRU (num_layers=1, unidirectional) or torch.nn.GRUCell.

    With `grad`, the same for the parameters' .grad (after loss.backward()).
    """
    w_ih, w_hh, b_ih, b_hh, H = _layer(module, "GRU", "GRUParams", grad)
    (W_ir, W_iz, W_in), (W_hr, W_hz, W_hn) = _blocks(w_ih, H), _blocks(w_hh, H)
    (b_ir, b_iz, b_in), (b_hr, b_hz, b_hn) = _blocks(b_ih, H), _blocks(b_hh, H)
    return GRUParams(W_xr=W_ir.T, W_hr=W_hr.T, b_r=_bias_sum(b_ir, b_hr, grad),
                     W_xz=W_iz.T, W_hz=W_hz.T, b_z=_bias_sum(b_iz, b_hz, grad),
                     W_xn=W_in.T, W_hn=W_hn.T, b_xn=b_in, b_hn=b_hn)


def rnn_from_torch(module, grad: bool = False) -> RNNParams:
    """RNNParams of a tanh torch.nn.RNN (num_layers=1, unidirectional) or torch.nn.RNNCell."""
    w_ih, w_hh, b_ih, b_hh, _ = _layer(module, "RNN", "RNNParams", grad)
    return RNNParams(W_xh=w_ih.T.copy(), W_hh=w_hh.T.copy(), b_h=_bias_sum(b_ih, b_hh, grad))


def lstm_from_torch(module, grad: bool = False) -> LSTMParams:
    """LSTMParams of a torch.nn.LSTM (num_layers=1, unidirectional) or torch.nn.LSTMCell."""
    w_ih, w_hh, b_ih, b_hh, H = _layer(module, "LSTM", "LSTMParams", grad)
    fields = []
    for W_x, W_h, b1, b2 in zip(_blocks(w_ih, H), _blocks(w_hh, H), _blocks(b_ih, H),
                                _blocks(b_hh, H)):
        fields += [W_x.T, W_h.T, _bias_sum(b1, b2, grad)]
    return LSTMParams(*fields)


def grads_from_torch(module):
    """The gradients of a torch GRU, LSTM or RNN (layer or cell) as the matching params tuple."""
    import torch.nn as nn

    for kinds, convert in (((nn.GRU, nn.GRUCell), gru_from_torch),
                           ((nn.LSTM, nn.LSTMCell), lstm_from_torch),
                           ((nn.RNN, nn.RNNCell), rnn_from_torch)):
        if isinstance(module, kinds):
            return convert(module, grad=True)
    raise TypeError(f"grads_from_torch expects a torch GRU, LSTM or RNN, got {type(module).__name__}")


def _module(kind: str, cell: bool, D: int, H: int, dtype, w_ih, w_hh, b_ih, b_hh):
    """A new torch module of `kind` with the given (already stacked) weights."""
    import torch
    import torch.nn as nn

    tdtype = torch.float64 if np.dtype(dtype) == np.float64 else torch.float32
    module = getattr(nn, kind + ("Cell" if cell else ""))(D, H).to(tdtype)
    suffix = "" if cell else "_l0"
    with torch.no_grad():
        for name, value in (("weight_ih", w_ih), ("weight_hh", w_hh), ("bias_ih", b_ih),
                            ("bias_hh", b_hh)):
            getattr(module, name + suffix).copy_(torch.from_numpy(np.ascontiguousarray(value)))
    return module


def gru_to_torch(p: GRUParams, cell: bool = False):
    """A torch.nn.GRU (or GRUCell) equal to gru_forward(..., reset="after") with `p`."""
    from . import validate
    D, H = validate.params(p, GRUParams)["D"], p.H
    w_ih = np.concatenate([p.W_xr.T, p.W_xz.T, p.W_xn.T])
    w_hh = np.concatenate([p.W_hr.T, p.W_hz.T, p.W_hn.T])
    b_ih = np.concatenate([p.b_r, p.b_z, p.b_xn])
    b_hh = np.concatenate([np.zeros_like(p.b_r), np.zeros_like(p.b_z), p.b_hn])
    return _module("GRU", cell, D, H, p.W_xr.dtype, w_ih, w_hh, b_ih, b_hh)


def rnn_to_torch(p: RNNParams, cell: bool = False):
    """A torch.nn.RNN (or RNNCell) equal to rnn_forward with `p`."""
    from . import validate
    dims = validate.params(p, RNNParams)
    return _module("RNN", cell, dims["D"], dims["H"], p.W_xh.dtype, p.W_xh.T, p.W_hh.T, p.b_h,
                   np.zeros_like(p.b_h))


def lstm_to_torch(p: LSTMParams, cell: bool = False):
    """A torch.nn.LSTM (or LSTMCell) equal to lstm_forward with `p`."""
    from . import validate
    dims = validate.params(p, LSTMParams)
    w_ih = np.concatenate([p.W_xi.T, p.W_xf.T, p.W_xg.T, p.W_xo.T])
    w_hh = np.concatenate([p.W_hi.T, p.W_hf.T, p.W_hg.T, p.W_ho.T])
    b = np.concatenate([p.b_i, p.b_f, p.b_g, p.b_o])
    return _module("LSTM", cell, dims["D"], dims["H"], p.W_xi.dtype, w_ih, w_hh, b, np.zeros_like(b))
