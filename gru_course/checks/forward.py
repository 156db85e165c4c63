"""Checks for the last exercises of 02 Forward flow: a step, a sequence, the convention map, and
the two designs: a column-vector GRU in the row form, and when the two reset placements agree.

The gates and the candidate they are built from are checked in gates.py, whose reference
functions (_gate, _candidate) these checks reuse.
"""
from __future__ import annotations

import numpy as np

from ..conventions import flip_update_gate, gru_step_z_takes
from . import engine, probes
from .engine import CheckFailure, Mistake
from .gates import SIZES, _candidate, _gate, cases


# --- a step and a sequence --------------------------------------------------------------------

def _step(x, h, p, keeps=True, reset="before", swap=False, out="h"):
    r, z = _gate(x, h, p, "r"), _gate(x, h, p, "z")
    if swap:
        r, z = z, r
    n = _candidate(x, h, r, p, reset)
    if out == "n":
        return n
    if out == "no 1-z":
        return z * h + n
    return z * h + (1 - z) * n if keeps else (1 - z) * h + z * n


OTHER_CONVENTION = (
    "Your update gate interpolates the other way round: you wrote (1 - z) ⊙ h_prev + z ⊙ n, the "
    "convention of Chung et al. and deeplearning.ai. In this course z keeps the old state: "
    "h_t = z ⊙ h_prev + (1 - z) ⊙ n.")
RESET_AFTER = ("Your candidate resets after the matrix product (PyTorch's form); this exercise "
               "uses the lecture form, (r ⊙ h_prev) W_hn.")

GRU_STEP_MISTAKES = [
    Mistake(OTHER_CONVENTION, lambda x, h, p: _step(x, h, p, keeps=False)),
    Mistake(RESET_AFTER, lambda x, h, p: _step(x, h, p, reset="after")),
    Mistake("You returned the candidate n; the new state mixes it with h_prev through z.",
            lambda x, h, p: _step(x, h, p, out="n")),
    Mistake("The factor (1 - z) in front of n is missing: h_t = z ⊙ h_prev + (1 - z) ⊙ n.",
            lambda x, h, p: _step(x, h, p, out="no 1-z")),
    Mistake("You exchanged the two gates: r belongs inside the candidate, z in the final mix.",
            lambda x, h, p: _step(x, h, p, swap=True)),
]


def check_gru_step(gru_step) -> None:
    """gru_step(x_t, h_prev, p) -> h_t, (N, H), lecture form."""
    for (x, h, p), case in cases(seed=5):
        out, _ = engine.call("gru_step", gru_step, x, h, p)
        out = engine.array("gru_step", out, h.shape, "(N, H)")

        def explain(x=x, h=h, p=p):
            helper = _helpers_first(gru_step, ("reset_gate", "update_gate", "candidate", "sigmoid"))
            if helper:
                return helper
            return " ".join(filter(None, [
                probes.step_terms(gru_step, _step, x, h, p),
                probes.dependencies("gru_step", gru_step, _step, (x, h, p),
                                    ("x_t", "h_prev", "p"), "the GRU step")]))
        engine.compare("gru_step", out, _step(x, h, p), (x, h, p), GRU_STEP_MISTAKES, case,
                       explain=explain)
    engine.passed("gru_step", f"{len(SIZES)} random cases of different N, D, H")


def _helpers_first(fn, names) -> str:
    """If `fn` calls the learner's own helper functions (by these names), check them first: a
    wrong helper is named instead of the caller."""
    from . import gates
    own = getattr(fn, "__globals__", {})
    for helper in names:
        if helper in getattr(getattr(fn, "__code__", None), "co_names", ()) and callable(own.get(helper)):
            check = getattr(gates, f"check_{helper}", None)
            try:
                import contextlib
                import io
                with contextlib.redirect_stdout(io.StringIO()):
                    check(own[helper])
            except CheckFailure as failure:
                return (f"It calls your {helper}, which is wrong itself; fix that first: {failure}")
            except Exception:
                continue
    return ""


def _sequence(xs, h0, p, carry=True, shift=False, late=False, **step_kw):
    hs, h = [], h0
    for t, x in enumerate(xs):
        x = xs[t - 1] if late else x
        new = _step(x, h if carry else h0, p, **step_kw)
        hs.append(h if shift else new)
        h = new
    return np.stack(hs)


