"""The agreement checks of 04 (checks/agreement.py), against answers and mistakes written here,
independently of the checker's own catalogue, and against the shipped model measured here."""
import copy

import numpy as np
import pytest
import torch

from gru_course import agreement, checks, experiment, models
from gru_course.checks import agreement as agreement_checks
from gru_course.checks import predictions
from gru_course.checks.engine import CheckFailure


# --- ablate_unit ------------------------------------------------------------------------------

def ablate_by_loops(model, unit):
    """A right answer written differently: every row of the recurrent weights and of the read-out
    loses its entry for `unit`."""
    ablated = copy.deepcopy(model)
    with torch.no_grad():
        for row in ablated.rnn.weight_hh_l0:
            row[unit] = 0
        for row in ablated.head.weight:
            row[unit] = 0
    return ablated


def in_place(model, unit):
    with torch.no_grad():
        model.rnn.weight_hh_l0[:, unit] = 0
        model.head.weight[:, unit] = 0
    return model


def rows(model, unit):
    m = copy.deepcopy(model)
    with torch.no_grad():
        m.rnn.weight_hh_l0[unit] = 0
        m.head.weight[unit] = 0
    return m


def no_head(model, unit):
    m = copy.deepcopy(model)
    with torch.no_grad():
        m.rnn.weight_hh_l0[:, unit] = 0
    return m


def reset_block_only(model, unit):
    m = copy.deepcopy(model)
    H = m.rnn.hidden_size
    with torch.no_grad():
        m.rnn.weight_hh_l0[:H, unit] = 0
        m.head.weight[:, unit] = 0
    return m


def gru_blocks_hardcoded(model, unit):
    m = copy.deepcopy(model)
    H = m.rnn.hidden_size
    with torch.no_grad():
        for g in range(3):                                   # a GRU's three blocks, hard-coded
            m.rnn.weight_hh_l0[g * H:(g + 1) * H, unit] = 0
        m.head.weight[:, unit] = 0
    return m


def also_bias(model, unit):
    m = copy.deepcopy(model)
    with torch.no_grad():
        m.rnn.weight_hh_l0[:, unit] = 0
        m.head.weight[:, unit] = 0
        m.head.bias.zero_()
    return m


def keeps_itself(model, unit):
    m = ablate_by_loops(model, unit)
    H = model.rnn.hidden_size
    with torch.no_grad():
        for row in range(unit, m.rnn.weight_hh_l0.shape[0], H):      # its own gate inputs
            m.rnn.weight_hh_l0[row, unit] = model.rnn.weight_hh_l0[row, unit]
    return m


@pytest.mark.parametrize("wrong, message", [
    (in_place, "changed the model it was given"),
    (keeps_itself, "still reads its own previous value"),
    (rows, "You zeroed a row where a column is meant"),
    (no_head, "the read-out still hears the unit"),
    (reset_block_only, "Only the first gate block is zeroed"),
    (gru_blocks_hardcoded, "not of an LSTM"),
    (also_bias, r"the tensors head.bias are not what the ablation should leave"),
    (lambda m, u: None, "returned None"),
    (lambda m, u: m.state_dict(), "returned a OrderedDict"),
])
def test_ablate_unit_names_each_mistake(wrong, message):
    with pytest.raises(CheckFailure, match=message):
        checks.check_ablate_unit(wrong)


def test_ablate_unit_accepts_a_different_right_answer(capsys):
    checks.check_ablate_unit(ablate_by_loops)
    assert capsys.readouterr().out.startswith("✓ ablate_unit is correct")


def test_ablate_unit_catalogue_hints_and_stub():
    for mistake in agreement_checks.ABLATE_MISTAKES:
        with pytest.raises(CheckFailure) as failure:
            checks.check_ablate_unit(mistake.answer)
        assert mistake.hint in str(failure.value)
    def ablate_unit(model, unit):
        raise NotImplementedError
    with pytest.raises(CheckFailure, match="ablate_unit is not written yet"):
        checks.check_ablate_unit(ablate_unit)


# --- find_number_units ------------------------------------------------------------------------

def rule_by_hand(table, sets, strict=False, simple_control=True, other_control=True,
                 first=False, swap=False, use="long", other_mean=False, own_of=None):
    """The exercise's rule, unit by unit in plain Python, and the variants a learner might write."""
    table = np.asarray(table)
    result = {}
    for number, mine, theirs in (("sg", "S", "P"), ("pl", "P", "S")):
        best, best_score = None, None
        for u, row in enumerate(table):
            acc = dict(zip(sets, row))
            if use == "long":
                mine_all = [acc[f"long/{mine}{k}"] for k in range(4)]
                own = own_of(mine_all) if own_of else sum(mine_all) / 4
                theirs_all = [acc[f"long/{theirs}{k}"] for k in range(4)]
                other = sum(theirs_all) / 4 if other_mean else min(theirs_all)
            else:
                own = (acc[f"nounpp/{mine}S"] + acc[f"nounpp/{mine}P"]) / 2
                other = min(acc[f"nounpp/{theirs}S"], acc[f"nounpp/{theirs}P"])
            simple = min(acc["simple/S"], acc["simple/P"])
            passes = (own < 0.75 if strict else own <= 0.75)
            if other_control:
                passes = passes and (other > 0.9 if strict else other >= 0.9)
            if simple_control:
                passes = passes and (simple > 0.9 if strict else simple >= 0.9)
            if passes and (best is None or (not first and own < best_score)):
                best, best_score = u, own
        result[number] = best
    return {"sg": result["pl"], "pl": result["sg"]} if swap else result


