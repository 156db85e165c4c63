"""Checks for 03's exercises on whole sequences: backpropagation through time, numerical
gradients, finding where a broken backward pass first goes wrong, gradient clipping, and the two
designs: the smallest keep bias that carries a gradient 50 steps, and which path dominates."""
from __future__ import annotations

import numpy as np

from ..i18n import tr, tr_later
from ..gradcheck import numerical_gradient as _numerical_gradient
from ..gradcheck import time_step_report
from ..gru import GRUParams, gru_step_backward
from ..gru_sequence import GRUCache, gru_backward as _gru_backward, gru_forward
from ..params import add, zeros_like
from . import engine
from .backward import _compare_all, _flatten, _grads_tuple
from .engine import CheckFailure, Mistake
from .gates import SIZES, random_params


def sequence_backward_variant(dhs, cache: GRUCache, bug: str | None = None):
    """BPTT as a loop of gru_step_backward, with one classic bug switched on (None: right)."""
    T = dhs.shape[0]
    dh, total, dxs = np.zeros_like(cache.h0), None, [None] * T
    for t in (range(T) if bug == "forward in time" else range(T - 1, -1, -1)):
        if bug == "upstream overwritten":
            upstream = dhs[t]
        elif bug == "dhs only at the end" and t < T - 1:
            upstream = dh
        else:
            upstream = dhs[t] + dh
        dxs[t], dh, g = gru_step_backward(upstream, cache.step(t))
        total = g if total is None or bug == "params overwritten" else add(total, g)
    if bug == "dxs reversed":
        dxs = dxs[::-1]
    return np.stack(dxs), dh, total


def _variant(bug):
    return lambda dhs, cache: sequence_backward_variant(dhs, cache, bug)


GRU_BACKWARD_MISTAKES = [
    Mistake(tr_later("You overwrote the gradient coming back from step t+1: the gradient "
                     "that reaches h_t is dhs[t] plus the dh_prev returned by step t+1; "
                     "add them."),
            _variant("upstream overwritten")),
    Mistake(tr_later("dhs[t] enters only at the last step: every step's own loss gradient "
                     "dhs[t] must be added to what comes back from t+1."), _variant("dhs only at the end")),
    Mistake(tr_later("The parameter gradients are overwritten at every step, so only step "
                     "0's remains: the same weights act at every t, so sum their gradients "
                     "over all steps."),
            _variant("params overwritten")),
    Mistake(tr_later("You ran the steps forward in time; backpropagation runs from t = T-1 "
                     "down to 0, because step t needs what flowed back from t+1."), _variant("forward in time")),
    Mistake(tr_later("dxs is in reverse order: dxs[t] must be the gradient for xs[t]; you "
                     "collected it backward and did not reverse it."), _variant("dxs reversed")),
]


def check_gru_backward(gru_backward) -> None:
    """gru_backward(dhs, cache) -> (dxs, dh0, grads), cache from gru_course.gru_forward."""
    name, T = "gru_backward", 5
    rng = np.random.default_rng(13)
    for N, D, H in SIZES:
        p = random_params(rng, D, H)
        _, cache = gru_forward(rng.standard_normal((T, N, D)), rng.standard_normal((N, H)), p)
        dhs = rng.standard_normal((T, N, H))
        out, _ = engine.call(name, gru_backward, dhs, cache)
        dxs, dh0, grads = _grads_tuple(name, out, p, N, D, H)
        engine.array(name, dxs, (T, N, D), "(T, N, D)", what=tr("dxs as"))
        engine.array(name, dh0, (N, H), "(N, H)", what=tr("dh0 as"))
        labels = ["dxs", "dh0"] + [f"grads.{f}" for f in GRUParams._fields]
        case = f"N={N}, D={D}, H={H}, T={T}"
        unexplained = _compare_all(name, list(zip(labels, _flatten(out))),
                                   _flatten(_gru_backward(dhs, cache)), (dhs, cache),
                                   GRU_BACKWARD_MISTAKES, case)
        if unexplained:                      # no catalogued mistake fits: locate it in time
            raise CheckFailure(f"{unexplained} {_locate(gru_backward)}".rstrip())
    engine.passed(name, tr("dxs, dh0 and all ten parameter gradients on {n_SIZES} sequences").format(
                            n_SIZES=len(SIZES)))


