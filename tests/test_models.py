"""The classifier (models.py): shapes, packing, matched sizes, gates, save and load."""
import numpy as np
import pytest
import torch

from gru_course import GRUParams, data, models


@pytest.mark.parametrize("cell", ["gru", "lstm", "rnn"])
def test_logits_are_n_by_2_and_independent_of_extra_padding(cell):
    model = models.AgreementClassifier(cell, hidden=8).double()
    b = data.batch(np.random.default_rng(0), 5, (2, 9))
    logits = model(torch.from_numpy(b.ids), b.lengths)
    more = np.concatenate([b.ids, np.zeros((6, 5), np.int64)])
    assert logits.shape == (5, 2)
    assert torch.allclose(logits, model(torch.from_numpy(more), b.lengths), atol=1e-12)


def test_the_seed_fixes_the_weights_without_touching_torchs_generator():
    state = torch.random.get_rng_state()
    a, b = models.AgreementClassifier(seed=3), models.AgreementClassifier(seed=3)
    assert torch.equal(torch.random.get_rng_state(), state)
    assert all(torch.equal(x, y) for x, y in zip(a.parameters(), b.parameters()))
    assert not torch.equal(a.rnn.weight_hh_l0, models.AgreementClassifier(seed=4).rnn.weight_hh_l0)


@pytest.mark.parametrize("cell", ["gru", "lstm", "rnn"])
def test_matched_hidden_gives_equal_parameter_counts(cell):
    target = models.param_count(torch.nn.GRU(16, 32))
    hidden = models.matched_hidden(cell, target)
    count = models.param_count(models.AgreementClassifier(cell, hidden=hidden).rnn)
    assert abs(count - target) / target < 0.02


def test_gru_gates_come_from_the_models_own_weights():
    model = models.AgreementClassifier("gru", hidden=6).double()
    ids = data.encode(data.sentence(np.random.default_rng(0), 5)[0])
    gates = models.gru_gates(model, ids)
    with torch.no_grad():
        out, _ = model.rnn(model.embed(torch.from_numpy(ids))[:, None])
    assert gates["z"].shape == gates["r"].shape == gates["h"].shape == (len(ids), 6)
    np.testing.assert_allclose(gates["h"], out[:, 0].numpy(), atol=1e-12)
    assert ((gates["z"] > 0) & (gates["z"] < 1)).all()
    with pytest.raises(ValueError, match="needs a GRU model, got a 'lstm' model"):
        models.gru_gates(models.AgreementClassifier("lstm"), ids)


def test_save_and_load_give_the_same_model(tmp_path):
    model = models.AgreementClassifier("lstm", hidden=7, seed=2)
    models.save(model, tmp_path / "m.pt")
    again = models.load(tmp_path / "m.pt")
    assert again.config == model.config
    assert all(torch.equal(x, y) for x, y in zip(model.state_dict().values(), again.state_dict().values()))


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"cell must be one of \('gru', 'lstm', 'rnn'\), got 'transformer'"):
        models.AgreementClassifier("transformer")
    with pytest.raises(ValueError, match="hidden must be a positive int, got 0"):
        models.AgreementClassifier(hidden=0)