@pytest.mark.parametrize("variant, message", [
    (dict(simple_control=False), "breaks the simple sentences"),
    (dict(other_control=False), "breaks both numbers"),
    (dict(swap=True), "sg and pl are swapped"),
    (dict(first=True), "return the strongest"),
    (dict(use="nounpp"), "use the long sets"),
    (dict(strict=True), "The thresholds include their edges"),
    (dict(other_mean=True), "not only their mean"),
    (dict(own_of=min), "not by the lowest of them"),
    (dict(own_of=max), "not by the highest of them"),
])
def test_find_number_units_names_each_variant(variant, message):
    with pytest.raises(CheckFailure, match=message):
        checks.check_find_number_units(lambda t, s: rule_by_hand(t, s, **variant))


@pytest.mark.parametrize("borrowed", ["ablate_unit", "clamp_unit"])
def test_ablate_unit_refuses_the_courses_own_functions(borrowed):
    from gru_course import probing
    original = getattr(probing, borrowed)
    calls = {"ablate_unit": lambda model, unit: probing.ablate_unit(model, unit),
             "clamp_unit": lambda model, unit: probing.clamp_unit(model, unit, 0.0)}
    with pytest.raises(CheckFailure, match=f"calls probing.{borrowed}, the course.s own answer"):
        checks.check_ablate_unit(calls[borrowed])
    assert getattr(probing, borrowed) is original                                  # put back


def test_find_number_units_refuses_the_courses_own_rule():
    from gru_course import probing
    def borrowed(table, sets):
        return {n: (c[0] if c else None) for n in ("sg", "pl")
                for c in [probing.number_unit_candidates(table, sets, n)]}
    with pytest.raises(CheckFailure, match="calls probing.number_unit_candidates, the course.s own answer"):
        checks.check_find_number_units(borrowed)
    assert probing.number_unit_candidates.__name__ == "number_unit_candidates"   # put back


def test_find_number_units_accepts_the_rule_and_rejects_wrong_types(capsys):
    checks.check_find_number_units(rule_by_hand)
    assert "✓ find_number_units is correct" in capsys.readouterr().out
    with pytest.raises(CheckFailure, match="each value must be one unit"):
        checks.check_find_number_units(lambda t, s: {"sg": [1], "pl": None})
    with pytest.raises(CheckFailure, match="keys 'sg' and 'pl'"):
        checks.check_find_number_units(lambda t, s: (1, 3))


def test_the_made_up_tables_tell_every_variant_apart():
    tables = agreement_checks.number_unit_tables()
    sets = agreement_checks.SETS
    for variant in (dict(simple_control=False), dict(other_control=False), dict(swap=True),
                    dict(first=True), dict(use="nounpp"), dict(strict=True), dict(other_mean=True),
                    dict(own_of=min), dict(own_of=max)):
        assert any(rule_by_hand(t, sets, **variant) != rule_by_hand(t, sets) for _, t in tables), variant


# --- the two predictions, measured here on the shipped model ------------------------------------

def accuracy_without(model, unit, items):
    """Fraction of items right with `unit`'s outgoing weights zeroed, computed one sentence at a
    time without packing (an independent route to the checker's batched one)."""
    m = copy.deepcopy(model)
    with torch.no_grad():
        m.rnn.weight_hh_l0[:, unit] = 0
        m.head.weight[:, unit] = 0
        right = 0
        for it in items:
            x = m.embed(torch.tensor(agreement.encode(it.tokens[:it.verb_index])))[:, None]
            out, _ = m.rnn(x)
            logits = m.head(out[-1, 0])
            right += logits[agreement.WORD_ID[it.correct]] > logits[agreement.WORD_ID[it.wrong]]
    return float(right) / len(items)


@pytest.fixture(scope="module")
def exercise_model():
    return models.load(experiment.TRAINED / "agreement_gru_exercise.pt")


