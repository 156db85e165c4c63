"""Run torch's own recurrent layers on a Problem and return outputs and every gradient."""
from __future__ import annotations

import torch

from gru_course.torch_bridge import grads_from_torch


def run_layer(module, xs, h0, dhs, c0=None):
    """Forward a torch layer on (T, N, D) inputs, backward L = Σ dhs ⊙ output.

    Returns (output, dxs, dh0, dc0 or None, grads as the course's params tuple).
    """
    X = torch.tensor(xs, requires_grad=True)
    H0 = torch.tensor(h0[None], requires_grad=True)
    state = H0
    if c0 is not None:
        C0 = torch.tensor(c0[None], requires_grad=True)
        state = (H0, C0)
    out, _ = module(X, state)
    out.backward(torch.tensor(dhs))
    dc0 = None if c0 is None else C0.grad[0].numpy()
    return out.detach().numpy(), X.grad.numpy(), H0.grad[0].numpy(), dc0, grads_from_torch(module)


def run_cell(cell, x, h, dh, c=None):
    """One step of a torch cell on (N, D) inputs, backward L = Σ dh ⊙ h_new."""
    X = torch.tensor(x, requires_grad=True)
    Hp = torch.tensor(h, requires_grad=True)
    if c is None:
        out = cell(X, Hp)
        out.backward(torch.tensor(dh))
        return out.detach().numpy(), X.grad.numpy(), Hp.grad.numpy(), grads_from_torch(cell)
    Cp = torch.tensor(c, requires_grad=True)
    out, c_new = cell(X, (Hp, Cp))
    out.backward(torch.tensor(dh))
    return (out.detach().numpy(), c_new.detach().numpy(), X.grad.numpy(), Hp.grad.numpy(),
            Cp.grad.numpy(), grads_from_torch(cell))


def seeded(module_cls, *args, seed=0, **kwargs):
    """A float64 torch module with seeded initial weights."""
    torch.manual_seed(seed)
    return module_cls(*args, **kwargs).double()


def max_rel_error(pairs) -> float:
    from gru_course import rel_error
    return max(rel_error(a, b) for a, b in pairs)

