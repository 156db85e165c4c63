"""Grading on top of nbval (issue 3 level): scores, hints, JSON, and the learner's file untouched."""
import hashlib
import json
import pathlib
import subprocess
import sys

import pytest

from gru_course.grading import NotebookResult, grade, table, to_json

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


# --- failures that are the grader's, not the learner's, are loud ----------------------------------

def test_an_interpreter_without_the_course_fails_loudly_and_names_the_fix(tmp_path):
    """`python -m gru_course grade` with a Python that lacks the course's packages (a terminal's
    system python) exits non-zero and says which interpreter to use, instead of scoring 0."""
    import subprocess
    import sys
    import venv
    bare = tmp_path / "bare"
    venv.EnvBuilder(with_pip=False).create(bare)
    python = bare / "bin" / "python"
    run = subprocess.run([str(python), "-m", "gru_course", "grade", "solutions/01_introduction.ipynb"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and ".venv/bin/python" in run.stderr, run.stderr
    assert "points" not in run.stdout


def test_a_plugin_that_cannot_load_is_the_graders_error_with_exit_status_2(monkeypatch, capsys):
    from gru_course import __main__ as cli
    from gru_course.grading import runner
    monkeypatch.setattr(runner, "PLUGIN", "gru_course.grading.no_such_plugin")
    assert cli.main(["grade", "--no-progress", str(ROOT / "solutions/01_introduction.ipynb")]) == 2
    err = capsys.readouterr().err
    assert "The grader cannot run with" in err and "no_such_plugin" in err and ".venv/bin/python" in err


def test_a_notebook_the_grader_did_not_finish_makes_the_exit_status_1(monkeypatch, capsys):
    from gru_course import __main__ as cli
    from gru_course import grading
    stopped = NotebookResult("a.ipynb", "", "02_forward_flow", "incomplete",
                             notes=["the grader stopped before this notebook finished"])
    done = NotebookResult("b.ipynb", "", "02_forward_flow", "graded")
    monkeypatch.setattr(grading, "grade", lambda *a, **k: [stopped, done])
    assert cli.main(["grade", "--no-progress", str(ROOT / "solutions")]) == 1
    assert "1 notebook(s) could not be graded to the end" in capsys.readouterr().err
    monkeypatch.setattr(grading, "grade", lambda *a, **k: [done])
    assert cli.main(["grade", "--no-progress", str(ROOT / "solutions")]) == 0


@pytest.mark.parametrize("name", ["01_introduction", "03_bptt"])
def test_the_command_the_exercise_notebook_prints_works_from_a_plain_shell(name, tmp_path):
    """Copy the command out of the generated exercise notebook and run it as a learner would, in
    a shell in the course folder whose PATH knows nothing of the course's environment."""
    import re
    import subprocess
    nb = json.loads((ROOT / f"exercises/{name}.ipynb").read_text())
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    command = re.search(r"`(\.venv/bin/python -m gru_course grade exercises/[\w.]+)`", text).group(1)
    run = subprocess.run(["bash", "-c", command + " --no-progress"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    assert re.search(r"0 of \d+ points", run.stdout), run.stdout


def test_korean_exercises_fail_every_check_in_korean_and_score_zero():
    korean = sorted(str(p) for p in (ROOT / "exercises" / "ko").glob("*.ipynb"))
    results = grade(korean, jobs=2, progress=False)
    assert len(results) == 4
    for nb in results:
        assert nb.problem == "" and nb.points == 0 and nb.max_points > 0 and nb.status == "graded"
        for ex in nb.exercises:
            assert ex.outcome == "failed"
            assert ("아직 작성되지 않았습니다" in ex.message) or ("None" in ex.message), ex
