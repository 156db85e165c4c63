"""Shared fixtures: a seeded rng, and small random problems for the three recurrent cells."""
from __future__ import annotations

import numpy as np
import pytest

import gru_course as gc


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20141024)      # Cho et al.'s GRU paper, EMNLP 2014


class Problem:
    """xs (T, N, D), h0 (N, H), dhs (T, N, H) and parameters of one kind, all float64."""

    def __init__(self, rng, kind="gru", T=5, N=3, D=4, H=6, dtype=np.float64):
        cls = {"gru": gc.GRUParams, "rnn": gc.RNNParams, "lstm": gc.LSTMParams}[kind]
        self.p = cls.init(rng, D, H, dtype)
        self.xs = rng.standard_normal((T, N, D)).astype(dtype)
        self.h0 = rng.standard_normal((N, H)).astype(dtype)
        self.c0 = rng.standard_normal((N, H)).astype(dtype)
        self.dhs = rng.standard_normal((T, N, H)).astype(dtype)
        self.T, self.N, self.D, self.H = T, N, D, H


@pytest.fixture
def problem(rng):
    """A factory: problem(kind="gru", T=5, N=3, D=4, H=6)."""
    return lambda **kw: Problem(rng, **kw)
