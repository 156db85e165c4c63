"""Training the language model (training.py): corpus, batches, the masked loss, the loop."""
import numpy as np
import pytest
import torch

from gru_course import agreement, models, training


def test_the_corpus_follows_the_mix_and_is_reproducible():
    a = training.corpus(np.random.default_rng(0), 4000)
    assert a == training.corpus(np.random.default_rng(0), 4000)
    counts = {t: sum(it.template == t for it in a) / len(a) for t in training.MIX}
    total = sum(training.MIX.values())
    for template, weight in training.MIX.items():
        assert abs(counts[template] - weight / total) < 0.03, template
    nounpp = [it.condition for it in a if it.template == "nounpp"]
    for condition in ("SS", "SP", "PS", "PP"):          # every combination equally often
        assert abs(nounpp.count(condition) / len(nounpp) - 0.25) < 0.05


def test_collate_pads_time_major_and_keeps_lengths():
    batch = [torch.tensor([5, 6, 7]), torch.tensor([8]), torch.tensor([9, 10])]
    ids, lengths = training.collate(batch)
    assert ids.shape == (3, 3) and lengths.tolist() == [3, 1, 2]
    assert ids[:, 1].tolist() == [8, 0, 0] and ids[:, 2].tolist() == [9, 10, 0]


def test_the_loss_predicts_the_next_word_and_ignores_padding():
    V = len(agreement.VOCAB)
    ids = torch.tensor([[3, 4], [5, 6], [7, 0]])              # second sentence has 2 words
    logits = torch.randn(3, 2, V, generator=torch.Generator().manual_seed(0))
    by_hand = torch.stack([-logits[0, 0].log_softmax(-1)[5], -logits[1, 0].log_softmax(-1)[7],
                           -logits[0, 1].log_softmax(-1)[6]]).mean()
    assert torch.allclose(training.lm_loss(logits, ids), by_hand)
    padded = torch.cat([ids, torch.zeros(2, 2, dtype=ids.dtype)])
    assert torch.allclose(training.lm_loss(torch.cat([logits, torch.randn(2, 2, V)]), padded), by_hand)


def _small_run(steps=40, seed=1):
    items = training.corpus(np.random.default_rng(seed), 2000)
    torch.manual_seed(seed)
    model = models.AgreementLM(hidden=8)
    calls = []
    losses = training.train(model, training.loader(items, 32, seed), steps, progress=False,
                            callback=lambda step, m: calls.append((step, m.training)), every=15)
    return model, losses, calls


def test_training_is_deterministic_and_lowers_the_loss():
    model, losses, calls = _small_run()
    again, losses_again, _ = _small_run()
    assert losses == losses_again and len(losses) == 40
    assert np.mean(losses[-10:]) < np.mean(losses[:5]) - 0.5
    assert [step for step, _ in calls] == [15, 30, 40]
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), again.parameters()))


def test_training_cycles_through_the_data_when_steps_exceed_one_pass():
    items = training.corpus(np.random.default_rng(0), 100)
    torch.manual_seed(0)
    losses = training.train(models.AgreementLM(hidden=4), training.loader(items, 32, 0), 10,
                            progress=False)
    assert len(losses) == 10                         # 3 batches per pass, cycled