GRU_SEQUENCE_MISTAKES = [
    Mistake("The state is not carried over time: every step starts again from h0. Feed each "
            "step the state the previous step returned.",
            lambda xs, h0, p: _sequence(xs, h0, p, carry=False)),
    Mistake("Off by one: hs[t] must be the state after step t (h_{t+1} counting h0 as h_0); you "
            "stored the state before it.", lambda xs, h0, p: _sequence(xs, h0, p, shift=True)),
    Mistake("Each step must read its own input xs[t]; yours reads xs[t - 1] (at t = 0 that is "
            "the last input, xs[-1]).", lambda xs, h0, p: _sequence(xs, h0, p, late=True)),
    Mistake(OTHER_CONVENTION, lambda xs, h0, p: _sequence(xs, h0, p, keeps=False)),
    Mistake(RESET_AFTER, lambda xs, h0, p: _sequence(xs, h0, p, reset="after")),
]


def check_gru_sequence(gru_sequence) -> None:
    """gru_sequence(xs, h0, p) -> hs, (T, N, H): every state h_1..h_T."""
    T = 5
    for (xs, h0, p), case in cases(seed=6, T=T):
        out, _ = engine.call("gru_sequence", gru_sequence, xs, h0, p)
        N, H = h0.shape
        if isinstance(out, np.ndarray) and out.shape == (T + 1, N, H):
            raise CheckFailure(f"gru_sequence returned {T + 1} states for T={T} inputs: leave out "
                               "h0, so that hs[t] is the state after reading xs[t].")
        if isinstance(out, np.ndarray) and out.shape == (N, H):
            raise CheckFailure("gru_sequence returned only the last state; return all T states "
                               "stacked, (T, N, H), e.g. np.stack(list_of_states).")
        if isinstance(out, list):
            raise CheckFailure("gru_sequence returned a list; stack it into one array with np.stack.")
        out = engine.array("gru_sequence", out, (T, N, H), "(T, N, H)")
        engine.compare("gru_sequence", out, _sequence(xs, h0, p), (xs, h0, p),
                       GRU_SEQUENCE_MISTAKES, case)
    engine.passed("gru_sequence", f"{len(SIZES)} random sequences of T={T} steps")


# --- the two update-gate conventions ----------------------------------------------------------

def _negate(q, *fields):
    return q._replace(**{f: -getattr(q, f) for f in fields})


TO_COURSE_CONVENTION_MISTAKES = [
    Mistake("You returned the parameters unchanged; in the other convention z and 1 - z trade "
            "places, so the update gate must be turned around.", lambda q: q),
    Mistake("You negated b_z only; σ(-a) = 1 - σ(a) needs the whole pre-activation negated: "
            "W_xz and W_hz as well.", lambda q: _negate(q, "b_z")),
    Mistake("You negated W_xz and W_hz but not b_z: the whole pre-activation must change sign.",
            lambda q: _negate(q, "W_xz", "W_hz")),
    Mistake("You negated the reset gate's parameters as well; only the update gate changes.",
            lambda q: _negate(q, "W_xz", "W_hz", "b_z", "W_xr", "W_hr", "b_r")),
    Mistake("You replaced W by 1 - W; what must become 1 - z is the gate's value, and "
            "σ(-a) = 1 - σ(a) gets there by negating the pre-activation.",
            lambda q: q._replace(W_xz=1 - q.W_xz, W_hz=1 - q.W_hz, b_z=1 - q.b_z)),
    Mistake("You exchanged the reset and update gates' parameters; the conventions differ only "
            "in which way z points, so keep every gate where it is and negate z's.",
            lambda q: q._replace(W_xr=q.W_xz, W_hr=q.W_hz, b_r=q.b_z, W_xz=q.W_xr, W_hz=q.W_hr,
                                 b_z=q.b_r)),
]


def check_to_course_convention(to_course_convention) -> None:
    """to_course_convention(q) -> GRUParams p with gru_step_forward(x, h, p) == gru_step_z_takes(x, h, q)."""
    name = "to_course_convention"
    for (x, h, q), case in cases(seed=7):
        out, _ = engine.call(name, to_course_convention, q)
        engine.compare_params(name, out, flip_update_gate(q), (q,), TO_COURSE_CONVENTION_MISTAKES,
                              case)
        gap = engine.rel_error(_step(x, h, out), gru_step_z_takes(x, h, q))
        if gap > engine.TOL:       # cannot happen when every field is right; a guard, not a hint
            raise CheckFailure(f"{name}: the states still differ (relative error {gap:.1e}).")
    engine.passed(name, "both conventions now give identical states")


