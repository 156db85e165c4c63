"""Grading speed: a class of solved 02 notebooks, with one worker and with two.

    python benchmarks/bench_grading.py [--copies 60] [--jobs 1 2] [--with-broken] [--busy]

Writes `copies` submissions (submissions/learnerNN/02_forward_flow.ipynb) into a temporary
folder, grades the folder with each --jobs value, and prints notebooks per minute (goal: at least
40 on two cores). --with-broken adds one submission of each broken kind of
tests/class_fixtures.py (an infinite loop, a killed kernel, an edited check, invalid JSON, ...),
checks that every file is byte-identical afterwards, and prints the table of the broken ones.
--busy grades each class a second time while a separate process spins on one core (another
user's job), and prints the throughput ratio (goal: busy at least half of idle).
"""
from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))            # the fixture builders live with the tests

import class_fixtures  # noqa: E402
from gru_course.grading import grade, table  # noqa: E402


def spin() -> None:
    while True:
        pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--with-broken", action="store_true")
    parser.add_argument("--busy", action="store_true", help="also grade with one core kept busy")
    args = parser.parse_args(argv)
    broken = tuple(class_fixtures.BROKEN) if args.with_broken else ()
    goal_met = True
    for jobs in args.jobs:
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp) / "submissions"
            paths = class_fixtures.write_class(folder, args.copies, broken)
            before = {p: hashlib.sha256(p.read_bytes()).digest() for p in paths}
            start = time.perf_counter()
            results = grade([str(folder)], jobs=jobs, timeout=args.timeout,
                            json_path=pathlib.Path(tmp) / "grades.json", progress=False)
            seconds = time.perf_counter() - start
            unchanged = all(hashlib.sha256(p.read_bytes()).digest() == d for p, d in before.items())
            full = sum(r.points == r.max_points > 0 for r in results)
            rate = len(paths) / seconds * 60
            goal_met &= rate >= 40 or bool(broken)
            print(f"--jobs {jobs}: {len(paths)} notebooks in {seconds:.1f} s = {rate:.0f} per minute; "
                  f"{full} with full marks; files unchanged: {unchanged}")
            if broken and jobs == args.jobs[-1]:
                print(table([r for r in results if r.learner in broken]))
            if args.busy:
                hog = multiprocessing.Process(target=spin, daemon=True)
                hog.start()
                try:
                    start = time.perf_counter()
                    grade([str(folder)], jobs=jobs, timeout=args.timeout, progress=False)
                    busy_rate = len(paths) / (time.perf_counter() - start) * 60
                finally:
                    hog.terminate()
                    hog.join()
                print(f"--jobs {jobs}, one core busy: {busy_rate:.0f} per minute, "
                      f"{busy_rate / rate:.2f} of idle (goal: at least 0.5)")
    return 0 if goal_met else 1


if __name__ == "__main__":
    raise SystemExit(main())
