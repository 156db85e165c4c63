"""Grading exercise notebooks on top of nbval: `python -m gru_course grade PATH...`.

submissions.py vets each file against the course's check cells, guard.py runs each check out of
the learner's reach, plugin.py records what every executed cell did, runner.py runs a class in
parallel and keeps results as they land, results.py writes the table, JSON and CSV.
"""
from .results import ExerciseResult, NotebookResult, table, to_csv, to_json
from .runner import GraderError, grade

__all__ = ["grade", "table", "to_json", "to_csv", "ExerciseResult", "NotebookResult",
           "GraderError"]
