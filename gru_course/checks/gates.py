"""Checks for the first exercises of 02 Forward flow: the sigmoid, the two gates, the candidate.

Every check runs the learner's function on random float64 cases of several sizes (D ≠ H, so a
transposed weight cannot hide) and compares with the package's reference; a wrong answer is
compared with the catalogued mistakes below, in order, to find its hint. The step, the sequence
and the convention map are in forward.py.
"""
from __future__ import annotations

import numpy as np

from ..i18n import tr, tr_later
from ..activations import sigmoid as _sigmoid
from ..gru import GRUParams
from . import engine, probes
from .engine import CheckFailure, Mistake

SIZES = [(2, 3, 4), (1, 5, 2), (4, 2, 6)]          # (N, D, H)


def random_params(rng, D, H) -> GRUParams:
    """Parameters large enough that every gate, bias and term visibly matters."""
    return GRUParams(*(0.8 * rng.standard_normal(a.shape) for a in GRUParams.init(rng, D, H)))


def cases(seed: int, T: int | None = None):
    """(args, description) for every size: x_t (N, D), h_prev (N, H), p; or xs (T, N, D) if T."""
    rng = np.random.default_rng(seed)
    for N, D, H in SIZES:
        p = random_params(rng, D, H)
        x = rng.standard_normal((N, D) if T is None else (T, N, D))
        yield (x, rng.standard_normal((N, H)), p), f"N={N}, D={D}, H={H}" + (f", T={T}" if T else "")


# --- sigmoid ----------------------------------------------------------------------------------

SIGMOID_MISTAKES = [
    Mistake(tr_later("Your values lie between -1 and 1: that is tanh. The sigmoid is 1 / "
                     "(1 + exp(-a))."),
            lambda a: np.tanh(a)),
    Mistake(tr_later("You computed σ(-a) = 1 / (1 + exp(a)) = exp(-a) / (1 + exp(-a)): σ "
                     "must grow with a; mind the sign."),
            lambda a: 1 / (1 + np.exp(a))),
]


def check_sigmoid(sigmoid) -> None:
    """sigmoid(a): σ(a) elementwise, exact at ±1000 without an overflow warning."""
    rng = np.random.default_rng(0)
    for a, case in ((4 * rng.standard_normal((3, 4)), tr("random values of shape (3, 4)")),
                    (np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0]), "a = [-1000, -40, 0, 40, 1000]")):
        out, caught = engine.call("sigmoid", sigmoid, a)
        if caught:
            raise CheckFailure(
                tr("sigmoid warned '{message}' on {case}: exp(-a) overflows for a very "
                   "negative a. Compute the exponential of -|a| only, e.g. e = "
                   "np.exp(-np.abs(a)), then σ = 1/(1+e) where a >= 0 and e/(1+e) where a "
                   "< 0 (np.where evaluates both branches everywhere, so both must be "
                   "safe).").format(message=caught[0].message, case=case))
        if isinstance(out, np.ndarray) and out.shape == a.shape and np.isnan(out).any():
            raise CheckFailure(tr("sigmoid returned NaN on {case} (inf / inf somewhere): "
                                  "use a form in which no exponential overflows, e.g. "
                                  "branch on the sign of a.").format(case=case))
        out = engine.array("sigmoid", out, a.shape, tr("the shape of a"))
        engine.compare("sigmoid", out, _sigmoid(a), (a,), SIGMOID_MISTAKES, case)
    tails, _ = engine.call("sigmoid", sigmoid, np.array([-40.0, 40.0]))
    tails = engine.array("sigmoid", tails, (2,), tr("the shape of a"))
    if abs(tails[0] - _sigmoid(np.array(-40.0))) > 1e-6 * _sigmoid(np.array(-40.0)):
        raise CheckFailure(tr("sigmoid(-40) = {tails_i:.3g}, but σ(-40) = 4.25e-18: your "
                              "sigmoid loses its tail. Did you clip a (e.g. to [-30, 30])? "
                              "Clipping is not needed: computing exp(-|a|) never overflows.").format(
                               tails_i=tails[0]))
    engine.passed("sigmoid", tr("random values, and ±1000 without overflow"))


# --- the two gates ----------------------------------------------------------------------------

def _gate(x, h, p, g, act=_sigmoid, W_h=None, use_x=True, use_h=True, use_b=True):
    W_x, W_hh, b = getattr(p, f"W_x{g}"), getattr(p, f"W_h{g}"), getattr(p, f"b_{g}")
    a = (x @ W_x if use_x else 0) + (h @ (W_hh if W_h is None else W_h(W_hh)) if use_h else 0)
    return act(a + b if use_b else a)