def _locate(gru_backward) -> str:
    """A sentence from time_step_report on the learner's function, saying where it goes wrong."""
    rng = np.random.default_rng(14)
    p = random_params(rng, 2, 3)
    xs, h0, dhs = rng.standard_normal((5, 2, 2)), rng.standard_normal((2, 3)), rng.standard_normal((5, 2, 3))
    try:
        report = time_step_report(gru_forward, gru_backward, xs, h0, p, dhs)
    except Exception:
        return ""
    t = report.first_bad_step
    if t is None:
        return ""
    if report.dx_errors[t] > report.tol:
        return (tr("time_step_report says your pass first goes wrong at t = {t} (it runs "
                   "from t = 4 down to 0): look at what step {t} computes or receives from "
                   "step {value}.").format(t=t, value=t + 1))
    return (tr("Every dL/dx_t is right, but the parameter gradients go wrong once the "
               "sequence has {value} steps: look at how you combine the steps' parameter "
               "gradients.").format(value=t + 1))


# --- numerical gradients ----------------------------------------------------------------------

def _smooth(v):
    return float(np.sum(np.sin(v) * v ** 2))


def _steep(v):
    return float(np.sum(np.exp(2 * v)) + v[0] * v[-1])


def _forward_difference(f, x, eps=1e-5):
    x = np.array(x, dtype=float)
    fx, grad = f(x), np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        grad[i] = (f(x) - fx) / eps
        x[i] = old
    return grad


def _centred(f, x, eps, divisor=2, back_to_x=False, all_at_once=False):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    if all_at_once:
        return np.full_like(x, (f(x + eps) - f(x - eps)) / (divisor * eps))
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        plus = f(x)
        x[i] = old if back_to_x else old - eps
        grad[i] = (plus - f(x)) / (divisor * eps)
        x[i] = old
    return grad


NUMERICAL_GRADIENT_MISTAKES = [
    Mistake(tr_later("That is a forward difference, (f(x + eps) - f(x)) / eps, accurate "
                     "only to about eps: use the centred difference (f(x + eps) - f(x - "
                     "eps)) / (2 eps)."),
            lambda f, x, eps=1e-5: _forward_difference(f, x, eps)),
    Mistake(tr_later("Your values are twice too large: the two evaluations are 2 eps "
                     "apart, so divide by 2 eps."), lambda f, x, eps=1e-5: _centred(f, x, eps, divisor=1)),
    Mistake(tr_later("After evaluating at x[i] + eps you went back to x[i], not to x[i] - "
                     "eps: the second evaluation must be at x[i] - eps."),
            lambda f, x, eps=1e-5: _centred(f, x, eps, back_to_x=True)),
    Mistake(tr_later("You moved every entry of x at once; move one entry at a time, so "
                     "that each difference measures one partial derivative."),
            lambda f, x, eps=1e-5: _centred(f, x, eps, all_at_once=True)),
    Mistake(tr_later("You ignored the eps argument (or used another value): use the eps "
                     "you are given."),
            lambda f, x, eps=1e-5: _numerical_gradient(f, x, 1e-5)),
]


def check_numerical_gradient(numerical_gradient) -> None:
    """numerical_gradient(f, x, eps=1e-5): centred differences, x left unchanged."""
    name = "numerical_gradient"
    rng = np.random.default_rng(15)
    for f, x, eps in ((_smooth, rng.standard_normal((3, 4)), None),
                      (_steep, rng.standard_normal(5), 1e-2)):
        args = (f, x) if eps is None else (f, x, eps)
        out, _ = engine.call(name, numerical_gradient, *args)
        out = engine.array(name, out, x.shape, tr("the shape of x"))
        case = tr("x of shape {shape}").format(shape=x.shape) + ("" if eps is None else tr(" with eps={eps}").format(
                                                                     eps=eps))
        engine.compare(name, out, _numerical_gradient(f, x, eps or 1e-5), args,
                       NUMERICAL_GRADIENT_MISTAKES, case)
    engine.passed(name, tr("centred differences, x unchanged, eps respected"))


