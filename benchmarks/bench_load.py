"""Notebook run times on an idle machine and with one core kept busy by an unrelated process.

    python benchmarks/bench_load.py [notebooks ...] [--threads 1 2] [--repeats 1]

Each notebook is executed top to bottom in a fresh kernel (nbclient), first with both cores
idle, then while a separate process spins on one core (a pure-Python busy loop, as another
user's job would). The kernel's torch and BLAS thread count is set by --threads through
OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and MKL_NUM_THREADS (1 is what the course's kernel uses;
2 is what torch would pick on this machine by itself). Prints seconds idle, seconds busy and their
ratio (goal: at most 1.5 with one thread). Run it with nothing else heavy on the machine.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def spin() -> None:
    while True:
        pass


def kernelspec(folder: pathlib.Path, threads: int) -> str:
    """A kernel named gru-bench-<threads> whose environment fixes the thread count."""
    name = f"gru-bench-{threads}"
    spec = folder / "kernels" / name
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": name, "language": "python",
        "env": {var: str(threads) for var in THREAD_VARS} | {"MPLBACKEND": "Agg"}}))
    return name


def run_once(path: pathlib.Path, kernel: str) -> float:
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name=kernel,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path)
    parser.add_argument("--threads", type=int, nargs="+", default=[1])
    parser.add_argument("--repeats", type=int, default=1, help="runs per condition (the minimum counts)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb")) + \
        sorted((ROOT / "solutions").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JUPYTER_PATH"] = tmp
        print(f"{'notebook':32} threads  idle (s)  busy (s)  busy/idle")
        worst = 0.0
        for threads in args.threads:
            kernel = kernelspec(pathlib.Path(tmp), threads)
            for path in paths:
                idle = min(run_once(path, kernel) for _ in range(args.repeats))
                hog = multiprocessing.Process(target=spin, daemon=True)
                hog.start()
                try:
                    busy = min(run_once(path, kernel) for _ in range(args.repeats))
                finally:
                    hog.terminate()
                    hog.join()
                ratio = busy / idle
                worst = max(worst, ratio) if threads == 1 else worst
                print(f"{path.relative_to(ROOT).as_posix():32} {threads:>7}  {idle:8.1f}  {busy:8.1f}  "
                      f"{ratio:9.2f}", flush=True)
        print(f"worst ratio with one thread: {worst:.2f} (goal: at most 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