GATE_NAMES = {"r": tr_later("the reset gate"), "z": tr_later("the update gate")}


def _gate_mistakes(g: str, other: str) -> list[Mistake]:
    return [
        Mistake(tr_later("You used {used}'s parameters (W_x{other}, W_h{other}, b_{other}); "
                         "{own} has its own: W_x{g}, W_h{g}, b_{g}.").format(
                    used=GATE_NAMES[other], own=GATE_NAMES[g], other=other, g=g),
                lambda x, h, p: _gate(x, h, p, other)),
        Mistake(tr_later("The bias b_{g} is missing.").format(g=g), lambda x, h, p: _gate(x, h, p, g, use_b=False)),
        Mistake(tr_later("The term h_prev @ W_h{g} is missing: the gate looks at the "
                         "previous state as well as the input.").format(g=g), lambda x, h, p: _gate(x, h, p, g, use_h=False)),
        Mistake(tr_later("The term x_t @ W_x{g} is missing: the gate looks at the input as "
                         "well as the previous state.").format(g=g), lambda x, h, p: _gate(x, h, p, g, use_x=False)),
        Mistake(tr_later("W_h{g} is used transposed. The course multiplies rows from the "
                         "left: h_prev @ W_h{g}, shapes (N, H) @ (H, H).").format(g=g),
                lambda x, h, p: _gate(x, h, p, g, W_h=lambda W: W.T)),
        Mistake(tr_later("You applied tanh; a gate uses the sigmoid σ, so that it lies "
                         "between 0 and 1."),
                lambda x, h, p: _gate(x, h, p, g, act=np.tanh)),
        Mistake(tr_later("The sigmoid is missing: you returned the pre-activation a; the "
                         "gate is σ(a)."),
                lambda x, h, p: _gate(x, h, p, g, act=lambda a: a)),
    ]


RESET_GATE_MISTAKES = _gate_mistakes("r", "z")
UPDATE_GATE_MISTAKES = _gate_mistakes("z", "r") + [
    Mistake(tr_later("You returned 1 - z. The gate itself is z = σ(...); which of z and 1 "
                     "- z multiplies h_prev is decided in gru_step."), lambda x, h, p: 1 - _gate(x, h, p, "z")),
]


def _check_gate(name, fn, g, mistakes, seed) -> None:
    which = {"r": tr("the reset gate"), "z": tr("the update gate")}[g]
    reference = lambda x, h, p: _gate(x, h, p, g)                 # noqa: E731
    for (x, h, p), case in cases(seed):
        out, _ = engine.call(name, fn, x, h, p)
        out = engine.array(name, out, h.shape, "(N, H)")
        engine.compare(name, out, reference(x, h, p), (x, h, p), mistakes, case,
                       explain=lambda: probes.dependencies(name, fn, reference, (x, h, p),
                                                           ("x_t", "h_prev", "p"), which))
    engine.passed(name, tr("{n_SIZES} random cases of different N, D, H").format(n_SIZES=len(SIZES)))


def check_reset_gate(reset_gate) -> None:
    """reset_gate(x_t, h_prev, p) = σ(x_t W_xr + h_prev W_hr + b_r), (N, H)."""
    _check_gate("reset_gate", reset_gate, "r", RESET_GATE_MISTAKES, seed=1)


def check_update_gate(update_gate) -> None:
    """update_gate(x_t, h_prev, p) = σ(x_t W_xz + h_prev W_hz + b_z), (N, H)."""
    _check_gate("update_gate", update_gate, "z", UPDATE_GATE_MISTAKES, seed=2)


# --- the candidate, reset before and after ----------------------------------------------------

def _candidate(x, h, r, p, reset="before", act=np.tanh, b_xn=True, b_hn=True, gate=None,
               transpose=False):
    r = r if gate is None else gate(r)
    bx = p.b_xn if b_xn else 0
    bh = p.b_hn if b_hn else 0
    if transpose:
        p = p._replace(W_hn=p.W_hn.T)
    if reset == "before":
        return act(x @ p.W_xn + bx + (r * h) @ p.W_hn + bh)
    if reset == "after":
        return act(x @ p.W_xn + bx + r * (h @ p.W_hn + bh))
    if reset == "after, b_hn outside":
        return act(x @ p.W_xn + bx + r * (h @ p.W_hn) + bh)
    return act(x @ p.W_xn + bx + h @ p.W_hn + bh)                  # reset == "none"


