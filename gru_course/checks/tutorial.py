"""Checks for the exercises of 04 Tutorial: numpy parameters into nn.GRU, the top layer's final
state, a classifier that packs its batch, and a trained model."""
from __future__ import annotations

import numpy as np

from ..gradcheck import rel_error
from ..gru import GRUParams
from ..gru_sequence import gru_forward
from . import engine
from .engine import TOL, CheckFailure, Mistake
from .gates import random_params


# --- numpy parameters into torch.nn.GRU -------------------------------------------------------

def gru_from_blocks(p: GRUParams, order="rzn", transpose=True, biases="right"):
    """An nn.GRU (float64) built from p's blocks, the right way or one of the classic wrong ones."""
    import torch
    blocks = {"r": (p.W_xr, p.W_hr, p.b_r, 0 * p.b_r), "z": (p.W_xz, p.W_hz, p.b_z, 0 * p.b_z),
              "n": (p.W_xn, p.W_hn, p.b_xn, p.b_hn)}
    if biases == "b_hn in bias_ih":
        blocks["n"] = (p.W_xn, p.W_hn, p.b_xn + p.b_hn, 0 * p.b_hn)
    elif biases == "swapped":
        blocks["n"] = (p.W_xn, p.W_hn, p.b_hn, p.b_xn)
    elif biases == "doubled":
        blocks = {k: (a, b, c, c if k != "n" else d) for k, (a, b, c, d) in blocks.items()}
    elif biases == "none":
        blocks = {k: (a, b, 0 * c, 0 * d) for k, (a, b, c, d) in blocks.items()}
    t = (lambda W: W.T) if transpose else (lambda W: W)
    D, H = p.W_xr.shape
    layer = torch.nn.GRU(D, H).double()
    with torch.no_grad():
        for name, k, f in (("weight_ih_l0", 0, t), ("weight_hh_l0", 1, t),
                           ("bias_ih_l0", 2, lambda b: b), ("bias_hh_l0", 3, lambda b: b)):
            stacked = np.concatenate([f(blocks[g][k]) for g in order])
            getattr(layer, name).copy_(torch.from_numpy(np.ascontiguousarray(stacked)))
    return layer


PARAMS_TO_GRU_MISTAKES = [
    Mistake("The gate blocks are in the order z, r, n (Keras' order); torch.nn.GRU stacks them "
            "r, z, n.", lambda p: gru_from_blocks(p, order="zrn")),
    Mistake("The weights are not transposed: torch stores weight_ih_l0 as (3H, D), one (H, D) "
            "block per gate, while the course's W_x* are (D, H): use W_xr.T and so on.",
            lambda p: gru_from_blocks(p, transpose=False)),
    Mistake("b_hn belongs in bias_hh: torch multiplies the n block of bias_hh by r (reset after), "
            "so putting b_hn into bias_ih changes the result.",
            lambda p: gru_from_blocks(p, biases="b_hn in bias_ih")),
    Mistake("b_xn and b_hn are exchanged: b_xn goes into bias_ih's n block, b_hn into bias_hh's.",
            lambda p: gru_from_blocks(p, biases="swapped")),
    Mistake("The biases are missing: copy b_r, b_z, b_xn into bias_ih_l0 and b_hn into the n "
            "block of bias_hh_l0.", lambda p: gru_from_blocks(p, biases="none")),
    Mistake("b_r and b_z are counted twice: torch adds bias_ih and bias_hh, so put them in one of "
            "the two (bias_ih) and zeros in the other.",
            lambda p: gru_from_blocks(p, biases="doubled")),
]


def check_params_to_gru(params_to_gru) -> None:
    """params_to_gru(p) -> torch.nn.GRU (float64) equal to gru_forward(..., reset="after")."""
    import torch
    name = "params_to_gru"
    rng = np.random.default_rng(30)
    for D, H in [(4, 4), (3, 5), (2, 3)]:          # D == H first: a missing transpose still runs
        p = random_params(rng, D, H)
        xs, h0 = rng.standard_normal((5, 2, D)), rng.standard_normal((2, H))
        layer, _ = engine.call(name, params_to_gru, p)
        if not isinstance(layer, torch.nn.GRU):
            raise CheckFailure(f"{name} returned a {type(layer).__name__}; return a "
                               "torch.nn.GRU(D, H) whose weights you filled in.")
        if layer.weight_ih_l0.dtype != torch.float64:
            raise CheckFailure(f"{name} returned a {layer.weight_ih_l0.dtype} GRU; make it "
                               "float64 (torch.nn.GRU(D, H).double()) so it can match to 1e-10.")
        if layer.num_layers != 1 or layer.bidirectional or layer.batch_first:
            raise CheckFailure(f"{name} must return a one-layer, one-direction, time-major GRU.")
        expected, _ = gru_forward(xs, h0, p, reset="after")
        case = f"D={D}, H={H}"
        with torch.no_grad():
            out = layer(torch.from_numpy(xs), torch.from_numpy(h0[None]))[0].numpy()
        if rel_error(out, expected) <= TOL:
            continue
        for mistake in PARAMS_TO_GRU_MISTAKES:
            try:
                with torch.no_grad():
                    wrong = mistake.answer(p)(torch.from_numpy(xs), torch.from_numpy(h0[None]))[0]
            except RuntimeError:
                continue
            if rel_error(out, wrong.numpy()) <= TOL:
                raise CheckFailure(f"{name} is wrong on {case}. {mistake.hint}")
        raise CheckFailure(f"{name} is wrong on {case}: the GRU's outputs differ from "
                           f"gru_forward(..., reset='after') by {rel_error(out, expected):.1e}.")
    engine.passed(name, "torch.nn.GRU equals the numpy GRU (reset after) on 3 sizes")


