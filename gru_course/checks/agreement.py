"""Checks for the agreement exercises of 04 Tutorial: ablating a unit, and the number-unit rule.
The two predictions about trained GRUs are checked in predictions.py."""
from __future__ import annotations

import copy

import numpy as np

from ..i18n import tr, tr_later
from . import engine
from .engine import CheckFailure, Mistake

# --- ablating a unit --------------------------------------------------------------------------


def _zeroed(model, unit, recurrent="column", head="column", blocks=None, inplace=False):
    """The model with `unit` ablated the right way, or in one of the catalogued wrong ways."""
    import torch
    m = model if inplace else copy.deepcopy(model)
    H = m.rnn.hidden_size
    rows = slice(None) if blocks is None else slice(0, blocks * H)
    with torch.no_grad():
        if recurrent == "column":
            m.rnn.weight_hh_l0[rows, unit] = 0.0
        elif recurrent == "column but itself":
            kept = m.rnn.weight_hh_l0[unit::H, unit].clone()
            m.rnn.weight_hh_l0[:, unit] = 0.0
            m.rnn.weight_hh_l0[unit::H, unit] = kept
        elif recurrent == "row":
            m.rnn.weight_hh_l0[unit] = 0.0
        elif recurrent == "input":
            for g in range(m.rnn.weight_ih_l0.shape[0] // H):
                m.rnn.weight_ih_l0[g * H + unit] = 0.0
        if head == "column":
            m.head.weight[:, unit] = 0.0
        elif head == "row":
            m.head.weight[unit] = 0.0
    return m


ABLATE_MISTAKES = [
    Mistake(tr_later("You zeroed a row where a column is meant. weight_hh_l0 is (gates × "
                     "H, H): row i computes gate input i, column u is what unit u sends to "
                     "every gate; zero weight_hh_l0[:, unit] and head.weight[:, unit] "
                     "(head.weight is (V, H))."),
            lambda m, u: _zeroed(m, u, recurrent="row", head="row")),
    Mistake(tr_later("The recurrent weights are right but the read-out still hears the "
                     "unit: also zero its column of head.weight, (V, H), so that h_unit "
                     "reaches no word's score."),
            lambda m, u: _zeroed(m, u, head=None)),
    Mistake(tr_later("The read-out is right but the other units still hear this one: also "
                     "zero its column of rnn.weight_hh_l0, in all gate blocks."),
            lambda m, u: _zeroed(m, u, recurrent=None)),
    Mistake(tr_later("Only the first gate block is zeroed: weight_hh_l0 stacks the blocks "
                     "r, z, n (an LSTM four), so weight_hh_l0[:H, unit] reaches only r. "
                     "Zero the whole column, weight_hh_l0[:, unit]."), lambda m, u: _zeroed(m, u, blocks=1)),
    Mistake(tr_later("Three gate blocks are zeroed, which is all of a GRU but not of an "
                     "LSTM (i, f, g, o: four blocks). Zero the whole column, "
                     "weight_hh_l0[:, unit], whatever the cell."),
            lambda m, u: _zeroed(m, u, blocks=3)),
    Mistake(tr_later("The unit still reads its own previous value: its own rows of the "
                     "column (u, H + u, 2H + u) were left. No gate of any unit may read "
                     "it, its own included: zero the whole column."), lambda m, u: _zeroed(m, u, recurrent="column but itself")),
    Mistake(tr_later("You silenced what flows *into* the unit (its rows of weight_ih_l0) "
                     "instead of what flows out of it. Ablation here means its value "
                     "reaches nothing: zero its columns of rnn.weight_hh_l0 and "
                     "head.weight."),
            lambda m, u: _zeroed(m, u, recurrent="input", head=None)),
]


def _tiny_model(cell: str, hidden: int, seed: int):
    import torch
    from ..models import AgreementLM
    torch.manual_seed(seed)
    return AgreementLM(embed=6, hidden=hidden, cell=cell)


def _state(model) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _same(a: dict, b: dict) -> bool:
    import torch
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def check_ablate_unit(ablate_unit) -> None:
    """ablate_unit(model, unit) -> a new model whose unit reaches nothing; model unchanged."""
    import torch
    name = "ablate_unit"
    for cell, hidden, unit in (("gru", 5, 2), ("gru", 7, 0), ("lstm", 4, 3)):
        model = _tiny_model(cell, hidden, seed=hidden)
        before = _state(model)
        case = tr("a {upper} language model with {hidden} units, unit {unit}").format(
                   upper=cell.upper(), hidden=hidden, unit=unit)
        out = _call_refusing(name, ablate_unit, ("ablate_unit", "clamp_unit"), model, unit)
        if out is None:
            raise CheckFailure(tr("{name} returned None on {case}: return the ablated copy.").format(
                                   name=name, case=case))
        if not isinstance(out, torch.nn.Module) or not hasattr(out, "rnn"):
            raise CheckFailure(tr("{name} returned a {out_type}; return the ablated model "
                                  "(a copy of the one you were given).").format(
                                   name=name, out_type=type(out).__name__))
        changed = not _same(before, _state(model))
        if out is model or changed:
            raise CheckFailure(tr("{name} changed the model it was given ({case}). Ablate "
                                  "a copy: ablated = copy.deepcopy(model), then zero the "
                                  "copy's weights, so that the intact model can still be "
                                  "compared with it.").format(name=name, case=case))
        got = _state(out)
        if _same(got, _state(_zeroed(model, unit))):
            continue
        for mistake in ABLATE_MISTAKES:
            if _same(got, _state(mistake.answer(model, unit))):
                raise CheckFailure(tr("{name} is wrong on {case}. {hint}").format(
                                       name=name, case=case, hint=mistake.hint))
        wrong = [k for k, v in _state(_zeroed(model, unit)).items() if not torch.equal(v, got[k])]
        raise CheckFailure(tr("{name} is wrong on {case}: the tensors {items} are not what "
                              "the ablation should leave. In a weight matrix a row is what "
                              "one unit (or word) receives and a column what one unit "
                              "sends; change only what the ablated unit sends, and nothing "
                              "else.").format(name=name, case=case, items=', '.join(wrong)))
    engine.passed(name, tr("GRUs and an LSTM: the unit's columns zeroed, the model left "
                           "intact"))


# --- the number-unit rule ---------------------------------------------------------------------

SETS = ["simple/S", "simple/P", "nounpp/SS", "nounpp/SP", "nounpp/PS", "nounpp/PP",
        *(f"long/{s}{k}" for s in "SP" for k in range(4))]


def reference_units(table, sets, broken=0.75, kept=0.9, numbers_from="long", strongest=True,
                    control_simple=True, control_other=True, swap=False, strict=False,
                    other_mean=False, own_by="mean"):
    """The rule of the exercise, or one of its catalogued variants."""
    table, col = np.asarray(table), {name: i for i, name in enumerate(sets)}
    own_sets = {"sg": "S", "pl": "P"}
    found = {}
    for number, s in own_sets.items():
        o = "P" if s == "S" else "S"
        if numbers_from == "long":
            own = getattr(table[:, [col[f"long/{s}{k}"] for k in range(4)]], own_by)(1)
            others = table[:, [col[f"long/{o}{k}"] for k in range(4)]]
            other = others.mean(1) if other_mean else others.min(1)
        else:
            own = table[:, [col[f"nounpp/{s}{a}"] for a in "SP"]].mean(1)
            other = table[:, [col[f"nounpp/{o}{a}"] for a in "SP"]].min(1)
        simple = table[:, [col["simple/S"], col["simple/P"]]].min(1)
        ok = (own < broken) if strict else (own <= broken)
        if control_other:
            ok &= (other > kept) if strict else (other >= kept)
        if control_simple:
            ok &= (simple > kept) if strict else (simple >= kept)
        units = np.flatnonzero(ok)
        if len(units) == 0:
            found[number] = None
        elif strongest:
            found[number] = int(units[np.argmin(own[units])])
        else:
            found[number] = int(units[0])
    if swap:
        found = {"sg": found["pl"], "pl": found["sg"]}
    return found


FIND_MISTAKES = [
    Mistake(tr_later("A unit whose ablation also breaks the simple sentences is not a "
                     "number unit: it breaks everything. Require simple/S and simple/P to "
                     "stay at 0.9 or above."),
            lambda t, s: reference_units(t, s, control_simple=False)),
    Mistake(tr_later("A unit's own number is judged by the *mean* of its four long sets "
                     "(0.75 or below), not by the lowest of them."), lambda t, s: reference_units(t, s, own_by="min")),
    Mistake(tr_later("A unit's own number is judged by the *mean* of its four long sets "
                     "(0.75 or below), not by the highest of them."), lambda t, s: reference_units(t, s, own_by="max")),
    Mistake(tr_later("The other number must keep *every* one of its four long sets at 0.9 "
                     "or above (their minimum), not only their mean."), lambda t, s: reference_units(t, s, other_mean=True)),
    Mistake(tr_later("A unit whose ablation breaks both numbers is not a number unit for "
                     "one of them: require the other number's long sentences to stay at "
                     "0.9 or above."),
            lambda t, s: reference_units(t, s, control_other=False)),
    Mistake(tr_later("sg and pl are swapped: the singular unit is the one whose removal "
                     "breaks the sentences with a singular subject (long/S0 ... long/S3)."),
            lambda t, s: reference_units(t, s, swap=True)),
    Mistake(tr_later("When several units pass the rule, return the strongest: the one "
                     "whose ablation leaves the lowest accuracy on its number's long "
                     "sentences, not the first in order."),
            lambda t, s: reference_units(t, s, strongest=False)),
    Mistake(tr_later("The rule is about long-range agreement: use the long sets (long/S0 "
                     "... long/P3), not nounpp."), lambda t, s: reference_units(t, s, numbers_from="nounpp")),
    Mistake(tr_later("The thresholds include their edges: 'falls to 0.75 or below' is <= "
                     "0.75, 'stays at 0.9 or above' is >= 0.9."), lambda t, s: reference_units(t, s, strict=True)),
]


def _row(simple=(1.0, 1.0), long_sg=1.0, long_pl=1.0, nounpp=(1.0, 1.0)):
    return [*simple, nounpp[0], nounpp[0], nounpp[1], nounpp[1], *[long_sg] * 4, *[long_pl] * 4]


def number_unit_tables() -> list[tuple[str, np.ndarray]]:
    """Made-up ablation tables, each built so that one variant of the rule answers differently."""
    R = _row
    return [
        (tr("a table with one singular and one plural unit"),
         np.array([R(), R(long_sg=0.1), R(), R(long_pl=0.0), R()])),
        (tr("a table where a unit breaks everything, simple sentences too"),
         np.array([R(simple=(0.3, 0.4), long_sg=0.0), R(long_sg=0.5), R()])),
        (tr("a table where a unit breaks both numbers"),
         np.array([R(), R(long_sg=0.1, long_pl=0.2), R(long_pl=0.6)])),
        (tr("a table where two units pass and the second is stronger"),
         np.array([R(long_sg=0.7), R(), R(long_sg=0.05), R(long_pl=0.74), R(long_pl=0.2)])),
        (tr("a table where one unit matters for nounpp only"),
         np.array([R(nounpp=(0.0, 1.0)), R(nounpp=(1.0, 0.1)), R(long_pl=0.5)])),
        (tr("a table with values exactly on the thresholds"),
         np.array([R(long_sg=0.75, long_pl=0.9), R(nounpp=(0.0, 1.0)),
                   R(long_pl=0.75, simple=(0.9, 0.9))])),
        (tr("a table with no number unit at all"),
         np.array([R(), R(long_sg=0.8), R(long_pl=0.85, long_sg=0.85)])),
        (tr("a table where a unit's own four long sets differ from each other"),
         np.array([[1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 1.0, 1, 1, 1, 1],
                   [1, 1, 1, 1, 1, 1, 0.1, 1.0, 1.0, 1.0, 1, 1, 1, 1],
                   [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.0, 1, 1, 1]])),
        (tr("a table where one of the other number's sets drops below 0.9 and their mean "
            "does not"),
         np.array([[*R(long_sg=0.1)[:10], 1.0, 1.0, 1.0, 0.8], R(long_sg=0.6), R()])),
    ]


def _call_refusing(name, function, attributes, *args):
    """engine.call with probing's `attributes` (the course's own answers) refused meanwhile."""
    messages = {a: tr("{name} calls probing.{attribute}, the course's own answer: write it "
                      "yourself.").format(name=name, attribute=a) for a in attributes}
    with engine.refusing(function, "gru_course.probing", messages):
        return _call_unwrapped(name, function, *args)


def check_find_number_units(find_number_units) -> None:
    """find_number_units(table, sets) -> {"sg": unit or None, "pl": unit or None}."""
    name = "find_number_units"
    for case, table in number_unit_tables():
        expected = reference_units(table, SETS)
        out = _call_refusing(name, find_number_units, ("number_unit_candidates",), table,
                             list(SETS))
        if not isinstance(out, dict) or set(out) != {"sg", "pl"}:
            raise CheckFailure(tr("{name} returned {out!r} on {case}; return a dict with "
                                  "the keys 'sg' and 'pl', each a unit (an int) or None.").format(
                                   name=name, out=out, case=case))
        bad = [v for v in out.values() if v is not None and not isinstance(v, (int, np.integer))]
        if bad:
            raise CheckFailure(tr("{name} returned {out!r} on {case}: each value must be "
                                  "one unit (an int) or None, not a list or an array of "
                                  "candidates.").format(name=name, out=out, case=case))
        out = {k: (None if v is None else int(v)) for k, v in out.items()}
        if out == expected:
            continue
        for mistake in FIND_MISTAKES:
            if out == mistake.answer(table, SETS):
                raise CheckFailure(tr("{name} is wrong on {case}: it returned {out}, the "
                                      "rule gives {expected}. {hint}").format(
                                       name=name, case=case, out=out, expected=expected, hint=mistake.hint))
        raise CheckFailure(tr("{name} is wrong on {case}: it returned {out}, the rule "
                              "gives {expected}.").format(
                               name=name, case=case, out=out, expected=expected))
    engine.passed(name, tr("the rule on {n_number_unit_tables} made-up ablation tables").format(
                            n_number_unit_tables=len(number_unit_tables())))


def _call_unwrapped(name, function, *args):
    """engine.call, but a CheckFailure raised inside (a refusal) passes through as is."""
    try:
        out, _ = engine.call(name, function, *args)
    except CheckFailure as failure:
        cause = failure.__cause__
        if isinstance(cause, CheckFailure):
            raise cause from None
        raise
    return out