def _candidate_mistakes(right: str) -> list[Mistake]:
    wrong_placement = {
        "before": Mistake(tr_later("You applied the reset gate after the matrix product, r "
                                   "⊙ (h_prev W_hn + b_hn): that is PyTorch's form "
                                   "(reset=\"after\"). The lecture form resets first: (r ⊙ "
                                   "h_prev) W_hn."),
                          lambda x, h, r, p: _candidate(x, h, r, p, "after")),
        "after": Mistake(tr_later("You reset before the matrix product, (r ⊙ h_prev) W_hn: "
                                  "that is the lecture form. PyTorch multiplies r by "
                                  "(h_prev W_hn + b_hn)."),
                         lambda x, h, r, p: _candidate(x, h, r, p, "before")),
    }[right]
    mistakes = [
        wrong_placement,
        Mistake(tr_later("r is not used: the reset gate decides how much of h_prev reaches "
                         "the candidate."),
                lambda x, h, r, p: _candidate(x, h, r, p, "none")),
        Mistake(tr_later("You used 1 - r where r belongs: r near 0 should reset (drop) "
                         "h_prev."),
                lambda x, h, r, p: _candidate(x, h, r, p, right, gate=lambda r: 1 - r)),
        Mistake(tr_later("The bias b_hn is missing (the candidate has two biases, b_xn and "
                         "b_hn)."),
                lambda x, h, r, p: _candidate(x, h, r, p, right, b_hn=False)),
        Mistake(tr_later("The bias b_xn is missing (the candidate has two biases, b_xn and "
                         "b_hn)."),
                lambda x, h, r, p: _candidate(x, h, r, p, right, b_xn=False)),
        Mistake(tr_later("Both biases, b_xn and b_hn, are missing."),
                lambda x, h, r, p: _candidate(x, h, r, p, right, b_xn=False, b_hn=False)),
        Mistake(tr_later("You applied the sigmoid; the candidate uses tanh, so that it "
                         "lies between -1 and 1 like the state."), lambda x, h, r, p: _candidate(x, h, r, p, right, _sigmoid)),
        Mistake(tr_later("tanh is missing: you returned the pre-activation."),
                lambda x, h, r, p: _candidate(x, h, r, p, right, act=lambda a: a)),
        Mistake(tr_later("W_hn is used transposed. The course multiplies rows from the "
                         "left: (r ⊙ h_prev) @ W_hn, shapes (N, H) @ (H, H)."),
                lambda x, h, r, p: _candidate(x, h, r, p, right, transpose=True)),
    ]
    if right == "after":
        mistakes.insert(1, Mistake(
            tr_later("b_hn must be inside the product with r: PyTorch computes r ⊙ (h_prev "
                     "W_hn + b_hn)."),
            lambda x, h, r, p: _candidate(x, h, r, p, "after, b_hn outside")))
    return mistakes


CANDIDATE_MISTAKES = _candidate_mistakes("before")
CANDIDATE_AFTER_MISTAKES = _candidate_mistakes("after")


def _check_candidate(name, fn, reset, mistakes, seed) -> None:
    for (x, h, p), case in cases(seed):
        r = _gate(x, h, p, "r")
        out, _ = engine.call(name, fn, x, h, r, p)
        out = engine.array(name, out, h.shape, "(N, H)")
        reference = lambda x, h, r, p: _candidate(x, h, r, p, reset)   # noqa: E731

        def explain(x=x, h=h, r=r, p=p, reference=reference):
            return " ".join(filter(None, [
                probes.candidate_terms(fn, reference, x, h, r, p, reset),
                probes.dependencies(name, fn, reference, (x, h, r, p), ("x_t", "h_prev", "r", "p"),
                                    tr("the candidate"))]))
        engine.compare(name, out, reference(x, h, r, p), (x, h, r, p), mistakes, case,
                       explain=explain)
    detail = {"before": tr("{n} random cases, reset before the matrix product"),
              "after": tr("{n} random cases, reset after the matrix product")}[reset]
    engine.passed(name, detail.format(n=len(SIZES)))


def check_candidate(candidate) -> None:
    """candidate(x_t, h_prev, r, p) = tanh(x_t W_xn + b_xn + (r ⊙ h_prev) W_hn + b_hn)."""
    _check_candidate("candidate", candidate, "before", CANDIDATE_MISTAKES, seed=3)


def check_candidate_after(candidate_after) -> None:
    """candidate_after(x_t, h_prev, r, p) = tanh(x_t W_xn + b_xn + r ⊙ (h_prev W_hn + b_hn))."""
    _check_candidate("candidate_after", candidate_after, "after", CANDIDATE_AFTER_MISTAKES, seed=4)
