"""The operating-system sandbox in which each learner's kernel runs (Linux, bubblewrap).

Each kernel is started as `bwrap ... python -m ipykernel_launcher -f kernel.json` with:
- no network (a network namespace of its own: 127.0.0.1 inside is not the grader's machine);
- no view of other processes (a PID namespace: the grader and other kernels do not exist);
- the system, Python and the course's package read-only, and nothing else of the machine: not
  the submissions, not the other copies, not the instructor's home or the grader's files;
- writable only its own folder (the kernel's working directory, which also holds its connection
  file and sockets: the kernel talks over Unix sockets, since there is no shared network) and a
  private /tmp of TMP_MB megabytes;
- files of at most FILE_MB megabytes, the grader's address-space limit per process, and (where
  cgroups are writable, e.g. as root) at most PIDS processes and that much memory for all of
  them together, in cgroups of its own;
- a user id of its own (65534) and a new session (no access to the grader's terminal).
The notebook copy the grader executes lives next to that folder, never inside it; the only
thing the kernel shares with the grader is the socket in its folder through which the grader's
checks question it (remote.py).
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

TMP_MB = 64
FILE_MB = 64
PIDS = 64
PACKAGE = pathlib.Path(__file__).resolve().parents[1]
_SYSTEM = ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/etc", "/sbin")


def problem() -> str | None:
    """Why the sandbox cannot run here, or None if it can (measured by starting one)."""
    if not sys.platform.startswith("linux"):
        return f"the sandbox needs Linux (this is {sys.platform})"
    if shutil.which("bwrap") is None:
        return ("bubblewrap (bwrap) is not installed: `make setup` installs it when run as root "
                "(apt-get install bubblewrap)")
    probe = subprocess.run(command(pathlib.Path("/nonexistent-sandbox-probe"), ["/bin/true"],
                                   workdir=False), capture_output=True, text=True)
    if probe.returncode != 0:
        return f"bubblewrap cannot create a sandbox here: {probe.stderr.strip() or probe.returncode}"
    return None


def _python_roots() -> list[str]:
    """The folders the course's Python needs: its installation and the environment."""
    roots = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), str(PACKAGE)}
    return sorted(roots)


def command(folder: pathlib.Path, argv: list[str], workdir: bool = True) -> list[str]:
    """`argv` wrapped in bwrap, with `folder` as the only writable folder and working directory."""
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
           "--uid", "65534", "--gid", "65534", "--hostname", "sandbox"]
    for path in _SYSTEM:
        cmd += ["--ro-bind-try", path, path]
    # /tmp first: the course (and so its Python) may itself live under /tmp, bound on top of it
    cmd += ["--proc", "/proc", "--dev", "/dev", "--size", str(TMP_MB * 2 ** 20), "--tmpfs", "/tmp"]
    for path in _python_roots():
        cmd += ["--ro-bind", path, path]
    if workdir:
        cmd += ["--bind", str(folder), str(folder), "--chdir", str(folder)]
    cmd += ["--remount-ro", "/",               # nothing else is writable, not even the sandbox's /
            "--setenv", "HOME", "/tmp", "--setenv", "MPLCONFIGDIR", "/tmp",
            "--setenv", "IPYTHONDIR", "/tmp/.ipython",
            "--unsetenv", "JPY_PARENT_PID"]    # its parent is the sandbox's pid 1: --die-with-parent
    return cmd + ["--", *argv]


_HIERARCHIES = {"pids": pathlib.Path("/sys/fs/cgroup/pids"),        # cgroup v1
                "memory": pathlib.Path("/sys/fs/cgroup/memory"),
                "unified": pathlib.Path("/sys/fs/cgroup")}            # cgroup v2


def kernel_cgroups(name: str, memory_bytes: int = 0) -> list[pathlib.Path]:
    """New cgroups for one kernel: at most PIDS processes and (if memory_bytes) that much memory
    for the kernel and every process it starts together (a per-process limit alone lets 64
    forked children hold 4 GB each). Returns their cgroup.procs files, for the kernel to join;
    empty where no cgroup is writable (then the processes are not counted, and they still die
    with the sandbox)."""
    limits = {"pids": {"pids.max": str(PIDS)},
              "memory": {"memory.limit_in_bytes": str(memory_bytes)} if memory_bytes else {},
              "unified": {"pids.max": str(PIDS), **({"memory.max": str(memory_bytes)}
                                                     if memory_bytes else {})}}
    v1 = (_HIERARCHIES["pids"] / "pids.max").exists() or (_HIERARCHIES["pids"] / "cgroup.procs").exists()
    procs = []
    for hierarchy in (("pids", "memory") if v1 else ("unified",)):
        parent, wanted = _HIERARCHIES[hierarchy], limits[hierarchy]
        if not wanted or not (parent / "cgroup.procs").exists():
            continue
        group = parent / name
        try:
            group.mkdir(exist_ok=True)
            for file, value in wanted.items():
                (group / file).write_text(value)
            procs.append(group / "cgroup.procs")
        except OSError:
            continue
    return procs


def remove_cgroups(name: str) -> None:
    """Remove the cgroups kernel_cgroups made for `name` once their processes are gone."""
    for parent in _HIERARCHIES.values():
        for group in parent.glob(f"{name}-*"):
            try:
                group.rmdir()
            except OSError:
                pass
