"""Checks for the torch exercises of 04 Tutorial: numpy parameters into nn.GRU, a sentence vector
from a bidirectional GRU's padded output, and the log-likelihood of each sentence under a
language model. The agreement
exercises' checks are in agreement.py."""
from __future__ import annotations

from collections import namedtuple

import numpy as np

from ..i18n import tr, tr_later
from ..gradcheck import rel_error
from ..gru import GRUParams
from ..gru_sequence import gru_forward
from . import engine
from .engine import TOL, CheckFailure, Mistake
from .gates import random_params


# --- numpy parameters into torch.nn.GRU -------------------------------------------------------

class _PlainParams(namedtuple("GRUParams", GRUParams._fields)):
    """GRUParams' fields and sizes, without its to_torch (the course's own answer)."""

    D = property(lambda self: self.W_xr.shape[0])
    H = property(lambda self: self.W_xr.shape[1])

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
    t = (lambda W: W) if transpose is False else (lambda W: W.T)
    t_hh = (lambda W: W) if transpose in (False, "input only") else (lambda W: W.T)
    D, H = p.W_xr.shape
    layer = torch.nn.GRU(D, H).double()
    with torch.no_grad():
        for name, k, f in (("weight_ih_l0", 0, t), ("weight_hh_l0", 1, t_hh),
                           ("bias_ih_l0", 2, lambda b: b), ("bias_hh_l0", 3, lambda b: b)):
            stacked = np.concatenate([f(blocks[g][k]) for g in order])
            getattr(layer, name).copy_(torch.from_numpy(np.ascontiguousarray(stacked)))
    return layer


PARAMS_TO_GRU_MISTAKES = [
    Mistake(tr_later("The gate blocks are in the order z, r, n (Keras' order); "
                     "torch.nn.GRU stacks them r, z, n."), lambda p: gru_from_blocks(p, order="zrn")),
    Mistake(tr_later("The weights are not transposed (reshape is not a transpose either): "
                     "torch stores weight_ih_l0 as (3H, D), one (H, D) block per gate, "
                     "while the course's W_x* are (D, H): use W_xr.T and so on."),
            lambda p: gru_from_blocks(p, transpose=False)),
    Mistake(tr_later("b_hn belongs in bias_hh: torch multiplies the n block of bias_hh by "
                     "r (reset after), so putting b_hn into bias_ih changes the result."),
            lambda p: gru_from_blocks(p, biases="b_hn in bias_ih")),
    Mistake(tr_later("b_xn and b_hn are exchanged: b_xn goes into bias_ih's n block, b_hn "
                     "into bias_hh's."),
            lambda p: gru_from_blocks(p, biases="swapped")),
    Mistake(tr_later("The biases are missing: copy b_r, b_z, b_xn into bias_ih_l0 and b_hn "
                     "into the n block of bias_hh_l0."), lambda p: gru_from_blocks(p, biases="none")),
    Mistake(tr_later("b_r and b_z are counted twice: torch adds bias_ih and bias_hh, so "
                     "put them in one of the two (bias_ih) and zeros in the other."),
            lambda p: gru_from_blocks(p, biases="doubled")),
    Mistake(tr_later("The gate blocks are in the order n, r, z; torch.nn.GRU stacks them "
                     "r, z, n."),
            lambda p: gru_from_blocks(p, order="nrz")),
    Mistake(tr_later("The input weights are transposed but the recurrent ones are not: "
                     "W_hr, W_hz, W_hn are (H, H) in the course's x W form, so "
                     "weight_hh_l0 needs W_hr.T and so on too."),
            lambda p: gru_from_blocks(p, transpose="input only")),
]


