"""Checks for the last exercises of 02 Forward flow: a step, a sequence, the convention map.

The gates and the candidate they are built from are checked in gates.py, whose reference
functions (_gate, _candidate) these checks reuse.
"""
from __future__ import annotations

import numpy as np

from ..conventions import flip_update_gate, gru_step_z_takes
from . import engine
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
        engine.compare("gru_step", out, _step(x, h, p), (x, h, p), GRU_STEP_MISTAKES, case)
    engine.passed("gru_step", f"{len(SIZES)} random cases of different N, D, H")


def _sequence(xs, h0, p, carry=True, shift=False, **step_kw):
    hs, h = [], h0
    for x in xs:
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