# --- where does a broken backward pass first go wrong? ----------------------------------------

def mystery_gru_backward(dhs, cache: GRUCache):
    """A backward pass with one planted bug, for the exercise that locates it."""
    T = dhs.shape[0]
    dh, total, dxs = np.zeros_like(cache.h0), None, np.zeros_like(cache.xs)
    for t in range(T - 1, 0, -1):
        dxs[t], dh, g = gru_step_backward(dhs[t] + dh, cache.step(t))
        total = g if total is None else add(total, g)
    if total is None:
        total = zeros_like(cache.p)
    return dxs, dh, total


def check_first_wrong_step(first_wrong_step) -> None:
    """first_wrong_step: the t at which mystery_gru_backward first goes wrong (an int)."""
    if first_wrong_step is None:
        raise CheckFailure(tr("first_wrong_step is None, which would mean no step is "
                              "wrong; but mystery_gru_backward has a bug. Run "
                              "time_step_report on it and read its last line."))
    if not isinstance(first_wrong_step, (int, np.integer)) or isinstance(first_wrong_step, bool):
        raise CheckFailure(tr("first_wrong_step is a {first_wrong_step_type}; store the "
                              "time step as an int, e.g. first_wrong_step = "
                              "report.first_bad_step.").format(
                               first_wrong_step_type=type(first_wrong_step).__name__))
    if first_wrong_step != 0:
        raise CheckFailure(
            tr("t = {first_wrong_step} is not where it first goes wrong. The backward pass "
               "runs from t = T-1 down to 0: in the report, go down the column dL/dx_t "
               "from the last step and find the first one marked wrong.").format(
                first_wrong_step=first_wrong_step))
    print(tr("✓ first_wrong_step is correct: every step is right except t = 0, which the "
             "loop range(T - 1, 0, -1) never reaches (its end is exclusive). range(T - 1, "
             "-1, -1) fixes it."))


# --- gradient clipping ------------------------------------------------------------------------

def _global_norm(grads) -> float:
    return float(np.sqrt(sum(np.sum(g * g) for g in grads)))


def _clip(grads, max_norm, rule="global"):
    if rule == "elementwise":
        return type(grads)(*(np.clip(g, -max_norm, max_norm) for g in grads))
    if rule == "each":
        return type(grads)(*(g * min(1.0, max_norm / max(np.linalg.norm(g), 1e-300)) for g in grads))
    norm = {"global": _global_norm(grads), "no sqrt": _global_norm(grads) ** 2,
            "always": _global_norm(grads), "inverted": _global_norm(grads)}[rule]
    scale = {"always": max_norm / norm, "inverted": norm / max_norm}.get(
        rule, min(1.0, max_norm / norm) if norm > 0 else 1.0)
    return type(grads)(*(g * scale for g in grads))


CLIP_GRADIENTS_MISTAKES = [
    Mistake(tr_later("You clipped each parameter's gradient on its own: clip them together "
                     "by the global norm √(Σ‖g‖²), so that the update keeps its direction."),
            lambda g, m: _clip(g, m, "each")),
    Mistake(tr_later("np.clip bounds every entry separately; gradient clipping rescales "
                     "the whole gradient so that its global norm is at most max_norm."), lambda g, m: _clip(g, m, "elementwise")),
    Mistake(tr_later("A gradient whose norm is already below max_norm must pass unchanged: "
                     "scale by min(1, max_norm / norm)."), lambda g, m: _clip(g, m, "always")),
    Mistake(tr_later("The scale factor is max_norm / norm, not norm / max_norm."),
            lambda g, m: _clip(g, m, "inverted")),
    Mistake(tr_later("The global norm is the square root of the sum of squares; you left "
                     "out the root."),
            lambda g, m: _clip(g, m, "no sqrt")),
]