def test_the_prediction_check_agrees_with_an_independent_ablation(exercise_model):
    model, saved = exercise_model
    from gru_course import probing
    suite = probing.test_suite()
    truth = {name for name in predictions.OPTIONS
             if accuracy_without(model, saved["number_units"]["pl"], suite[name]) <= 0.75}
    assert {"long/P0", "long/P3"} <= truth and not truth & {"simple/S", "simple/P", "long/S0", "long/S3"}
    checks.check_predicted_failures(set(truth))
    with pytest.raises(CheckFailure, match="every long set with a singular subject"):
        checks.check_predicted_failures(set(truth) | {"long/S0"})
    with pytest.raises(CheckFailure, match="both simple sets stay"):
        checks.check_predicted_failures(set(truth) | {"simple/S"})
    with pytest.raises(CheckFailure, match="mean of the four long sets with a plural subject"):
        checks.check_predicted_failures(set(truth) - {"long/P3"})
    with pytest.raises(CheckFailure, match="The distance sets mix singular and plural"):
        checks.check_predicted_failures(set(truth) ^ {"distance/20"})
    with pytest.raises(CheckFailure, match="not among the options"):
        checks.check_predicted_failures({"long/S7"})
    with pytest.raises(CheckFailure, match="is None"):
        checks.check_predicted_failures(None)


def test_the_verb_check_agrees_with_an_independent_ablation(exercise_model):
    model, saved = exercise_model
    m = copy.deepcopy(model)
    unit = saved["number_units"]["sg"]
    preferred = []
    with torch.no_grad():
        m.rnn.weight_hh_l0[:, unit] = 0
        m.head.weight[:, unit] = 0
        for sentence in predictions.SENTENCES:
            x = m.embed(torch.tensor(agreement.encode(sentence.split())))[:, None]
            logits = m.head(m.rnn(x)[0][-1, 0])
            preferred.append("greets" if logits[agreement.WORD_ID["greets"]] > logits[agreement.WORD_ID["greet"]] else "greet")
    assert predictions.SENTENCES[0].split()[1] == "girl" and predictions.SENTENCES[1].split()[1] == "girls"
    checks.check_ablated_verbs(tuple(preferred))
    checks.check_ablated_verbs(list(preferred))
    flip = {"greets": "greet", "greet": "greets"}
    with pytest.raises(CheckFailure, match="Sentence A: an accuracy far below 0.5 is not guessing"):
        checks.check_ablated_verbs((flip[preferred[0]], preferred[1]))
    with pytest.raises(CheckFailure, match="Sentence B has a plural subject"):
        checks.check_ablated_verbs((preferred[0], flip[preferred[1]]))
    with pytest.raises(CheckFailure, match="must be one of"):
        checks.check_ablated_verbs(("greeted", "greet"))
    with pytest.raises(CheckFailure, match="must be a pair"):
        checks.check_ablated_verbs("greet")
    with pytest.raises(CheckFailure, match="ablated_verbs is None"):
        checks.check_ablated_verbs(None)


def test_params_to_gru_names_the_blocks_left_at_torchs_initial_values():
    """The likeliest mistakes: only the weights copied, or the r/z blocks of bias_hh left as a
    fresh nn.GRU has them, or b_xn forgotten; each named by the block that is wrong."""
    import torch

    def weights_only(p):
        layer = torch.nn.GRU(p.W_xr.shape[0], p.W_xr.shape[1]).double()
        with torch.no_grad():
            layer.weight_ih_l0.copy_(torch.from_numpy(np.concatenate([p.W_xr.T, p.W_xz.T, p.W_xn.T])))
            layer.weight_hh_l0.copy_(torch.from_numpy(np.concatenate([p.W_hr.T, p.W_hz.T, p.W_hn.T])))
        return layer

    def hh_left(p):
        layer = weights_only(p)
        with torch.no_grad():
            layer.bias_ih_l0.copy_(torch.from_numpy(np.concatenate([p.b_r, p.b_z, p.b_xn])))
            layer.bias_hh_l0[2 * p.W_xr.shape[1]:] = torch.from_numpy(p.b_hn)
        return layer

    def no_b_xn(p):
        layer = hh_left(p)
        with torch.no_grad():
            layer.bias_hh_l0[:2 * p.W_xr.shape[1]] = 0
            layer.bias_ih_l0[2 * p.W_xr.shape[1]:] = 0
        return layer

    with pytest.raises(CheckFailure, match=r"the r blocks of bias_ih_l0 and bias_hh_l0 should add up "
                                           r"to b_r .*the n block of bias_ih_l0 should be b_xn; the n "
                                           r"block of bias_hh_l0 should be b_hn"):
        checks.check_params_to_gru(weights_only)
    with pytest.raises(CheckFailure, match=r"the r blocks .* add up to b_r .*; the z blocks .* add up "
                                           r"to b_z .*\)\.$") as failure:
        checks.check_params_to_gru(hh_left)
    assert "b_xn" not in str(failure.value) and "weight_" not in str(failure.value)
    with pytest.raises(CheckFailure, match=r"block by block \(r, z, n\): the n block of bias_ih_l0 "
                                           r"should be b_xn\.$"):
        checks.check_params_to_gru(no_b_xn)
