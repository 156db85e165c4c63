"""Locate a wrong answer that no catalogued mistake explains, by probing the learner's function.

Two kinds of probe, both run on the learner's own function:
- which inputs it depends on: change one parameter (or one input) at a time and see whether the
  output moves; a gate that moves with W_hr uses the reset gate's weight, one that does not move
  with b_z ignores its bias;
- which term is wrong: set the parameters so that all but one term of the formula vanish or
  become trivial (z = 0 makes h_t the candidate, z = 1 makes it h_prev, h_prev = 0 removes the
  recurrent term, r = 1 removes the reset) and compare with the reference on the same probe.
Each returns a sentence for the check's message, or "" when the probes find nothing.
"""
from __future__ import annotations

import numpy as np

from ..i18n import tr
from ..gradcheck import rel_error
from . import engine

BIG = 60.0                                   # σ(±60) is 1 or 0 to within 1e-26


def _quiet(fn, *args):
    """fn(*args) on copies, or None if it raises or does not return a float array."""
    try:
        with np.errstate(all="ignore"):
            out = fn(*[engine._copy(a) for a in args])
    except Exception:
        return None
    return out if isinstance(out, np.ndarray) and out.dtype.kind == "f" else None


def _moves(fn, args, i, field=None, seed=0) -> bool | None:
    """Whether fn's output changes when argument i (or field `field` of the tuple argument i)
    is changed at random; None if the function cannot run on the changed input."""
    base = _quiet(fn, *args)
    rng = np.random.default_rng(seed)
    changed = list(args)
    if field is None:
        changed[i] = args[i] + rng.standard_normal(np.shape(args[i]))
    else:
        value = getattr(args[i], field)
        changed[i] = args[i]._replace(**{field: value + rng.standard_normal(value.shape)})
    out = _quiet(fn, *changed)
    if base is None or out is None or out.shape != base.shape:
        return None
    return rel_error(out, base) > 1e-9


def dependencies(name: str, fn, reference, args: tuple, labels: tuple, what: str) -> str:
    """A sentence naming the parameters (of the tuple argument) and inputs that the learner's
    function uses but the reference does not, or ignores although the reference uses them.
    `labels` names the positional arguments; `what` says whose parameters the right ones are."""
    extra, missing = [], []
    for i, (arg, label) in enumerate(zip(args, labels)):
        names = arg._fields if hasattr(arg, "_fields") else (None,)
        for field in names:
            theirs, ours = _moves(fn, args, i, field), _moves(reference, args, i, field)
            if theirs is None or ours is None or theirs == ours:
                continue
            (extra if theirs else missing).append(field or label)
    parts = []
    for gate, label in (("r", tr("reset gate")), ("z", tr("update gate"))):
        trio = [f"W_x{gate}", f"W_h{gate}", f"b_{gate}"]
        if all(f in missing for f in trio):
            missing = [f for f in missing if f not in trio]
            parts.append(tr("it never uses the {label} ({items}): is something else where "
                            "{gate} belongs?").format(label=label, items=', '.join(trio), gate=gate))
    if extra:
        parts.append(tr("it changes with {items}, which {what} does not use").format(
                         items=', '.join(extra), what=what))
    if missing:
        parts.append(tr("it does not change with {items}, which {what} uses").format(
                         items=', '.join(missing), what=what))
    if not parts:
        return ""
    return tr("Probing {name} one input at a time: {findings}.").format(name=name,
                                                                        findings="; ".join(parts))


def _set(p, **values):
    """p with gate blocks forced: values like z=1, r=0 (weights zeroed, bias at ±BIG) or any field."""
    for gate in ("r", "z"):
        if gate in values:
            level = values.pop(gate)
            p = p._replace(**{f"W_x{gate}": 0 * getattr(p, f"W_x{gate}"),
                              f"W_h{gate}": 0 * getattr(p, f"W_h{gate}"),
                              f"b_{gate}": np.full_like(getattr(p, f"b_{gate}"), BIG if level else -BIG)})
    return p._replace(**values)


def _same(fn, reference, *args) -> bool | None:
    out, ref = _quiet(fn, *args), _quiet(reference, *args)
    if out is None or ref is None or out.shape != ref.shape:
        return None
    return rel_error(out, ref) <= engine.TOL


