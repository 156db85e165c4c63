"""Checks for the exercises of 01 Introduction: parameter counts, a step by hand, the single-gate
GRU of deeplearning.ai, and how much memory survives a clause."""
from __future__ import annotations

import numpy as np

from ..activations import sigmoid
from . import engine
from .engine import CheckFailure, Mistake

SHAPES = [(3, 5), (16, 32), (64, 128), (1, 1)]       # (D, H)


def _count(gates: int, D: int, H: int, biases: int = 2) -> int:
    return gates * (H * D + H * H + biases * H)


def torch_count(kind: str, D: int, H: int) -> int:
    """The number of parameters torch.nn.RNN / GRU / LSTM(D, H) really has."""
    import torch
    module = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[kind](D, H)
    return sum(p.numel() for p in module.parameters())


def _count_mistakes(gates: int, kind: str) -> list[Mistake]:
    mistakes = [
        Mistake("You counted one bias vector per gate; PyTorch keeps two, b_ih and b_hh (only "
                "their sum matters, but both are parameters).", lambda D, H: _count(gates, D, H, 1)),
        Mistake("The biases are missing: each gate has H + H of them in PyTorch (b_ih and b_hh).",
                lambda D, H: _count(gates, D, H, 0)),
        Mistake("The recurrent weights are missing: each gate also has an (H, H) matrix acting on "
                "h_{t-1}.", lambda D, H: gates * (H * D + 2 * H)),
        Mistake("The input weights are missing: each gate also has a (D, H) matrix acting on x_t.",
                lambda D, H: gates * (H * H + 2 * H)),
    ]
    if kind == "gru":
        mistakes.append(Mistake(
            "That is the count of the course's GRUParams, which merges the two biases of r and z "
            "(3H(D+H) + 4H); PyTorch keeps two bias vectors for every gate.",
            lambda D, H: 3 * H * (D + H) + 4 * H))
    if kind == "gru":
        mistakes.append(Mistake("That is the LSTM's count (4 weight blocks: i, f, g, o); the GRU "
                                "has 3: the gates r, z and the candidate n.",
                                lambda D, H: _count(4, D, H)))
    if kind == "lstm":
        mistakes.append(Mistake("That is the GRU's count (3 weight blocks); the LSTM has 4: the "
                                "gates i, f, o and the candidate g.", lambda D, H: _count(3, D, H)))
    return mistakes


PARAM_COUNT_MISTAKES = {"rnn": _count_mistakes(1, "rnn"), "gru": _count_mistakes(3, "gru"),
                        "lstm": _count_mistakes(4, "lstm")}


def _check_count(kind: str, fn) -> None:
    name = f"{kind}_param_count"
    for D, H in SHAPES:
        out, _ = engine.call(name, fn, D, H)
        if not isinstance(out, (int, np.integer)) or isinstance(out, bool):
            raise CheckFailure(f"{name}({D}, {H}) returned {out!r}; return the count as an int.")
        expected = torch_count(kind, D, H)
        if out != expected:
            for mistake in PARAM_COUNT_MISTAKES[kind]:
                if mistake.answer(D, H) == out:
                    raise CheckFailure(f"{name}({D}, {H}) = {out}, but torch.nn.{kind.upper()}"
                                       f"({D}, {H}) has {expected}. {mistake.hint}")
            raise CheckFailure(f"{name}({D}, {H}) = {out}, but torch.nn.{kind.upper()}({D}, {H}) "
                               f"has {expected} parameters.")
    engine.passed(name, f"equal to PyTorch's count for {len(SHAPES)} sizes")


def check_rnn_param_count(rnn_param_count) -> None:
    """rnn_param_count(D, H) == parameters of torch.nn.RNN(D, H)."""
    _check_count("rnn", rnn_param_count)


def check_gru_param_count(gru_param_count) -> None:
    """gru_param_count(D, H) == parameters of torch.nn.GRU(D, H)."""
    _check_count("gru", gru_param_count)


def check_lstm_param_count(lstm_param_count) -> None:
    """lstm_param_count(D, H) == parameters of torch.nn.LSTM(D, H)."""
    _check_count("lstm", lstm_param_count)


# --- one step by hand -------------------------------------------------------------------------

HAND = dict(x=0.5, h_prev=-0.4, W_xr=1.0, W_hr=-0.5, b_r=0.2, W_xz=0.8, W_hz=0.6, b_z=-0.3,
            W_xn=1.2, W_hn=0.9, b_xn=0.1, b_hn=-0.1)


def hand_step(x, h_prev, W_xr, W_hr, b_r, W_xz, W_hz, b_z, W_xn, W_hn, b_xn, b_hn,
              keeps=True, reset="before"):
    """(r, z, n, h_t) of a one-unit GRU on scalars."""
    r = float(sigmoid(x * W_xr + h_prev * W_hr + b_r))
    z = float(sigmoid(x * W_xz + h_prev * W_hz + b_z))
    if reset == "before":
        n = float(np.tanh(x * W_xn + b_xn + (r * h_prev) * W_hn + b_hn))
    else:
        n = float(np.tanh(x * W_xn + b_xn + r * (h_prev * W_hn + b_hn)))
    h = z * h_prev + (1 - z) * n if keeps else (1 - z) * h_prev + z * n
    return r, z, n, h


STEP_BY_HAND_MISTAKES = [
    Mistake("h_t interpolates the other way round: here z keeps the old state, "
            "h_t = z h_prev + (1 - z) n.", lambda: hand_step(**HAND, keeps=False)),
    Mistake("n applies r after the product (PyTorch's form); the lecture form is "
            "tanh(x W_xn + b_xn + (r h_prev) W_hn + b_hn).", lambda: hand_step(**HAND, reset="after")),
]


