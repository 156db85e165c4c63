"""Looking into a trained agreement model: accuracy by condition, ablation, number units.

Evaluation follows Linzen et al. (2016) and Lakretz et al. (2019): an item is right when the
model, having read the words before the verb, gives the correct form a higher probability than
the wrong one. A unit is ablated by zeroing its column in the recurrent weights (every gate
block) and in the read-out, so that its value reaches nothing.
"""
from __future__ import annotations

import copy

import numpy as np
import torch

from . import agreement, params
from .agreement import NUMBERS, WORD_ID
from .gru import GRUParams
from .gru_sequence import gru_forward
from .training import collate

SUITE_SEED = 2019          # test sentences come from this seed; training seeds are 0, 1, 2, ...


def test_suite(n: int = 200, seed: int = SUITE_SEED) -> dict[str, list]:
    """Fixed test sets, `n` items each, named "template/condition":

    simple/S, simple/P, adv/S, adv/P; nounpp/SS ... nounpp/PP (subject, attractor), and the same
    for objrel and subjrel; long/S0 ... long/P3 (subject, attractors of the other number among
    the three nouns, distance 14); distance/10 ... distance/20 (long, random numbers);
    front/S, front/P (simple sentences opened by a prepositional phrase whose noun has the other
    number: the first noun is not the subject).
    """
    rng = np.random.default_rng(seed)
    suite = {}
    for template in ("simple", "adv"):
        for s in NUMBERS:
            suite[f"{template}/{s[0].upper()}"] = agreement.sample(rng, n, template, subject=s)
    for template in ("nounpp", "objrel", "subjrel"):
        for s in NUMBERS:
            for a in NUMBERS:
                suite[f"{template}/{(s[0] + a[0]).upper()}"] = agreement.sample(
                    rng, n, template, subject=s, attractors=(a,))
    for k in range(4):
        for s in NUMBERS:
            suite[f"long/{s[0].upper()}{k}"] = agreement.sample(rng, n, "long", subject=s,
                                                                n_attractors=k, distance=14)
    for d in range(10, 21, 2):
        suite[f"distance/{d}"] = agreement.sample(rng, n, "long", distance=d)
    for s, other in (("sg", "pl"), ("pl", "sg")):
        suite[f"front/{s[0].upper()}"] = agreement.sample(rng, n, "simple", subject=s, front=other)
    return suite


@torch.no_grad()
def verb_margins(model, items) -> np.ndarray:
    """log p(correct) − log p(wrong) at each item's verb, (n,): positive means right.

    The output at position t scores word t + 1, so the verb is scored at verb_index − 1.
    """
    model.eval()
    ids, lengths = collate([torch.tensor(agreement.encode(it.tokens)) for it in items])
    logits = model(ids, lengths)
    at = torch.tensor([it.verb_index - 1 for it in items])
    rows = logits[at, torch.arange(len(items))]
    right = torch.tensor([WORD_ID[it.correct] for it in items])
    wrong = torch.tensor([WORD_ID[it.wrong] for it in items])
    return (rows.gather(1, right[:, None]) - rows.gather(1, wrong[:, None]))[:, 0].double().numpy()


def evaluate(model, suite: dict) -> dict[str, float]:
    """Accuracy on every test set of `suite` (the fraction of positive margins)."""
    return {name: float((verb_margins(model, items) > 0).mean()) for name, items in suite.items()}


def ablate_unit(model, unit: int):
    """A copy of `model` in which hidden unit `unit` reaches nothing: its column in
    rnn.weight_hh_l0 (every gate block) and in head.weight is zero. `model` is unchanged."""
    return clamp_unit(model, unit, 0.0)


def clamp_unit(model, unit: int, value: float):
    """A copy of `model` in which hidden unit `unit` sends the constant `value` instead of its
    state: to every gate block of the next step and to the read-out. Its column in
    rnn.weight_hh_l0 and in head.weight, times `value`, moves into bias_hh_l0 and head.bias, and
    the column becomes zero (exact for a GRU too: bias_hh's n block sits inside the reset's
    product, as W_hn h does). value=0 is ablate_unit. `model` is unchanged."""
    H = model.rnn.hidden_size
    if not isinstance(unit, (int, np.integer)) or not 0 <= unit < H:
        raise ValueError(f"unit must be an int from 0 to {H - 1}, got {unit!r}")
    if not isinstance(value, (int, float, np.integer, np.floating)) or not np.isfinite(value):
        raise ValueError(f"value must be a finite number, got {value!r}")
    clamped = copy.deepcopy(model)
    with torch.no_grad():
        if value:
            clamped.rnn.bias_hh_l0 += value * clamped.rnn.weight_hh_l0[:, unit]
            clamped.head.bias += value * clamped.head.weight[:, unit]
        clamped.rnn.weight_hh_l0[:, unit] = 0.0
        clamped.head.weight[:, unit] = 0.0
    return clamped


