"""Grading on top of nbval (issue 3 level): scores, hints, JSON, and the learner's file untouched."""
import hashlib
import json
import pathlib
import subprocess
import sys

from gru_course.grading import grade, table, to_json

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXERCISES = sorted(str(p) for p in (ROOT / "exercises").glob("*.ipynb"))
SOLUTIONS = sorted(str(p) for p in (ROOT / "solutions").glob("*.ipynb"))


def digest(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def test_generated_exercises_fail_every_check_and_score_zero():
    results = grade(EXERCISES, jobs=2, progress=False)
    assert [r.notebook for r in results] == EXERCISES
    for nb in results:
        assert nb.problem == "" and nb.points == 0 and nb.max_points > 0 and nb.status == "graded"
        assert len(nb.exercises) >= 4
        for ex in nb.exercises:
            assert ex.outcome == "failed"
            assert ("is not written yet" in ex.message) or ("is None" in ex.message), ex


def test_solutions_score_full_marks():
    for nb in grade(SOLUTIONS, jobs=2, progress=False):
        assert nb.points == nb.max_points > 0 and not nb.notes and not nb.flags, table([nb])


def test_a_mutated_solution_gets_the_right_hint_in_the_json(tmp_path):
    nb = json.loads((ROOT / "solutions/02_forward_flow.ipynb").read_text())
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if "return z * h_prev + (1 - z) * n" in source:
            cell["source"] = source.replace("return z * h_prev + (1 - z) * n",
                                            "return (1 - z) * h_prev + z * n")
    learner = tmp_path / "02_forward_flow.ipynb"
    learner.write_text(json.dumps(nb))
    before = digest(learner)
    out = tmp_path / "grades.json"
    cli = subprocess.run([sys.executable, "-m", "gru_course", "grade", str(learner),
                          "--json", str(out), "--no-progress"], capture_output=True, text=True,
                         cwd=tmp_path)
    assert cli.returncode == 0, cli.stderr
    assert digest(learner) == before                       # the submission is never modified
    report = json.loads(out.read_text())
    exercises = {e["exercise"]: e for e in report["notebooks"][0]["exercises"]}
    step = exercises["gru_step"]
    assert step["outcome"] == "failed" and step["points"] == 0
    assert "Your update gate interpolates the other way round" in step["message"]
    # gru_sequence calls the learner's gru_step, so it inherits the mistake, with the same hint
    assert "interpolates the other way round" in exercises["gru_sequence"]["message"]
    others = [e for name, e in exercises.items() if name not in ("gru_step", "gru_sequence")]
    assert all(e["outcome"] == "passed" and e["points"] == e["max_points"] for e in others)
    assert report["notebooks"][0]["points"] == report["notebooks"][0]["max_points"] - 4
    assert "gru_step" in cli.stdout and "interpolates the other way round" in cli.stdout


def test_a_crashing_solution_cell_is_noted_and_its_check_explains(tmp_path):
    nb = json.loads((ROOT / "exercises/02_forward_flow.ipynb").read_text())
    for cell in nb["cells"]:
        if "def sigmoid(a):" in "".join(cell["source"]):
            cell["source"] = "def sigmoid(a):\n    return 1 / (1 + np.exp(-a)\n"   # syntax error
    path = tmp_path / "02_forward_flow.ipynb"
    path.write_text(json.dumps(nb))
    [result] = grade([str(path)], progress=False)
    sigmoid = result.exercises[0]
    assert sigmoid.exercise == "sigmoid" and sigmoid.outcome == "failed"
    assert "sigmoid is not defined: the cell that defines it did not run" in sigmoid.message
    assert any("SyntaxError" in note for note in result.notes)


def test_a_notebook_without_checks_is_reported_not_scored(tmp_path):
    path = tmp_path / "plain.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "source": "1 + 1",
                                           "outputs": [], "execution_count": None}],
                                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    [result] = grade([str(path)], progress=False)
    assert "not an exercise notebook of this course" in result.problem
    assert "not graded" in table([result])
    assert json.loads(to_json([result]))["notebooks"][0]["problem"] == result.problem
