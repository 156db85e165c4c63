"""Grading exercise notebooks on top of nbval: `python -m gru_course grade PATH...`.

submissions.py vets each file against the course's check cells; in the graded copy a check cell
only answers questions about the learner's answer (serve.py, in the kernel) while the check
itself runs in the grader (remote.py); sandbox.py builds the bubblewrap command every kernel runs
in; plugin.py runs the checks and records what every executed cell did; runner.py runs a class
in parallel and keeps results as they land; results.py writes the table, JSON and CSV.
"""
from .results import ExerciseResult, NotebookResult, table, to_csv, to_json
from .runner import GraderError, grade

__all__ = ["grade", "table", "to_json", "to_csv", "ExerciseResult", "NotebookResult",
           "GraderError"]
