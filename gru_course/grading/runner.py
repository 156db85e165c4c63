"""Grade a class: every submission executed with nbval, in parallel, each result kept as it lands.

1. Each file is read (never written) and vetted against the course's check cells
   (submissions.py); a file that cannot be graded gets its reason and the others go on.
2. The executable copies go to a temporary folder and run in ONE pytest process (its start-up
   costs seconds), spread over `jobs` pytest-xdist workers, one notebook per worker at a time,
   each kernel limited to one thread and `memory_limit` of address space.
3. The plugin appends a record per executed cell; this process reads them while pytest runs,
   and as soon as a notebook's last cell is in, its result is added to the JSON and CSV files
   (rewritten whole, atomically) and the progress bar moves.
"""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from tqdm import tqdm

from . import sandbox
from .results import ExerciseResult, NotebookResult, to_csv, to_json, write_atomically
from .submissions import MAX_MB, Submission, discover, prepare, reference_checks

HINTS = {"NameError": "the cell that defines this function did not run, or raised an error"}
PLUGIN = "gru_course.grading.plugin"
FIX = ("Run the grader with the course's environment, from the course folder: "
       ".venv/bin/python -m gru_course grade PATH (run `make setup` first if .venv is missing).")


class GraderError(RuntimeError):
    """The grader itself cannot run here (not the learners' fault); the message names the fix."""


def preflight(cwd, env) -> None:
    """Check, in a process started the way the grader starts pytest, that the plugin, nbval and
    a kernel import; raise GraderError naming the interpreter and the fix if not."""
    probe = subprocess.run([sys.executable, "-c", f"import {PLUGIN}, nbval, ipykernel"], cwd=cwd,
                           env=env, capture_output=True, text=True)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
        raise GraderError(f"The grader cannot run with {sys.executable}: {last}. {FIX}")


def grade(paths: list[str], jobs: int | None = None, timeout: float = 120,
          memory_limit: float = 4.0, json_path=None, csv_path=None,
          progress: bool = True, isolate: bool = True,
          regrade: bool = False) -> list[NotebookResult]:
    """Grade every notebook named in `paths` (files or folders of submissions).

    Args:
        jobs: notebooks graded at once (default: the number of cores).
        timeout: seconds one cell may run before it is interrupted and fails ("timed out").
        memory_limit: GB of address space per kernel; beyond it allocations fail.
        json_path, csv_path: files kept up to date as results come in.
        isolate: run every kernel in the operating-system sandbox (sandbox.py); if it cannot
            run here, raise GraderError naming why (isolate=False grades without it).
        regrade: grade every notebook again; by default a notebook that `json_path` already
            holds a finished result for (same file, same SHA-256) keeps that result, so a
            grader killed halfway and rerun goes on where it stopped.
    Returns:
        one NotebookResult per notebook found, in order.
    """
    jobs = jobs or os.cpu_count() or 1
    if isolate and (why := sandbox.problem()):
        raise GraderError(f"Learner code cannot be sandboxed here: {why}. Grading without a "
                          "sandbox runs every submission's code with your rights (it can read "
                          "your files and the other submissions, and use the network); to do "
                          "that anyway, pass --no-sandbox.")
    references = reference_checks()
    found = discover(paths)
    digests = [_digest(path) for path, _ in found]
    earlier = {} if regrade else _finished(json_path)
    results: dict[int, NotebookResult] = {
        i: earlier[(str(path), digest)] for i, ((path, _), digest) in enumerate(zip(found, digests))
        if (str(path), digest) in earlier}
    submissions = [_prepared(path, learner, references) if i not in results
                   else Submission(path, learner) for i, (path, learner) in enumerate(found)]
    for i, s in enumerate(submissions):
        if i not in results and s.graded is None:
            results[i] = NotebookResult(str(s.path), s.learner, s.exercise_set, "not graded",
                                        problem=s.problem, sha256=digests[i])
    bar = tqdm(total=len(submissions), desc="grading", unit="notebook", disable=not progress)

    def publish():
        done = [results[i] for i in sorted(results)]
        if json_path:
            write_atomically(json_path, to_json(done))
        if csv_path:
            write_atomically(csv_path, to_csv(done))
        bar.update(len(results) - bar.n)

    publish()
    _remove_stale_folders()
    runnable = [i for i, s in enumerate(submissions) if s.graded is not None and i not in results]
    for i in runnable:
        submissions[i].sha256 = digests[i]
    if runnable:
        with tempfile.TemporaryDirectory(prefix="gru-grade-") as tmp:
            _run(pathlib.Path(tmp), {i: submissions[i] for i in runnable}, results, publish,
                 jobs, timeout, memory_limit, isolate)
    bar.close()
    return [results[i] for i in range(len(submissions))]


