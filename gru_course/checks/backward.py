"""Checks for the exercises of 03 BPTT: local derivatives, a step's and a sequence's backward
pass, numerical gradients, locating a bug in time, and gradient clipping."""
from __future__ import annotations

import numpy as np

from ..i18n import tr, tr_later
from ..activations import sigmoid
from ..gradcheck import numerical_gradient as _numerical_gradient
from ..gradcheck import rel_error, time_step_report
from ..gru import GRUParams, GRUStepCache, gru_step_backward as _step_backward, gru_step_forward
from ..gru_sequence import gru_forward
from . import engine
from .engine import TOL, CheckFailure, Mistake
from .gates import SIZES, random_params

# --- local derivatives ------------------------------------------------------------------------

SIGMOID_BACKWARD_MISTAKES = [
    Mistake(tr_later("You returned σ'(a) = s (1 - s) alone; multiply by the upstream "
                     "gradient ds (chain rule: dL/da = dL/ds · ds/da)."), lambda ds, s: s * (1 - s)),
    Mistake(tr_later("s is already σ(a): the derivative is s (1 - s), not σ(s) (1 - σ(s))."),
            lambda ds, s: ds * sigmoid(s) * (1 - sigmoid(s))),
    Mistake(tr_later("The factor s is missing: σ'(a) = s (1 - s)."), lambda ds, s: ds * (1 - s)),
    Mistake(tr_later("The factor (1 - s) is missing: σ'(a) = s (1 - s)."), lambda ds, s: ds * s),
    Mistake(tr_later("ds (1 - s²) is the derivative of tanh; the sigmoid's is s (1 - s)."),
            lambda ds, s: ds * (1 - s * s)),
]

TANH_BACKWARD_MISTAKES = [
    Mistake(tr_later("You returned tanh'(a) = 1 - t² alone; multiply by the upstream "
                     "gradient dt."),
            lambda dt, t: 1 - t * t),
    Mistake(tr_later("t is already tanh(a): the derivative is 1 - t², not 1 - tanh(t)²."),
            lambda dt, t: dt * (1 - np.tanh(t) ** 2)),
    Mistake(tr_later("1 - t should be 1 - t²: tanh'(a) = 1 - tanh(a)²."), lambda dt, t: dt * (1 - t)),
    Mistake(tr_later("dt t (1 - t) is the sigmoid's derivative; tanh's is 1 - t²."),
            lambda dt, t: dt * t * (1 - t)),
    Mistake(tr_later("The '1 -' is missing: tanh'(a) = 1 - t², not t²."), lambda dt, t: dt * t * t),
]


def _check_local(name, fn, reference, activation, mistakes, seed) -> None:
    rng = np.random.default_rng(seed)
    for N, _, H in SIZES:
        upstream, value = rng.standard_normal((N, H)), activation(2 * rng.standard_normal((N, H)))
        out, _ = engine.call(name, fn, upstream, value)
        out = engine.array(name, out, (N, H), tr("the shape of its arguments"))
        engine.compare(name, out, reference(upstream, value), (upstream, value), mistakes,
                       f"N={N}, H={H}")
    engine.passed(name, tr("{n_SIZES} random cases").format(n_SIZES=len(SIZES)))


def check_sigmoid_backward(sigmoid_backward) -> None:
    """sigmoid_backward(ds, s) = ds ⊙ s ⊙ (1 - s), where s = σ(a)."""
    _check_local("sigmoid_backward", sigmoid_backward, lambda ds, s: ds * s * (1 - s), sigmoid,
                 SIGMOID_BACKWARD_MISTAKES, seed=10)


def check_tanh_backward(tanh_backward) -> None:
    """tanh_backward(dt, t) = dt ⊙ (1 - t²), where t = tanh(a)."""
    _check_local("tanh_backward", tanh_backward, lambda dt, t: dt * (1 - t * t), np.tanh,
                 TANH_BACKWARD_MISTAKES, seed=11)


# --- one step backward ------------------------------------------------------------------------