# --- the top layer's final state --------------------------------------------------------------

LAST_HIDDEN_MISTAKES = [
    Mistake("h_n[0] is the first layer's final state; the top layer's is the last entry of h_n "
            "(the last two with two directions).",
            lambda h, L, bi: np.concatenate([h[0], h[1]], -1) if bi else h[0]),
    Mistake("With two directions, h_n[-1] alone is only the top layer's *backward* direction; "
            "concatenate h_n[-2] (forward) and h_n[-1] (backward).", lambda h, L, bi: h[-1]),
    Mistake("The two directions are in the wrong order: forward first, h_n[-2], then backward, "
            "h_n[-1].", lambda h, L, bi: np.concatenate([h[-1], h[-2]], -1) if bi else h[-1]),
    Mistake("Summing h_n over layers mixes layers; take the top layer's entries only.",
            lambda h, L, bi: h.sum(0)),
]


def _numpy(value):
    return value.detach().cpu().numpy() if hasattr(value, "detach") else np.asarray(value)


def check_last_hidden(last_hidden) -> None:
    """last_hidden(h_n, num_layers, bidirectional): (N, H), or (N, 2H) forward then backward."""
    import torch
    name = "last_hidden"
    for layers, bidirectional in [(2, True), (3, False), (1, True), (1, False), (3, True)]:
        torch.manual_seed(layers)
        gru = torch.nn.GRU(3, 4, num_layers=layers, bidirectional=bidirectional).double()
        with torch.no_grad():
            output, h_n = gru(torch.from_numpy(np.random.default_rng(layers).standard_normal((6, 2, 3))))
        H = 4
        expected = (np.concatenate([output[-1, :, :H], output[0, :, H:]], -1) if bidirectional
                    else output[-1].numpy())
        case = f"num_layers={layers}, bidirectional={bidirectional}"
        out, _ = engine.call(name, last_hidden, h_n.clone(), layers, bidirectional)
        if out is None:
            raise CheckFailure(f"{name} returned None: did you forget the `return` statement?")
        out = _numpy(out)
        if out.shape == expected.shape and rel_error(out, expected) <= TOL:
            continue
        h = h_n.numpy()
        for mistake in LAST_HIDDEN_MISTAKES:
            wrong = mistake.answer(h, layers, bidirectional)
            if wrong.shape == out.shape and rel_error(out, wrong) <= TOL:
                raise CheckFailure(f"{name} is wrong on {case}. {mistake.hint}")
        if out.shape != expected.shape:
            raise CheckFailure(f"{name} returned shape {out.shape} on {case}, expected "
                               f"{expected.shape}: (N, H), or (N, 2H) with two directions.")
        raise CheckFailure(f"{name} is wrong on {case}: it is not the top layer's final state.")
    engine.passed(name, "one to three layers, one and two directions")


# --- a classifier that packs its batch --------------------------------------------------------

def reference_forward(model, ids, lengths, pack=True, use="h_n", batch_first=False, softmax=False):
    """The classifier's forward with the learner's own submodules, right or wrongly done."""
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
    x = model.embed(ids)
    if not pack:
        output, h_n = model.gru(x)
        return model.head(output[-1] if use == "output" else h_n[-1])
    if batch_first:
        x = x.transpose(0, 1)
    packed = pack_padded_sequence(x, torch.as_tensor(lengths).cpu(), batch_first=batch_first,
                                  enforce_sorted=False)
    output, h_n = model.gru(packed)
    if use == "output":
        return model.head(pad_packed_sequence(output)[0][-1])
    logits = model.head(h_n[-1])
    return logits.softmax(-1) if softmax else logits


