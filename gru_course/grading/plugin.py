"""A pytest plugin, loaded next to nbval, that records what every check cell did.

For each executed cell nbval makes a test item with the cell (`item.cell`) and the outputs it
produced (`item.test_outputs`). After each check cell (tag `check`, or nbgrader `grade: true`)
this plugin attaches a record to the report; the process that writes reports (the controller,
under pytest-xdist) appends it to the JSON-lines file given by --grading-results at once, so a
crash later loses nothing already graded.
"""
from __future__ import annotations

import json
import re

import pytest

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
KEY = "gru_course_grading"


def pytest_addoption(parser):
    parser.addoption("--grading-results", default=None,
                     help="append one JSON line per check cell to this file")


def is_check_cell(cell) -> bool:
    meta = cell.get("metadata", {})
    return "check" in meta.get("tags", []) or meta.get("nbgrader", {}).get("grade") is True


def exercise_of(cell) -> tuple[str, float]:
    """(exercise name, points) of a check cell: nbgrader's grade_id minus 'check_', or the
    function named in `check_<name>(...)`."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    name = meta.get("grade_id")
    if not name:
        match = re.search(r"check_(\w+)\s*\(", cell.get("source", ""))
        name = match.group(1) if match else "?"
    return re.sub(r"^check_", "", name), float(meta.get("points", 1))


def _outputs_text(item) -> tuple[str, str]:
    """(error message, printed text) of the cell's outputs as nbval collected them."""
    error, printed = "", ""
    for out in getattr(item, "test_outputs", None) or []:
        if out.get("output_type") == "error":
            error = f"{out.get('ename')}: {out.get('evalue')}"
        elif out.get("output_type") == "stream":
            printed += out.get("text", "")
    return _ANSI.sub("", error), _ANSI.sub("", printed)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    cell = getattr(item, "cell", None)
    if cell is None or report.when != "call":
        return
    error, printed = _outputs_text(item)
    if not error and report.failed:
        error = _ANSI.sub("", str(report.longrepr)).strip().splitlines()[-1]
    record = {"notebook": str(item.path), "cell": item.cell_num,
              "outcome": "passed" if report.passed else "failed",
              "message": error if report.failed else printed.strip()}
    if is_check_cell(cell):
        record["exercise"], record["max_points"] = exercise_of(cell)
        record["kind"] = "check"
    elif report.failed:
        record["kind"] = "error"
    else:
        return
    report.user_properties.append((KEY, record))


def pytest_configure(config):
    path = config.getoption("--grading-results")
    if path and not hasattr(config, "workerinput"):      # the controller writes, workers send
        config.pluginmanager.register(_Writer(path), "gru_course_grading_writer")


class _Writer:
    """Appends each record as one JSON line as soon as its report arrives."""

    def __init__(self, path: str):
        self.path = path

    def pytest_runtest_logreport(self, report):
        for key, record in report.user_properties:
            if key == KEY:
                with open(self.path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(record) + "\n")