def check_clip_gradients(clip_gradients) -> None:
    """clip_gradients(grads, max_norm) -> GRUParams rescaled to global norm <= max_norm."""
    name = "clip_gradients"
    rng = np.random.default_rng(16)
    for scale, max_norm in ((5.0, 1.0), (0.05, 1.0), (3.0, 2.5)):
        grads = GRUParams(*(scale * rng.standard_normal(a.shape)
                            for a in GRUParams.init(rng, 3, 4)))
        out, _ = engine.call(name, clip_gradients, grads, max_norm)
        case = tr("gradients of global norm {global_norm:.2f} with max_norm={max_norm}").format(
                   global_norm=_global_norm(grads), max_norm=max_norm)
        engine.compare_params(name, out, _clip(grads, max_norm), (grads, max_norm),
                              CLIP_GRADIENTS_MISTAKES, case)
    engine.passed(name, tr("large gradients rescaled to max_norm, small ones unchanged"))


# --- design: the smallest keep bias that carries the gradient 50 steps -------------------------

KEEP_BIAS_GRID = np.arange(-2.0, 8.01, 0.5)


def keep_norm_at_50(bias: float) -> float:
    """‖∂h_T/∂h_{T-50}‖ of the exercise's 8 GRUs (seed 3, D = 4, H = 16) with b_z raised by bias."""
    from ..gradient_flow import mean_jacobian_norms
    return float(mean_jacobian_norms("gru", np.random.default_rng(3), T=50, D=4, H=16, n_init=8,
                                     gate_bias=bias)[49])


def check_keep_bias_50(keep_bias_50) -> None:
    """keep_bias_50: the smallest bias on the grid -2, -1.5, ..., 8 whose norm at distance 50 > 1e-3."""
    name = "keep_bias_50"
    if keep_bias_50 is None:
        raise CheckFailure(tr("{name} is None: replace None with a number, the bias you "
                              "found.").format(name=name))
    if isinstance(keep_bias_50, bool) or not isinstance(keep_bias_50, (int, float, np.integer, np.floating)):
        raise CheckFailure(tr("{name} must be one number (a float such as 2.5), got a "
                              "{keep_bias_50_type}.").format(
                               name=name, keep_bias_50_type=type(keep_bias_50).__name__))
    b = float(keep_bias_50)
    if not np.isclose(KEEP_BIAS_GRID, b).any():
        raise CheckFailure(tr("{name} = {b:g} is not on the grid: try the biases -2, -1.5, "
                              "..., 7.5, 8 (steps of 0.5) and give the smallest that works.").format(
                               name=name, b=b))
    norm = keep_norm_at_50(b)
    if norm <= 1e-3:
        hint = (tr(" A negative bias pushes z towards 0, which in the course's convention "
                   "*takes* the candidate and lets the old state go.") if b < 0 else
                tr(" Each step's direct path multiplies by z = σ(b_z + bias): raise the "
                   "bias."))
        raise CheckFailure(tr("{name} = {b:g}: the gradient norm 50 steps back is "
                              "{norm:.1e}, not above 1e-3.{hint}").format(
                               name=name, b=b, norm=norm, hint=hint))
    lower = keep_norm_at_50(b - 0.5)
    if lower > 1e-3:
        raise CheckFailure(tr("{name} = {b:g} works (norm {norm:.1e}), but so does "
                              "{value:g} (norm {lower:.1e}): the exercise asks for the "
                              "smallest bias on the grid. (A guess from the direct path "
                              "alone, 4 z^50, comes out too high: routes that mix the "
                              "direct path with the others add to it, though the others "
                              "alone carry almost nothing.)").format(
                               name=name, b=b, norm=norm, value=b - 0.5, lower=lower))
    engine.passed(name, tr("norm {norm:.1e} at distance 50 with bias {b:g}, and "
                           "{lower:.1e} with bias {value:g}").format(
                            norm=norm, b=b, lower=lower, value=b - 0.5))


# --- prediction: which path of ∂L/∂h_{t-1} dominates? ----------------------------------------

