"""The train-agreement experiment (experiment.py): the committed results are reproducible, and the
shipped checkpoint is what the command writes. One GRU is retrained here (about a minute)."""
import json
import subprocess
import sys

import numpy as np
import pytest
import torch

from gru_course import agreement, experiment, models, probing


@pytest.fixture(scope="module")
def committed():
    results = experiment.load_results()
    model, saved = models.load(experiment.TRAINED / "agreement_gru.pt")
    return results, model, saved


def test_build_seeds_right_before_the_model_so_anyone_can_rebuild_it():
    torch.manual_seed(3)
    mine = models.AgreementLM(len(agreement.VOCAB), experiment.EMBED, 16, "gru")
    assert all(torch.equal(a, b) for a, b in zip(mine.parameters(), experiment.build("gru", 3).parameters()))


def test_hidden_sizes_leave_torchs_random_state_alone():
    torch.manual_seed(5)
    experiment.hidden_sizes()
    after = torch.rand(3)
    torch.manual_seed(5)
    assert torch.equal(after, torch.rand(3))


def test_the_three_models_have_matched_parameter_counts(committed):
    results, _, _ = committed
    counts = {r["cell"]: r["params"] for r in results["runs"]}
    assert set(counts) == {"gru", "lstm", "rnn"}
    assert max(counts.values()) / min(counts.values()) < 1.03
    assert {r["seed"] for r in results["runs"] if r["cell"] == "gru"} >= set(range(8))


def test_the_shipped_checkpoint_matches_its_record(committed):
    results, model, saved = committed
    assert set(saved) >= {"config", "state_dict", "number_units"}
    record = next(r for r in results["runs"] if r["cell"] == "gru" and r["seed"] == saved["seed"])
    assert saved["number_units"] == record["number_units"]
    assert set(saved["number_units"]) == {"sg", "pl"}
    accuracy = probing.evaluate(model, probing.test_suite())
    assert accuracy == pytest.approx(record["accuracy"], abs=1e-9)


def test_retraining_reproduces_the_shipped_gru(committed):
    results, model, saved = committed
    seed = saved["seed"]
    again, record, losses = experiment.run("gru", seed)
    before = next(r for r in results["runs"] if r["cell"] == "gru" and r["seed"] == seed)
    assert record["number_units"] == before["number_units"] == saved["number_units"]
    for name, value in before["accuracy"].items():
        assert record["accuracy"][name] == pytest.approx(value, abs=0.01), name
    np.testing.assert_allclose(losses, saved["losses"], rtol=1e-5)
    for (name, a), b in zip(again.state_dict().items(), model.state_dict().values()):
        torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-5, msg=name)


