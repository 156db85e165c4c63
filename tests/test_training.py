"""Training (training.py) and its progress bar (progress.py)."""
import io

import numpy as np

from gru_course import models, training
from gru_course.progress import Progress


def test_training_is_deterministic_on_the_cpu_for_a_seed():
    runs = []
    for _ in range(2):
        model = models.AgreementClassifier("gru", hidden=8, seed=1)
        runs.append(training.train(model, steps=30, batch_size=16, clause_lengths=(2, 6), seed=4,
                                   device="cpu", progress=False))
    assert runs[0].loss == runs[1].loss and len(runs[0].loss) == 30
    assert runs[0].device == "cpu" and runs[0].seconds > 0


def test_a_gru_learns_short_clauses_quickly():
    model = models.AgreementClassifier("gru", hidden=16, seed=0)
    history = training.train(model, steps=250, clause_lengths=(1, 8), seed=0, progress=False)
    assert np.mean(history.loss[-20:]) < 0.1
    accs = training.accuracy_by_length(model, [3, 8], n=200)
    assert min(accs.values()) > 0.9


def test_accuracy_by_length_uses_the_same_sentences_for_every_model():
    a = models.AgreementClassifier("gru", hidden=4, seed=0)
    first = training.accuracy_by_length(a, [3, 10], n=50)
    again = training.accuracy_by_length(a, [10, 3], n=50)
    assert first == {k: again[k] for k in first}
    assert 0.0 <= first[3] <= 1.0


def test_the_terminal_progress_bar_ends_at_the_total():
    stream = io.StringIO()
    bar = Progress(20, "demo", stream=stream)
    for step in range(1, 21):
        bar.update(step, loss=0.5)
    bar.close()
    text = stream.getvalue()
    assert text.startswith("\rdemo [") and "20/20" in text and text.endswith("\n")
    assert "[" + "#" * 30 + "]" in text


def test_a_disabled_progress_bar_writes_nothing():
    stream = io.StringIO()
    bar = Progress(5, "quiet", enabled=False, stream=stream)
    bar.update(5)
    bar.close()
    assert stream.getvalue() == ""


def test_smoothed_history_is_a_running_mean():
    h = training.History(loss=[1.0, 3.0, 5.0, 7.0])
    np.testing.assert_allclose(h.smoothed(window=2), [2.0, 4.0, 6.0])