def step_backward_variant(dh, cache: GRUStepCache, bug: str | None = None):
    """gru_step_backward with one classic bug switched on (None: the right answer)."""
    x, h, r, z, n, _, p, _ = cache
    if bug == "other convention":               # differentiates h = (1 - z) h + z n
        dz, dn, dh_prev = dh * (n - h), dh * z, dh * (1 - z)
    else:
        dz, dn = dh * ((n - h) if bug == "dz sign" else (h - n)), dh * (1 - z)
        dh_prev = {"no direct path": 0 * dh, "direct path 1 - z": dh * (1 - z)}.get(bug, dh * z)
    da_n = dn if bug == "no tanh'" else dn * (1 - n * n)
    if bug == "reset after":
        hn = h @ p.W_hn + p.b_hn
        dr, d_hn_in = da_n * hn, da_n * r
        dh_prev = dh_prev + d_hn_in @ p.W_hn.T
        dW_hn, db_hn = h.T @ d_hn_in, d_hn_in.sum(0)
    else:
        drh = da_n @ (p.W_hn if bug == "W_hn not transposed" else p.W_hn.T)
        dr = drh * h
        if bug != "no candidate path":
            dh_prev = dh_prev + drh * r
        dW_hn, db_hn = (h if bug == "dW_hn without r" else r * h).T @ da_n, da_n.sum(0)
    if bug == "no sigmoid'":
        da_r, da_z = dr, dz
    else:
        da_r, da_z = dr * r * (1 - r), dz * z * (1 - z)
    if bug != "no gate paths":
        dh_prev = dh_prev + da_r @ p.W_hr.T + da_z @ p.W_hz.T
    dx = da_n @ p.W_xn.T if bug == "dx misses the gates" else (
        da_r @ p.W_xr.T + da_z @ p.W_xz.T + da_n @ p.W_xn.T)
    outer = (lambda a, b: b.T @ a) if bug == "transposed dW_h" else (lambda a, b: a.T @ b)
    grads = GRUParams(x.T @ da_r, outer(h, da_r), da_r.sum(0), x.T @ da_z, outer(h, da_z),
                      da_z.sum(0), x.T @ da_n, dW_hn, da_n.sum(0), db_hn)
    return dx, dh_prev, grads


def _variant(bug):
    return lambda dh, cache: step_backward_variant(dh, cache, bug)


OTHER_CONVENTION_BACKWARD = (
    tr_later("You differentiated h_t = (1 - z) ⊙ h_prev + z ⊙ n, the other update-gate "
             "convention. Here h_t = z ⊙ h_prev + (1 - z) ⊙ n: ∂h_t/∂z = h_prev - n, "
             "∂h_t/∂n = 1 - z, and the direct path to h_prev carries dh_t ⊙ z."))

GRU_STEP_BACKWARD_MISTAKES = [
    Mistake(OTHER_CONVENTION_BACKWARD, _variant("other convention")),
    Mistake(tr_later("∂h_t/∂z has the wrong sign: it is h_prev - n (h_t = z h_prev + (1 - "
                     "z) n)."),
            _variant("dz sign")),
    Mistake(tr_later("dh_prev misses the direct path: h_prev enters h_t directly, weighted "
                     "by z, so dh_prev starts as dh_t ⊙ z."), _variant("no direct path")),
    Mistake(tr_later("The direct path carries dh_t ⊙ z, not dh_t ⊙ (1 - z): in h_t = z ⊙ "
                     "h_prev + (1 - z) ⊙ n it is z that multiplies h_prev."), _variant("direct path 1 - z")),
    Mistake(tr_later("dW_hn must use what W_hn multiplied in the forward pass, r ⊙ h_prev: "
                     "dW_hn = (r ⊙ h_prev)ᵀ da_n, not h_prevᵀ da_n."), _variant("dW_hn without r")),
    Mistake(tr_later("dh_prev misses the path through the candidate: with d(r ⊙ h_prev) = "
                     "da_n W_hnᵀ, h_prev receives d(r ⊙ h_prev) ⊙ r."), _variant("no candidate path")),
    Mistake(tr_later("dh_prev misses the paths through the gates: h_prev also feeds r and "
                     "z, so add da_r W_hrᵀ + da_z W_hzᵀ."), _variant("no gate paths")),
    Mistake(tr_later("You differentiated the reset-after candidate r ⊙ (h_prev W_hn + "
                     "b_hn); this exercise uses the lecture form (r ⊙ h_prev) W_hn."), _variant("reset after")),
    Mistake(tr_later("The tanh derivative is missing: da_n = dn ⊙ (1 - n²)."), _variant("no tanh'")),
    Mistake(tr_later("W_hn is not transposed on the way back: the candidate computed (r ⊙ "
                     "h_prev) @ W_hn, so the gradient reaching r ⊙ h_prev is da_n @ W_hnᵀ."), _variant("W_hn not transposed")),
    Mistake(tr_later("The sigmoid derivatives are missing: da_r = dr ⊙ r (1 - r), da_z = "
                     "dz ⊙ z (1 - z)."),
            _variant("no sigmoid'")),
    Mistake(tr_later("dx_t misses the contributions through the gates: dx_t = da_r W_xrᵀ + "
                     "da_z W_xzᵀ + da_n W_xnᵀ."), _variant("dx misses the gates")),
    Mistake(tr_later("The recurrent weight gradients are transposed: dW_hr = h_prevᵀ da_r "
                     "(rows of W_hr belong to h_prev's units), not da_rᵀ h_prev."), _variant("transposed dW_h")),
]


