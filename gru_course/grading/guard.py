"""Runs one check inside a learner's kernel, out of the learner's reach as far as Python allows.

The grader replaces every check cell of the executed copy with a call to run(). run() loads a
private copy of the gru_course package from disk under a fresh module name, so that whatever
the learner's code did to `check_*`, to `gru_course.checks` or to any other gru_course module
(redefined, monkeypatched, replaced in sys.modules) does not touch the check that runs. On
success it prints a line with the run's nonce, which the grader requires before it counts a
pass. What remains possible without an operating-system sandbox is listed in README.md.
This file is loaded by path, not imported, and uses nothing but the standard library and numpy.
"""
from __future__ import annotations

import importlib.util
import itertools
import pathlib
import sys

_COUNTER = itertools.count()


def _private_package(package_dir: str, nonce: str):
    """A fresh copy of gru_course, imported from `package_dir` under a name no one else uses."""
    name = f"_gru_course_graded_{nonce}_{next(_COUNTER)}"
    spec = importlib.util.spec_from_file_location(
        name, pathlib.Path(package_dir) / "__init__.py", submodule_search_locations=[package_dir])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module                    # relative imports inside it resolve to it
    spec.loader.exec_module(module)
    return importlib.import_module(f"{name}.checks")


def _speak_as_the_notebook(checks) -> None:
    """Give the private copy the language the notebook chose (gru_course.use_language), so a
    Korean notebook's hints are Korean; anything else the kernel holds there is ignored."""
    chosen = getattr(sys.modules.get("gru_course.i18n"), "_language", "en")
    private = importlib.import_module(checks.__name__.rsplit(".", 1)[0] + ".i18n")
    if chosen in private.LANGUAGES:
        private.use_language(chosen)


def run(check: str, answer: str, nonce: str, package_dir: str) -> None:
    """Run checks.<check> on the learner's object named `answer`; print the nonce on success."""
    checks = _private_package(package_dir, nonce)
    _speak_as_the_notebook(checks)
    from IPython import get_ipython
    namespace = get_ipython().user_ns
    if answer not in namespace:
        raise checks.CheckFailure(f"{answer} is not defined: the cell that defines it did not run "
                                  "or raised an error")
    getattr(checks, check)(namespace[answer])
    print(f"[graded {nonce}]")
