"""Looking into a model (probing.py): margins at the verb, ablation, the number-unit rule."""
import numpy as np
import pytest
import torch

from gru_course import agreement, models, probing


@pytest.fixture
def model():
    torch.manual_seed(0)
    return models.AgreementLM(hidden=6).double().eval()


def test_the_margin_is_read_at_the_word_before_the_verb(model):
    items = agreement.sample(np.random.default_rng(0), 4, "nounpp")
    margins = probing.verb_margins(model, items)
    for item, margin in zip(items, margins):
        ids = torch.tensor(agreement.encode(item.tokens))[:, None]
        with torch.no_grad():
            logits = model(ids, torch.tensor([len(item.tokens)]))[item.verb_index - 1, 0]
        log_p = logits.log_softmax(-1)
        expected = log_p[agreement.WORD_ID[item.correct]] - log_p[agreement.WORD_ID[item.wrong]]
        assert margin == pytest.approx(expected.item(), abs=1e-10)


def test_evaluate_is_the_fraction_of_positive_margins(model):
    suite = {"a": agreement.sample(np.random.default_rng(1), 30, "simple")}
    margins = probing.verb_margins(model, suite["a"])
    assert probing.evaluate(model, suite) == {"a": pytest.approx((margins > 0).mean())}


def test_test_suite_names_its_conditions_and_is_fixed():
    suite = probing.test_suite(n=5)
    assert suite["nounpp/SP"][0].condition == "SP" and suite["objrel/PS"][2].condition == "PS"
    assert all(it.n_attractors == 2 and it.subject_number == "pl" for it in suite["long/P2"])
    assert all(it.verb_index - 1 == 16 for it in suite["distance/16"])
    assert [str(i) for i in probing.test_suite(n=5)["long/S3"]] == [str(i) for i in suite["long/S3"]]
    assert len(suite) == 4 + 12 + 8 + 6 + 2
    assert all(it.front == "pl" and it.subject_number == "sg" for it in suite["front/S"])


@pytest.mark.parametrize("cell", ["gru", "lstm", "rnn"])
def test_an_ablated_unit_reaches_nothing_and_the_model_is_untouched(cell):
    torch.manual_seed(1)
    model = models.AgreementLM(hidden=5, cell=cell).double().eval()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    ablated = probing.ablate_unit(model, 2)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert (ablated.rnn.weight_hh_l0[:, 2] == 0).all() and (ablated.head.weight[:, 2] == 0).all()
    # whatever unit 2 computes, nothing downstream sees it: scramble its incoming weights
    scrambled = probing.ablate_unit(model, 2)
    G = ablated.rnn.weight_hh_l0.shape[0] // 5
    with torch.no_grad():
        for g in range(G):
            scrambled.rnn.weight_ih_l0[g * 5 + 2] = torch.randn(scrambled.rnn.weight_ih_l0.shape[1])
    items = agreement.sample(np.random.default_rng(0), 6, "long")
    np.testing.assert_allclose(probing.verb_margins(ablated, items),
                               probing.verb_margins(scrambled, items), atol=1e-10)
    assert not np.allclose(probing.verb_margins(model, items), probing.verb_margins(ablated, items))


@pytest.mark.parametrize("value", [0.0, 0.7, -1.0])
def test_a_clamped_gru_unit_sends_a_constant_to_every_gate_and_the_read_out(model, value):
    """Written out step by step: the others read `value` where they would read h_u; the unit's
    own direct path z * h still carries its true state."""
    u = 3
    clamped = probing.clamp_unit(model, u, value)
    item = agreement.sample(np.random.default_rng(5), 1, "long")[0]
    rnn, H = model.rnn, 6
    with torch.no_grad():
        x = model.embed(torch.tensor(agreement.encode(item.tokens)))
        h = torch.zeros(H, dtype=torch.float64)
        for t in range(item.verb_index):
            read = h.clone()
            read[u] = value
            gi = rnn.weight_ih_l0 @ x[t] + rnn.bias_ih_l0
            gh = rnn.weight_hh_l0 @ read + rnn.bias_hh_l0
            r, z = torch.sigmoid(gi[:H] + gh[:H]), torch.sigmoid(gi[H:2 * H] + gh[H:2 * H])
            n = torch.tanh(gi[2 * H:] + r * gh[2 * H:])
            h = (1 - z) * n + z * h
        read = h.clone()
        read[u] = value
        log_p = model.head(read).log_softmax(-1)
    expected = (log_p[agreement.WORD_ID[item.correct]] - log_p[agreement.WORD_ID[item.wrong]]).item()
    assert probing.verb_margins(clamped, [item])[0] == pytest.approx(expected, abs=1e-10)
    assert probing.verb_margins(model, [item])[0] != pytest.approx(expected, abs=1e-6)
    if value == 0.0:
        ablated = probing.ablate_unit(model, u)
        assert all(torch.equal(a, b) for a, b in zip(ablated.state_dict().values(), clamped.state_dict().values()))


