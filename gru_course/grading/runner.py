"""Grade exercise notebooks by executing them with nbval, check cells counted as exercises.

The notebooks are copied into a temporary folder first, without their stored outputs, so a
learner's file is only ever read and nothing stored in it is compared or trusted.
All notebooks run in one pytest process (its start-up costs seconds), optionally spread over
pytest-xdist workers one notebook each; gru_course.grading.plugin records every check cell.
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tempfile

from .results import ExerciseResult, NotebookResult

HINTS = {
    "NameError": "the cell that defines this function did not run, or raised an error",
}


def grade(paths: list[str], jobs: int = 1, timeout: float = 120) -> list[NotebookResult]:
    """Execute every notebook and score its check cells.

    Args:
        paths: notebook files (.ipynb).
        jobs: notebooks executed in parallel (pytest-xdist workers); 1 runs them in-process.
        timeout: seconds one cell may run before it is interrupted and fails.
    Returns:
        one NotebookResult per path, in the order given.
    """
    with tempfile.TemporaryDirectory(prefix="gru-grade-") as tmp:
        tmp = pathlib.Path(tmp)
        copies = {}
        for i, path in enumerate(paths):
            copy = tmp / f"{i:04d}" / pathlib.Path(path).name
            copy.parent.mkdir()
            copy.write_text(json.dumps(_without_outputs(json.loads(pathlib.Path(path).read_text()))))
            copies[str(copy)] = path
        (tmp / "pytest.ini").write_text("[pytest]\n")
        records_file = tmp / "records.jsonl"
        command = [sys.executable, "-m", "pytest", "-p", "gru_course.grading.plugin",
                   "-p", "no:cacheprovider", "--nbval-lax", "--nbval-current-env",
                   f"--nbval-cell-timeout={timeout}", "-c", str(tmp / "pytest.ini"),
                   "--rootdir", str(tmp), "-q", "--no-header", "-o", "addopts=",
                   f"--grading-results={records_file}", *copies]
        if jobs > 1 and len(paths) > 1:
            command[3:3] = ["-n", str(min(jobs, len(paths))), "--dist", "loadfile"]
        # one thread per kernel: parallel kernels must not fight over the cores
        env = dict(os.environ, MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1", OMP_NUM_THREADS="1",
                   OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
        run = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True)
        records = [json.loads(line) for line in records_file.read_text().splitlines()] \
            if records_file.exists() else []
        if run.returncode not in (0, 1) and not records:
            detail = (run.stdout + run.stderr).strip().splitlines()[-1:] or ["no output"]
            return [NotebookResult(p, problem=f"pytest could not run it: {detail[0]}") for p in paths]
        return [_collect(copies[copy], [r for r in records if r["notebook"] == copy])
                for copy in copies]


def _without_outputs(nb: dict) -> dict:
    """The notebook with stored outputs dropped: nbval then compares nothing, only runs."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return nb


def _collect(original: str, records: list[dict]) -> NotebookResult:
    result = NotebookResult(original)
    for record in sorted(records, key=lambda r: r["cell"]):
        if record["kind"] == "error":
            result.errors.append(f"cell {record['cell']} raised {record['message']}")
            continue
        passed = record["outcome"] == "passed"
        message = record["message"]
        if not passed:
            message = message.removeprefix("CheckFailure: ")
            kind = message.split(":", 1)[0]
            if kind in HINTS:
                message = f"{message} ({HINTS[kind]})"
        result.exercises.append(ExerciseResult(
            exercise=record["exercise"], points=record["max_points"] if passed else 0.0,
            max_points=record["max_points"], outcome=record["outcome"], message=message))
    if not result.exercises:
        result.problem = "it has no check cells (cells tagged 'check'): is it an exercise notebook?"
    return result