def _wrong_blocks(layer, p) -> str:
    """Which of the GRU's blocks differ from what p needs, read from the layer's tensors."""
    H = p.W_xr.shape[1]

    def block(tensor, k):
        return tensor.detach().double().numpy()[k * H:(k + 1) * H]

    wrong = []
    for k, g in enumerate("rzn"):
        for tensor_name, weight in (("weight_ih_l0", f"W_x{g}"), ("weight_hh_l0", f"W_h{g}")):
            got, want = block(getattr(layer, tensor_name), k), getattr(p, weight).T
            if got.shape != want.shape or rel_error(got, want) > TOL:
                wrong.append(tr("the {g} block of {tensor_name} should be {weight}.T").format(
                    g=g, tensor_name=tensor_name, weight=weight))
    b_ih, b_hh = layer.bias_ih_l0, layer.bias_hh_l0
    for k, g in enumerate("rz"):
        if rel_error(block(b_ih, k) + block(b_hh, k), getattr(p, f"b_{g}")) > TOL:
            wrong.append(tr("the {g} blocks of bias_ih_l0 and bias_hh_l0 should add up to "
                            "b_{g} (torch adds them; a fresh nn.GRU starts with random "
                            "values in both, so put b_{g} in one and zeros in the other)").format(
                             g=g))
    if rel_error(block(b_ih, 2), p.b_xn) > TOL:
        wrong.append(tr("the n block of bias_ih_l0 should be b_xn"))
    if rel_error(block(b_hh, 2), p.b_hn) > TOL:
        wrong.append(tr("the n block of bias_hh_l0 should be b_hn (torch multiplies it by "
                        "r)"))
    if not wrong:
        return tr("Every block holds the right numbers: did you change the layer after "
                  "filling it?")
    return tr("Reading your GRU's tensors block by block (r, z, n): ") + "; ".join(wrong) + "."


def check_params_to_gru(params_to_gru) -> None:
    """params_to_gru(p) -> torch.nn.GRU (float64) equal to gru_forward(..., reset="after")."""
    import torch
    name = "params_to_gru"
    rng = np.random.default_rng(30)
    for D, H in [(4, 4), (3, 5), (2, 3)]:          # D == H first: a missing transpose still runs
        p = random_params(rng, D, H)
        plain = _PlainParams(*p)                    # the fields of GRUParams, without its to_torch
        xs, h0 = rng.standard_normal((5, 2, D)), rng.standard_normal((2, H))
        try:
            layer, _ = engine.call(name, params_to_gru, plain)
        except CheckFailure as failure:
            if "to_torch" in str(failure):
                raise CheckFailure(tr("{name} called p.to_torch(): that is the course's "
                                      "own answer. Build the torch.nn.GRU and copy the "
                                      "blocks yourself.").format(name=name)) from None
            raise
        if not isinstance(layer, torch.nn.GRU):
            raise CheckFailure(tr("{name} returned a {layer_type}; return a "
                                  "torch.nn.GRU(D, H) whose weights you filled in.").format(
                                   name=name, layer_type=type(layer).__name__))
        if layer.weight_ih_l0.dtype != torch.float64:
            raise CheckFailure(tr("{name} returned a {dtype} GRU; make it float64 "
                                  "(torch.nn.GRU(D, H).double()) so it can match to 1e-7.").format(
                                   name=name, dtype=layer.weight_ih_l0.dtype))
        if layer.num_layers != 1 or layer.bidirectional or layer.batch_first:
            raise CheckFailure(tr("{name} must return a one-layer, one-direction, "
                                  "time-major GRU.").format(name=name))
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
                raise CheckFailure(tr("{name} is wrong on {case}. {hint}").format(
                                       name=name, case=case, hint=mistake.hint))
        raise CheckFailure(tr("{name} is wrong on {case}: the GRU's outputs differ from "
                              "gru_forward(..., reset='after') by {rel_error:.1e}. "
                              "{wrong_blocks}").format(
                               name=name, case=case, rel_error=rel_error(out, expected), wrong_blocks=_wrong_blocks(layer, p)))
    engine.passed(name, tr("torch.nn.GRU equals the numpy GRU (reset after) on 3 sizes"))


# --- a sentence vector from a bidirectional GRU's padded output ----------------------------

def _pick(output, lengths, forward_at, backward_at, swap=False):
    """(N, 2H) from output (T, N, 2H): the forward half at forward_at(k, T) and the backward half
    at backward_at(k, T) for a sentence of length k; the right answer or a catalogued variant."""
    T, N, H2 = output.shape
    H = H2 // 2
    rows = []
    for j, k in enumerate(int(k) for k in lengths):
        fwd, bwd = output[forward_at(k, T), j, :H], output[backward_at(k, T), j, H:]
        rows.append(np.concatenate([bwd, fwd] if swap else [fwd, bwd]))
    return np.stack(rows)


