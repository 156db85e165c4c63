"""Checks for the last exercises of 02 Forward flow: a step, a sequence, the convention map, and
the two designs: a column-vector GRU in the row form, and when the two reset placements agree.

The gates and the candidate they are built from are checked in gates.py, whose reference
functions (_gate, _candidate) these checks reuse.
"""
from __future__ import annotations

import numpy as np

from ..i18n import tr, tr_later
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
    tr_later("Your update gate interpolates the other way round: you wrote (1 - z) ⊙ "
             "h_prev + z ⊙ n, the convention of Chung et al. and deeplearning.ai. In this "
             "course z keeps the old state: h_t = z ⊙ h_prev + (1 - z) ⊙ n."))
RESET_AFTER = (tr_later("Your candidate resets after the matrix product (PyTorch's form); "
                        "this exercise uses the lecture form, (r ⊙ h_prev) W_hn."))

GRU_STEP_MISTAKES = [
    Mistake(OTHER_CONVENTION, lambda x, h, p: _step(x, h, p, keeps=False)),
    Mistake(RESET_AFTER, lambda x, h, p: _step(x, h, p, reset="after")),
    Mistake(tr_later("You returned the candidate n; the new state mixes it with h_prev "
                     "through z."),
            lambda x, h, p: _step(x, h, p, out="n")),
    Mistake(tr_later("The factor (1 - z) in front of n is missing: h_t = z ⊙ h_prev + (1 - "
                     "z) ⊙ n."),
            lambda x, h, p: _step(x, h, p, out="no 1-z")),
    Mistake(tr_later("You exchanged the two gates: r belongs inside the candidate, z in "
                     "the final mix."),
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
                                    ("x_t", "h_prev", "p"), tr("the GRU step"))]))
        engine.compare("gru_step", out, _step(x, h, p), (x, h, p), GRU_STEP_MISTAKES, case,
                       explain=explain)
    engine.passed("gru_step", tr("{n_SIZES} random cases of different N, D, H").format(
                                  n_SIZES=len(SIZES)))


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
                return (tr("It calls your {helper}, which is wrong itself; fix that first: "
                           "{failure}").format(helper=helper, failure=failure))
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
    Mistake(tr_later("The state is not carried over time: every step starts again from h0. "
                     "Feed each step the state the previous step returned."),
            lambda xs, h0, p: _sequence(xs, h0, p, carry=False)),
    Mistake(tr_later("Off by one: hs[t] must be the state after step t (h_{t+1} counting "
                     "h0 as h_0); you stored the state before it."), lambda xs, h0, p: _sequence(xs, h0, p, shift=True)),
    Mistake(tr_later("Each step must read its own input xs[t]; yours reads xs[t - 1] (at t "
                     "= 0 that is the last input, xs[-1])."), lambda xs, h0, p: _sequence(xs, h0, p, late=True)),
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
            raise CheckFailure(tr("gru_sequence returned {value} states for T={T} inputs: "
                                  "leave out h0, so that hs[t] is the state after reading "
                                  "xs[t].").format(value=T + 1, T=T))
        if isinstance(out, np.ndarray) and out.shape == (N, H):
            raise CheckFailure(tr("gru_sequence returned only the last state; return all T "
                                  "states stacked, (T, N, H), e.g. "
                                  "np.stack(list_of_states)."))
        if isinstance(out, list):
            raise CheckFailure(tr("gru_sequence returned a list; stack it into one array "
                                  "with np.stack."))
        out = engine.array("gru_sequence", out, (T, N, H), "(T, N, H)")
        engine.compare("gru_sequence", out, _sequence(xs, h0, p), (xs, h0, p),
                       GRU_SEQUENCE_MISTAKES, case)
    engine.passed("gru_sequence", tr("{n_SIZES} random sequences of T={T} steps").format(
                                      n_SIZES=len(SIZES), T=T))


# --- the two update-gate conventions ----------------------------------------------------------

def _negate(q, *fields):
    return q._replace(**{f: -getattr(q, f) for f in fields})