def ablation_table(model, suite: dict) -> np.ndarray:
    """Accuracy on every test set with each unit ablated in turn: (H, len(suite))."""
    return np.array([list(evaluate(ablate_unit(model, u), suite).values())
                     for u in range(model.rnn.hidden_size)])


SEARCH_SETS = ["simple/S", "simple/P", "nounpp/SS", "nounpp/SP", "nounpp/PS", "nounpp/PP",
               *(f"long/{s}{k}" for s in "SP" for k in range(4))]


def number_unit_candidates(table: np.ndarray, names: list, number: str, broken: float = 0.75,
                           kept: float = 0.9) -> list[int]:
    """Units whose ablation drops long-range agreement (the long template, distance 14) for
    subjects of `number` to `broken` or below, while the other number's long sentences and all
    simple sentences stay at `kept` or above. Sorted by the accuracy left, lowest first.

    Args:
        table: (H, len(names)) accuracies with each unit ablated (ablation_table).
    """
    col = {name: i for i, name in enumerate(names)}
    s, o = ("S", "P") if number == "sg" else ("P", "S")
    own = table[:, [col[f"long/{s}{k}"] for k in range(4)]].mean(1)
    other = table[:, [col[f"long/{o}{k}"] for k in range(4)]].min(1)
    simple = table[:, [col["simple/S"], col["simple/P"]]].min(1)
    units = np.flatnonzero((own <= broken) & (other >= kept) & (simple >= kept))
    return sorted(units.tolist(), key=lambda u: own[u])


def find_number_units(model, suite: dict | None = None) -> dict:
    """{"sg": unit or None, "pl": unit or None}: the strongest candidate of each number."""
    suite = suite or {name: items for name, items in test_suite().items() if name in SEARCH_SETS}
    table = ablation_table(model, suite)
    found = {n: number_unit_candidates(table, list(suite), n) for n in NUMBERS}
    return {n: (units[0] if units else None) for n, units in found.items()}


@torch.no_grad()
def states(model, items) -> np.ndarray:
    """The hidden states h_t of every item up to its verb, (n, T, H), T = the shortest verb_index
    (items of one template line up word by word)."""
    model.eval()
    T = min(it.verb_index for it in items)
    ids = torch.tensor([agreement.encode(it.tokens[:T]) for it in items]).T
    out, _ = model.rnn(model.embed(ids))
    return out.transpose(0, 1).double().numpy()


def number_code(model, suite: dict) -> np.ndarray:
    """Mean state after a singular subject minus after a plural one, on nounpp, (T, H): rows
    "the", subject, preposition, "the", attractor. Near ±2 where a unit holds the number at ±1."""
    sg = np.concatenate([states(model, suite[f"nounpp/S{a}"]) for a in "SP"])
    pl = np.concatenate([states(model, suite[f"nounpp/P{a}"]) for a in "SP"])
    return sg.mean(0) - pl.mean(0)


def subject_gradients(model, items) -> np.ndarray:
    """‖∂ margin / ∂ state after the subject‖ per item, (n,): how strongly the verb's decision
    depends on the state right after the subject (h, and the LSTM's cell c with it), measured
    by back-propagation through the trained layer."""
    model.eval()
    norms = []
    for item in items:
        x = model.embed(torch.tensor(agreement.encode(item.tokens[:item.verb_index]))[:, None])
        split = item.subject_index + 1                           # the words up to and with the subject
        _, state = model.rnn(x[:split].detach())
        state = tuple(s.detach().requires_grad_() for s in state) if isinstance(state, tuple) \
            else (state.detach().requires_grad_(),)
        out, _ = model.rnn(x[split:].detach(), state if len(state) == 2 else state[0])
        logits = model.head(out[-1, 0])
        margin = logits[WORD_ID[item.correct]] - logits[WORD_ID[item.wrong]]
        grads = torch.autograd.grad(margin, state)
        norms.append(torch.cat([g.flatten() for g in grads]).norm().item())
    return np.array(norms)


def gru_trace(model: AgreementLM, tokens) -> dict[str, np.ndarray]:
    """The trained GRU's update gate z, reset gate r and state h over one sentence, (T, H) each.

    Computed by the course's numpy GRU from the model's own weights (reset="after", as in
    torch.nn.GRU); z is the keep gate: h_t = z ⊙ h_(t-1) + (1 − z) ⊙ n_t.
    """
    if not isinstance(model.rnn, torch.nn.GRU):
        raise ValueError(f"gru_trace needs a model whose rnn is a torch.nn.GRU, got "
                         f"{type(model.rnn).__name__}")
    p = GRUParams.from_torch(model.rnn)
    with torch.no_grad():
        xs = model.embed(torch.tensor(agreement.encode(tokens))[:, None]).double().numpy()
    hs, cache = gru_forward(xs, np.zeros((1, p.H)), params.astype(p, np.float64), reset="after")
    return {"z": cache.z[:, 0], "r": cache.r[:, 0], "h": hs[:, 0]}
