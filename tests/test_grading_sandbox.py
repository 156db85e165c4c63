"""The operating-system sandbox (issue 13): hostile submissions graded next to a solved one.

Each hostile notebook of class_fixtures.hostile tries one thing against the grader's machine;
the sandbox must stop it, the attempt must show in that notebook's notes (or flags), and every
notebook must keep all its points for the exercises it solved. The same class graded with
--no-sandbox shows that the fixtures are really hostile (all but the two that would harm the
machine running the tests).
"""
import json
import pathlib
import socket
import subprocess
import sys
import threading

import pytest

import class_fixtures
from gru_course.grading import grade
from gru_course.grading import sandbox

FULL = 15
HARMLESS_WITHOUT_SANDBOX = ("read_other", "write_outside", "home_write", "network", "fill_disk",
                            "token_proc")


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
        if learner != "token_hook":                  # see the last sandbox test below
            assert result.points == FULL, (learner, result)


@pytest.mark.parametrize("learner, error", [
    ("read_other", "No such file or directory"),          # other submissions are not in view
    ("write_outside", "No such file or directory"),
    ("home_write", "Read-only file system"),
    ("network", "Connection refused"),                    # 127.0.0.1 is the sandbox's own
    ("fork_bomb", "Resource temporarily unavailable"),    # the pids cgroup (root) stops it
    ("fill_disk", "No space left on device; fill: File too large"),
    ("token_proc", "no token in"),                        # neither /proc nor the copy shows it
    ("signal_grader", "signals sent"),                    # and the grader lived on
])
def test_each_attempt_is_contained_and_reported_in_its_notes(sandboxed, learner, error):
    results, _, _ = sandboxed
    assert error in note(results[learner]), note(results[learner])


def test_nothing_reached_the_listener_or_the_disk(sandboxed):
    _, accepted, folder = sandboxed
    assert accepted == []
    assert not list(folder.rglob("pwned.txt")) and not (pathlib.Path.home() / "pwned.txt").exists()


def test_a_notebook_with_execution_hooks_is_flagged_for_review(sandboxed):
    # Its input transformer rewrites every later check cell into a forged pass: code in the
    # learner's own process can do that whatever the sandbox; the flag is the defence.
    results, _, _ = sandboxed
    assert any("input_transformers" in flag and "review by hand" in flag
               for flag in results["token_hook"].flags)
    assert not any("hooks" in flag for flag in results["learner00"].flags)


def test_without_the_sandbox_the_fixtures_do_harm(tmp_path):
    """The counter-test: the same attempts succeed with --no-sandbox (so the tests above can fail)."""
    folder = tmp_path / "submissions"
    try:
        results, accepted = grade_hostile_class(folder, HARMLESS_WITHOUT_SANDBOX, False)
        assert accepted == [b"hi"]
        assert (folder / "write_outside" / "pwned.txt").exists()
        assert (pathlib.Path.home() / "pwned.txt").exists()
        assert note(results["read_other"]) == "" and "wrote 600 MB" in note(results["fill_disk"])
        assert "token found" in note(results["token_proc"])
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
