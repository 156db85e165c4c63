"""Gradient checking: is a backward pass right, and if not, where does it first go wrong?

Every check uses the linear loss L = Σ_t Σ dhs[t] ⊙ hs[t], whose gradient with respect to h_t is
exactly dhs[t], the argument a backward pass receives. Numerical gradients are centred
differences and never modify the arrays they are given.

`forward(xs, h0, p) -> (hs, cache)` and `backward(dhs, cache) -> (dxs, dh0, grads)` are any pair
with gru_forward's shapes (wrap the LSTM's or a reset="after" GRU's in a lambda).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def rel_error(a, b) -> float:
    """max|a − b| / max(max|a|, max|b|): one number for how far two arrays are apart (0 if both are 0;
    inf if either holds a NaN or an inf, which is close to nothing: `rel_error(a, b) > tol` holds)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"rel_error needs equal shapes, got {a.shape} and {b.shape}")
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        return float("inf")
    scale = max(np.abs(a).max(initial=0.0), np.abs(b).max(initial=0.0))
    return 0.0 if scale == 0 else float(np.abs(a - b).max() / scale)


def numerical_gradient(f, x, eps: float = 1e-5) -> np.ndarray:
    """Centred differences (f(x + eps e_i) − f(x − eps e_i)) / 2 eps of a scalar f, for every i.

    Args:
        f: a function of one float array returning a scalar.
        x: where to differentiate, any shape. Never modified: f receives a private copy,
           restored before every evaluation, so even an f that writes into its argument is safe.
        eps: the step; 1e-5 balances truncation (~eps²) and rounding (~1e-16/eps) in float64.
    Returns:
        df/dx, float64, the shape of x.
    """
    base = np.array(x, dtype=np.float64)
    work = base.copy()
    grad = np.zeros_like(base)
    for i in np.ndindex(base.shape):
        work[i] = base[i] + eps
        f_plus = float(f(work))
        np.copyto(work, base)
        work[i] = base[i] - eps
        f_minus = float(f(work))
        np.copyto(work, base)
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def numerical_param_gradients(loss, p, eps: float = 1e-5):
    """Centred-difference gradient of loss(p) for every field of a parameter tuple (same type)."""
    fields = []
    for k, value in enumerate(p):
        fields.append(numerical_gradient(lambda v: loss(p._replace(**{p._fields[k]: v})), value, eps))
    return type(p)(*fields)


def linear_loss(forward, xs, h0, p, dhs) -> float:
    """L = Σ dhs ⊙ hs with hs = forward(xs, h0, p)[0]."""
    return float(np.sum(dhs * forward(xs, h0, p)[0]))


@dataclass
class GradientReport:
    """Relative error of each analytic gradient against centred differences."""

    rows: list[tuple[str, tuple, float]]
    tol: float

    @property
    def ok(self) -> bool:
        return all(err <= self.tol for _, _, err in self.rows)

    @property
    def worst(self) -> tuple[str, float]:
        name, _, err = max(self.rows, key=lambda row: row[2])
        return name, err

    def __str__(self) -> str:
        lines = [f"{'gradient':<8} {'shape':<14} {'rel. error':>10}"]
        for name, shape, err in self.rows:
            flag = "" if err <= self.tol else "   <-- above tolerance"
            lines.append(f"{name:<8} {str(shape):<14} {err:10.1e}{flag}")
        verdict = "all within" if self.ok else "NOT all within"
        lines.append(f"{verdict} tolerance {self.tol:.0e}")
        return "\n".join(lines)

    __repr__ = __str__


def gradient_report(forward, backward, xs, h0, p, dhs, eps: float = 1e-5,
                    tol: float = 1e-7) -> GradientReport:
    """Compare backward's dxs, dh0 and every parameter gradient with centred differences."""
    _, cache = forward(xs, h0, p)
    dxs, dh0, grads = backward(dhs, cache)
    rows = [("xs", np.shape(xs), rel_error(dxs, numerical_gradient(
                lambda v: linear_loss(forward, v, h0, p, dhs), xs, eps))),
            ("h0", np.shape(h0), rel_error(dh0, numerical_gradient(
                lambda v: linear_loss(forward, xs, v, p, dhs), h0, eps)))]
    numeric = numerical_param_gradients(lambda q: linear_loss(forward, xs, h0, q, dhs), p, eps)
    rows += [(name, np.shape(a), rel_error(a, b)) for name, a, b in zip(p._fields, grads, numeric)]
    return GradientReport(rows, tol)