SENTENCE_VECTOR_MISTAKES = [
    Mistake(tr_later("output[-1] is the last time step of the padded tensor: for every "
                     "sentence shorter than the longest it is padding (zeros). Take the "
                     "forward half at each sentence's own last word, t = length - 1."), lambda o, n: _pick(o, n, lambda k, T: T - 1, lambda k, T: T - 1)),
    Mistake(tr_later("The backward half is taken at the last word, but the backward "
                     "direction reads the sentence from its end to its start: its final "
                     "state is at t = 0."),
            lambda o, n: _pick(o, n, lambda k, T: k - 1, lambda k, T: k - 1)),
    Mistake(tr_later("The forward half is padding (zeros) for the shorter sentences: it is "
                     "taken past each sentence's end, at the last time step of the padded "
                     "tensor or at t = length. The forward direction ends at the last "
                     "word, t = length - 1 (counting from 0)."),
            lambda o, n: _pick(o, n, lambda k, T: T - 1, lambda k, T: 0)),
    Mistake(tr_later("The forward half is taken at t = 0, where it has read one word; it "
                     "ends at t = length - 1."), lambda o, n: _pick(o, n, lambda k, T: 0, lambda k, T: 0)),
    Mistake(tr_later("The halves are in the wrong order: forward first (output[..., :H]), "
                     "then backward (output[..., H:])."), lambda o, n: _pick(o, n, lambda k, T: k - 1, lambda k, T: 0, swap=True)),
    Mistake(tr_later("Off by one: the last word of a sentence of length k is at t = k - 1 "
                     "(counting from 0), not at t = k - 2."), lambda o, n: _pick(o, n, lambda k, T: max(k - 2, 0), lambda k, T: 0)),
]


def _numpy(value):
    return value.detach().cpu().numpy() if hasattr(value, "detach") else np.asarray(value)


def check_sentence_vector(sentence_vector) -> None:
    """sentence_vector(output (T, N, 2H), lengths (N,)) -> (N, 2H): [forward at length-1, backward at 0]."""
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
    name = "sentence_vector"
    for seed, lengths, H in ((1, [5, 2, 4], 3), (2, [3, 6, 6, 1], 2), (3, [7], 4)):
        torch.manual_seed(seed)
        gru = torch.nn.GRU(3, H, bidirectional=True).double()
        x = torch.from_numpy(np.random.default_rng(seed).standard_normal((max(lengths), len(lengths), 3)))
        with torch.no_grad():
            packed, h_n = gru(pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False))
            output, _ = pad_packed_sequence(packed)
        expected = torch.cat([h_n[0], h_n[1]], -1).numpy()          # where each direction ended
        case = tr("{n_lengths} sentences of lengths {lengths}, H={H}").format(
                   n_lengths=len(lengths), lengths=lengths, H=H)
        out, _ = engine.call(name, sentence_vector, output.clone(), torch.tensor(lengths))
        if out is None:
            raise CheckFailure(tr("{name} returned None: did you forget the `return` "
                                  "statement?").format(name=name))
        out = _numpy(out)
        if out.shape != expected.shape:
            raise CheckFailure(tr("{name} returned shape {shape} on {case}, expected (N, "
                                  "2H) = {shape2}: one vector per sentence, forward half "
                                  "first.").format(
                                   name=name, shape=out.shape, case=case, shape2=expected.shape))
        if rel_error(out, expected) <= TOL:
            continue
        for mistake in SENTENCE_VECTOR_MISTAKES:
            wrong = mistake.answer(output.numpy(), lengths)
            if wrong.shape == out.shape and rel_error(out, wrong) <= TOL:
                raise CheckFailure(tr("{name} is wrong on {case}. {hint}").format(
                                       name=name, case=case, hint=mistake.hint))
        raise CheckFailure(tr("{name} is wrong on {case}: it is not [forward state at each "
                              "sentence's last word, backward state at its first word].").format(
                               name=name, case=case))
    engine.passed(name, tr("batches of different lengths: forward at the last word, "
                           "backward at the first"))


# --- the log-likelihood of each sentence -------------------------------------------------------

def reference_nll(logits, ids, shift=1, mask=True, reduce="sum", log=True):
    """-log p of each sentence's words 1..length-1 under the model, (N,); or a catalogued variant."""
    import torch
    scores = {True: logits.log_softmax(-1), False: logits.softmax(-1), "raw": logits}[log]
    if shift == 1:
        scores, targets = scores[:-1], ids[1:]
    elif shift == 0:
        targets = ids
    elif shift == "skip first":                            # unshifted, from word 1 on
        scores, targets = scores[1:], ids[1:]
    else:
        scores, targets = scores[1:], ids[:-1]
    picked = -scores.gather(-1, targets[..., None])[..., 0]
    if mask == "inputs":                                   # the mask of the words read, not predicted
        keep = ids[:-1] != 0
    else:
        keep = (targets != 0) if mask else torch.ones_like(targets, dtype=torch.bool)
    total = (picked * keep).sum(0)
    return total / keep.sum(0) if reduce == "mean" else total