CLASSIFIER_MISTAKES = [
    Mistake("Without packing, the GRU reads the padding too: its h_n (which equals output[-1] "
            "then) is the state after the padding for every sentence shorter than the longest. "
            "Pack with pack_padded_sequence(x, lengths, enforce_sorted=False) and use h_n[-1].",
            lambda m, ids, lengths: reference_forward(m, ids, lengths, pack=False)),
    Mistake("After packing, output[-1] (padded back) is zero for the shorter sentences: read the "
            "final state from h_n[-1], which packing puts at each sentence's own end.",
            lambda m, ids, lengths: reference_forward(m, ids, lengths, use="output")),
    Mistake("forward must return logits, the scores before any softmax: cross_entropy applies "
            "the softmax itself.", lambda m, ids, lengths: reference_forward(m, ids, lengths, softmax=True)),
]


def _batch(rng, lengths):
    """ids (T, N) with PAD=0 after each length, from random token ids 1..20."""
    T = max(lengths)
    ids = np.zeros((T, len(lengths)), dtype=np.int64)
    for j, k in enumerate(lengths):
        ids[:k, j] = rng.integers(1, 21, size=k)
    return ids


def check_sentence_classifier(SentenceClassifier) -> None:
    """SentenceClassifier(vocab_size).forward(ids (T, N), lengths (N,)) -> logits (N, 2), packed."""
    import torch
    name = "SentenceClassifier"
    torch.manual_seed(0)
    try:
        model = SentenceClassifier(30).double()
    except Exception as exc:
        raise CheckFailure(f"SentenceClassifier(30) raised {type(exc).__name__}: {exc}") from exc
    missing = [a for a in ("embed", "gru", "head") if not hasattr(model, a)]
    if missing:
        raise CheckFailure(f"the model has no attribute {', '.join(missing)}: keep the __init__ "
                           "given in the exercise.")
    rng = np.random.default_rng(40)
    lengths = np.array([7, 3, 5, 1])
    ids = _batch(rng, lengths)
    padded_more = np.concatenate([ids, np.zeros((4, 4), dtype=np.int64)])
    out, _ = engine.call("SentenceClassifier.forward", model, torch.from_numpy(ids), lengths)
    with torch.no_grad():
        expected = reference_forward(model, torch.from_numpy(ids), lengths)
    if not hasattr(out, "shape") or tuple(out.shape) != (4, 2):
        shape = tuple(out.shape) if hasattr(out, "shape") else type(out).__name__
        hint = " Take h_n[-1], the last layer's state, (N, H)." if shape == (1, 4, 2) else ""
        raise CheckFailure(f"forward returned {shape} for 4 sentences, expected logits of "
                           f"shape (N, 2) = (4, 2).{hint}")
    out = _numpy(out)
    if rel_error(out, expected.numpy()) > TOL:
        for mistake in CLASSIFIER_MISTAKES:
            with torch.no_grad():
                wrong = mistake.answer(model, torch.from_numpy(ids), lengths).numpy()
            if rel_error(out, wrong) <= TOL:
                raise CheckFailure(f"{name} is wrong. {mistake.hint}")
        raise CheckFailure(f"{name}'s logits differ from embed -> packed GRU -> h_n[-1] -> head "
                           f"by {rel_error(out, expected.numpy()):.1e}.")
    again, _ = engine.call("SentenceClassifier.forward", model, torch.from_numpy(padded_more), lengths)
    if rel_error(_numpy(again), out) > TOL:
        raise CheckFailure(f"{name}'s logits change when the batch gets 4 more rows of padding; "
                           "a packed GRU must not see padding at all.")
    engine.passed(name, "packs the batch: logits independent of how much padding follows")


# --- a trained model --------------------------------------------------------------------------

def check_trained_classifier(model, clause_length: int = 30, goal: float = 0.95) -> None:
    """Held-out accuracy of the trained model at clause length 30: at least 95 %."""
    import torch
    from .. import data
    from ..training import accuracy
    if model is None:
        raise CheckFailure("trained_model is None: build your model, train it, and store it in "
                           "trained_model.")
    if not isinstance(model, torch.nn.Module):
        raise CheckFailure(f"check_trained_classifier needs your trained model, got "
                           f"{type(model).__name__}.")
    held_out = data.batch(np.random.default_rng(2024), 500, clause_length)
    try:
        score = accuracy(model, held_out)
    except Exception as exc:
        raise CheckFailure(f"evaluating the model raised {type(exc).__name__}: {exc}") from exc
    if score < goal:
        raise CheckFailure(f"held-out accuracy at clause length {clause_length} is {score:.1%}, "
                           f"below {goal:.0%}. Train longer (more steps), train on clause "
                           "lengths that reach this far, and check that forward packs the batch.")
    print(f"✓ the trained model is correct on {score:.1%} of 500 held-out sentences with "
          f"clause length {clause_length}.")
