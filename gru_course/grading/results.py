"""Grading results: per notebook, per exercise; as a table, as JSON."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class ExerciseResult:
    exercise: str              # the function the learner writes, e.g. "gru_step"
    points: float              # points earned
    max_points: float
    outcome: str               # "passed" or "failed"
    message: str               # the check's one line, or its hint on failure


@dataclass
class NotebookResult:
    notebook: str              # the path as given on the command line
    exercises: list[ExerciseResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)    # other cells that raised (context)
    problem: str = ""          # why the notebook could not be graded at all, if so

    @property
    def points(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_points(self) -> float:
        return sum(e.max_points for e in self.exercises)

    def to_dict(self) -> dict:
        return {"notebook": self.notebook, "points": self.points, "max_points": self.max_points,
                "exercises": [asdict(e) for e in self.exercises], "errors": self.errors,
                "problem": self.problem}


def _num(x: float) -> str:
    return f"{x:g}"


def table(results: list[NotebookResult]) -> str:
    """A plain-text score table: one block per notebook, one row per exercise."""
    blocks = []
    for nb in results:
        head = f"{nb.notebook}: {_num(nb.points)} of {_num(nb.max_points)} points"
        if nb.problem:
            blocks.append(f"{nb.notebook}: not graded: {nb.problem}")
            continue
        width = max([len("exercise")] + [len(e.exercise) for e in nb.exercises])
        rows = [head, f"  {'exercise':<{width}}  points  result  message"]
        for e in nb.exercises:
            message = " ".join(e.message.split()) if e.outcome != "passed" else ""
            rows.append(f"  {e.exercise:<{width}}  {_num(e.points):>2}/{_num(e.max_points):<3}  "
                        f"{e.outcome:<6}  {message}".rstrip())
        rows += [f"  note: {err}" for err in nb.errors]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


def to_json(results: list[NotebookResult]) -> str:
    total = sum(nb.points for nb in results)
    possible = sum(nb.max_points for nb in results)
    return json.dumps({"points": total, "max_points": possible,
                       "notebooks": [nb.to_dict() for nb in results]}, indent=2, ensure_ascii=False)
