"""A class of submissions to grade: solved notebooks, and one of each way a submission breaks.

Built from solutions/02_forward_flow.ipynb (and 03 for the wrong-set case) at test time, so the
fixtures follow the course when it changes. Used by tests/test_grading_class.py and by
benchmarks/bench_grading.py.
"""
from __future__ import annotations

import copy
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOLVED = json.loads((ROOT / "solutions/02_forward_flow.ipynb").read_text())


def _cells_with(nb, text):
    return [c for c in nb["cells"] if text in "".join(c["source"])]


def _edit(text_in_cell: str, old: str, new: str):
    nb = copy.deepcopy(SOLVED)
    [cell] = [c for c in _cells_with(nb, text_in_cell) if c["cell_type"] == "code"][:1]
    source = "".join(cell["source"])
    assert old in source, (old, source)
    cell["source"] = source.replace(old, new)
    return nb


def _drop_check(exercise: str):
    nb = copy.deepcopy(SOLVED)
    nb["cells"] = [c for c in nb["cells"] if "".join(c["source"]).strip() != f"check_{exercise}({exercise})"]
    return nb


def _duplicate_check(exercise: str):
    nb = copy.deepcopy(SOLVED)
    index = next(i for i, c in enumerate(nb["cells"]) if "".join(c["source"]).strip() == f"check_{exercise}({exercise})")
    nb["cells"].insert(index + 1, copy.deepcopy(nb["cells"][index]))
    nb["cells"][index + 1]["id"] = "duplicate"
    return nb


def _insert_after(exercise_def: str, code: str):
    nb = copy.deepcopy(SOLVED)
    index = next(i for i, c in enumerate(nb["cells"]) if exercise_def in "".join(c["source"]))
    nb["cells"].insert(index + 1, {"cell_type": "code", "metadata": {}, "source": code,
                                   "outputs": [], "execution_count": None, "id": "inserted"})
    return nb


WRONG_STEP = ("return z * h_prev + (1 - z) * n", "return (1 - z) * h_prev + z * n")

# name -> (notebook JSON or raw bytes, what the grade must show)
BROKEN = {
    "infinite_loop": (_edit("def candidate_after", '    """n_t, (N, H)', '    while True:\n        pass\n    """n_t, (N, H)'),
                      "candidate_after timed out; every other exercise graded"),
    "os_exit": (_insert_after("def update_gate", "import os\nos._exit(3)"),
                "kernel died after reset_gate: 2 points kept"),
    "segfault": (_insert_after("def reset_gate", "import ctypes\nctypes.string_at(0)"),
                 "kernel died after sigmoid: 1 point kept"),
    "memory_blowup": (_insert_after("def sigmoid", "import numpy as np\nhuge = np.ones(750_000_000)  # 6 GB"),
                      "MemoryError noted, kernel alive, everything graded"),
    "deleted_check": (_drop_check("gru_step"), "gru_step not graded: check deleted"),
    "duplicated_check": (_duplicate_check("sigmoid"), "flagged, graded once"),
    "edited_check": (_edit("check_gru_sequence(gru_sequence)", "check_gru_sequence(gru_sequence)",
                           'print("✓ gru_sequence is correct")'), "gru_sequence not graded: check edited"),
    "redefined_check": (_insert_after("def gru_step", (
        "def check_gru_step(f):\n    print('✓ gru_step is correct')\n"
        "import gru_course.checks as c, gru_course.checks.engine as e\n"
        "c.check_gru_step = check_gru_step\ne.compare = lambda *a, **k: None\n"
        "gru_step = lambda x, h, p: h")), "gru_step still fails: the guard ignores the patches"),
    "wrong_step": (_edit("def gru_step", *WRONG_STEP), "gru_step and gru_sequence: the convention hint"),
    "invalid_json": (b'{"cells": [ {"cell_type": "code", ', "invalid JSON"),
    "empty": (b"", "empty file"),
    "other_set": (json.loads((ROOT / "solutions/03_bptt.ipynb").read_text()), "wrong exercise set"),
    "huge": (None, "over the size limit"),                         # written by write_class
}


def write_class(folder: pathlib.Path, solved: int, broken=tuple(BROKEN)) -> list[pathlib.Path]:
    """submissions/<learner>/02_forward_flow.ipynb for `solved` learners and one per broken kind."""
    paths = []
    for i in range(solved):
        paths.append(_write(folder / f"learner{i:02d}" / "02_forward_flow.ipynb", SOLVED))
    for name in broken:
        content = BROKEN[name][0]
        path = folder / name / "02_forward_flow.ipynb"
        if name == "huge":
            nb = copy.deepcopy(SOLVED)
            nb["cells"][-1].setdefault("attachments", {})["big.txt"] = {"text/plain": "x" * (51 * 2 ** 20)}
            content = nb
        paths.append(_write(path, content))
    return paths


