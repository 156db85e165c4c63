"""Reading submissions and vetting them against the course's own check cells.

A submission is never trusted for what decides its grade. Its check cells are compared with the
reference check cells of the exercise notebook it belongs to (exercises/NN_*.ipynb): a check that
is missing or edited scores 0 and is flagged; a duplicate is flagged and run once. The notebook
that is executed is a copy in which every trusted check cell is replaced by a call that lets
the grader question the answer (serve.py; the check itself runs in the grader, remote.py),
carrying the reference's exercise name, check, answer and points.
"""
from __future__ import annotations

import json
import pathlib
import re
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = pathlib.Path(__file__).resolve().parents[1]
MAX_MB = 50
_CHECK_CALL = re.compile(r"^\s*(check_\w+)\((\w+)\)\s*$")

@dataclass
class Check:
    """A reference check cell: `check(answer)`, worth `points`."""
    exercise: str
    check: str
    answer: str
    points: float
    source: str


@dataclass
class Submission:
    path: pathlib.Path
    learner: str
    exercise_set: str = ""
    problem: str = ""                 # why it cannot be graded at all
    flags: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)     # the reference checks, in order
    unusable: dict[str, str] = field(default_factory=dict)    # exercise -> why it scores 0
    graded: dict | None = None        # the notebook to execute
    origin: list[int] = field(default_factory=list)   # graded code cell k -> its cell number here
    sha256: str = ""                  # of the file, recorded with its result