def check_step_by_hand(step_by_hand) -> None:
    """step_by_hand = (r, z, n, h_t) of the scalar GRU of the exercise, to 3 decimals."""
    if step_by_hand is None:
        raise CheckFailure("step_by_hand is None: replace None with your four numbers, "
                           "step_by_hand = (r, z, n, h_t).")
    if not isinstance(step_by_hand, (tuple, list)) or len(step_by_hand) != 4:
        got = (f"a {type(step_by_hand).__name__}" if not isinstance(step_by_hand, (tuple, list))
               else f"{len(step_by_hand)} values")
        raise CheckFailure(f"step_by_hand must be a tuple of the four numbers (r, z, n, h_t), in "
                           f"that order; you gave {got}.")
    try:
        answer = np.array([float(v) for v in step_by_hand])
    except (TypeError, ValueError):
        raise CheckFailure(f"step_by_hand holds something that is not a number: {step_by_hand!r}") from None
    expected = np.array(hand_step(**HAND))
    if np.allclose(answer, expected, atol=5e-4):
        engine.passed("step_by_hand", "r, z, n and h_t to 3 decimals")
        return
    for mistake in STEP_BY_HAND_MISTAKES:
        if np.allclose(answer, mistake.answer(), atol=5e-4):
            raise CheckFailure(f"step_by_hand is wrong. {mistake.hint}")
    names = [k for k, a, b in zip(("r", "z", "n", "h_t"), answer, expected) if abs(a - b) > 5e-4]
    raise CheckFailure(f"step_by_hand: {', '.join(names)} {'is' if len(names) == 1 else 'are'} "
                       f"wrong (the first wrong one is {names[0]} = {answer[['r', 'z', 'n', 'h_t'].index(names[0])]:.4f}); "
                       "errors carry forward, so fix the first one first.")


# --- the single-gate GRU ----------------------------------------------------------------------

def simplified_step(x, c, W_c, b_c, W_u, b_u, keeps=False, order="cx", act=(np.tanh, sigmoid),
                    biases=True):
    cx = np.concatenate([c, x] if order == "cx" else [x, c], axis=1)
    candidate = act[0](cx @ W_c + (b_c if biases else 0))
    gamma = act[1](cx @ W_u + (b_u if biases else 0))
    return gamma * c + (1 - gamma) * candidate if keeps else gamma * candidate + (1 - gamma) * c


SIMPLIFIED_MISTAKES = [
    Mistake("Your Γu keeps the memory; in this cell Γu weights the candidate: "
            "c_t = Γu c̃ + (1 - Γu) c_prev.", lambda *a: simplified_step(*a, keeps=True)),
    Mistake("The concatenation is in the wrong order: it is [c_prev, x_t], memory first, so the "
            "first H rows of W_c and W_u act on c_prev.", lambda *a: simplified_step(*a, order="xc")),
    Mistake("The candidate uses tanh and the gate uses σ; you exchanged them.",
            lambda *a: simplified_step(*a, act=(sigmoid, np.tanh))),
    Mistake("The biases b_c and b_u are missing.", lambda *a: simplified_step(*a, biases=False)),
]


def check_simplified_gru_step(simplified_gru_step) -> None:
    """simplified_gru_step(x_t, c_prev, W_c, b_c, W_u, b_u) -> c_t, (N, H)."""
    name = "simplified_gru_step"
    rng = np.random.default_rng(20)
    for N, D, H in [(2, 3, 4), (1, 2, 1), (3, 1, 5)]:
        args = (rng.standard_normal((N, D)), rng.standard_normal((N, H)),
                rng.standard_normal((H + D, H)), rng.standard_normal(H),
                rng.standard_normal((H + D, H)), rng.standard_normal(H))
        out, _ = engine.call(name, simplified_gru_step, *args)
        out = engine.array(name, out, (N, H), "(N, H)")
        engine.compare(name, out, simplified_step(*args), args, SIMPLIFIED_MISTAKES,
                       f"N={N}, D={D}, H={H}")
    engine.passed(name, "3 random cases")


# --- memory retention -------------------------------------------------------------------------

RETENTION_MISTAKES = [
    Mistake("With Γu weighting the candidate, the memory is multiplied by (1 - Γu) at each "
            "step, not by Γu.", lambda g, k: g ** k),
    Mistake("1 - k Γu is only the first-order approximation (good for tiny Γu); the exact "
            "fraction is (1 - Γu)^k.", lambda g, k: 1 - k * g),
    Mistake("The factors multiply: (1 - Γu)^k, not (1 - Γu) k.", lambda g, k: (1 - g) * k),
    Mistake("exp(-Γu k) is the continuous-time approximation; step by step the memory is "
            "multiplied by exactly (1 - Γu) each time: (1 - Γu)^k.", lambda g, k: np.exp(-g * k)),
]


def check_retention(retention) -> None:
    """retention(gamma_u, steps) = (1 - gamma_u) ** steps."""
    for g, k in ((0.3, 4), (1e-6, 10), (0.5, 1), (0.1, 25)):
        out, _ = engine.call("retention", retention, g, k)
        if not isinstance(out, (float, int, np.floating)):
            raise CheckFailure(f"retention({g}, {k}) returned {type(out).__name__}; return a number.")
        expected = (1 - g) ** k
        if abs(out - expected) > 1e-12 * max(1, abs(expected)):
            for mistake in RETENTION_MISTAKES:
                if abs(out - mistake.answer(g, k)) <= 1e-12 * max(1, abs(out)):
                    raise CheckFailure(f"retention({g}, {k}) = {out:.6g}, expected {expected:.6g}. "
                                       f"{mistake.hint}")
            raise CheckFailure(f"retention({g}, {k}) = {out:.6g}, expected {expected:.6g}.")
    engine.passed("retention", "(1 - Γu)^k for four cases")
