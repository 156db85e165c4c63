"""Grading a class (issue 8): folders, parallel workers, hostile or broken notebooks, nothing lost.

One folder holds two solved submissions and one of each broken kind of tests/class_fixtures.py;
it is graded once (module fixture) and each test reads its part of the result.
"""
import csv
import hashlib
import io
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

import class_fixtures
from gru_course.grading import grade

TIMEOUT = 8
FULL = 15            # the points of exercises/02_forward_flow.ipynb, solved


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class") / "submissions"
    paths = class_fixtures.write_class(folder, solved=2)
    before = {p: digest(p) for p in paths}
    out = folder.parent
    results = grade([str(folder)], jobs=2, timeout=TIMEOUT, json_path=out / "grades.json",
                    csv_path=out / "grades.csv", progress=False)
    return {"results": {r.learner: r for r in results}, "paths": paths, "before": before,
            "json": json.loads((out / "grades.json").read_text()),
            "csv": list(csv.DictReader(io.StringIO((out / "grades.csv").read_text())))}


def outcomes(result):
    return {e.exercise: (e.outcome, e.points) for e in result.exercises}


def test_every_submission_is_found_with_its_learner(graded):
    assert set(graded["results"]) == {"learner00", "learner01", *class_fixtures.BROKEN}


def test_submission_files_are_byte_identical_after_grading(graded):
    assert {p: digest(p) for p in graded["paths"]} == graded["before"]


def test_solved_submissions_get_full_marks(graded):
    for learner in ("learner00", "learner01"):
        result = graded["results"][learner]
        assert result.status == "graded" and result.points == result.max_points == FULL


def test_an_infinite_loop_times_out_and_the_rest_still_grades(graded):
    result = graded["results"]["infinite_loop"]
    assert outcomes(result)["candidate_after"] == ("timed out", 0.0)
    timed_out = next(e for e in result.exercises if e.exercise == "candidate_after")
    assert f"timed out after {TIMEOUT} s" in timed_out.message
    assert result.points == FULL - 1 and outcomes(result)["to_course_convention"] == ("passed", 2.0)


@pytest.mark.parametrize("learner, kept", [("os_exit", 2.0), ("segfault", 1.0)])
def test_a_killed_kernel_is_reported_with_the_points_before_it(graded, learner, kept):
    result = graded["results"][learner]
    assert result.status.startswith("kernel died at cell ")
    assert result.points == kept
    assert all(e.outcome == "not run" for e in result.exercises if e.points == 0)
    assert "the kernel had died earlier, at cell" in result.exercises[-1].message


def test_a_memory_blowup_is_stopped_by_the_limit_and_the_kernel_survives(graded):
    result = graded["results"]["memory_blowup"]
    assert result.points == result.max_points and result.status == "graded"
    assert any("MemoryError" in note for note in result.notes)


@pytest.mark.parametrize("learner, exercise, why", [
    ("deleted_check", "gru_step", "its check cell was deleted"),
    ("edited_check", "gru_sequence", "its check cell was edited")])
def test_a_missing_or_edited_check_scores_zero_and_is_flagged(graded, learner, exercise, why):
    result = graded["results"][learner]
    assert outcomes(result)[exercise] == ("not graded", 0.0)
    assert any(why in flag for flag in result.flags)
    assert result.points == result.max_points - 2


def test_a_duplicated_check_is_flagged_and_counted_once(graded):
    result = graded["results"]["duplicated_check"]
    assert [e.exercise for e in result.exercises].count("sigmoid") == 1
    assert result.points == result.max_points
    assert any("appears more than once" in flag for flag in result.flags)


def test_redefined_or_patched_checks_cannot_silence_the_real_check(graded):
    result = graded["results"]["redefined_check"]
    assert outcomes(result)["gru_step"] == ("failed", 0.0)
    assert "gru_step is wrong" in next(e.message for e in result.exercises if e.exercise == "gru_step")


def test_a_classic_mistake_gets_its_hint(graded):
    step = next(e for e in graded["results"]["wrong_step"].exercises if e.exercise == "gru_step")
    assert "interpolates the other way round" in step.message


@pytest.mark.parametrize("learner, problem", [
    ("invalid_json", "not a notebook: invalid JSON"),
    ("empty", "the file is empty"),
    ("other_set", "its exercises are those of 03_bptt.ipynb"),
    ("huge", "over the 50 MB limit")])
def test_unusable_files_get_a_clear_reason_and_grading_goes_on(graded, learner, problem):
    result = graded["results"][learner]
    assert problem in result.problem and result.status == "not graded" and result.points == 0


def test_json_has_per_learner_and_per_exercise_results(graded):
    report = graded["json"]
    assert set(report) == {"points", "max_points", "learners", "notebooks"}
    assert report["learners"]["learner00"] == {"points": float(FULL), "max_points": float(FULL)}
    entry = next(nb for nb in report["notebooks"] if nb["learner"] == "infinite_loop")
    assert set(entry) == {"learner", "notebook", "exercise_set", "status", "points", "max_points",
                          "problem", "flags", "notes", "sha256", "exercises"}
    assert set(entry["exercises"][0]) == {"exercise", "points", "max_points", "outcome", "message"}
    assert len(report["notebooks"]) == len(graded["paths"])


def test_csv_is_a_gradebook_row_per_submission(graded):
    rows = {row["learner"]: row for row in graded["csv"]}
    assert rows["learner01"]["points"] == str(FULL) and rows["learner01"]["02_forward_flow:gru_step"] == "2"
    assert rows["deleted_check"]["02_forward_flow:gru_step"] == "0"
    assert rows["empty"]["status"] == "not graded" and rows["empty"]["problem"] == "the file is empty"


def test_a_crash_of_the_grader_keeps_every_finished_result(tmp_path):
    folder = tmp_path / "submissions"
    class_fixtures.write_class(folder, solved=3, broken=("infinite_loop",))
    out = tmp_path / "grades.json"
    # two workers: one is held by the endless loop, the other finishes the solved notebooks
    grader = subprocess.Popen([sys.executable, "-m", "gru_course", "grade", str(folder), "--jobs", "2",
                               "--timeout", "120", "--json", str(out), "--no-progress"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 90
    while time.time() < deadline:                  # wait for the first finished notebooks
        if out.exists() and sum(nb["status"] == "graded" for nb in json.loads(out.read_text())["notebooks"]) >= 2:
            break
        time.sleep(0.3)
    os.killpg(grader.pid, signal.SIGKILL)          # the grader and its kernels, mid-run
    grader.wait()
    kept = [nb for nb in json.loads(out.read_text())["notebooks"] if nb["status"] == "graded"]
    assert len(kept) >= 2 and all(nb["points"] == nb["max_points"] == FULL for nb in kept)


def test_the_cli_grades_a_folder_with_a_progress_bar(tmp_path):
    folder = tmp_path / "submissions"
    class_fixtures.write_class(folder, solved=1, broken=("empty",))
    cli = subprocess.run([sys.executable, "-m", "gru_course", "grade", str(folder), "--jobs", "2",
                          "--csv", str(tmp_path / "book.csv")], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    assert "2/2" in cli.stderr and "grading: 100%" in cli.stderr
    assert f"{FULL} of {FULL} points" in cli.stdout and "not graded: the file is empty" in cli.stdout
    assert (tmp_path / "book.csv").read_text().startswith("learner,notebook,exercise_set")