@dataclass
class TimeStepReport:
    """Where a backward pass first goes wrong.

    dx_errors[t]: relative error of dL/dx_t over the whole sequence.
    prefix_errors[t]: worst relative error of the parameter gradients of the first t + 1 steps
    alone, with the name of the parameter it is in.
    """

    dx_errors: list[float]
    prefix_errors: list[tuple[float, str]]
    tol: float

    @property
    def first_bad_step(self) -> int | None:
        """The first t at which the backward pass goes wrong, in the order it runs (T−1 down to 0).

        A wrong dL/dx_t locates it directly; if every dL/dx_t is right but parameter gradients
        are wrong, it is the last step of the shortest prefix whose gradients are wrong
        (the signature of gradients overwritten instead of accumulated over time).
        """
        bad_dx = [t for t, err in enumerate(self.dx_errors) if err > self.tol]
        if bad_dx:
            return max(bad_dx)
        bad_prefix = [t for t, (err, _) in enumerate(self.prefix_errors) if err > self.tol]
        return min(bad_prefix) if bad_prefix else None

    def __str__(self) -> str:
        lines = [f"{'t':>3}  {'dL/dx_t':>9}  {'params of steps 0..t':>20}  {'worst in':<8}"]
        for t, (dx_err, (p_err, name)) in enumerate(zip(self.dx_errors, self.prefix_errors)):
            wrong = [what for what, err in (("dL/dx_t", dx_err), (name, p_err)) if err > self.tol]
            mark = f"  <-- wrong: {', '.join(wrong)}" if wrong else ""
            lines.append(f"{t:>3}  {dx_err:9.1e}  {p_err:20.1e}  {name:<8}{mark}".rstrip())
        first = self.first_bad_step
        if first is None:
            lines.append("backward pass correct at every step")
        elif self.dx_errors[first] > self.tol:
            lines.append(f"backward pass first goes wrong at t = {first} "
                         f"(it runs from t = {len(self.dx_errors) - 1} down to 0)")
        else:
            lines.append(f"every dL/dx_t is right, but the parameter gradients are wrong for "
                         f"sequences of {first + 1} steps or more: look at how the steps' "
                         f"parameter gradients are combined")
        return "\n".join(lines)

    __repr__ = __str__


def time_step_report(forward, backward, xs, h0, p, dhs, eps: float = 1e-5,
                     tol: float = 1e-6) -> TimeStepReport:
    """Check dL/dx_t at every t, and the parameter gradients of every prefix xs[:t+1].

    Args:
        forward, backward: the pair under test (see the module docstring).
        xs (T, N, D), h0 (N, H), p: where to check; dhs (T, N, H): the upstream gradient.
    Returns:
        a TimeStepReport; its first_bad_step names the t to look at.
    """
    xs, dhs = np.asarray(xs), np.asarray(dhs)
    dxs = backward(dhs, forward(xs, h0, p)[1])[0]
    dx_errors = []
    for t in range(xs.shape[0]):
        def loss_of_x_t(x_t, t=t):
            changed = xs.copy()
            changed[t] = x_t
            return linear_loss(forward, changed, h0, p, dhs)
        dx_errors.append(rel_error(dxs[t], numerical_gradient(loss_of_x_t, xs[t], eps)))
    prefix_errors = []
    for t in range(xs.shape[0]):
        xs_k, dhs_k = xs[:t + 1], dhs[:t + 1]
        grads = backward(dhs_k, forward(xs_k, h0, p)[1])[2]
        numeric = numerical_param_gradients(lambda q: linear_loss(forward, xs_k, h0, q, dhs_k), p, eps)
        errors = [(rel_error(a, b), name) for name, a, b in zip(p._fields, grads, numeric)]
        prefix_errors.append(max(errors))
    return TimeStepReport(dx_errors, prefix_errors, tol)
