"""python -m gru_course train-agreement: the experiment of lecture 04, reproducibly.

For each cell (GRU, LSTM, tanh-RNN, at equal parameter counts) and each seed: generate the
training text, train the language model, record the loss and learning curves, evaluate it on
every test set, and search its units for number units by ablation. Results go to one JSON file;
the checkpoints of the chosen seed go next to it. Deterministic on the CPU, one thread.
"""
from __future__ import annotations

import json
import pathlib
import time

import numpy as np
import torch

from . import models, probing, training
from .agreement import VOCAB

TRAINED = pathlib.Path(__file__).resolve().parent / "trained"
GRU_HIDDEN, EMBED, STEPS, CORPUS = 16, 16, 6000, 40_000
CURVE_SETS = ("nounpp/SP", "nounpp/PS", "long/S0", "long/S3", "long/P0", "long/P3")


def hidden_sizes() -> dict[str, int]:
    """Hidden sizes that give the three models the parameter count of the 16-unit GRU model.
    Counting builds models; torch's random state is restored, so that calling this between
    `torch.manual_seed(seed)` and building a model does not change the model."""
    with torch.random.fork_rng(devices=[]):
        target = models.param_count(models.AgreementLM(len(VOCAB), EMBED, GRU_HIDDEN, "gru"))
        return {cell: models.matched_hidden(cell, target, len(VOCAB), EMBED)
                for cell in ("gru", "lstm", "rnn")}


def build(cell: str, seed: int) -> models.AgreementLM:
    """The untrained model of `cell` for `seed`: torch's generator is seeded right before the
    model is built, so `torch.manual_seed(seed); AgreementLM(...)` anywhere builds the same."""
    hidden = hidden_sizes()[cell]
    torch.manual_seed(seed)
    return models.AgreementLM(len(VOCAB), EMBED, hidden, cell)


def run(cell: str, seed: int, steps: int = STEPS, progress: bool = False):
    """Train one model; returns (model, record, losses): record holds everything measured,
    losses the loss at every step."""
    torch.set_num_threads(1)
    items = training.corpus(np.random.default_rng(seed), CORPUS)
    model = build(cell, seed)
    suite = probing.test_suite()
    curve_suite = {name: suite[name][:100] for name in CURVE_SETS}
    curve = {}
    start = time.perf_counter()
    losses = training.train(model, training.loader(items, 64, seed), steps, progress=progress,
                            callback=lambda step, m: curve.update({step: probing.evaluate(m, curve_suite)}))
    seconds = time.perf_counter() - start
    final = probing.evaluate(model, suite)
    search = {name: suite[name] for name in probing.SEARCH_SETS}
    table = probing.ablation_table(model, search)
    code = probing.number_code(model, suite)
    candidates = {n: probing.number_unit_candidates(table, list(search), n) for n in ("sg", "pl")}
    record = dict(cell=cell, seed=seed, hidden=model.config["hidden"],
                  params=models.param_count(model), steps=steps, seconds=round(seconds, 1),
                  loss=[round(float(np.mean(losses[i:i + 50])), 4) for i in range(0, steps, 50)],
                  curve=curve, accuracy=final,
                  ablation={"sets": list(search), "table": table.round(3).tolist()},
                  candidates=candidates, number_code=code.round(3).tolist(),
                  number_units={n: (c[0] if c else None) for n, c in candidates.items()})
    return model, record, losses


def main(cells, seeds, steps: int, out: pathlib.Path, ship_seed: int, progress: bool = True,
         exercise_seed: int | None = None) -> dict:
    """Run every (cell, seed); write out/results.json, out/agreement_<cell>.pt for ship_seed (the
    lecture's models) and out/agreement_gru_exercise.pt for exercise_seed (exercises 04's GRU)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {"runs": []}
    for cell in cells:
        for seed in seeds:
            model, record, losses = run(cell, seed, steps, progress)
            print(f"{cell} seed {seed}: {record['seconds']} s, long/S3 {record['accuracy']['long/S3']:.2f}"
                  f" long/P3 {record['accuracy']['long/P3']:.2f}, number units {record['number_units']}",
                  flush=True)
            results["runs"] = [r for r in results["runs"] if (r["cell"], r["seed"]) != (cell, seed)]
            results["runs"].append(record)
            results["settings"] = dict(embed=EMBED, steps=steps, corpus=CORPUS, batch=64, lr=5e-3,
                                       clip=1.0, mix=training.MIX, front=training.FRONT,
                                       suite_seed=probing.SUITE_SEED,
                                       hidden=hidden_sizes(), torch=torch.__version__)
            path.write_text(json.dumps(results, indent=1))
            if seed == ship_seed:
                models.save(model, out / f"agreement_{cell}.pt", number_units=record["number_units"],
                            seed=seed, losses=losses)
            if cell == "gru" and seed == exercise_seed:
                models.save(model, out / "agreement_gru_exercise.pt",
                            number_units=record["number_units"], seed=seed, losses=losses)
    return results


def load_results(path=TRAINED / "results.json") -> dict:
    """The results written by main(): {"settings": ..., "runs": [record, ...]}."""
    return json.loads(pathlib.Path(path).read_text())


def accuracies(results: dict, cell: str, names: list) -> np.ndarray:
    """Final accuracy of every seed of `cell` on the test sets `names`: (seeds, len(names))."""
    runs = sorted((r for r in results["runs"] if r["cell"] == cell), key=lambda r: r["seed"])
    return np.array([[r["accuracy"][name] for name in names] for r in runs])


def curves(results: dict, cell: str, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(steps (K,), accuracy on test set `name` of every seed of `cell` at those steps (S, K))."""
    runs = sorted((r for r in results["runs"] if r["cell"] == cell), key=lambda r: r["seed"])
    steps = sorted(int(s) for s in runs[0]["curve"])
    return np.array(steps), np.array([[r["curve"][str(s)][name] for s in steps] for r in runs])


def unit_census(results: dict, cell: str = "gru", learned: float = 0.95) -> list[dict]:
    """One row per seed of `cell`, from the ablations the command ran on it (§11 of lecture 04).

    Each row: "seed"; "learned", whether its mean accuracy on the eight long sets is `learned` or
    more; "candidates", {"sg": [...], "pl": [...]}, the units that pass the number-unit rule; and
    "worst", {"sg": a, "pl": b}, the lowest mean accuracy on that number's four long sets that
    ablating any single unit leaves.
    """
    rows = []
    for run in sorted((r for r in results["runs"] if r["cell"] == cell), key=lambda r: r["seed"]):
        table = np.array(run["ablation"]["table"])
        column = {name: i for i, name in enumerate(run["ablation"]["sets"])}
        worst = {number: float(table[:, [column[f"long/{s}{k}"] for k in range(4)]].mean(1).min())
                 for number, s in (("sg", "S"), ("pl", "P"))}
        accuracy = np.mean([run["accuracy"][f"long/{s}{k}"] for s in "SP" for k in range(4)])
        rows.append({"seed": run["seed"], "learned": bool(accuracy >= learned),
                     "candidates": run["candidates"], "worst": worst})
    return rows