def _grads_tuple(name, out, p, N, D, H):
    """Validate (dx, dh_prev, grads) and return them as a flat list of (label, array, expected shape)."""
    if not isinstance(out, tuple) or len(out) != 3:
        got = tr("a tuple of {n_out} items").format(n_out=len(out)) if isinstance(out, tuple) else type(out).__name__
        raise CheckFailure(tr("{name} returned {got}; return three things: (dx, dh_prev, "
                              "grads).").format(name=name, got=got))
    dx, dh, grads = out
    if not engine.is_params(grads, GRUParams):
        raise CheckFailure(tr("{name}'s third result is a {grads_type}; return the "
                              "parameter gradients as a GRUParams(W_xr=..., ..., b_hn=...).").format(
                               name=name, grads_type=type(grads).__name__))
    for field, value in zip(GRUParams._fields, grads):
        expected = getattr(p, field).shape
        if isinstance(value, np.ndarray) and field.startswith("b_") and value.shape == (N, H):
            raise CheckFailure(tr("{name}: grads.{field} has shape {shape}, expected (H,) "
                                  "= {expected}: a bias is shared by the whole batch, so "
                                  "sum its gradient over the batch axis (axis=0).").format(
                                   name=name, field=field, shape=value.shape, expected=expected))
        engine.array(name, value, expected, tr("the shape of p.{field}").format(field=field), what=tr("grads.{field} "
                                                                               "as").format(
                                                                                field=field))
    return dx, dh, grads


def _compare_all(name, labelled, reference, args, mistakes, case) -> str | None:
    """Compare every output. None if all are right; a CheckFailure if a catalogued mistake
    explains them; otherwise the sentence that lists the wrong ones, for the caller to raise."""
    wrong = [(label, rel_error(out, ref)) for (label, out), ref in zip(labelled, reference)
             if rel_error(out, ref) > TOL]
    if not wrong:
        return None
    for mistake in mistakes:
        try:
            answer = _flatten(mistake.answer(*args))
        except Exception:
            continue
        if all(np.shape(out) == np.shape(a) and rel_error(out, a) <= TOL
               for (_, out), a in zip(labelled, answer)):
            raise CheckFailure(tr("{name} is wrong on {case}. {hint}").format(
                                   name=name, case=case, hint=mistake.hint))
    right = len(labelled) - len(wrong)
    listed = ", ".join(tr("{label} (relative error {err:.0e})").format(label=label, err=err) for label, err in wrong)
    rest = tr("the other {right} results are right").format(right=right) if right else tr("every result is wrong")
    return tr("{name} is wrong on {case}: {listed}; {rest}.").format(
               name=name, case=case, listed=listed, rest=rest)


def _flatten(result):
    dx, dh, grads = result[0], result[1], result[-1]
    return [dx, dh, *grads]


def _step_cases(seed):
    rng = np.random.default_rng(seed)
    for N, D, H in SIZES:
        p = random_params(rng, D, H)
        _, cache = gru_step_forward(rng.standard_normal((N, D)), rng.standard_normal((N, H)), p)
        yield rng.standard_normal((N, H)), cache, (N, D, H)


def check_gru_step_backward(gru_step_backward) -> None:
    """gru_step_backward(dh_t, cache) -> (dx_t, dh_prev, grads), lecture form."""
    name = "gru_step_backward"
    for dh, cache, (N, D, H) in _step_cases(seed=12):
        out, _ = engine.call(name, gru_step_backward, dh, cache)
        dx, dh_prev, grads = _grads_tuple(name, out, cache.p, N, D, H)
        engine.array(name, dx, (N, D), "(N, D)", what=tr("dx as"))
        engine.array(name, dh_prev, (N, H), "(N, H)", what=tr("dh_prev as"))
        labels = ["dx", "dh_prev"] + [f"grads.{f}" for f in GRUParams._fields]
        unexplained = _compare_all(name, list(zip(labels, _flatten((dx, dh_prev, grads)))),
                                   _flatten(_step_backward(dh, cache)), (dh, cache),
                                   GRU_STEP_BACKWARD_MISTAKES, f"N={N}, D={D}, H={H}")
        if unexplained:
            where = localise_step(dh, cache, dict(zip(labels, _flatten((dx, dh_prev, grads)))))
            raise CheckFailure(f"{unexplained} {where}".rstrip())
    engine.passed(name, tr("dx, dh_prev and all ten parameter gradients on {n_SIZES} cases").format(
                            n_SIZES=len(SIZES)))