NLL_MISTAKES = [
    Mistake(tr_later("The scores are not shifted: logits[t] is the model's guess for the "
                     "word at t + 1, so compare logits[:-1] with ids[1:]."), lambda lg, ids: reference_nll(lg, ids, shift=0)),
    Mistake(tr_later("The scores are not shifted (word 0 is skipped, but each word is "
                     "scored by the output at its own position): logits[t] is the guess "
                     "for ids[t + 1], so compare logits[:-1] with ids[1:]."), lambda lg, ids: reference_nll(lg, ids, shift="skip first")),
    Mistake(tr_later("The shift goes the wrong way: logits[t] scores the *next* word, "
                     "ids[t + 1]; pair logits[:-1] with ids[1:], not logits[1:] with "
                     "ids[:-1]."),
            lambda lg, ids: reference_nll(lg, ids, shift=-1)),
    Mistake(tr_later("Padding is counted: leave out every position whose target is 0 "
                     "(<pad>), e.g. multiply by the mask ids[1:] != 0 before summing over "
                     "time."),
            lambda lg, ids: reference_nll(lg, ids, mask=False)),
    Mistake(tr_later("That is the mean over each sentence's words; the exercise asks for "
                     "the sum, the negative log-probability of the whole sentence."),
            lambda lg, ids: reference_nll(lg, ids, reduce="mean")),
    Mistake(tr_later("Probabilities, not log-probabilities: use logits.log_softmax(-1) "
                     "(the log of a product of probabilities is a sum of logs)."),
            lambda lg, ids: reference_nll(lg, ids, log=False)),
    Mistake(tr_later("The sign is flipped: a log-probability is negative or zero, and the "
                     "negative log-likelihood is minus their sum, a positive number."),
            lambda lg, ids: -reference_nll(lg, ids)),
    Mistake(tr_later("These are raw logits: turn them into log-probabilities with "
                     "logits.log_softmax(-1) first (a logit is not a probability until it "
                     "is normalised over the vocabulary)."),
            lambda lg, ids: reference_nll(lg, ids, log="raw")),
    Mistake(tr_later("The mask is taken from the inputs ids[:-1] instead of the targets "
                     "ids[1:]: it keeps the position whose *next* word is padding. Mask "
                     "with ids[1:] != 0."),
            lambda lg, ids: reference_nll(lg, ids, mask="inputs")),
]


def check_sentence_nll(sentence_nll) -> None:
    """sentence_nll(logits (T, N, V), ids (T, N)) -> (N,) -log p(sentence), padding left out."""
    import torch
    name = "sentence_nll"
    gen = torch.Generator().manual_seed(40)
    for lengths, V in (([5, 3, 4], 7), ([6, 6], 5), ([2, 7, 4, 3], 11)):
        T, N = max(lengths), len(lengths)
        ids = torch.zeros(T, N, dtype=torch.long)
        for j, k in enumerate(lengths):
            ids[:k, j] = torch.randint(1, V, (k,), generator=gen)
        logits = torch.randn(T, N, V, generator=gen, dtype=torch.float64)
        case = tr("{N} sentences of lengths {lengths}").format(N=N, lengths=lengths)
        out, _ = engine.call(name, sentence_nll, logits.clone(), ids.clone())
        if out is None:
            raise CheckFailure(tr("{name} returned None: did you forget the `return` "
                                  "statement?").format(name=name))
        out = _numpy(out)
        if out.shape != (N,):
            hint = (tr(" One number for the whole batch: keep one value per sentence (sum "
                       "over time, axis 0, not over everything; with cross_entropy use "
                       "reduction='none').")
                    if out.size == 1 else "")
            raise CheckFailure(tr("{name} returned shape {shape} on {case}, expected (N,) "
                                  "= ({N},): one negative log-likelihood per "
                                  "sentence.{hint}").format(
                                   name=name, shape=out.shape, case=case, N=N, hint=hint))
        expected = reference_nll(logits, ids).numpy()
        if rel_error(out, expected) <= TOL:
            continue
        for mistake in NLL_MISTAKES:
            if rel_error(out, mistake.answer(logits, ids).numpy()) <= TOL:
                raise CheckFailure(tr("{name} is wrong on {case}. {hint}").format(
                                       name=name, case=case, hint=mistake.hint))
        raise CheckFailure(tr("{name} is wrong on {case}: {out}, expected {expected}.").format(
                               name=name, case=case, out=np.round(out, 4), expected=np.round(expected, 4)))
    engine.passed(name, tr("three batches with padding: shifted, masked, summed per "
                           "sentence"))
