"""The packaging is one source of truth: environment.yml mirrors pyproject.toml, and all of it imports."""
import importlib
import os
import pathlib
import re
import subprocess
import sys
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = pathlib.Path(__file__).resolve().parents[1]
CONDA_TO_PIP = {"pytorch-cpu": "torch"}
IMPORT_NAME = {"pytest-xdist": "xdist", "pyyaml": "yaml"}


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def pip_requirements() -> dict[str, SpecifierSet]:
    project = pyproject()["project"]
    lines = project["dependencies"] + [r for extra in project["optional-dependencies"].values()
                                       for r in extra]
    reqs = [Requirement(line) for line in lines]
    return {r.name.lower(): r.specifier for r in reqs}


def conda_requirements() -> tuple[dict[str, SpecifierSet], list]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out, pip_section = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_section = dep["pip"]
            continue
        name, spec = re.match(r"([A-Za-z0-9_.-]+)(.*)", dep.replace(" ", "")).groups()
        if spec.startswith("=") and not spec.startswith("=="):
            spec = f"=={spec[1:]}.*"                    # conda's fuzzy '=0.11' is pip's '==0.11.*'
        out[CONDA_TO_PIP.get(name, name).lower()] = SpecifierSet(spec)
    return out, pip_section


def test_environment_yml_names_the_same_packages_and_bounds_as_pyproject():
    conda, pip_section = conda_requirements()
    python = conda.pop("python")
    conda.pop("pip")
    assert conda == pip_requirements()
    assert python == SpecifierSet(pyproject()["project"]["requires-python"])
    assert pip_section == ["-e ."]
    assert yaml.safe_load((ROOT / "environment.yml").read_text())["channels"] == ["conda-forge"]


@pytest.mark.parametrize("name", sorted(pip_requirements()))
def test_every_named_package_imports_at_a_version_inside_its_bounds(name):
    module = importlib.import_module(IMPORT_NAME.get(name, name.replace("-", "_")))
    assert module is not None
    version = Version(importlib.metadata.version(name))
    assert pip_requirements()[name].contains(version, prereleases=True), (name, version)


def test_the_installed_torch_is_the_cpu_build_and_no_cuda_packages_came_with_it():
    import torch
    assert not torch.version.cuda, f"torch {torch.__version__} is a CUDA build"
    dists = {d.metadata["Name"].lower() for d in importlib.metadata.distributions()}
    assert not [d for d in dists if d.startswith("nvidia-")]


def test_torch_bound_admits_no_newer_release_than_the_tested_one():
    spec = pip_requirements()["torch"]
    assert spec.contains("2.13.0") and spec.contains("2.13.0+cpu")
    assert not spec.contains("2.13.1") and not spec.contains("2.15.0")


def test_makefile_installs_exactly_pyprojects_torch_line_first():
    makefile = (ROOT / "Makefile").read_text()
    assert "TORCH_REQ := $(shell grep -o '\"torch[^\"]*\"' pyproject.toml" in makefile
    torch_line = makefile.index('"$(TORCH_REQ)"')
    assert torch_line < makefile.index('-e ".[test]"')
    out = subprocess.run(["make", "-s", "-n", "-B", "setup"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    torch_req = next(r for r in pyproject()["project"]["dependencies"] if r.startswith("torch"))
    assert f'"{torch_req}"' in out


def test_readme_commands_are_make_targets_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^lab: setup", makefile, re.M) and re.search(r"^test: setup", makefile, re.M)
    ci = (ROOT / ".ci/run").read_text()
    assert "set -euo pipefail" in ci and re.search(r"^make test$", ci, re.M)


def test_every_public_name_of_the_contract_imports_from_gru_course():
    import gru_course
    contract = ["GRUParams", "gru_step_forward", "gru_step_backward", "gru_forward", "gru_backward",
                "RNNParams", "rnn_forward", "rnn_backward", "rnn_step_forward", "rnn_step_backward",
                "LSTMParams", "lstm_forward", "lstm_backward", "lstm_step_forward",
                "lstm_step_backward", "flip_update_gate", "sigmoid", "rel_error",
                "numerical_gradient", "gradient_report", "time_step_report"]
    for name in contract:
        assert name in gru_course.__all__ and callable(getattr(gru_course, name)), name
    assert callable(gru_course.GRUParams.from_torch) and callable(gru_course.GRUParams.init)


def test_importing_the_package_loads_neither_torch_nor_matplotlib():
    code = ("import sys, gru_course; "
            "print(sorted(m for m in ('torch', 'matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_course_kernel_runs_torch_and_blas_on_one_thread():
    """The kernel JupyterLab starts (the environment's python3 spec) sets one thread, and a
    kernel started from it sees that in torch."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[0].startswith(sys.prefix), spec.argv       # this environment's kernel
    assert {spec.env.get(v) for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")} == {"1"}
    code = "import torch; print(torch.get_num_threads())"
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], env=env | spec.env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "1"
