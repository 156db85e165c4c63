"""A class at scale, graded as an instructor would: the CLI, the sandbox, a kill halfway, a rerun.

    python benchmarks/bench_class.py [--solved 1000] [--jobs 2] [--kill-at 0.5] [--out FILE]

Writes `solved` solved 02 notebooks and one of each hostile kind of tests/class_fixtures.py
(hostile(): another learner's file, writing outside, the network, a fork bomb, a full disk,
the grader's state, signals, forged or patched checks) into a temporary folder; runs `python -m gru_course grade FOLDER --jobs 2
--json --csv` (sandbox on); kills the grader's process group once `kill-at` of the class is in
the JSON; reruns the same command, which skips what is already graded; and reports:
throughput of each run and overall (goal: at least 120 per minute with two jobs), the resident
memory of the grader's process tree sampled every 2 s (goal: flat, no growth with the class),
that every notebook has exactly one result in the JSON and CSV, that the solved ones have full
marks, and what each hostile notebook's notes say. The numbers go to --out (JSON) as well.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import class_fixtures  # noqa: E402

FULL = 15


def tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and all its descendants (Linux /proc), in MB."""
    children: dict[int, list[int]] = {}
    rss = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total / 2 ** 20


def graded_count(path: pathlib.Path) -> int:
    try:
        return sum(nb["status"] != "incomplete" for nb in json.loads(path.read_text())["notebooks"])
    except (OSError, ValueError, KeyError):
        return 0


def run(command, out: pathlib.Path, total: int, kill_at: float | None, samples: list):
    start = time.perf_counter()
    grader = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
    killed = False
    while grader.poll() is None:
        samples.append((round(time.perf_counter() - start, 1), graded_count(out),
                        round(tree_rss_mb(grader.pid))))
        if kill_at is not None and samples[-1][1] >= kill_at * total:
            os.killpg(grader.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(2)
    grader.wait()
    return time.perf_counter() - start, killed, grader.returncode


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solved", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kill-at", type=float, default=0.5)
    parser.add_argument("--out", type=pathlib.Path, default=None)
    args = parser.parse_args(argv)
    server = socket.create_server(("127.0.0.1", 0))       # the listener the network kind tries
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp) / "submissions"
        paths = class_fixtures.write_class(folder, args.solved, broken=())
        hostile = class_fixtures.hostile(folder, server.getsockname()[1])
        for name, nb in hostile.items():
            paths.append(class_fixtures._write(folder / name / "02_forward_flow.ipynb", nb))
        out, book = pathlib.Path(tmp) / "grades.json", pathlib.Path(tmp) / "grades.csv"
        command = [sys.executable, "-m", "gru_course", "grade", str(folder), "--jobs",
                   str(args.jobs), "--json", str(out), "--csv", str(book), "--no-progress"]
        first_samples, second_samples = [], []
        first, killed, _ = run(command, out, len(paths), args.kill_at, first_samples)
        kept = graded_count(out)
        second, _, status = run(command, out, len(paths), None, second_samples)
        report = json.loads(out.read_text())["notebooks"]
        rows = list(csv.DictReader(book.open()))
    by_learner = {nb["learner"]: nb for nb in report}
    solved = [nb for nb in report if nb["learner"].startswith("learner")]
    rerun_graded = len(paths) - kept
    result = {
        "notebooks": len(paths), "solved": args.solved, "hostile": sorted(hostile),
        "jobs": args.jobs, "cpu_count": os.cpu_count(),
        "first_run": {"seconds": round(first, 1), "killed": killed, "graded": kept,
                      "per_minute": round(kept / first * 60, 1)},
        "rerun": {"seconds": round(second, 1), "exit_status": status, "graded": rerun_graded,
                  "per_minute": round(rerun_graded / second * 60, 1)},
        "overall_per_minute": round(len(paths) / (first + second) * 60, 1),
        "json_results": len(report), "csv_rows": len(rows),
        "unique_notebooks_in_json": len({nb["notebook"] for nb in report}),
        "solved_with_full_marks": sum(nb["points"] == FULL for nb in solved),
        "listener_connections": len(accepted),
        "hostile_notes": {name: by_learner[name]["notes"] + by_learner[name]["flags"]
                          for name in sorted(hostile)},
        "memory_mb_first_run": [s for s in first_samples[::5]],
        "memory_mb_rerun": [s for s in second_samples[::5]],
    }
    mem = [s[2] for s in first_samples + second_samples if s[1] > 0]
    result["memory_mb_min_max"] = [min(mem), max(mem)] if mem else []
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