def _write(path: pathlib.Path, content) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(json.dumps(content))
    return path


# Hostile submissions for the sandbox (issue 13): each tries one thing a stranger's notebook could
# do to the instructor's machine; the cell raises if the attempt fails, so the attempt shows in
# the submission's notes, and every other exercise must still be graded. `folder` is the class's
# folder, `port` a listener the test keeps open on the grader's 127.0.0.1.
def hostile(folder: pathlib.Path, port: int) -> dict[str, dict]:
    other = folder / "learner00" / "02_forward_flow.ipynb"
    code = {
        "read_other": f"peek = open({str(other)!r}).read()",
        "write_outside": (f"open({str(folder / 'write_outside' / 'pwned.txt')!r}, 'w').write('x')\n"),
        "home_write": f"open({str(pathlib.Path.home() / 'pwned.txt')!r}, 'w').write('x')",
        "network": f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3).sendall(b'hi')",
        "fork_bomb": ("import os, time\nchildren = []\nfor _ in range(400):\n"
                      "    pid = os.fork()\n    if pid == 0:\n        time.sleep(20)\n        os._exit(0)\n"
                      "    children.append(pid)"),
        "fork_memory": ("import os, time\nchildren = []\nfor _ in range(3):\n"
                        "    pid = os.fork()\n    if pid == 0:\n"
                        "        block = bytearray(1536 * 2 ** 20)\n"
                        "        for i in range(0, len(block), 4096):\n            block[i] = 1\n"
                        "        time.sleep(3)\n        os._exit(0)\n    children.append(pid)\n"
                        "codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]\n"
                        "raise RuntimeError(f'children exited with {codes}')"),
        "fill_disk": ("errors = []\nfor where in ('/tmp/fill', 'fill'):\n    try:\n"
                      "        with open(where, 'wb') as f:\n"
                      "            for _ in range(300):\n                f.write(b'x' * 2 ** 20)\n"
                      "    except OSError as error:\n        errors.append(f'{where}: {error.strerror}')\n"
                      "raise RuntimeError('; '.join(errors) or 'wrote 600 MB')"),
        "grader_state": ("import glob\n"
                         "copies = glob.glob('../../*/*.ipynb') + glob.glob('/tmp/gru-grade-*/*/*.ipynb')\n"
                         "graders = []\n"
                         "for path in glob.glob('/proc/[0-9]*/cmdline'):\n"
                         "    try:\n        if b'pytest' in open(path, 'rb').read():\n"
                         "            graders.append(path)\n    except OSError:\n        pass\n"
                         "raise RuntimeError(f'saw {len(copies)} graded copies and {len(graders)} "
                         "grader processes')"),
        "output_flood": ("for _ in range(12):\n    print('x' * 100_000_000)\n"
                         "raise RuntimeError('printed 1.2 GB')"),
        # Code in the learner's own kernel: the sandbox cannot stop it, the checks running in
        # the grader (grading/remote.py) must make it worthless. Both come with a wrong gru_step.
        "forge_hook": ("import re\n"
                       "def forge(lines):\n    text = ''.join(lines)\n"
                       "    name = re.search(r\"(?:serve|run)\\('(\\w+)'\", text)\n"
                       "    if name:\n"
                       "        return [f\"print('\u2713 {name.group(1)} is correct')\\n\"]\n"
                       "    return lines\n"
                       "get_ipython().input_transformers_cleanup.append(forge)"),
        "patch_numpy": ("import sys, numpy\n_abs = numpy.abs\n"
                        "def abs_for_checks(a, *args, **kwargs):\n"
                        "    if 'gru_course' in sys._getframe(1).f_code.co_filename:\n"
                        "        return numpy.zeros_like(_abs(a))\n"
                        "    return _abs(a, *args, **kwargs)\n"
                        "numpy.abs = abs_for_checks"),
        "signal_grader": ("import os, signal\n"
                          "for pid in [int(p) for p in os.listdir('/proc') if p.isdigit()]:\n"
                          "    if pid != os.getpid():\n"
                          "        try:\n            os.kill(pid, signal.SIGKILL)\n"
                          "        except OSError:\n            pass\n"
                          "raise RuntimeError('signals sent')"),
    }
    notebooks = {name: _insert_after("def sigmoid", source) for name, source in code.items()}
    for name in ("forge_hook", "patch_numpy"):
        notebooks[name] = _edit_notebook(notebooks[name], "def gru_step", *WRONG_STEP)
    return notebooks


def _edit_notebook(nb, text_in_cell: str, old: str, new: str):
    nb = copy.deepcopy(nb)
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and text_in_cell in "".join(c["source"]))
    cell["source"] = "".join(cell["source"]).replace(old, new)
    return nb
