"""Training and evaluating a classifier on the agreement task (data.py), on CPU or GPU.

Deterministic on the CPU for a given seed: the data come from np.random.default_rng(seed), the
initial weights from the model's own seed, and nothing else is random.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from . import data
from .progress import Progress


@dataclass
class History:
    """What happened during train(): per step, the loss and the batch accuracy."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    seconds: float = 0.0
    device: str = "cpu"

    def __repr__(self) -> str:
        if not self.loss:
            return "History(no steps)"
        return (f"History({len(self.loss)} steps on {self.device}, {self.seconds:.1f} s, final "
                f"loss {np.mean(self.loss[-25:]):.4f}, batch accuracy {np.mean(self.accuracy[-25:]):.2f})")

    def smoothed(self, key: str = "loss", window: int = 25) -> np.ndarray:
        """A running mean of the loss (or "accuracy") over `window` steps."""
        values = np.asarray(getattr(self, key))
        kernel = np.ones(window) / window
        return np.convolve(values, kernel, mode="valid")


def default_device() -> str:
    return "cuda" if torch.cuda.is_available() else "cpu"


def _tensors(batch: data.Batch, device: str):
    return (torch.from_numpy(batch.ids).to(device), batch.lengths,
            torch.from_numpy(batch.labels).to(device))


def train(model: nn.Module, steps: int = 600, batch_size: int = 64, clause_lengths=(3, 40),
          lr: float = 3e-3, clip: float = 1.0, seed: int = 0, device: str | None = None,
          progress: bool = True, description: str = "training") -> History:
    """Train `model` (forward(ids, lengths) -> logits (N, 2)) with Adam and gradient clipping.

    Args:
        steps: optimizer steps; each draws a fresh batch of `batch_size` sentences.
        clause_lengths: an int, or a (low, high) range each sentence draws its length from.
        clip: the maximal global gradient norm (torch.nn.utils.clip_grad_norm_).
        seed: seeds the sentences; the weights were seeded when the model was built.
        device: "cpu", "cuda", ...; by default a GPU if there is one.
        progress: show a progress bar (a widget in a notebook, a line in a terminal).
    Returns:
        the History of the loss and the batch accuracy at every step.
    """
    device = device or default_device()
    model.to(device)
    model.train()
    rng = np.random.default_rng(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = History(device=device)
    bar = Progress(steps, description, enabled=progress)
    start = time.perf_counter()
    for step in range(1, steps + 1):
        ids, lengths, labels = _tensors(data.batch(rng, batch_size, clause_lengths), device)
        logits = model(ids, lengths)
        loss = nn.functional.cross_entropy(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
        history.loss.append(loss.item())
        history.accuracy.append((logits.argmax(1) == labels).float().mean().item())
        bar.update(step, loss=float(np.mean(history.loss[-25:])),
                   accuracy=float(np.mean(history.accuracy[-25:])))
    bar.close()
    history.seconds = time.perf_counter() - start
    return history


@torch.no_grad()
def accuracy(model: nn.Module, batch: data.Batch, device: str | None = None) -> float:
    """The fraction of `batch` whose verb the model predicts right."""
    device = device or next(model.parameters()).device.type
    model.eval()
    ids, lengths, labels = _tensors(batch, device)
    return (model(ids, lengths).argmax(1) == labels).float().mean().item()


def accuracy_by_length(model: nn.Module, lengths, n: int = 500, seed: int = 1234) -> dict:
    """Held-out accuracy at each clause length, on `n` fresh sentences per length.

    The sentences come from `seed`, which differs from the training seeds, and are the same
    for every model evaluated with the same seed.
    """
    return {int(k): accuracy(model, data.batch(np.random.default_rng([seed, int(k)]), n, int(k)))
            for k in lengths}