def test_the_command_writes_results_and_the_checkpoint_of_the_ship_seed(tmp_path):
    cli = subprocess.run([sys.executable, "-m", "gru_course", "train-agreement", "--cells", "rnn",
                          "--seeds", "1", "2", "--steps", "20", "--ship-seed", "2",
                          "--out", str(tmp_path), "--no-progress"], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    assert [(r["cell"], r["seed"], r["steps"]) for r in results["runs"]] == [("rnn", 1, 20), ("rnn", 2, 20)]
    assert len(results["runs"][0]["ablation"]["table"]) == experiment.hidden_sizes()["rnn"]
    model, saved = models.load(tmp_path / "agreement_rnn.pt")
    assert saved["seed"] == 2 and len(saved["losses"]) == 20 and model.config["cell"] == "rnn"
    assert "rnn seed 1" in cli.stdout and "rnn seed 2" in cli.stdout


def _numpy_margins(model, items, unit=None):
    """log-odds of the correct verb form, computed with the course's numpy GRU on the model's
    weights, with `unit` ablated the course's way round (x W: row `unit` of every W_h* is what the
    unit sends) -- an independent route to probing's torch ablation."""
    from gru_course import GRUParams, gru_forward
    p = GRUParams.from_torch(model.rnn)
    p = type(p)(*(a.astype(np.float64) for a in p))
    head_w = model.head.weight.detach().double().numpy().copy()
    head_b = model.head.bias.detach().double().numpy()
    if unit is not None:
        p = p._replace(W_hr=p.W_hr.copy(), W_hz=p.W_hz.copy(), W_hn=p.W_hn.copy())
        for W in (p.W_hr, p.W_hz, p.W_hn):
            W[unit] = 0.0
        head_w[:, unit] = 0.0
    out = []
    for item in items:
        with torch.no_grad():
            x = model.embed(torch.tensor(agreement.encode(item.tokens[:item.verb_index]))).double().numpy()
        hs, _ = gru_forward(x[:, None], np.zeros((1, p.H)), p, reset="after")
        logits = hs[-1, 0] @ head_w.T + head_b
        out.append(logits[agreement.WORD_ID[item.correct]] - logits[agreement.WORD_ID[item.wrong]])
    return np.array(out)


def test_the_shipped_number_units_survive_an_independent_ablation(committed):
    _, model, saved = committed
    suite = probing.test_suite(n=60)
    acc = lambda unit, names: np.mean([(_numpy_margins(model, suite[n], unit) > 0).mean() for n in names])
    long_s, long_p = [f"long/S{k}" for k in range(4)], [f"long/P{k}" for k in range(4)]
    assert acc(None, long_s + long_p) > 0.95                 # the intact model
    sg, pl = saved["number_units"]["sg"], saved["number_units"]["pl"]
    assert acc(sg, long_s) <= 0.75 and acc(sg, long_p) >= 0.9 and acc(sg, ["simple/S", "simple/P"]) >= 0.9
    assert acc(pl, long_p) <= 0.75 and acc(pl, long_s) >= 0.9 and acc(pl, ["simple/S", "simple/P"]) >= 0.9


def test_unit_census_reads_learning_and_the_worst_ablation_of_each_number():
    sets = [f"long/{s}{k}" for s in "SP" for k in range(4)]
    def run(seed, accuracy, table, cell="gru"):
        return {"cell": cell, "seed": seed, "accuracy": dict(zip(sets, accuracy)),
                "ablation": {"sets": sets[::-1], "table": [row[::-1] for row in table]},
                "candidates": {"sg": [1], "pl": []}}
    # unit 1 of seed 0 breaks the singular; unit 0 hurts the plural a little
    seed0 = run(0, [1.0] * 8, [[1, 1, 1, 1, .8, .6, .7, .9], [0, .1, 0, .1, 1, 1, 1, 1]])
    seed1 = run(1, [1.0] * 4 + [0.8] * 4, [[1.0] * 8, [1.0] * 8])      # mean 0.9: did not learn
    other = run(0, [0.0] * 8, [[0.0] * 8], cell="lstm")
    rows = experiment.unit_census({"runs": [seed1, other, seed0]})
    assert [r["seed"] for r in rows] == [0, 1]
    assert [r["learned"] for r in rows] == [True, False]
    assert rows[0]["worst"] == pytest.approx({"sg": 0.05, "pl": 0.75})
    assert rows[1]["worst"] == pytest.approx({"sg": 1.0, "pl": 1.0})
    assert rows[0]["candidates"] == {"sg": [1], "pl": []}
    assert experiment.unit_census({"runs": [seed1, other, seed0]}, learned=0.9)[1]["learned"]


def test_the_exercise_gru_is_a_seed_the_lecture_never_shows(committed):
    results, model, saved = committed
    exercise, record = models.load(experiment.TRAINED / "agreement_gru_exercise.pt")
    assert record["seed"] not in {r["seed"] for r in results["runs"]}
    assert record["seed"] != saved["seed"]
    assert set(record["number_units"]) == {"sg", "pl"} and None not in record["number_units"].values()
    assert not torch.equal(exercise.rnn.weight_hh_l0, model.rnn.weight_hh_l0)