TO_COURSE_CONVENTION_MISTAKES = [
    Mistake(tr_later("You returned the parameters unchanged; in the other convention z and "
                     "1 - z trade places, so the update gate must be turned around."), lambda q: q),
    Mistake(tr_later("You negated b_z only; σ(-a) = 1 - σ(a) needs the whole "
                     "pre-activation negated: W_xz and W_hz as well."), lambda q: _negate(q, "b_z")),
    Mistake(tr_later("You negated W_xz and W_hz but not b_z: the whole pre-activation must "
                     "change sign."),
            lambda q: _negate(q, "W_xz", "W_hz")),
    Mistake(tr_later("You negated the reset gate's parameters as well; only the update "
                     "gate changes."),
            lambda q: _negate(q, "W_xz", "W_hz", "b_z", "W_xr", "W_hr", "b_r")),
    Mistake(tr_later("You replaced W by 1 - W; what must become 1 - z is the gate's value, "
                     "and σ(-a) = 1 - σ(a) gets there by negating the pre-activation."),
            lambda q: q._replace(W_xz=1 - q.W_xz, W_hz=1 - q.W_hz, b_z=1 - q.b_z)),
    Mistake(tr_later("You exchanged the reset and update gates' parameters; the "
                     "conventions differ only in which way z points, so keep every gate "
                     "where it is and negate z's."),
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
            raise CheckFailure(tr("{name}: the states still differ (relative error "
                                  "{gap:.1e}).").format(name=name, gap=gap))
    engine.passed(name, tr("both conventions now give identical states"))


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
    Mistake(tr_later("The weights are not transposed: the slides' W_xr is (H, D) and "
                     "multiplies a column, W_xr x_t; the course's is (D, H) and multiplies "
                     "a row from the right, x_t W_xr. Use col['W_xr'].T and so on."), lambda col: _from_columns(col, transpose=False)),
    Mistake(tr_later("The candidate's bias is counted twice: the slides have one bias b_g; "
                     "put it in b_xn and zeros in b_hn (in the course's form only their "
                     "sum matters)."),
            lambda col: _from_columns(col, split="both")),
    Mistake(tr_later("The candidate's bias b_g is missing: put it in b_xn (and zeros in "
                     "b_hn)."),
            lambda col: _from_columns(col, split="none")),
    Mistake(tr_later("You flipped the update gate, but the slides' z already keeps the old "
                     "state, h_t = z ⊙ h_{t-1} + (1 - z) g_t, exactly like the course's: "
                     "copy it as it is."),
            lambda col: _from_columns(col, flip=True)),
    Mistake(tr_later("W_xg and W_hg are exchanged: W_xg multiplies the input x_t, W_hg the "
                     "reset state r ⊙ h_{t-1}."), lambda col: _from_columns(col, swap_candidate=True)),
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
            raise CheckFailure(tr("{name} returned None: did you forget the `return` "
                                  "statement?").format(name=name))
        if not engine.is_params(out, GRUParams):
            raise CheckFailure(tr("{name} returned a {kind}; return a GRUParams(W_xr, W_hr, b_r, "
                                  "W_xz, W_hz, b_z, W_xn, W_hn, b_xn, b_hn).").format(
                                      name=name, kind=type(out).__name__))
        expected = _from_columns(col)
        for field, a, b in zip(GRUParams._fields, out, expected):
            if np.shape(a) != np.shape(b):
                hint = (tr(" It is the slides' shape: transpose it.") if np.shape(a) == np.shape(b)[::-1]
                        and len(np.shape(b)) == 2 else "")
                raise CheckFailure(tr("{name}: {field} has shape {shape}, the course's "
                                      "{field} is {shape2} for D={D}, H={H}.{hint}").format(
                                       name=name, field=field, shape=np.shape(a), shape2=np.shape(b), D=D, H=H, hint=hint))
        engine.finite_params(name, out)
        xs, h0 = rng.standard_normal((4, 2, D)), rng.standard_normal((2, H))
        got = gru_forward(xs, h0, GRUParams(*(np.asarray(a, dtype=float) for a in out)))[0]
        want = gru_forward(xs, h0, expected)[0]
        if engine.rel_error(got, want) <= engine.TOL:
            continue
        for mistake in FROM_COLUMN_FORM_MISTAKES:
            wrong = gru_forward(xs, h0, mistake.answer(col))[0]
            if engine.rel_error(got, wrong) <= engine.TOL:
                raise CheckFailure(tr("{name} is wrong for D={D}, H={H}. {hint}").format(
                                       name=name, D=D, H=H, hint=mistake.hint))
        raise CheckFailure(tr("{name} is wrong for D={D}, H={H}: {column_diagnosis}").format(
                               name=name, D=D, H=H, column_diagnosis=_column_diagnosis(out, expected)))
    engine.passed(name, tr("the same states as the column-vector GRU for 3 sizes"))


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
            notes.append(tr("{field} is not transposed").format(field=field))
        elif engine.rel_error(a, -b) <= engine.TOL:
            notes.append(tr("{field} has the wrong sign").format(field=field))
        else:
            notes.append(tr("{field} is not the slides' matching weight, transposed").format(
                             field=field))
    total = np.asarray(out.b_xn, dtype=float) + np.asarray(out.b_hn, dtype=float)
    if engine.rel_error(total, expected.b_xn) > engine.TOL:
        notes.append(tr("b_xn + b_hn should add up to the slides' b_g"))
    return "; ".join(notes) + "." if notes else tr("the fields look right but the states "
                                                   "differ.")


# --- prediction: when do reset-before and reset-after agree? ----------------------------------

SAME_CANDIDATE_CASES = {
    "r = 1": (True, tr_later("With r = 1 both forms reduce to tanh(x W_xn + b_xn + h W_hn "
                             "+ b_hn).")),
    "h_prev = 0 and b_hn = 0": (True, tr_later("With h_prev = 0 and b_hn = 0 the whole "
                                               "recurrent term is 0 in both forms, "
                                               "whatever r is.")),
    "h_prev = 0 and b_hn ≠ 0": (False, tr_later("With h_prev = 0, reset-before still "
                                                  "adds b_hn in full, reset-after adds r ⊙ "
                                                  "b_hn: they differ unless r = 1.")),
    "r = 0 and b_hn ≠ 0": (False, tr_later("With r = 0, reset-before keeps b_hn (only r "
                                             "⊙ h_prev vanishes), reset-after multiplies "
                                             "b_hn by 0 too: they differ by b_hn.")),
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
                       tr("True or False"))
    wrong = []
    rng = np.random.default_rng(23)
    for case, (truth, why) in SAME_CANDIDATE_CASES.items():
        before, after = _candidate_forms(case, rng)
        measured = bool(np.allclose(before, after, rtol=0, atol=1e-12))
        assert measured == truth, case                     # the catalogue is measured, not asserted
        if bool(same_candidate[case]) != truth:
            sentence = (tr("{case!r}: the two candidates agree (largest difference {max:.2g}). "
                           "{why}") if truth else
                        tr("{case!r}: the two candidates differ (largest difference {max:.2g}). "
                           "{why}"))
            wrong.append(sentence.format(case=case, max=np.abs(before - after).max(), why=why))
    if wrong:
        raise CheckFailure(f"{name}: " + " ".join(wrong))
    engine.passed(name, tr("{n_SAME_CANDIDATE_CASES} cases, each measured").format(
                            n_SAME_CANDIDATE_CASES=len(SAME_CANDIDATE_CASES)))
