"""Shared fixtures: a seeded rng, small random problems for the three recurrent cells, and every
check test run twice: as a learner runs a check, and as the grader does."""
from __future__ import annotations

import threading

import numpy as np
import pytest

import gru_course as gc
from gru_course import checks
from gru_course.grading import remote, serve

# The check tests of these modules run twice (the `checked` parameter): once calling the checks
# as a notebook does, once through the grader's channel (grading/remote.py and serve.py), where
# the answer stays in another thread's namespace and only its results travel.
THROUGH_THE_GRADER = {"test_checks", "test_checks_agreement", "test_hint_catalogue"}


def pytest_generate_tests(metafunc):
    if metafunc.module.__name__ in THROUGH_THE_GRADER:
        metafunc.fixturenames.append("checked")
        metafunc.parametrize("checked", ["in the notebook", "by the grader"])


@pytest.fixture(autouse=True)
def _checks_as_parametrized(request, monkeypatch, tmp_path):
    """Under "by the grader", every checks.check_* goes through the grader's channel."""
    if getattr(getattr(request.node, "callspec", None), "params", {}).get("checked") == "by the grader":
        for name in checks.__all__:
            if name.startswith("check_"):
                monkeypatch.setattr(checks, name, graded(getattr(checks, name), tmp_path))


def graded(check, folder):
    """`check`, run the way the grader runs it: the answer is served from a namespace of its
    own; a failure raises CheckFailure with the message the grader records."""
    answer_name = check.__name__.removeprefix("check_")

    def run(answer, *more, **options):
        if more or options:                       # the grader never passes more than the answer
            return check(answer, *more, **options)
        channel = remote.Channel(str(folder / "check.sock"))
        server = threading.Thread(target=serve.serve, daemon=True,
                                  args=(answer_name, channel.path, {answer_name: answer}))
        server.start()
        try:
            passed, message = remote.run_check(channel, check, answer_name)
        finally:
            remote.stop(channel, server)
            channel.close()
        if not passed:
            if not message.startswith("CheckFailure: "):
                raise RuntimeError(message)
            raise checks.CheckFailure(message.removeprefix("CheckFailure: "))
        print(message)
    return run


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
