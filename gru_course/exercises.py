"""Generate exercises/ from solutions/: the solved notebooks are the single source.

In a solution cell, the lines between `### BEGIN SOLUTION` and `### END SOLUTION` (nbgrader's
markers) become a stub:
- inside a function: `raise NotImplementedError("...")` with a one-line instruction;
- at the top level of a cell: `name = None  # your answer` for every name the region assigns,
  unless the cell already assigned it above the region (a template the learner fills in).
Cells tagged `solution-only` are dropped. Outputs and execution counts are cleared, the kernel is
`python3`, and the JSON is written deterministically, so `--check` can compare bytes.
"""
from __future__ import annotations

import ast
import copy
import json
import pathlib
import re

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
_DEF = re.compile(r"^(\s*)def (\w+)\(")
# What a stub says, in the notebook's language (its metadata "language", English by default).
STUBS = {
    "en": ('Write the body of {function}, run this cell, then run its check.', "your answer",
           "your code"),
    "ko": ("{function}의 본문을 작성하고 이 셀을 실행한 다음, 그 아래 검사 셀을 실행하세요.", "여러분의 답",
           "여러분의 코드"),
}


def stub_source(source: str, language: str = "en") -> str:
    """The cell source with every solution region replaced by its stub."""
    lines, out, i = source.split("\n"), [], 0
    while i < len(lines):
        if lines[i].strip() != BEGIN:
            out.append(lines[i])
            i += 1
            continue
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        try:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == END)
        except StopIteration:
            raise ValueError(f"'{BEGIN}' without '{END}' in cell:\n{source}") from None
        out.extend(_stub(lines[i + 1:end], indent, _enclosing_function(out), _assigned(out),
                         STUBS[language]))
        i = end + 1
    return "\n".join(out)


def _enclosing_function(previous: list[str]) -> str | None:
    for line in reversed(previous):
        match = _DEF.match(line)
        if match:
            return match.group(2)
    return None


def _names(lines: list[str]) -> list[str]:
    """The names the top-level statements of `lines` assign, in order."""
    names = []
    for node in ast.parse("\n".join(lines)).body:
        for target in getattr(node, "targets", [getattr(node, "target", None)]):
            if isinstance(target, ast.Name) and target.id not in names:
                names.append(target.id)
    return names


def _assigned(previous: list[str]) -> set[str]:
    try:
        return set(_names(previous))
    except SyntaxError:                   # above a region inside a function: not a whole program
        return set()


def _stub(region: list[str], indent: str, function: str | None, assigned: set[str],
          words: tuple[str, str, str]) -> list[str]:
    instruction, answer, code = words
    if indent and function:
        return [f'{indent}raise NotImplementedError("{instruction.format(function=function)}")']
    names = _names(region)
    if names and set(names) <= assigned:
        return []                         # the template above the region is the stub
    return [f"{indent}{name} = None  # {answer}" for name in names] or [f"{indent}pass  # {code}"]


def exercise_notebook(solution: dict) -> dict:
    """The exercise version of a solution notebook (a dict in nbformat 4)."""
    nb = copy.deepcopy(solution)
    language = nb.get("metadata", {}).get("language", "en")
    cells = []
    for cell in nb["cells"]:
        if "solution-only" in cell.get("metadata", {}).get("tags", []):
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code":
            source = stub_source(source, language)
            cell["outputs"], cell["execution_count"] = [], None
        cell["source"] = source
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items()
                            if k in ("nbgrader", "tags", "editable", "deletable")}
        cells.append(cell)
    nb["cells"] = cells
    nb["metadata"] = {"kernelspec": KERNELSPEC,
                      "language_info": {"name": "python", "pygments_lexer": "ipython3"}}
    if language != "en":
        nb["metadata"]["language"] = language
    return nb


def dumps(nb: dict) -> str:
    """nbformat's own layout (sorted keys, one-space indent), so files diff cleanly."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def build(solutions: pathlib.Path, exercises: pathlib.Path, check: bool = False) -> list[str]:
    """Write (or with `check`, compare) every exercise notebook; return the problems found.

    Problems are stale or missing exercise files and exercise files without a solution; when
    writing, only the last kind can remain.
    """
    problems = []
    expected = {}
    for path in sorted(solutions.glob("*.ipynb")):
        expected[exercises / path.name] = dumps(exercise_notebook(json.loads(path.read_text())))
    for path, text in expected.items():
        if check:
            if not path.exists():
                problems.append(f"{path}: missing (generated from {solutions / path.name})")
            elif path.read_text() != text:
                problems.append(f"{path}: stale, differs from what {solutions / path.name} generates")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
    for path in sorted(exercises.glob("*.ipynb")):
        if path not in expected:
            problems.append(f"{path}: has no solution notebook {solutions / path.name}")
    return problems
