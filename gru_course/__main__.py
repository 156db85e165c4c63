"""Command line: python -m gru_course {build-exercises,grade} ..."""
from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gru_course", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build-exercises", help="write exercises/ from solutions/")
    build.add_argument("--check", action="store_true",
                       help="write nothing; exit 1 and name the files if exercises/ is stale")
    build.add_argument("--solutions", type=pathlib.Path, default=ROOT / "solutions")
    build.add_argument("--exercises", type=pathlib.Path, default=ROOT / "exercises")

    grade = commands.add_parser("grade", help="execute exercise notebooks and score their checks")
    grade.add_argument("notebooks", nargs="+", help="exercise notebooks (.ipynb)")
    grade.add_argument("--json", type=pathlib.Path, help="also write the results as JSON here")
    grade.add_argument("--jobs", type=int, default=1, help="notebooks graded in parallel")
    grade.add_argument("--timeout", type=float, default=120, help="seconds allowed per cell")

    args = parser.parse_args(argv)
    if args.command == "build-exercises":
        from .exercises import build as build_exercises
        problems = build_exercises(args.solutions, args.exercises, check=args.check)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print("exercises/ is up to date" if args.check else f"wrote {args.exercises}")
        return 1 if problems else 0
    from .grading import grade as grade_notebooks, table, to_json
    missing = [p for p in args.notebooks if not pathlib.Path(p).is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    results = grade_notebooks(args.notebooks, jobs=args.jobs, timeout=args.timeout)
    print(table(results))
    if args.json:
        args.json.write_text(to_json(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