def _parts(dh, cache):
    """The intermediate gradients of one step (lecture form), and the pieces dx and dh_prev add."""
    x, h, r, z, n, _, p, _ = cache
    da_n = dh * (1 - z) * (1 - n * n)
    d_rh = da_n @ p.W_hn.T
    da_r = d_rh * h * r * (1 - r)
    da_z = dh * (h - n) * z * (1 - z)
    dh_prev = {tr("the direct path dh ⊙ z"): dh * z,
               tr("the candidate path (da_n W_hnᵀ) ⊙ r"): d_rh * r,
               tr("the reset gate's path da_r W_hrᵀ"): da_r @ p.W_hr.T,
               tr("the update gate's path da_z W_hzᵀ"): da_z @ p.W_hz.T}
    dx = {"da_r W_xrᵀ": da_r @ p.W_xr.T, "da_z W_xzᵀ": da_z @ p.W_xz.T, "da_n W_xnᵀ": da_n @ p.W_xn.T}
    return da_r, da_z, da_n, dh_prev, dx


def _missing_terms(out, terms: dict) -> list[str] | None:
    """The terms whose omission makes `out` equal the sum of the others, if one subset does."""
    names = list(terms)
    for k in range(1, len(names)):
        for mask in range(1, 2 ** len(names)):
            left = [n for i, n in enumerate(names) if mask >> i & 1]
            if len(left) != k:
                continue
            rest = sum(terms[n] for n in names if n not in left)
            if np.shape(out) == np.shape(rest) and rel_error(out, rest) <= TOL:
                return left
    return None


def localise_step(dh, cache, got: dict) -> str:
    """Where a step's backward pass goes wrong, read from which of its results are wrong: every
    result downstream of a wrong intermediate is wrong, every other one right."""
    x, h, r, z, n, _, p, _ = cache
    da_r, da_z, da_n, dh_parts, dx_parts = _parts(dh, cache)
    right = {label: rel_error(got[label], ref) <= TOL for label, ref in
             zip(["dx", "dh_prev"] + [f"grads.{f}" for f in GRUParams._fields],
                 _flatten(_step_backward(dh, cache)))}
    bad = {label for label, ok in right.items() if not ok}
    if bad == {"dh_prev"}:
        missing = _missing_terms(got["dh_prev"], dh_parts)
        if missing:
            return tr("Every parameter gradient is right, but dh_prev misses {items}.").format(
                       items=tr(" and ").join(missing))
        return (tr("Every parameter gradient is right, but dh_prev is wrong: it is the sum "
                   "of four paths, the direct one dh ⊙ z, the candidate's and the two "
                   "gates'."))
    if bad == {"dx"}:
        missing = _missing_terms(got["dx"], dx_parts)
        if missing:
            return tr("Only dx is wrong: it misses {items}.").format(items=tr(" and ").join(missing))
        return tr("Only dx is wrong: dx = da_r W_xrᵀ + da_z W_xzᵀ + da_n W_xnᵀ.")
    if bad == {"grads.b_hn"}:
        return (tr("Only db_hn is wrong: in the lecture form b_xn and b_hn get the same "
                   "gradient, the sum over the batch of da_n; only PyTorch's reset-after "
                   "form scales b_hn's by r."))
    if bad and bad <= {"grads.b_r", "grads.b_z", "grads.b_xn", "grads.b_hn"}:
        return (tr("Only bias gradients are wrong, the weights' are right: a bias is added "
                   "to every example of the batch, so its gradient is the *sum* over the "
                   "batch of its pre-activation's gradient (not the mean, not one row)."))
    if bad == {"grads.W_hn"}:
        return tr("Only dW_hn is wrong: W_hn multiplied r ⊙ h_prev, so dW_hn = (r ⊙ "
                  "h_prev)ᵀ da_n.")
    if "grads.W_xn" in bad or "grads.b_xn" in bad:
        return (tr("The candidate's gradients are wrong from the start (dW_xn, db_xn), so "
                   "da_n is: da_n = dh ⊙ (1 - z) ⊙ (1 - n²), with tanh' written with the "
                   "output n."))
    if {"grads.W_xz", "grads.b_z"} & bad and not {"grads.W_xr", "grads.b_r"} & bad:
        return (tr("The candidate's and the reset gate's gradients are right, the update "
                   "gate's are not, so da_z is wrong: da_z = dh ⊙ (h_prev - n) ⊙ z (1 - z)."))
    if {"grads.W_xr", "grads.b_r"} & bad and not {"grads.W_xz", "grads.b_z"} & bad:
        return (tr("The candidate's and the update gate's gradients are right, the reset "
                   "gate's are not, so da_r is wrong: da_r = (da_n W_hnᵀ) ⊙ h_prev ⊙ r (1 "
                   "- r)."))
    return ""