def _run(tmp, subs: dict[int, Submission], results, publish, jobs, timeout, memory_limit, isolate):
    copies, cells = {}, {}
    for i, sub in subs.items():
        copy = tmp / f"{i:05d}" / sub.path.name
        copy.parent.mkdir()
        copy.write_text(json.dumps(sub.graded))
        copies[str(copy)] = i
        cells[str(copy)] = sum(c.get("cell_type") == "code" for c in sub.graded["cells"])
    (tmp / "pytest.ini").write_text("[pytest]\n")
    (tmp / "grader.pid").write_text(str(os.getpid()))
    records_file = tmp / "records.jsonl"
    records_file.touch()
    command = [sys.executable, "-m", "pytest", "-p", PLUGIN, "--continue-on-collection-errors",
               "-p", "no:cacheprovider", "--nbval-lax", "--nbval-current-env",
               f"--nbval-cell-timeout={timeout}", "-c", str(tmp / "pytest.ini"),
               "--rootdir", str(tmp), "-q", "--no-header", "-o", "addopts=",
               f"--grading-results={records_file}", *copies]
    command.append(f"--grading-kernels={tmp.name}")
    if isolate:
        command.append("--grading-sandbox")
    workers = min(jobs, len(copies))
    if workers > 1:
        command[3:3] = ["-n", str(workers), "--dist", "loadfile"]
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1", OMP_NUM_THREADS="1",
               OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    file_size = sandbox.FILE_MB * 2 ** 20 if isolate else 0
    command.append(f"--grading-limits={int(memory_limit * 2 ** 30)},{file_size}")
    preflight(tmp, env)

    records: dict[str, list[dict]] = {path: [] for path in copies}
    with open(tmp / "pytest.log", "w") as log:
        process = subprocess.Popen(command, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
        with open(records_file, encoding="utf-8") as stream:
            partial = ""                      # a line the plugin has not finished writing yet
            while True:
                finished = process.poll() is not None
                lines, partial = complete_lines(partial + stream.read())
                for line in lines:
                    record = json.loads(line)
                    if record["notebook"] in records:
                        records[record["notebook"]].append(record)
                        path = record["notebook"]
                        if len(records[path]) == cells[path] and copies[path] not in results:
                            results[copies[path]] = _collect(subs[copies[path]], records[path], timeout)
                            publish()
                if finished:
                    break
                time.sleep(0.2)
    tail = (tmp / "pytest.log").read_text().strip().splitlines()[-1:] or ["no output"]
    for path, i in copies.items():
        if i not in results:                  # pytest stopped before this notebook finished
            result = _collect(subs[i], records[path], timeout)
            result.status = "incomplete"
            result.notes.append(f"the grader stopped before this notebook finished ({tail[0]})")
            results[i] = result
    publish()
    if isolate:
        sandbox.remove_cgroups(tmp.name)


def _digest(path: pathlib.Path) -> str:
    """SHA-256 of a regular file within the size limit ("" for anything else, which _load
    refuses with its reason: a FIFO or /dev/zero would never end)."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_MB * 2 ** 20:
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _prepared(path: pathlib.Path, learner: str, references) -> Submission:
    """prepare(), and for a file it cannot make sense of, a submission that says why."""
    try:
        return prepare(path, learner, references)
    except Exception as exc:              # (a bug of ours, or a notebook no one foresaw)
        return Submission(path, learner, problem=f"cannot be read: {type(exc).__name__}: {exc}")


def complete_lines(text: str) -> tuple[list[str], str]:
    """The complete lines of `text`, and what follows the last newline (a line still being
    written: the plugin may be halfway through a long record when the file is read)."""
    *lines, partial = text.split("\n")
    return [line for line in lines if line], partial


def _remove_stale_folders() -> None:
    """Remove the temporary folders (and pids cgroups) of graders that were killed."""
    for folder in pathlib.Path(tempfile.gettempdir()).glob("gru-grade-*"):
        try:
            os.kill(int((folder / "grader.pid").read_text()), 0)
            continue                               # its grader is still running
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue                               # not ours to judge (no pid, no permission)
        shutil.rmtree(folder, ignore_errors=True)
        sandbox.remove_cgroups(folder.name)


def _finished(json_path) -> dict[tuple[str, str], NotebookResult]:
    """(notebook, sha256) -> result, for every finished result in an earlier run's JSON."""
    if not json_path or not pathlib.Path(json_path).exists():
        return {}
    try:
        entries = json.loads(pathlib.Path(json_path).read_text())["notebooks"]
    except (ValueError, KeyError, TypeError):
        return {}                                  # not the grader's JSON: grade everything
    return {(e["notebook"], e["sha256"]): NotebookResult.from_dict(e) for e in entries
            if e.get("sha256") and e.get("status") != "incomplete"}


def _collect(sub: Submission, records: list[dict], timeout: float) -> NotebookResult:
    """The result of one notebook from its cells' records."""
    result = NotebookResult(str(sub.path), sub.learner, sub.exercise_set, flags=list(sub.flags),
                            sha256=sub.sha256)
    by_exercise = {r["exercise"]: r for r in records if r.get("check")}
    died = next((r for r in sorted(records, key=lambda r: r["cell"]) if r["kind"] == "kernel died"), None)
    where = lambda record: sub.origin[record["cell"]]          # the cell's number in the file
    if died:
        result.status = f"kernel died at cell {where(died)}"
    for check in sub.checks:
        record = by_exercise.get(check.exercise)
        if check.exercise in sub.unusable:
            outcome, message = "not graded", sub.unusable[check.exercise]
        elif record is None:
            outcome, message = "not run", "the check did not run"
        elif record["kind"] == "timed out":
            outcome, message = "timed out", (f"timed out after {timeout:g} s (an infinite loop, "
                                             "or a very slow cell)")
        elif record["kind"] == "kernel died":
            outcome, message = "not run", "the kernel died while this check ran"
        elif record["kind"] == "kernel dead":
            outcome, message = "not run", f"the kernel had died earlier, at cell {where(died)}" \
                if died else "the kernel had died"
        else:
            outcome, message = record["outcome"], _explain(record.get("message", ""))
        points = check.points if outcome == "passed" else 0.0
        result.exercises.append(ExerciseResult(check.exercise, points, check.points, outcome, message))
    for record in sorted(records, key=lambda r: r["cell"]):
        if record.get("check") or record["kind"] == "kernel dead" or record["outcome"] == "passed":
            continue
        what = record.get("message", "").splitlines()[0][:200] if record.get("message") else "failed"
        result.notes.append(f"cell {where(record)}: {record['kind'] if record['kind'] != 'cell' else what}")
    return result


def _explain(message: str) -> str:
    message = message.removeprefix("CheckFailure: ")
    kind = message.split(":", 1)[0]
    return f"{message} ({HINTS[kind]})" if kind in HINTS else message
