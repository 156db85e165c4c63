"""The agreement task (data.py): labels, lengths, padding, reproducibility."""
import numpy as np
import pytest

from gru_course import data


def test_a_sentence_has_its_subject_second_and_the_label_of_its_number(rng):
    for plural in (False, True):
        tokens, label, full = data.sentence(rng, 7, plural=plural)
        assert tokens[:4] == ["the", tokens[1], ",", "which"] and tokens[-1] == ","
        assert len(tokens) == 7 + 5 and label == int(plural)
        subject_index = [pair[int(plural)] for pair in data.SUBJECTS].index(tokens[1])
        assert data.SUBJECTS[subject_index][int(plural)] == tokens[1]
        assert full.endswith(("was full .", "were full .")[int(plural)])


def test_clauses_contain_attractors_of_both_numbers(rng):
    words = {w for _ in range(200) for w in data.sentence(rng, 10)[0][4:-1]}
    assert {"mice", "mouse", "owners", "owner"} <= words


def test_batches_are_time_major_padded_and_reproducible():
    a = data.batch(np.random.default_rng(5), 16, (3, 30))
    b = data.batch(np.random.default_rng(5), 16, (3, 30))
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    T, N = a.ids.shape
    assert N == 16 and T == a.lengths.max() and a.ids.dtype == np.int64
    for j, k in enumerate(a.lengths):
        assert (a.ids[k:, j] == 0).all() and (a.ids[:k, j] != 0).all()
        assert 8 <= k <= 35
    assert set(a.labels) <= {0, 1}


def test_labels_are_balanced_and_follow_the_subject():
    b = data.batch(np.random.default_rng(1), 2000, 5)
    assert 0.45 < b.labels.mean() < 0.55
    plural_words = {pair[1] for pair in data.SUBJECTS}
    subjects = [data.VOCAB[i] for i in b.ids[1]]
    assert [int(s in plural_words) for s in subjects] == b.labels.tolist()


def test_encode_decode_round_trip_and_errors(rng):
    tokens, _, _ = data.sentence(rng, 4)
    assert data.decode(data.encode(tokens)) == tokens
    with pytest.raises(KeyError, match="zebra"):
        data.encode(["the", "zebra"])
    with pytest.raises(ValueError, match="clause_length must be a non-negative int, got -1"):
        data.sentence(rng, -1)
