"""Real nbgrader (0.9.6, from the test extras) takes the course: the folder `python -m gru_course
nbgrader` writes goes through generate_assignment, autograde and generate_feedback, and the
scores are exact."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

from gru_course.grading.nbgrader import write_course

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(sys.executable).parent
NAME = "02_forward_flow"


def nbgrader(course, *args):
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", OMP_NUM_THREADS="1")
    run = subprocess.run([str(BIN / "nbgrader"), *args, "--force"], cwd=course, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0 and "ERROR" not in run.stderr, run.stderr[-3000:]
    return run


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("nbgrader")
    write_course(root)
    nbgrader(root, "generate_assignment", NAME)
    source = root / "source" / NAME / f"{NAME}.ipynb"
    release = root / "release" / NAME / f"{NAME}.ipynb"
    wrong = source.read_text().replace("return z * h_prev + (1 - z) * n", "return (1 - z) * h_prev + z * n")
    assert wrong != source.read_text()
    for learner, text in {"solved": source.read_text(), "stub": release.read_text(), "one_wrong": wrong}.items():
        folder = root / "submitted" / learner / NAME
        folder.mkdir(parents=True)
        (folder / f"{NAME}.ipynb").write_text(text)
    nbgrader(root, "autograde", NAME, "--create")
    nbgrader(root, "generate_feedback", NAME)
    return root


def test_the_course_folder_leaves_out_solution_only_cells_and_stubs_with_ellipsis(course):
    release = json.loads((course / "release" / NAME / f"{NAME}.ipynb").read_text())
    text = "".join("".join(c["source"]) for c in release["cells"])
    assert "### BEGIN SOLUTION" not in text and "This is the solved notebook" not in text
    assert "# YOUR CODE HERE\n..." in text and "raise NotImplementedError()" not in text
    assert "c.Execute.timeout = 60" in (course / "nbgrader_config.py").read_text()


def test_autograde_gives_the_exact_scores(course):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        scores = {s: book.find_submission(NAME, s).score for s in ("solved", "stub", "one_wrong")}
        total = book.find_assignment(NAME).max_score
    # one_wrong: gru_step interpolates the other way round, and gru_sequence, which calls it,
    # fails with it: 2 + 2 points lost
    assert total == 15 and scores == {"solved": 15, "stub": 0, "one_wrong": 11}


def test_feedback_shows_the_courses_hints(course):
    wrong = (course / "feedback" / "one_wrong" / NAME / f"{NAME}.html").read_text()
    assert "interpolates the other way round" in wrong
    stub = (course / "feedback" / "stub" / NAME / f"{NAME}.html").read_text()
    assert "returned None: did you forget the" in stub
