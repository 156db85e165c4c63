"""The agreement task: "the cat , which ... , was full" against "the cats , which ... , were full".

A model reads a sentence up to the comma after the relative clause and must say whether the verb
is "was" (singular subject) or "were" (plural). The clause between subject and verb has a length
you choose, and it is full of attractors: nouns of either number that the model must not confuse
with the subject. Everything is generated here from an `rng`; nothing is downloaded.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

PAD = "<pad>"
SUBJECTS = [("cat", "cats"), ("dog", "dogs"), ("bird", "birds"), ("child", "children"),
            ("farmer", "farmers"), ("teacher", "teachers")]
CLAUSE_WORDS = ["already", "ate", "a", "the", "fish", "and", "then", "slept", "in", "sun", "near",
                "old", "house", "quietly", "after", "long", "walk", "with", "friend", "friends",
                "saw", "mice", "mouse", "owner", "owners", "ran", "past", "garden", "gardens",
                "every", "morning", "chased", "boy", "boys", "neighbours", "neighbour"]
VERBS = ("was", "were")
VOCAB = [PAD, "the", ",", "which"] + [w for pair in SUBJECTS for w in pair] + CLAUSE_WORDS
WORD_ID = {word: i for i, word in enumerate(VOCAB)}


class Batch(NamedTuple):
    """ids (T, N) int64, time-major and padded with 0 after each sentence's end;
    lengths (N,) the number of real tokens; labels (N,) 0 for "was", 1 for "were"."""

    ids: np.ndarray
    lengths: np.ndarray
    labels: np.ndarray


def sentence(rng: np.random.Generator, clause_length: int, plural: bool | None = None):
    """One example: (tokens the model reads, label, the full sentence with its verb).

    Args:
        rng: the source of randomness.
        clause_length: number of words between "which" and the closing comma (>= 0).
        plural: the subject's number; random if None.
    """
    if not isinstance(clause_length, (int, np.integer)) or clause_length < 0:
        raise ValueError(f"clause_length must be a non-negative int, got {clause_length!r}")
    if plural is None:
        plural = bool(rng.integers(2))
    subject = SUBJECTS[rng.integers(len(SUBJECTS))][int(plural)]
    clause = list(rng.choice(CLAUSE_WORDS, size=clause_length))
    tokens = ["the", subject, ",", "which", *clause, ","]
    return tokens, int(plural), " ".join(tokens + [VERBS[int(plural)], "full", "."])


def encode(tokens: list[str]) -> np.ndarray:
    """Token ids, (T,) int64; unknown words raise a KeyError that names them."""
    unknown = [t for t in tokens if t not in WORD_ID]
    if unknown:
        raise KeyError(f"words not in the vocabulary: {unknown}")
    return np.array([WORD_ID[t] for t in tokens], dtype=np.int64)


def decode(ids) -> list[str]:
    """Words of a sequence of ids, padding dropped."""
    return [VOCAB[i] for i in np.asarray(ids).tolist() if i != 0]


def batch(rng: np.random.Generator, size: int, clause_length) -> Batch:
    """`size` random sentences, padded into one time-major Batch.

    Args:
        clause_length: an int (every sentence) or a (low, high) pair: each sentence draws its
            own length uniformly from low..high inclusive.
    """
    if isinstance(clause_length, (tuple, list)):
        low, high = clause_length
        lengths = rng.integers(low, high + 1, size=size)
    else:
        lengths = np.full(size, clause_length)
    examples = [sentence(rng, int(k)) for k in lengths]
    T = max(len(tokens) for tokens, _, _ in examples)
    ids = np.zeros((T, size), dtype=np.int64)
    for j, (tokens, _, _) in enumerate(examples):
        ids[:len(tokens), j] = encode(tokens)
    return Batch(ids, np.array([len(t) for t, _, _ in examples]),
                 np.array([label for _, label, _ in examples]))
