"""The operating-system sandbox (issue 13): hostile submissions graded next to a solved one.

Each hostile notebook of class_fixtures.hostile tries one thing against the grader's machine;
the sandbox must stop it, the attempt must show in that notebook's notes (or flags), and every
notebook must keep all its points for the exercises it solved. The same class graded with
--no-sandbox shows that the fixtures are really hostile (all but the two that would harm the
machine running the tests).
"""
import json
import pathlib
import re
import socket
import subprocess
import sys
import threading

import pytest

import class_fixtures
from gru_course.grading import grade
from gru_course.grading import sandbox

FULL = 15
IN_PROCESS = ("forge_hook", "patch_numpy")       # tampering inside the learner's own kernel
LOSES_POINTS = (*IN_PROCESS, "output_flood")
HARMLESS_WITHOUT_SANDBOX = ("read_other", "write_outside", "home_write", "network", "fill_disk",
                            "grader_state", "fork_memory")


class Listener:
    """A TCP listener on the grader's 127.0.0.1 that records every connection it accepts."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.5)
        self.port = self.server.getsockname()[1]
        self.accepted = []
        self.open = True
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while self.open:
            try:
                connection, _ = self.server.accept()
                self.accepted.append(connection.recv(16))
            except OSError:
                continue

    def close(self):
        self.open = False
        self.server.close()


def grade_hostile_class(folder: pathlib.Path, names, isolate: bool):
    listener = Listener()
    class_fixtures.write_class(folder, solved=1, broken=())
    for name, nb in class_fixtures.hostile(folder, listener.port).items():
        if name in names:
            class_fixtures._write(folder / name / "02_forward_flow.ipynb", nb)
    try:
        results = grade([str(folder)], jobs=2, timeout=60, progress=False, isolate=isolate,
                        json_path=folder.parent / "grades.json")
    finally:
        listener.close()
    return {r.learner: r for r in results}, listener.accepted


@pytest.fixture(scope="module")
def sandboxed(tmp_path_factory):
    if sandbox.problem():
        pytest.fail(f"the sandbox cannot run here: {sandbox.problem()} (make setup installs "
                    "bubblewrap as root)")
    folder = tmp_path_factory.mktemp("hostile") / "submissions"
    results, accepted = grade_hostile_class(folder, set(class_fixtures.hostile(folder, 1)), True)
    return results, accepted, folder


def note(result) -> str:
    return " | ".join(result.notes)


def test_every_hostile_notebook_keeps_its_points_and_so_does_the_solved_one(sandboxed):
    results, _, _ = sandboxed
    assert set(results) == {"learner00", *class_fixtures.hostile(pathlib.Path("."), 1)}
    for learner, result in results.items():
        assert result.status == "graded", (learner, result)
        if learner not in LOSES_POINTS:              # see the tests below
            assert result.points == FULL, (learner, result)


@pytest.mark.parametrize("learner, error", [
    ("read_other", "No such file or directory"),          # other submissions are not in view
    ("write_outside", "No such file or directory"),
    ("home_write", "Read-only file system"),
    ("network", "Connection refused"),                    # 127.0.0.1 is the sandbox's own
    ("fork_bomb", "Resource temporarily unavailable"),    # the pids cgroup (root) stops it
    ("fork_memory", "-9"),        # 3 children of 1.5 GB: the memory cgroup (4 GB) kills one
    ("fill_disk", "No space left on device; fill: Permission denied"),  # its folder is read-only
    ("grader_state", "saw 0 graded copies and 0 grader processes"),
    ("signal_grader", "signals sent"),                    # and the grader lived on
])
def test_each_attempt_is_contained_and_reported_in_its_notes(sandboxed, learner, error):
    results, _, _ = sandboxed
    assert error in note(results[learner]), note(results[learner])


def test_nothing_reached_the_listener_or_the_disk(sandboxed):
    _, accepted, folder = sandboxed
    assert accepted == []
    assert not list(folder.rglob("pwned.txt")) and not (pathlib.Path.home() / "pwned.txt").exists()


def test_an_output_flood_is_not_taken_in_and_costs_only_its_own_notebook(sandboxed):
    # 12 prints of 100 MB: each message is over the 4 MB the grader takes from a kernel, so
    # none reaches the grader's memory; nbval waits for the output in vain and stops the kernel
    results, _, _ = sandboxed
    flood = results["output_flood"]
    assert "cell 7: timed out" in note(flood), note(flood)
    assert all(e.outcome == "not run" for e in flood.exercises)
    assert results["learner00"].points == FULL


def test_forged_check_cells_earn_nothing(sandboxed):
    # Its input transformer rewrites every later check cell into printing a pass line. The
    # checks run in the grader, so the rewritten cells never answer them: every check fails,
    # saying why, and nothing the kernel printed counts.
    results, _, _ = sandboxed
    result = results["forge_hook"]
    assert result.points == 0 and len(result.exercises) == 10
    for exercise in result.exercises:
        assert exercise.outcome == "failed", exercise
        assert f"the check could not question {exercise.exercise}" in exercise.message, exercise
        assert "did not run as the course wrote it" in exercise.message


def test_checks_patched_inside_the_kernel_still_judge_the_answer(sandboxed):
    # numpy.abs returns zeros when the course's code calls it in the kernel, which would make
    # every relative error 0 for a check run there; the checks run in the grader instead.
    results, _, _ = sandboxed
    outcome = {e.exercise: (e.outcome, e.message) for e in results["patch_numpy"].exercises}
    assert results["patch_numpy"].points == FULL - 4
    assert outcome["gru_step"][0] == outcome["gru_sequence"][0] == "failed"
    assert "interpolates the other way round" in outcome["gru_step"][1]
    assert all(o == "passed" for e, (o, _) in outcome.items() if e not in ("gru_step", "gru_sequence"))


def test_without_the_sandbox_the_fixtures_do_harm(tmp_path):
    """The counter-test: the same attempts succeed with --no-sandbox (so the tests above can fail),
    except tampering inside the kernel, which the checks running in the grader make worthless."""
    folder = tmp_path / "submissions"
    try:
        results, accepted = grade_hostile_class(folder, HARMLESS_WITHOUT_SANDBOX + IN_PROCESS, False)
        # tampering in the kernel gains nothing without the sandbox either: the checks run outside
        assert results["forge_hook"].points == 0 and results["patch_numpy"].points == FULL - 4
        assert accepted == [b"hi"]
        assert (folder / "write_outside" / "pwned.txt").exists()
        assert (pathlib.Path.home() / "pwned.txt").exists()
        assert note(results["read_other"]) == "" and "wrote 600 MB" in note(results["fill_disk"])
        assert "children exited with [0, 0, 0]" in note(results["fork_memory"])
        assert re.search(r"saw [1-9]\d* graded copies and [1-9]\d* grader processes",
                         note(results["grader_state"])), note(results["grader_state"])
    finally:
        (pathlib.Path.home() / "pwned.txt").unlink(missing_ok=True)


def test_grading_refuses_without_a_sandbox_unless_told(tmp_path):
    folder = tmp_path / "submissions"
    class_fixtures.write_class(folder, solved=1, broken=())
    env = {"PATH": str(tmp_path / "no-bwrap-here"), "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "gru_course", "grade", str(folder), "--no-progress",
               "--json", str(tmp_path / "grades.json")]
    refused = subprocess.run(command, capture_output=True, text=True, env=env)
    assert refused.returncode == 2 and not (tmp_path / "grades.json").exists()
    assert "cannot be sandboxed here: bubblewrap (bwrap) is not installed" in refused.stderr
    assert "--no-sandbox" in refused.stderr
    graded = subprocess.run(command + ["--no-sandbox"], capture_output=True, text=True, env=env)
    assert graded.returncode == 0, graded.stderr
    assert json.loads((tmp_path / "grades.json").read_text())["points"] == FULL


def test_a_rerun_skips_finished_notebooks_unless_asked_to_regrade(tmp_path):
    folder = tmp_path / "submissions"
    paths = class_fixtures.write_class(folder, solved=2, broken=("wrong_step",))
    out = tmp_path / "grades.json"
    first = grade([str(folder)], jobs=2, progress=False, json_path=out)
    report = json.loads(out.read_text())
    report["notebooks"][0]["notes"] = ["marker: from the first run"]
    out.write_text(json.dumps(report))
    paths[1].write_text(paths[1].read_text() + " ")                    # same notebook, new bytes
    second = grade([str(folder)], jobs=2, progress=False, json_path=out)
    assert second[0].notes == ["marker: from the first run"]           # kept, not rerun
    assert second[1].notes == [] and second[1].points == FULL           # file changed: rerun
    assert [r.points for r in second] == [r.points for r in first]
    third = grade([str(folder)], jobs=2, progress=False, json_path=out, regrade=True)
    assert third[0].notes == [] and [r.points for r in third] == [r.points for r in first]
