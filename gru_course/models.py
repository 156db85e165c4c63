"""The language model of lecture 04: embedding -> recurrent layer -> a linear read-out over words.

    AgreementLM(len(VOCAB), embed=16, hidden=16, cell="gru")
    logits = model(ids, lengths)            # ids (T, N) padded with 0, lengths (N,) -> (T, N, V)

Its output at position t scores the word at t + 1, having read tokens 0..t (no start token).
The recurrent layer is torch.nn.GRU, torch.nn.LSTM or a tanh torch.nn.RNN, so that the three are
trained alike; `matched_hidden` gives them equal parameter counts. Lecture 04 writes the same
class in its own cells and loads the committed checkpoint into it.
"""
from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from .agreement import VOCAB

CELLS = {"gru": nn.GRU, "lstm": nn.LSTM, "rnn": nn.RNN}
BLOCKS = {"gru": 3, "lstm": 4, "rnn": 1}


class AgreementLM(nn.Module):
    """ids (T, N) and lengths (N,) -> next-word logits (T, N, vocab_size).

    Args:
        vocab_size, embed, hidden: sizes of the vocabulary, the word vectors and the state.
        cell: "gru", "lstm" or "rnn" (tanh).
    """

    def __init__(self, vocab_size: int = len(VOCAB), embed: int = 16, hidden: int = 16,
                 cell: str = "gru"):
        super().__init__()
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {tuple(CELLS)}, got {cell!r}")
        for name, value in (("vocab_size", vocab_size), ("embed", embed), ("hidden", hidden)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive int, got {value!r}")
        self.config = dict(vocab_size=vocab_size, embed=embed, hidden=hidden, cell=cell)
        self.embed = nn.Embedding(vocab_size, embed, padding_idx=0)
        self.rnn = CELLS[cell](embed, hidden)
        self.head = nn.Linear(hidden, vocab_size)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        if ids.dim() != 2 or len(lengths) != ids.shape[1]:
            raise ValueError(f"ids must be (T, N) and lengths (N,); got ids {tuple(ids.shape)} "
                             f"and lengths {tuple(torch.as_tensor(lengths).shape)}")
        packed = pack_padded_sequence(self.embed(ids), torch.as_tensor(lengths).cpu(),
                                      enforce_sorted=False)
        states, _ = self.rnn(packed)
        states, _ = pad_packed_sequence(states, total_length=ids.shape[0])
        return self.head(states)


def param_count(module: nn.Module) -> int:
    """Number of trainable parameters."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def matched_hidden(cell: str, n_params: int, vocab_size: int = len(VOCAB), embed: int = 16) -> int:
    """The hidden size H whose whole AgreementLM has the nearest count to `n_params`.

    The count is V·E (embedding) + G(E·H + H² + 2H) (recurrent layer, G = 1, 3, 4 blocks for
    the tanh-RNN, GRU, LSTM) + H·V + V (read-out).
    """
    G = BLOCKS[cell]
    a, b, c = G, G * (embed + 2) + vocab_size, vocab_size * embed + vocab_size - n_params
    root = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    count = lambda H: vocab_size * embed + G * (embed * H + H * H + 2 * H) + H * vocab_size + vocab_size
    return min((math.floor(root), math.ceil(root)), key=lambda H: abs(count(H) - n_params))


def checkpoint(model: AgreementLM, **extra) -> dict:
    """What save() writes: {"config", "state_dict"} and any `extra` entries (e.g. number_units)."""
    return {"config": dict(model.config), "state_dict": model.state_dict(), **extra}


def save(model: AgreementLM, path, **extra) -> None:
    """Write checkpoint(model, **extra) to `path` with torch.save."""
    torch.save(checkpoint(model, **extra), path)


def load(path) -> tuple[AgreementLM, dict]:
    """(model, checkpoint) from a file written by save(), on the CPU, in eval mode."""
    saved = torch.load(path, map_location="cpu", weights_only=True)
    model = AgreementLM(**saved["config"])
    model.load_state_dict(saved["state_dict"])
    return model.eval(), saved