def _effective_z(fn, reference, x, h, p):
    """If the learner's h_t under p is z h + (1 - z) n for one z shared by every entry (n the
    reference candidate), that z; else None."""
    out, n = _quiet(fn, x, h, p), _quiet(reference, x, h, p)       # with z = 0, reference = n
    if out is None or n is None or out.shape != n.shape:
        return None
    gap = h - n
    keep = np.abs(gap) > 1e-3
    if not keep.any():
        return None
    z = (out - n)[keep] / gap[keep]
    return float(z.mean()) if np.ptp(z) < 1e-6 else None


def step_terms(fn, reference, x, h, p) -> str:
    """Which part of h_t = z ⊙ h_prev + (1 - z) ⊙ n(x, r ⊙ h_prev) a gru_step gets wrong."""
    if _same(fn, reference, x, h, _set(p, z=1)) is False:
        return (tr("With the update gate's weights at 0 and its bias at +60, z should be 1 "
                   "and h_t exactly h_prev; yours is not: either your z is not σ(x_t W_xz "
                   "+ h_prev W_hz + b_z) (is b_z in it? is it a sigmoid?) or the final mix "
                   "h_t = z ⊙ h_prev + (1 - z) ⊙ n is wrong."))
    z_seen = _effective_z(fn, reference, x, h, _set(p, z=0))
    if z_seen is not None and abs(z_seen) > 1e-3:
        return (tr("With the update gate's weights at 0 and its bias at -60, z should be 0 "
                   "and h_t the candidate; yours behaves as if z were {z_seen:.2g}: is "
                   "your z σ(x_t W_xz + h_prev W_hz + b_z) (is b_z in it? is it a sigmoid?)").format(
                    z_seen=z_seen))
    if _same(fn, reference, x, h, _set(p, z=0)) is False:       # h_t is the candidate: it is wrong
        if _same(fn, reference, x, h, _set(p, z=0, W_hn=0 * p.W_hn)):
            if _same(fn, reference, x, h, _set(p, z=0, r=1)):
                return (tr("The candidate's recurrent term is wrong, and right when the "
                           "reset gate is forced to 1: what multiplies h_prev before W_hn "
                           "must be the reset gate r."))
            return (tr("The candidate's recurrent term (r ⊙ h_prev) W_hn is wrong, also "
                       "with the reset gate's weights at 0 and its bias at +60 (r should "
                       "then be 1): check that your r is σ(x_t W_xr + h_prev W_hr + b_r), "
                       "that it, not z or 1 - r, multiplies h_prev, and that the weight is "
                       "W_hn, not transposed, not another gate's."))
        if _same(fn, reference, 0 * x, h, _set(p, z=0, W_hn=0 * p.W_hn)):
            return (tr("The candidate's input term x_t W_xn is wrong (with x_t = 0 it is "
                       "right): is something other than x_t @ W_xn there, or r applied to "
                       "it?"))
        return (tr("The candidate's biases are wrong: with x_t = 0, z = 0 and W_hn = 0, "
                   "h_t must be tanh(b_xn + b_hn)."))
    return (tr("With z = 0 your h_t is the right candidate and with z = 1 the right "
               "h_prev, so the update gate's value is wrong: z = σ(x_t W_xz + h_prev W_hz "
               "+ b_z)."))


def candidate_terms(fn, reference, x, h, r, p, reset: str) -> str:
    """Which term of the candidate a candidate(x_t, h_prev, r, p) gets wrong."""
    ones = np.ones_like(r)
    if reset == "before" and _same(fn, reference, x, 0 * h, r, p) is False:
        return (tr("With h_prev = 0 your candidate should be tanh(x_t W_xn + b_xn + b_hn) "
                   "and is not: in the lecture form r acts on h_prev only, not on x_t "
                   "W_xn, b_xn or b_hn (only PyTorch's form multiplies b_hn by r)."))
    if _same(fn, reference, x, h, ones, p) is False:
        return (tr("Even with r = 1 your candidate is wrong, so the problem is not the "
                   "reset gate: check the products with W_xn and W_hn and the two biases."))
    return (tr("With r = 1 your candidate is right, so the reset gate is applied wrongly: ")
            + ("(r ⊙ h_prev) W_hn." if reset == "before" else "r ⊙ (h_prev W_hn + b_hn)."))