def test_clamp_unit_names_a_bad_value(model):
    with pytest.raises(ValueError, match="value must be a finite number, got nan"):
        probing.clamp_unit(model, 1, float("nan"))
    with pytest.raises(ValueError, match="value must be a finite number, got '1'"):
        probing.clamp_unit(model, 1, "1")


def test_ablate_unit_names_a_bad_unit(model):
    with pytest.raises(ValueError, match="unit must be an int from 0 to 5, got 6"):
        probing.ablate_unit(model, 6)


NAMES = probing.SEARCH_SETS


def _row(simple=(1.0, 1.0), long_sg=1.0, long_pl=1.0, nounpp=1.0):
    """One unit's accuracies in the order of SEARCH_SETS."""
    return [*simple, *[nounpp] * 4, *[long_sg] * 4, *[long_pl] * 4]


def test_the_number_unit_rule_on_a_made_up_ablation_table():
    table = np.array([_row(),                                   # 0: does nothing
                      _row(long_sg=0.0),                        # 1: singular unit
                      _row(long_sg=0.6, long_pl=0.95),          # 2: a weaker singular unit
                      _row(simple=(1.0, 0.4), long_pl=0.0),     # 3: breaks plural, but simple too
                      _row(long_sg=0.2, long_pl=0.5),           # 4: breaks both numbers
                      _row(long_pl=0.3, nounpp=0.0),            # 5: plural unit
                      _row(nounpp=0.0)])                        # 6: short range only
    assert probing.number_unit_candidates(table, NAMES, "sg") == [1, 2]
    assert probing.number_unit_candidates(table, NAMES, "pl") == [5]
    assert probing.number_unit_candidates(table[[0, 3, 4, 6]], NAMES, "pl") == []


def test_number_code_is_the_singular_minus_plural_state(model):
    suite = probing.test_suite(n=6)
    code = probing.number_code(model, suite)
    sg = np.concatenate([probing.states(model, suite[f"nounpp/S{a}"]) for a in "SP"])
    assert code.shape == (5, 6) and np.allclose(code[0], 0)      # "the" is read before the subject
    with torch.no_grad():
        item = suite["nounpp/SS"][0]
        out, _ = model.rnn(model.embed(torch.tensor(agreement.encode(item.tokens)))[:, None])
    np.testing.assert_allclose(sg[0], out[:5, 0].numpy(), atol=1e-12)


@pytest.mark.parametrize("front", [None, "pl"])
def test_subject_gradients_match_finite_differences_at_the_subject(model, front):
    item = agreement.sample(np.random.default_rng(3), 1, "nounpp", front=front)[0]
    split = item.tokens.index(",") + 3 if front else 2          # "..., the boy" or "the boy"
    assert item.subject_index + 1 == split
    [norm] = probing.subject_gradients(model, [item])
    ids = torch.tensor(agreement.encode(item.tokens[:item.verb_index]))[:, None]
    with torch.no_grad():
        x = model.embed(ids)
        _, h = model.rnn(x[:split])

        def margin(state):
            out, _ = model.rnn(x[split:], state)
            logits = model.head(out[-1, 0])
            return (logits[agreement.WORD_ID[item.correct]] - logits[agreement.WORD_ID[item.wrong]]).item()
        grad = np.zeros(6)
        for j in range(6):
            e = torch.zeros_like(h)
            e[0, 0, j] = 1e-6
            grad[j] = (margin(h + e) - margin(h - e)) / 2e-6
    assert norm == pytest.approx(np.linalg.norm(grad), rel=1e-6)


def test_gru_trace_is_the_numpy_gru_on_the_models_weights():
    torch.manual_seed(3)
    model = models.AgreementLM(hidden=6).double()
    tokens = agreement.sample(np.random.default_rng(0), 1, "nounpp")[0].tokens
    trace = probing.gru_trace(model, tokens)
    with torch.no_grad():
        out, _ = model.rnn(model.embed(torch.tensor(agreement.encode(tokens)))[:, None])
    np.testing.assert_allclose(trace["h"], out[:, 0].numpy(), atol=1e-12)
    # z is torch's second gate block (the keep gate), recomputed here from the raw tensors
    with torch.no_grad():
        x = model.embed(torch.tensor(agreement.encode(tokens))).numpy()
    w_i, w_h = model.rnn.weight_ih_l0.detach().numpy(), model.rnn.weight_hh_l0.detach().numpy()
    b = (model.rnn.bias_ih_l0 + model.rnn.bias_hh_l0).detach().numpy()
    h_prev = np.vstack([np.zeros(6), trace["h"][:-1]])
    z = 1 / (1 + np.exp(-(x @ w_i[6:12].T + h_prev @ w_h[6:12].T + b[6:12])))
    np.testing.assert_allclose(trace["z"], z, atol=1e-12)
    with pytest.raises(ValueError, match="needs a model whose rnn is a torch.nn.GRU, got RNN"):
        probing.gru_trace(models.AgreementLM(hidden=4, cell="rnn"), tokens)