def reference_checks(folder: pathlib.Path = ROOT / "exercises") -> dict[str, list[Check]]:
    """exercise set name (file stem) -> its check cells, from the generated exercise notebooks."""
    sets = {}
    for path in sorted(folder.glob("*.ipynb")):
        checks = []
        for cell in json.loads(path.read_text())["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell["cell_type"] == "code" and meta.get("grade"):
                source = "".join(cell["source"]).strip()
                check, answer = _CHECK_CALL.match(source).groups()
                checks.append(Check(meta["grade_id"].removeprefix("check_"), check, answer,
                                    float(meta.get("points", 1)), source))
        sets[path.stem] = checks
    return sets


def discover(paths: list[str]) -> list[tuple[pathlib.Path, str]]:
    """(file, learner) for every .ipynb named or found under a named folder.

    The learner is the first folder below the named folder (submissions/<learner>/...), or the
    file's stem for a file named directly or lying at the top of the folder.
    """
    found = []
    for given in map(pathlib.Path, paths):
        if given.is_dir():
            for path in sorted(given.rglob("*.ipynb")):
                if ".ipynb_checkpoints" in path.parts:
                    continue
                parts = path.relative_to(given).parts
                found.append((path, parts[0] if len(parts) > 1 else path.stem))
        else:
            found.append((given, given.stem if given.parent == pathlib.Path(".") else given.parent.name))
    return found


def _load(path: pathlib.Path) -> tuple[dict | None, str]:
    if path.is_symlink():
        return None, "a symbolic link, not a file: submit the notebook itself"
    if not path.exists():
        return None, "no such file"
    if not path.is_file():
        return None, "not a regular file"
    size = path.stat().st_size
    if size == 0:
        return None, "the file is empty"
    if size > MAX_MB * 2 ** 20:
        return None, (f"the file is {size / 2 ** 20:.0f} MB, over the {MAX_MB} MB limit: clear "
                      "the outputs (Edit > Clear Outputs of All Cells) and submit again")
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, "the file is not text (not a notebook)"
    except json.JSONDecodeError as exc:
        return None, f"not a notebook: invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, "not a notebook: the JSON has no list of cells"
    return nb, _malformed(nb)


def _malformed(nb: dict) -> str:
    """What makes this JSON not a notebook nbformat (and so nbval) can read, or ""."""
    if not isinstance(nb.get("metadata", {}), dict):
        return "not a notebook: its metadata is not a JSON object"
    for number, cell in enumerate(nb["cells"], 1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            return f"not a notebook: cell {number} is not a code, markdown or raw cell"
        source = cell.get("source", "")
        if not (isinstance(source, str) or isinstance(source, list)
                and all(isinstance(line, str) for line in source)):
            return f"not a notebook: the source of cell {number} is not text"
        metadata = cell.get("metadata", {})
        if not isinstance(metadata, dict) or not isinstance(metadata.get("nbgrader", {}), dict) \
                or not isinstance(metadata.get("tags", []), list):
            return f"not a notebook: the metadata of cell {number} is malformed"
    return ""


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _check_like(cells) -> list[tuple[int, str, str]]:
    """(index, grade id or '', source) of every cell that is, or looks like, a check cell."""
    found = []
    for i, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {}) or {}
        grade_id = (meta.get("nbgrader", {}) or {}).get("grade_id", "")
        source = _source(cell)
        # tagged or nbgrader-graded cells, and untagged cells that are nothing but a check call
        # (a learner's own cell that calls a check among other code is left alone)
        if "check" in (meta.get("tags") or []) or (meta.get("nbgrader") or {}).get("grade") \
                or _CHECK_CALL.match(source.strip()):
            found.append((i, str(grade_id), source))
    return found


def identify(cells, name: str, references: dict[str, list[Check]]) -> tuple[str, str]:
    """(exercise set, problem): which reference the notebook's check cells belong to."""
    seen = _check_like(cells)
    ids = {g.removeprefix("check_") for _, g, _ in seen} | {
        m.group(1).removeprefix("check_") for _, _, s in seen if (m := _CHECK_CALL.match(s))}
    overlap = {set_name: len(ids & {c.exercise for c in checks})
               for set_name, checks in references.items()}
    best = max(overlap, key=overlap.get) if overlap else ""
    if not best or overlap[best] == 0:
        return "", "not an exercise notebook of this course: none of its cells is a known check"
    if name in references and overlap[name] < overlap[best]:
        return "", (f"the file is named {name}.ipynb but its exercises are those of {best}.ipynb: "
                    "was the wrong notebook submitted?")
    return (name if name in references and overlap[name] == overlap[best] else best), ""


def prepare(path: pathlib.Path, learner: str, references: dict[str, list[Check]]) -> Submission:
    """Vet one submission and build the notebook to execute (see the module docstring)."""
    sub = Submission(path, learner)
    nb, sub.problem = _load(path)
    if nb is None or sub.problem:
        return sub
    cells = nb["cells"]
    sub.exercise_set, sub.problem = identify(cells, path.stem, references)
    if sub.problem:
        return sub
    sub.checks = references[sub.exercise_set]
    language = str((nb.get("metadata") or {}).get("language", "en"))
    by_exercise = {c.exercise: c for c in sub.checks}
    replacement, used = {}, set()
    for index, grade_id, source in _check_like(cells):
        call = _CHECK_CALL.match(source.strip())
        exercise = grade_id.removeprefix("check_") or (call.group(1).removeprefix("check_") if call else "")
        reference = by_exercise.get(exercise)
        if reference is None:
            replacement[index] = None                    # a check cell the reference does not have
            continue
        if source.strip() != reference.source:
            sub.unusable[exercise] = (f"its check cell was edited (it reads {source.strip()[:60]!r}, "
                                      f"the course's reads {reference.source!r}): not graded")
            replacement[index] = None
        elif exercise in used:
            sub.flags.append(f"the check cell of {exercise} appears more than once; graded once")
            replacement[index] = None
        else:
            used.add(exercise)
            replacement[index] = _served(reference, language)
    for check in sub.checks:
        if check.exercise not in used and check.exercise not in sub.unusable:
            sub.unusable[check.exercise] = "its check cell was deleted: not graded"
    sub.flags += [f"{exercise}: {why}" for exercise, why in sub.unusable.items()]
    sub.graded, sub.origin = _graded_copy(nb, replacement)
    return sub


def _served(check: Check, language: str) -> dict:
    """The code cell that answers the grader's questions about `check.answer` (serve.py), with
    the grading metadata the grader's plugin runs the check from."""
    serve = PACKAGE / "grading" / "serve.py"
    source = ("import importlib.util as _u\n"
              f"_s = _u.spec_from_file_location('_gru_course_serve', {str(serve)!r})\n"
              "_m = _u.module_from_spec(_s); _s.loader.exec_module(_m)\n"
              f"_m.serve({check.answer!r})")
    return {"cell_type": "code", "execution_count": None, "outputs": [], "source": source,
            "metadata": {"gru_course_grading": {"exercise": check.exercise, "check": check.check,
                                                "answer": check.answer, "points": check.points,
                                                "language": language}}}


def _graded_copy(nb: dict, replacement: dict[int, dict | None]) -> tuple[dict, list[int]]:
    """The notebook with check cells replaced (or dropped) and every output cleared, and for
    each of its code cells the 1-based position of that cell in the submission."""
    cells, origin = [], []
    for i, cell in enumerate(nb["cells"]):
        if i in replacement:
            if replacement[i] is not None:
                cells.append(dict(replacement[i], id=f"cell-{i}"))
                origin.append(i + 1)
            continue
        if cell.get("cell_type") == "code":
            origin.append(i + 1)
        cell = {k: v for k, v in cell.items() if k != "attachments"}
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
            cell["metadata"] = {}
        cells.append(dict(cell, id=f"cell-{i}"))
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "language": "python",
                                                        "display_name": "Python 3"}},
            "nbformat": 4, "nbformat_minor": 5}, origin
