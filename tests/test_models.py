"""The language model (models.py): next-word logits, packing, matched sizes, save and load."""
import numpy as np
import pytest
import torch

from gru_course import agreement, models, training


def _batch(n=5, seed=0):
    items = agreement.sample(np.random.default_rng(seed), n, "objrel")
    return training.collate([torch.tensor(agreement.encode(it.tokens)) for it in items])


@pytest.mark.parametrize("cell", ["gru", "lstm", "rnn"])
def test_logits_score_every_position_and_ignore_extra_padding(cell):
    torch.manual_seed(0)
    model = models.AgreementLM(hidden=8, cell=cell).double().eval()
    ids, lengths = _batch()
    logits = model(ids, lengths)
    assert logits.shape == (ids.shape[0], 5, len(agreement.VOCAB))
    more = torch.cat([ids, torch.zeros(4, 5, dtype=ids.dtype)])
    assert torch.allclose(model(more, lengths)[:ids.shape[0]], logits, atol=1e-12)


@pytest.mark.parametrize("cell", ["gru", "lstm", "rnn"])
def test_the_output_at_t_depends_only_on_tokens_up_to_t(cell):
    torch.manual_seed(1)
    model = models.AgreementLM(hidden=6, cell=cell).double().eval()
    ids, lengths = _batch(3)
    changed = ids.clone()
    changed[4] = (changed[4] % 20) + 5                 # a different word at position 4
    a, b = model(ids, lengths), model(changed, lengths)
    assert torch.equal(a[:4], b[:4]) and not torch.allclose(a[4], b[4])


def test_bad_shapes_and_settings_are_named():
    model = models.AgreementLM(hidden=4)
    with pytest.raises(ValueError, match=r"ids must be \(T, N\) and lengths \(N,\); got ids \(7,\)"):
        model(torch.zeros(7, dtype=torch.long), torch.tensor([7]))
    with pytest.raises(ValueError, match="cell must be one of"):
        models.AgreementLM(cell="transformer")
    with pytest.raises(ValueError, match="hidden must be a positive int, got 0"):
        models.AgreementLM(hidden=0)


@pytest.mark.parametrize("cell", ["gru", "lstm", "rnn"])
def test_matched_hidden_gives_the_nearest_total_parameter_count(cell):
    target = models.param_count(models.AgreementLM(hidden=16, cell="gru"))
    H = models.matched_hidden(cell, target)
    counts = {h: models.param_count(models.AgreementLM(hidden=h, cell=cell)) for h in (H - 1, H, H + 1)}
    assert abs(counts[H] - target) == min(abs(c - target) for c in counts.values())
    assert abs(counts[H] - target) / target < 0.03


def test_save_and_load_keep_weights_and_extra_entries(tmp_path):
    torch.manual_seed(2)
    model = models.AgreementLM(hidden=5, cell="lstm")
    models.save(model, tmp_path / "m.pt", number_units={"sg": 3, "pl": None})
    again, saved = models.load(tmp_path / "m.pt")
    assert saved["number_units"] == {"sg": 3, "pl": None} and saved["config"]["cell"] == "lstm"
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(),
                                                 again.state_dict().values()))
    assert not again.training