PATHS = ("direct", "candidate", "gates")


def path_norms(p, rng, N: int = 64) -> dict:
    """Root-mean-square size of each of the three parts of ∂L/∂h_{t-1} for one GRU step, over N
    random inputs, previous states in (-1, 1) and upstream gradients: direct (δ ⊙ z), through
    the candidate ((δ_{a_n} W_hn^T) ⊙ r), through the gates (δ_{a_r} W_hr^T + δ_{a_z} W_hz^T)."""
    x = rng.standard_normal((N, p.W_xr.shape[0]))
    h = rng.uniform(-1, 1, (N, p.W_xr.shape[1]))
    parts = path_parts(p, x, h, rng.standard_normal(h.shape))
    return {k: float(np.linalg.norm(v) / np.sqrt(N)) for k, v in parts.items()}


def path_parts(p, x, h, delta) -> dict:
    """The three parts of ∂L/∂h_{t-1} (lecture 03 §2.4) for one step of the lecture form."""
    from ..gru import gru_step_forward
    _, c = gru_step_forward(x, h, p)
    da_n = delta * (1 - c.z) * (1 - c.n ** 2)
    back_n = da_n @ p.W_hn.T
    da_r = back_n * h * c.r * (1 - c.r)
    da_z = delta * (h - c.n) * c.z * (1 - c.z)
    return {"direct": delta * c.z, "candidate": back_n * c.r,
            "gates": da_r @ p.W_hr.T + da_z @ p.W_hz.T}


def path_regimes():
    """The exercise's three GRUs (seed 24, D = 3, H = 8), by regime."""
    from ..gru import GRUParams
    p = GRUParams.init(np.random.default_rng(24), D=3, H=8)
    return {"z ≈ 1": p._replace(b_z=np.full(8, 6.0)),
            "z ≈ 0, r ≈ 1": p._replace(b_z=np.full(8, -6.0), b_r=np.full(8, 6.0)),
            "at initialisation": p}


WHY_PATH = {
    "z ≈ 1": tr_later("With z ≈ 1 the direct path δ ⊙ z passes the gradient almost "
                        "whole, and every other path carries a factor 1 - z (through the "
                        "candidate and the reset gate) or z(1 - z) (through the update "
                        "gate)."),
    "z ≈ 0, r ≈ 1": tr_later("With z ≈ 0 the direct path δ ⊙ z is nearly 0, z(1 - z) "
                                 "silences the update gate's path and r(1 - r) the reset "
                                 "gate's; the candidate, taken whole (1 - z ≈ 1) and fed "
                                 "the whole state (r ≈ 1), carries it."),
    "at initialisation": tr_later("At initialisation z ≈ 0.5, so the direct path passes "
                                  "about half of δ, while the candidate's path is scaled "
                                  "by 1 - z ≈ 0.5, by r ≈ 0.5 and by tanh' < 1 on top of "
                                  "W_hn, and the gates' paths by σ' ≤ 1/4."),
}


def check_dominant_paths(dominant_paths) -> None:
    """dominant_paths: dict regime -> 'direct' | 'candidate' | 'gates', the largest part of ∂L/∂h_{t-1}."""
    name = "dominant_paths"
    regimes = path_regimes()
    engine.answer_dict(name, dominant_paths, list(regimes), PATHS,
                       tr("'direct', 'candidate' or 'gates'"))
    wrong = []
    for k, p in regimes.items():
        sizes = path_norms(p, np.random.default_rng(25))
        truth = max(sizes, key=sizes.get)
        if dominant_paths[k] != truth:
            measured = ", ".join(f"{path} {size:.2g}" for path, size in sizes.items())
            wrong.append(tr("{k!r}: measured {measured}, so {truth!r} dominates. "
                            "{WHY_PATH_i}").format(
                             k=k, measured=measured, truth=truth, WHY_PATH_i=WHY_PATH[k]))
    if wrong:
        raise CheckFailure(f"{name}: " + " ".join(wrong))
    engine.passed(name, tr("3 regimes, each measured"))
