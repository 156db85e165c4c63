"""Files a grader meets in a class folder that are not well-formed notebooks, and what a
learner's names and messages may contain: each gets its reason, and nothing one submission
holds stops the others, reaches another learner's total or runs in the instructor's tools."""
import copy
import csv
import io
import json
import os

import pytest

import class_fixtures
from gru_course.grading import NotebookResult, grade, table, to_csv, to_json
from gru_course.grading.results import ExerciseResult


def _with_cell(**cell):
    nb = copy.deepcopy(class_fixtures.SOLVED)
    nb["cells"].append({"cell_type": "code", "metadata": {}, "source": "", "outputs": [], **cell})
    return nb


MALFORMED = {                        # learner -> (notebook JSON, the reason it must get)
    "source_numbers": (_with_cell(source=[1]), "the source of cell"),
    "source_number": (_with_cell(source=5), "the source of cell"),
    "no_cell_type": (_with_cell(cell_type=None), "is not a code, markdown or raw cell"),
    "metadata_list": (_with_cell(metadata=[]), "the metadata of cell"),
    "nbgrader_text": (_with_cell(metadata={"nbgrader": "x"}), "the metadata of cell"),
    "tags_number": (_with_cell(metadata={"tags": 3}), "the metadata of cell"),
    "notebook_metadata": (dict(class_fixtures.SOLVED, metadata=[]), "its metadata is not"),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("files") / "submissions"
    class_fixtures.write_class(folder, solved=1, broken=())
    for learner, (nb, _) in MALFORMED.items():
        class_fixtures._write(folder / learner / "02_forward_flow.ipynb", nb)
    (folder / "fifo").mkdir()
    os.mkfifo(folder / "fifo" / "02_forward_flow.ipynb")           # reading it would never end
    (folder / "zero").mkdir()
    (folder / "zero" / "02_forward_flow.ipynb").symlink_to("/dev/zero")
    surrogate = class_fixtures._edit("def sigmoid", '    """σ(a)', '    raise ValueError("bad \\udcff byte")\n    """σ(a)')
    class_fixtures._write(folder / "surrogate" / "02_forward_flow.ipynb", surrogate)
    class_fixtures._write(folder / os.fsdecode(b"mallory\xff") / "02_forward_flow.ipynb",
                          class_fixtures.SOLVED)                     # a folder name not UTF-8
    (folder / "sparse").mkdir()
    with open(folder / "sparse" / "02_forward_flow.ipynb", "wb") as f:
        f.truncate(100 * 2 ** 30)                                    # 100 GB, no disk used
    results = grade([str(folder)], jobs=2, timeout=60, progress=False,
                    json_path=folder.parent / "grades.json")
    return {r.learner: r for r in results}


def test_the_solved_notebook_is_graded_beside_them(graded):
    assert graded["learner00"].points == graded["learner00"].max_points == 15


def test_text_that_is_not_utf8_is_escaped_instead_of_stopping_the_grader(graded):
    # a lone surrogate in an exception message, or a folder name with a byte that is not UTF-8,
    # stopped pytest-xdist's transport and every write of the results before
    sigmoid = next(e for e in graded["surrogate"].exercises if e.exercise == "sigmoid")
    assert "sigmoid raised ValueError: bad \\udcff byte" in sigmoid.message
    assert graded["surrogate"].status == "graded" and graded["learner00"].points == 15
    assert graded[os.fsdecode(b"mallory\xff")].points == 15


@pytest.mark.parametrize("learner", MALFORMED)
def test_a_malformed_notebook_is_not_graded_and_says_why(graded, learner):
    result = graded[learner]
    assert result.status == "not graded" and MALFORMED[learner][1] in result.problem, result


@pytest.mark.parametrize("learner, problem", [
    ("fifo", "not a regular file"), ("zero", "a symbolic link, not a file"),
    ("sparse", "over the 50 MB limit")])
def test_a_file_that_is_not_a_notebook_file_is_refused_without_reading_it(graded, learner, problem):
    assert problem in graded[learner].problem, graded[learner]


def _result(learner, points, exercise_set="02_forward_flow", notebook="n.ipynb", problem=""):
    return NotebookResult(notebook, learner, exercise_set, "graded", problem=problem,
                          exercises=[ExerciseResult("gru_step", points, 2.0, "passed", "")])


def test_a_learners_total_counts_each_exercise_set_once_at_its_lowest():
    # a file at the top of the folder, honest.ipynb, is the learner "honest" too; and several
    # copies with different guesses must not earn the best of them
    report = json.loads(to_json([_result("honest", 2.0), _result("honest", 0.0, notebook="x"),
                                 _result("honest", 1.0, exercise_set="03_bptt")]))
    assert report["learners"]["honest"] == {"points": 1.0, "max_points": 4.0,
                                            "duplicate_sets": ["02_forward_flow"]}


def test_the_gradebook_takes_no_cell_for_a_formula():
    rows = list(csv.reader(io.StringIO(to_csv([
        _result('=HYPERLINK("http://evil.example","x")', 1.0, problem="+1"),
        _result("@sum", 1.0), _result("-2", 1.0), _result("bob", 1.0)]))))
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'@sum",
                                           "'-2", "bob"]
    assert rows[1][6] == "'+1"


def test_the_printed_table_spells_out_control_characters():
    result = _result("ansi\x1b[1A\x1b[2K\x1b]0;pwned\x07\n\nvictim: 0 of 11\u202e", 0.0)
    result.exercises[0] = ExerciseResult("gru_step", 0.0, 2.0, "failed", "bad\x1b[2J\x1b[H fake")
    printed = table([result])
    assert "\x1b" not in printed and "\x07" not in printed
    assert "ansi\\x1b[1A" in printed and "bad\\x1b[2J" in printed
    assert "\\x0a\\x0avictim" in printed and "\u202e" not in printed and printed.count("\n") == 2
