"""Grading exercise notebooks on top of nbval: `python -m gru_course grade NOTEBOOK...`."""
from .results import ExerciseResult, NotebookResult, table, to_json
from .runner import grade

__all__ = ["grade", "table", "to_json", "ExerciseResult", "NotebookResult"]
