"""Grading results: per learner and notebook, per exercise; as a table, JSON and CSV.

JSON: {"points", "max_points", "learners": {learner: {"points", "max_points"}},
       "notebooks": [{"learner", "notebook", "exercise_set", "status", "points", "max_points",
                      "problem", "flags", "notes", "sha256",
                      "exercises": [{"exercise", "points", "max_points", "outcome", "message"}]}]}
outcome is one of "passed", "failed", "timed out", "not graded" (check cell missing or edited),
"not run" (the kernel had died). CSV: one row per notebook, one column per exercise (points).
"""
from __future__ import annotations

import csv
import io
import json
import os
import pathlib
import tempfile
from dataclasses import asdict, dataclass, field


@dataclass
class ExerciseResult:
    exercise: str
    points: float
    max_points: float
    outcome: str
    message: str


@dataclass
class NotebookResult:
    notebook: str
    learner: str = ""
    exercise_set: str = ""
    status: str = "graded"         # or "not graded", "kernel died at cell N", "incomplete"
    exercises: list[ExerciseResult] = field(default_factory=list)
    problem: str = ""              # why it could not be graded at all
    flags: list[str] = field(default_factory=list)     # check cells missing, edited, duplicated
    notes: list[str] = field(default_factory=list)     # other cells that raised or timed out
    sha256: str = ""               # of the submission file graded: a rerun skips it if unchanged

    @property
    def points(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_points(self) -> float:
        return sum(e.max_points for e in self.exercises)

    def to_dict(self) -> dict:
        return {"learner": self.learner, "notebook": self.notebook,
                "exercise_set": self.exercise_set, "status": self.status, "points": self.points,
                "max_points": self.max_points, "problem": self.problem, "flags": self.flags,
                "notes": self.notes, "sha256": self.sha256,
                "exercises": [asdict(e) for e in self.exercises]}

    @classmethod
    def from_dict(cls, entry: dict) -> "NotebookResult":
        """The result as to_dict wrote it (points are recomputed from the exercises)."""
        fields = {k: entry[k] for k in ("notebook", "learner", "exercise_set", "status",
                                          "problem", "flags", "notes") if k in entry}
        return cls(**fields, sha256=entry.get("sha256", ""),
                   exercises=[ExerciseResult(**e) for e in entry.get("exercises", [])])


def _num(x: float) -> str:
    return f"{x:g}"


def table(results: list[NotebookResult]) -> str:
    """A plain-text score table: one block per notebook, one row per exercise."""
    blocks = []
    for nb in results:
        who = f"{_printable(nb.learner)}: " if nb.learner and nb.learner not in pathlib.PurePath(nb.notebook).parts \
            and nb.learner != pathlib.PurePath(nb.notebook).stem else ""
        if nb.problem:
            blocks.append(f"{who}{_printable(nb.notebook)}: not graded: {_printable(nb.problem)}")
            continue
        status = "" if nb.status == "graded" else f" ({nb.status})"
        head = f"{who}{_printable(nb.notebook)}: {_num(nb.points)} of {_num(nb.max_points)} points{status}"
        width = max([len("exercise")] + [len(e.exercise) for e in nb.exercises])
        rows = [head, f"  {'exercise':<{width}}  points  result      message"]
        for e in nb.exercises:
            message = _printable(" ".join(e.message.split())) if e.outcome != "passed" else ""
            rows.append(f"  {e.exercise:<{width}}  {_num(e.points):>2}/{_num(e.max_points):<3}  "
                        f"{e.outcome:<10}  {message}".rstrip())
        rows += [f"  flag: {_printable(flag)}" for flag in nb.flags if ":" not in flag or
                 flag.split(":")[0] not in {e.exercise for e in nb.exercises}]
        rows += [f"  note: {_printable(note)}" for note in nb.notes]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7f, 0xa0)]} | {
    c: f"\\u{c:04x}" for c in [0x2028, 0x2029, *range(0x202a, 0x202f), *range(0x2066, 0x206a)]}


def _printable(text: str) -> str:
    """`text` with control characters, line breaks and direction overrides spelled out
    (\\x1b, \\x0a, \\u202e ...) and lone surrogates escaped: a learner's folder name or
    exception message must not clear the instructor's terminal, add or rewrite lines."""
    return clean(text.translate(_CONTROL))


def clean(text: str) -> str:
    """`text` as valid UTF-8: a lone surrogate (a byte a file name or a learner's string held
    that is not UTF-8) becomes its escape, \\udcff, instead of stopping every write."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def to_json(results: list[NotebookResult]) -> str:
    learners, counted = {}, {}
    for nb in results:         # a learner's total counts each exercise set once, its lowest
        key = (nb.learner, nb.exercise_set or nb.notebook)       # (several guesses gain nothing)
        if key in counted:
            learners[nb.learner].setdefault("duplicate_sets", []).append(key[1])
        if key not in counted or nb.points < counted[key].points:
            counted[key] = nb
        learners.setdefault(nb.learner, {"points": 0.0, "max_points": 0.0})
    for (learner, _), nb in counted.items():
        learners[learner]["points"] += nb.points
        learners[learner]["max_points"] += nb.max_points
    return json.dumps({"points": sum(nb.points for nb in results),
                       "max_points": sum(nb.max_points for nb in results),
                       "learners": learners, "notebooks": [nb.to_dict() for nb in results]},
                      indent=2, ensure_ascii=False)


def to_csv(results: list[NotebookResult]) -> str:
    exercises = []
    for nb in results:
        for e in nb.exercises:
            column = f"{nb.exercise_set}:{e.exercise}"
            if column not in exercises:
                exercises.append(column)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["learner", "notebook", "exercise_set", "status", "points", "max_points",
                     "problem"] + exercises)
    for nb in results:
        earned = {f"{nb.exercise_set}:{e.exercise}": _num(e.points) for e in nb.exercises}
        writer.writerow([_inert(nb.learner), _inert(nb.notebook), nb.exercise_set, nb.status,
                         _num(nb.points), _num(nb.max_points), _inert(nb.problem)]
                        + [earned.get(c, "") for c in exercises])
    return out.getvalue()


def _inert(text: str) -> str:
    """A text cell a spreadsheet will not take for a formula (a learner's folder may be named
    =HYPERLINK(...)): a leading =, +, -, @, tab or carriage return gets a ' in front."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_atomically(path: pathlib.Path, text: str) -> None:
    """Replace `path` by `text` in one step, so a crash never leaves half a file."""
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(clean(text))
    os.replace(tmp, path)
