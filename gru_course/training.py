"""Training the agreement language model: data set, batches, the masked loss and the loop.

Lecture 04 writes this code in its own cells; the package holds the same lines for the
train-agreement command (experiment.py) and the tests. Deterministic on the CPU for a seed: the
sentences come from np.random.default_rng(seed), the batch order from a torch.Generator seeded
with it, and the initial weights from torch.manual_seed(seed) before the model is built.
"""
from __future__ import annotations

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

from . import agreement
from .agreement import WORD_ID, encode

PAD_ID = WORD_ID[agreement.PAD]
# How often each template appears in the training text; every subject/attractor combination of a
# template is equally likely, so the nearest noun predicts the verb only by chance. FRONT is the
# share of sentences that open with a prepositional phrase, so that the subject is not always
# the first noun.
MIX = {"simple": 1, "adv": 1, "nounpp": 2, "objrel": 1, "subjrel": 1, "long": 2}
FRONT = 0.5


def corpus(rng: np.random.Generator, n: int, mix: dict = MIX, front: float = FRONT) -> list:
    """`n` grammatical sentences (Items) drawn from the templates in proportion to `mix`; a
    share `front` of them open with a prepositional phrase whose noun has a random number."""
    names = list(mix)
    weights = np.array([mix[name] for name in names], dtype=float)
    counts = rng.multinomial(n, weights / weights.sum())
    items = []
    for name, k in zip(names, counts):
        for _ in range(int(k)):
            opening = agreement.NUMBERS[rng.integers(2)] if rng.random() < front else None
            items += agreement.sample(rng, 1, name, front=opening)
    return [items[i] for i in rng.permutation(len(items))]


class Sentences(Dataset):
    """The word ids of each sentence, one LongTensor (length,) per item."""

    def __init__(self, items):
        self.ids = [torch.tensor(encode(item.tokens)) for item in items]

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, i):
        return self.ids[i]


def collate(batch: list) -> tuple[torch.Tensor, torch.Tensor]:
    """A list of (length,) id tensors -> ids (T, N) time-major, padded with PAD_ID, and lengths (N,)."""
    lengths = torch.tensor([len(ids) for ids in batch])
    return pad_sequence(batch, padding_value=PAD_ID), lengths


def loader(items, batch_size: int = 64, seed: int = 0) -> DataLoader:
    """Shuffled batches of `items`, in an order fixed by `seed`."""
    return DataLoader(Sentences(items), batch_size=batch_size, shuffle=True, collate_fn=collate,
                      drop_last=True, generator=torch.Generator().manual_seed(seed))


def lm_loss(logits: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of predicting ids[t + 1] from logits[t], padding left out.

    Args:
        logits: (T, N, V) the model's output; ids: (T, N) the padded input.
    """
    return nn.functional.cross_entropy(logits[:-1].flatten(0, 1), ids[1:].flatten(),
                                       ignore_index=PAD_ID)


def train(model: nn.Module, batches: DataLoader, steps: int, lr: float = 5e-3, clip: float = 1.0,
          device: str = "cpu", progress: bool = True, callback=None, every: int = 250) -> list:
    """Adam with gradient clipping for `steps` batches (cycling through `batches`).

    Args:
        callback: called as callback(step, model) every `every` steps and after the last.
    Returns:
        the loss at every step (floats).
    """
    from tqdm.auto import tqdm
    model.to(device).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    with tqdm(total=steps, desc="training", disable=not progress) as bar:
        while len(losses) < steps:
            for ids, lengths in batches:
                ids = ids.to(device)                 # lengths stay on the CPU, for packing
                loss = lm_loss(model(ids, lengths), ids)
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), clip)
                optimizer.step()
                losses.append(loss.item())
                bar.update()
                bar.set_postfix(loss=f"{np.mean(losses[-50:]):.3f}", refresh=False)
                if callback and (len(losses) % every == 0 or len(losses) == steps):
                    callback(len(losses), model)
                    model.train()
                if len(losses) == steps:
                    break
    return losses
