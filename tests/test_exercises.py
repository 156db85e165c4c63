"""Exercise generation (exercises.py) and the exercise notebooks' contract."""
import ast
import json
import re
import pathlib
import subprocess
import sys

import pytest

from gru_course.exercises import build, exercise_notebook, stub_source

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))

CONTRACT = {   # COURSE.md §6: exercise functions and their signatures
    "02_forward_flow.ipynb": ["sigmoid(a)", "reset_gate(x_t, h_prev, p)",
                              "update_gate(x_t, h_prev, p)", "candidate(x_t, h_prev, r, p)",
                              "gru_step(x_t, h_prev, p)", "gru_sequence(xs, h0, p)"],
    "03_bptt.ipynb": ["sigmoid_backward(ds, s)", "tanh_backward(dt, t)",
                      "gru_step_backward(dh, cache)", "gru_backward(dhs, cache)",
                      "numerical_gradient(f, x, eps=1e-05)"],
    "04_tutorial.ipynb": ["params_to_gru(p)", "sentence_vector(output, lengths)",
                          "sentence_nll(logits, ids)", "ablate_unit(model, unit)",
                          "find_number_units(table, sets)"],
}


def cells(path):
    return json.loads(pathlib.Path(path).read_text())["cells"]


def test_committed_exercises_are_exactly_what_the_generator_makes():
    assert build(ROOT / "solutions", ROOT / "exercises", check=True) == []


def test_check_mode_names_stale_missing_and_orphan_files(tmp_path):
    exercises = tmp_path / "exercises"
    assert build(ROOT / "solutions", exercises) == []
    first = sorted(exercises.glob("*.ipynb"))[0]
    first.write_text(first.read_text().replace("check", "chekc", 1))
    (exercises / "99_orphan.ipynb").write_text("{}")
    missing = sorted(exercises.glob("*.ipynb"))[1]
    missing.unlink()
    problems = build(ROOT / "solutions", exercises, check=True)
    assert any(p.startswith(f"{first}: stale") for p in problems)
    assert any(p.startswith(f"{missing}: missing") for p in problems)
    assert any("99_orphan.ipynb: has no solution notebook" in p for p in problems)
    cli = subprocess.run([sys.executable, "-m", "gru_course", "build-exercises", "--check",
                          "--exercises", str(exercises)], capture_output=True, text=True)
    assert cli.returncode == 1 and f"{first}: stale" in cli.stderr


def test_a_region_in_a_function_becomes_a_raise_with_an_instruction():
    source = ('def f(a):\n    """Doc."""\n    ### BEGIN SOLUTION\n    b = a + 1\n'
              '    return b\n    ### END SOLUTION\n')
    assert stub_source(source) == ('def f(a):\n    """Doc."""\n    raise NotImplementedError('
                                   '"Write the body of f, run this cell, then run its check.")\n')


def test_a_top_level_region_becomes_assignments_of_none():
    source = "x = 1\n### BEGIN SOLUTION\nanswer = x + 1\nother: int = 3\n### END SOLUTION\nprint(answer)"
    assert stub_source(source) == ("x = 1\nanswer = None  # your answer\n"
                                   "other = None  # your answer\nprint(answer)")


def test_a_region_that_fills_in_a_template_above_it_leaves_the_template_as_the_stub():
    source = ('answer = {"a": None, "b": None}\n### BEGIN SOLUTION\nanswer = {"a": 1, "b": 2}\n'
              '### END SOLUTION\ncheck(answer)')
    assert stub_source(source) == 'answer = {"a": None, "b": None}\ncheck(answer)'
    # a region that assigns a name the template does not have still gets its line
    source = "a = None\n### BEGIN SOLUTION\na = 1\nb = 2\n### END SOLUTION"
    assert stub_source(source) == "a = None\na = None  # your answer\nb = None  # your answer"


def test_an_unclosed_region_is_an_error():
    with pytest.raises(ValueError, match="without '### END SOLUTION'"):
        stub_source("def f():\n    ### BEGIN SOLUTION\n    return 1\n")