# --- design: a column-vector GRU in the course's row form -------------------------------------

COLUMN_FIELDS = ("W_xr", "W_hr", "b_r", "W_xz", "W_hz", "b_z", "W_xg", "W_hg", "b_g")


def column_case(rng, D, H):
    """A GRU written as the Korean equation slides write it: W (H, D) acting on a column x."""
    shapes = {"W_x": (H, D), "W_h": (H, H), "b_": (H,)}
    return {f: rng.standard_normal(shapes[f[:3] if f.startswith("W") else "b_"]) for f in COLUMN_FIELDS}


def _from_columns(col, transpose=True, split="xn", flip=False, swap_candidate=False):
    from ..gru import GRUParams
    t = (lambda W: W.T) if transpose else (lambda W: W)
    sign = -1.0 if flip else 1.0
    W_xn, W_hn = (col["W_hg"], col["W_xg"]) if swap_candidate else (col["W_xg"], col["W_hg"])
    b = col["b_g"]
    b_xn, b_hn = {"xn": (b, 0 * b), "both": (b, b), "none": (0 * b, 0 * b)}[split]
    return GRUParams(t(col["W_xr"]), t(col["W_hr"]), col["b_r"], sign * t(col["W_xz"]),
                     sign * t(col["W_hz"]), sign * col["b_z"], t(W_xn), t(W_hn), b_xn, b_hn)


FROM_COLUMN_FORM_MISTAKES = [
    Mistake("The weights are not transposed: the slides' W_xr is (H, D) and multiplies a column, "
            "W_xr x_t; the course's is (D, H) and multiplies a row from the right, x_t W_xr. "
            "Use col['W_xr'].T and so on.", lambda col: _from_columns(col, transpose=False)),
    Mistake("The candidate's bias is counted twice: the slides have one bias b_g; put it in b_xn "
            "and zeros in b_hn (in the course's form only their sum matters).",
            lambda col: _from_columns(col, split="both")),
    Mistake("The candidate's bias b_g is missing: put it in b_xn (and zeros in b_hn).",
            lambda col: _from_columns(col, split="none")),
    Mistake("You flipped the update gate, but the slides' z already keeps the old state, "
            "h_t = z ⊙ h_{t-1} + (1 - z) g_t, exactly like the course's: copy it as it is.",
            lambda col: _from_columns(col, flip=True)),
    Mistake("W_xg and W_hg are exchanged: W_xg multiplies the input x_t, W_hg the reset state "
            "r ⊙ h_{t-1}.", lambda col: _from_columns(col, swap_candidate=True)),
]


def check_from_column_form(from_column_form) -> None:
    """from_column_form(col) -> GRUParams computing what the column-vector GRU `col` computes."""
    from ..gru import GRUParams
    from ..gru_sequence import gru_forward
    name = "from_column_form"
    rng = np.random.default_rng(22)
    for D, H in [(3, 3), (2, 4), (4, 3)]:           # D == H first: a missing transpose still runs
        col = column_case(rng, D, H)
        out, _ = engine.call(name, from_column_form, col)
        if out is None:
            raise CheckFailure(f"{name} returned None: did you forget the `return` statement?")
        if not engine.is_params(out, GRUParams):
            raise CheckFailure(f"{name} returned a {type(out).__name__}; return a GRUParams(W_xr, "
                               f"W_hr, b_r, W_xz, W_hz, b_z, W_xn, W_hn, b_xn, b_hn).")
        expected = _from_columns(col)
        for field, a, b in zip(GRUParams._fields, out, expected):
            if np.shape(a) != np.shape(b):
                hint = (" It is the slides' shape: transpose it." if np.shape(a) == np.shape(b)[::-1]
                        and len(np.shape(b)) == 2 else "")
                raise CheckFailure(f"{name}: {field} has shape {np.shape(a)}, the course's "
                                   f"{field} is {np.shape(b)} for D={D}, H={H}.{hint}")
        xs, h0 = rng.standard_normal((4, 2, D)), rng.standard_normal((2, H))
        got = gru_forward(xs, h0, GRUParams(*(np.asarray(a, dtype=float) for a in out)))[0]
        want = gru_forward(xs, h0, expected)[0]
        if engine.rel_error(got, want) <= engine.TOL:
            continue
        for mistake in FROM_COLUMN_FORM_MISTAKES:
            wrong = gru_forward(xs, h0, mistake.answer(col))[0]
            if engine.rel_error(got, wrong) <= engine.TOL:
                raise CheckFailure(f"{name} is wrong for D={D}, H={H}. {mistake.hint}")
        raise CheckFailure(f"{name} is wrong for D={D}, H={H}: {_column_diagnosis(out, expected)}")
    engine.passed(name, "the same states as the column-vector GRU for 3 sizes")


