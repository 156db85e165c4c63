"""An nbgrader course folder made from solutions/: `python -m gru_course nbgrader --out DIR`.

nbgrader wants a course root with `source/<assignment>/<notebook>.ipynb` and an
`nbgrader_config.py`. The solved notebooks already carry nbgrader's cell metadata (`solution`,
`grade`, `grade_id`, `points`, `locked`); what this module adds:
- the `solution-only` cells are left out (they talk about the solved notebook, and one quotes
  nbgrader's own markers, which nbgrader would try to parse);
- outputs are cleared, so the release version starts clean;
- the config replaces each solution region by `...` instead of nbgrader's default
  `raise NotImplementedError()`: a stubbed function then returns None and a stubbed top-level
  answer keeps the `name = None` template above it, so Run All goes on to every check, and each
  check says what is missing ("returned None", "is None") instead of the notebook stopping at the
  first unanswered cell;
- a per-cell timeout with a wide margin over the slowest solution cell (1.4 s measured).
"""
from __future__ import annotations

import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CELL_TIMEOUT = 60          # seconds; the slowest solution cell takes 1.4 s on 2 cores

CONFIG = '''\
# nbgrader configuration written by `python -m gru_course nbgrader`; see the course's README.
c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "gru-course"
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\n..."}}
c.Execute.timeout = {timeout}
c.Execute.interrupt_on_timeout = True
'''


def course_notebook(path: pathlib.Path) -> dict:
    """The solved notebook at `path` as nbgrader's source version: no solution-only cells, no outputs."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if "solution-only" in cell.get("metadata", {}).get("tags", []):
            continue
        cell = dict(cell, metadata={k: v for k, v in cell.get("metadata", {}).items()
                                    if k != "execution"})
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cells.append(cell)
    return dict(nb, cells=cells)


def write_course(out: pathlib.Path, solutions: pathlib.Path = ROOT / "solutions") -> list[pathlib.Path]:
    """Write `out`/nbgrader_config.py and `out`/source/<name>/<name>.ipynb for every solved
    notebook; return the notebooks written."""
    out = pathlib.Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    (out / "nbgrader_config.py").write_text(CONFIG.format(root=str(out), timeout=CELL_TIMEOUT))
    written = []
    for path in sorted(pathlib.Path(solutions).glob("*.ipynb")):
        target = out / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(course_notebook(path), indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        written.append(target)
    return written