def test_solution_only_cells_outputs_and_metadata_are_dropped():
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {"tags": ["solution-only"]}, "source": "solved"},
        {"cell_type": "code", "metadata": {"tags": ["check"], "execution": {"x": 1}},
         "source": "check_f(f)", "outputs": [{"output_type": "stream"}], "execution_count": 3}],
        "metadata": {"kernelspec": {"name": "other"}}, "nbformat": 4, "nbformat_minor": 5}
    out = exercise_notebook(nb)
    assert len(out["cells"]) == 1
    assert out["cells"][0]["outputs"] == [] and out["cells"][0]["execution_count"] is None
    assert out["cells"][0]["metadata"] == {"tags": ["check"]}
    assert out["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_exercise_functions_have_exactly_the_contract_signatures(path):
    defined = []
    for cell in cells(path):
        if cell["cell_type"] == "code" and cell["metadata"].get("nbgrader", {}).get("solution"):
            for node in ast.parse("".join(cell["source"])).body:
                if isinstance(node, ast.FunctionDef):
                    defined.append(f"{node.name}({ast.unparse(node.args)})")
    for signature in CONTRACT.get(path.name, []):
        assert signature in defined, signature


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_exercise_has_nbgrader_metadata_and_a_one_line_check(path):
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    solutions = [c for c in code if c["metadata"].get("nbgrader", {}).get("solution")]
    checks = [c for c in code if "check" in c["metadata"].get("tags", [])]
    assert len(solutions) == len(checks) > 0
    for sol, chk in zip(solutions, checks):
        name = sol["metadata"]["nbgrader"]["grade_id"]
        assert "### BEGIN SOLUTION" in "".join(sol["source"])
        meta = chk["metadata"]["nbgrader"]
        source = "".join(chk["source"]).strip()
        call = re.fullmatch(r"check_(\w+)\((\w+)\)", source)
        assert call and call.group(2) == name, source                 # one line: check_x(answer)
        assert meta["grade"] is True and meta["points"] > 0 and meta["grade_id"] == f"check_{call.group(1)}"
        assert meta["locked"] is True and meta["schema_version"] == 3


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")) + SOLUTIONS,
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_check_cell_can_be_skipped_or_allowed_to_raise(path):
    for cell in cells(path):
        if "check" in cell["metadata"].get("tags", []):
            tags = set(cell["metadata"]["tags"])
            assert not tags & {"raises-exception", "nbval-skip", "skip-execution", "nbval-ignore-output"}
            source = "".join(cell["source"])
            assert "NBVAL_SKIP" not in source and "NBVAL_RAISES_EXCEPTION" not in source


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_exercise_notebooks_ship_clean_with_the_python3_kernel(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            assert "### BEGIN SOLUTION" not in "".join(cell["source"])


def test_plain_nbval_on_the_exercises_fails_exactly_the_check_cells(tmp_path):
    """`pytest --nbval-lax exercises/NN.ipynb`, as a learner would run it."""
    run = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env",
                          "-p", "no:cacheprovider", "-q", "-rf", "--no-header", "-o", "addopts=",
                          *map(str, sorted((ROOT / "exercises").glob("*.ipynb")))],
                         cwd=ROOT, capture_output=True, text=True)
    failed = set(re.findall(r"FAILED (exercises/\S+::Cell \d+)", run.stdout))
    expected = set()
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        code = [c for c in cells(path) if c["cell_type"] == "code"]
        expected |= {f"exercises/{path.name}::Cell {i}" for i, c in enumerate(code)
                     if "check" in c["metadata"].get("tags", [])}
    assert failed == expected and expected


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")) + SOLUTIONS,
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_control_characters_in_the_prose(path):
    """A stray escape in a builder ('\\a' in '\\approx') becomes an invisible control character."""
    for cell in cells(path):
        text = "".join(cell["source"])
        bad = [hex(ord(c)) for c in text if ord(c) < 32 and c not in "\n\t"]
        assert not bad, f"{path.name}, cell {cell.get('id')}: control characters {bad}"


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")) + SOLUTIONS,
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_cell_that_draws_a_figure_shows_it(path):
    """A figure is shown only when it is the cell's last value: a print after the plot call
    leaves the text promising a figure the learner never sees."""
    for i, cell in enumerate(cells(path)):
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or not re.search(r"\b(plots|diagrams)\.\w+\(", source):
            continue
        shown = any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))
        assert shown, f"{path.name}, cell {i} ({source[:60]!r}...) draws a figure but shows none"