def _column_diagnosis(out, expected) -> str:
    """Name the fields that differ, and how: transposed, negated, or just different."""
    notes = []
    for field, a, b in zip(expected._fields, out, expected):
        if field in ("b_xn", "b_hn"):
            continue
        a = np.asarray(a, dtype=float)
        if engine.rel_error(a, b) <= engine.TOL:
            continue
        if a.ndim == 2 and a.shape == b.T.shape and engine.rel_error(a, b.T) <= engine.TOL:
            notes.append(f"{field} is not transposed")
        elif engine.rel_error(a, -b) <= engine.TOL:
            notes.append(f"{field} has the wrong sign")
        else:
            notes.append(f"{field} is not the slides' matching weight, transposed")
    total = np.asarray(out.b_xn, dtype=float) + np.asarray(out.b_hn, dtype=float)
    if engine.rel_error(total, expected.b_xn) > engine.TOL:
        notes.append("b_xn + b_hn should add up to the slides' b_g")
    return "; ".join(notes) + "." if notes else "the fields look right but the states differ."


# --- prediction: when do reset-before and reset-after agree? ----------------------------------

SAME_CANDIDATE_CASES = {
    "r = 1": (True, "With r = 1 both forms reduce to tanh(x W_xn + b_xn + h W_hn + b_hn)."),
    "h_prev = 0 and b_hn = 0": (True, "With h_prev = 0 and b_hn = 0 the whole recurrent term is 0 in "
                                      "both forms, whatever r is."),
    "h_prev = 0 and b_hn ≠ 0": (False, "With h_prev = 0, reset-before still adds b_hn in full, "
                                       "reset-after adds r ⊙ b_hn: they differ unless r = 1."),
    "r = 0 and b_hn ≠ 0": (False, "With r = 0, reset-before keeps b_hn (only r ⊙ h_prev vanishes), "
                                  "reset-after multiplies b_hn by 0 too: they differ by b_hn."),
}


def _candidate_forms(case, rng, D=3, H=4):
    from ..gru import GRUParams
    p = GRUParams.init(rng, D, H)
    x, h = rng.standard_normal((2, D)), rng.standard_normal((2, H))
    if case.startswith("h_prev = 0"):
        h = 0 * h
        p = p._replace(b_hn=0 * p.b_hn if "b_hn = 0" in case else p.b_hn + 1.0)
    r = {"r = 1": np.ones((2, H)), "r = 0 and b_hn ≠ 0": np.zeros((2, H))}.get(
        case, _gate(x, h, p, "r"))
    if case == "r = 0 and b_hn ≠ 0":
        p = p._replace(b_hn=p.b_hn + 1.0)
    return _candidate(x, h, r, p, "before"), _candidate(x, h, r, p, "after")


def check_same_candidate(same_candidate) -> None:
    """same_candidate: dict case -> True/False, whether both reset placements give the same n_t."""
    name = "same_candidate"
    engine.answer_dict(name, same_candidate, list(SAME_CANDIDATE_CASES), (True, False),
                       "True or False")
    wrong = []
    rng = np.random.default_rng(23)
    for case, (truth, why) in SAME_CANDIDATE_CASES.items():
        before, after = _candidate_forms(case, rng)
        measured = bool(np.allclose(before, after, rtol=0, atol=1e-12))
        assert measured == truth, case                     # the catalogue is measured, not asserted
        if bool(same_candidate[case]) != truth:
            wrong.append(f"{case!r}: the two candidates {'agree' if truth else 'differ'} "
                         f"(largest difference {np.abs(before - after).max():.2g}). {why}")
    if wrong:
        raise CheckFailure(f"{name}: " + " ".join(wrong))
    engine.passed(name, f"{len(SAME_CANDIDATE_CASES)} cases, each measured")
