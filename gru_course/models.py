"""The sequence classifier of lecture 04: embedding, one recurrent layer, a linear read-out.

The recurrent layer is torch.nn.GRU, torch.nn.LSTM or a tanh torch.nn.RNN, so that the three can
be trained the same way and compared; `matched_hidden` picks hidden sizes with equal parameter
counts. Sequences are time-major, (T, N), padded; they are packed before the recurrent layer, so
that its final state is taken at each sentence's own end, not after the padding.
"""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from . import params
from .data import VOCAB
from .gru import GRUParams
from .gru_sequence import gru_forward

CELLS = {"gru": nn.GRU, "lstm": nn.LSTM, "rnn": nn.RNN}
BLOCKS = {"gru": 3, "lstm": 4, "rnn": 1}


class AgreementClassifier(nn.Module):
    """ids (T, N) and lengths (N,) -> logits (N, 2) for "was" / "were".

    Args:
        cell: "gru", "lstm" or "rnn" (tanh).
        vocab_size, embed, hidden: sizes of the vocabulary, the embedding and the state.
        seed: the initial weights are drawn from this seed (torch's global generator is untouched).
    """

    def __init__(self, cell: str = "gru", vocab_size: int = len(VOCAB), embed: int = 16,
                 hidden: int = 32, seed: int = 0):
        super().__init__()
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {tuple(CELLS)}, got {cell!r}")
        for name, value in (("vocab_size", vocab_size), ("embed", embed), ("hidden", hidden)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive int, got {value!r}")
        self.config = dict(cell=cell, vocab_size=vocab_size, embed=embed, hidden=hidden, seed=seed)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            self.embed = nn.Embedding(vocab_size, embed, padding_idx=0)
            self.rnn = CELLS[cell](embed, hidden)
            self.head = nn.Linear(hidden, 2)

    def forward(self, ids: torch.Tensor, lengths) -> torch.Tensor:
        packed = pack_padded_sequence(self.embed(ids), torch.as_tensor(lengths).cpu(),
                                      enforce_sorted=False)
        _, state = self.rnn(packed)
        h_n = state[0] if isinstance(state, tuple) else state      # an LSTM returns (h_n, c_n)
        return self.head(h_n[-1])


def param_count(module: nn.Module) -> int:
    """Number of trainable parameters."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def matched_hidden(cell: str, n_params: int, embed: int = 16) -> int:
    """The hidden size H whose recurrent layer has about `n_params` parameters:
    the root of G (H·embed + H² + 2H) = n_params, G = 1, 3, 4 blocks for RNN, GRU, LSTM."""
    G = BLOCKS[cell]
    b = embed + 2
    return int(round((-b + math.sqrt(b * b + 4 * n_params / G)) / 2))


def gru_gates(model: AgreementClassifier, tokens_ids) -> dict[str, np.ndarray]:
    """The trained GRU's update gate z, reset gate r and state h over one sentence, (T, H) each.

    Computed by the course's numpy GRU from the model's own weights (reset="after", as in
    torch.nn.GRU), which is also a check that the two agree.
    """
    if model.config["cell"] != "gru":
        raise ValueError(f"gru_gates needs a GRU model, got a {model.config['cell']!r} model")
    p = GRUParams.from_torch(model.rnn)
    with torch.no_grad():
        xs = model.embed(torch.as_tensor(np.asarray(tokens_ids))[:, None]).cpu().numpy()
    hs, cache = gru_forward(xs.astype(np.float64), np.zeros((1, p.H)),
                            params.astype(p, np.float64), reset="after")
    return {"z": cache.z[:, 0], "r": cache.r[:, 0], "h": hs[:, 0]}


def save(model: AgreementClassifier, path) -> None:
    """Write the model's configuration and weights to `path` (torch.save)."""
    torch.save({"config": model.config, "state_dict": model.state_dict()}, path)


def load(path) -> AgreementClassifier:
    """The model written by save(), on the CPU."""
    saved = torch.load(path, map_location="cpu", weights_only=True)
    model = AgreementClassifier(**saved["config"])
    model.load_state_dict(saved["state_dict"])
    return model
