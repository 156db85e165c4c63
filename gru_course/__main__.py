"""Command line: python -m gru_course {build-exercises,build-translations,grade,nbgrader,slides,train-agreement} ..."""
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

    korean = commands.add_parser("build-translations",
                                 help="write notebooks/ko, solutions/ko, exercises/ko from the "
                                      "English notebooks and translations/ko")
    korean.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and name the cells if the Korean edition is "
                             "stale, untranslated or breaks the glossary")
    korean.add_argument("--skeletons", action="store_true",
                        help="only add new or changed English cells to the catalogues, marked TODO")
    korean.add_argument("--no-run", action="store_true",
                        help="write the notebooks without executing them")

    grade = commands.add_parser("grade", help="execute exercise notebooks and score their checks")
    grade.add_argument("paths", nargs="+",
                       help="notebooks, or folders of them (e.g. submissions/<learner>/*.ipynb)")
    grade.add_argument("--json", type=pathlib.Path, help="write the results as JSON here")
    grade.add_argument("--csv", type=pathlib.Path, help="write a gradebook CSV here")
    grade.add_argument("--jobs", type=int, default=None,
                       help="notebooks graded in parallel (default: the number of cores)")
    grade.add_argument("--timeout", type=float, default=120, help="seconds allowed per cell")
    grade.add_argument("--memory-limit", type=float, default=4.0,
                       help="GB of memory (address space) per kernel")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    grade.add_argument("--regrade", action="store_true",
                       help="grade every notebook again, even those --json already has a result "
                            "for (by default a rerun skips unchanged, finished notebooks)")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="run learner code without the operating-system sandbox, with your "
                            "rights (only where bubblewrap cannot run)")

    course = commands.add_parser("nbgrader", help="write an nbgrader course folder from solutions/")
    course.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "nbgrader")

    slides = commands.add_parser("slides", help="build reveal.js decks of the lectures, offline")
    slides.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        help="lectures to convert (default: notebooks/*.ipynb, and the Korean "
                             "notebooks/ko/*.ipynb into OUT/ko)")
    slides.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "slides")
    slides.add_argument("--assets", type=pathlib.Path, default=ROOT / "build" / "slides-assets",
                        help="folder whose node_modules holds the decks' scripts")
    slides.add_argument("--install-assets", action="store_true",
                        help="only npm-install the scripts into --assets")

    train = commands.add_parser("train-agreement",
                                help="train the agreement language models of lecture 04")
    train.add_argument("--cells", nargs="+", default=["gru", "lstm", "rnn"],
                       choices=["gru", "lstm", "rnn"])
    train.add_argument("--seeds", type=int, nargs="+", default=list(range(16)))
    train.add_argument("--steps", type=int, default=None, help="training steps (default 6000)")
    train.add_argument("--ship-seed", type=int, default=1,
                       help="the seed whose checkpoints are written (agreement_<cell>.pt)")
    train.add_argument("--exercise-seed", type=int, default=None,
                       help="the seed whose GRU is written as agreement_gru_exercise.pt")
    train.add_argument("--out", type=pathlib.Path, default=None,
                       help="folder for results.json and the checkpoints (default gru_course/trained)")
    train.add_argument("--no-progress", action="store_true")

    args = parser.parse_args(argv)
    if args.command == "train-agreement":
        from . import experiment
        experiment.main(args.cells, args.seeds, args.steps or experiment.STEPS,
                        args.out or experiment.TRAINED, args.ship_seed, not args.no_progress,
                        args.exercise_seed)
        return 0
    if args.command == "slides":
        from . import slides as decks
        if args.install_assets:
            decks.install_assets(args.assets)
            return 0
        modules = args.assets / "node_modules"
        if not modules.exists():
            parser.error(f"{modules} is missing: run `make slides`, or this command with "
                         "--install-assets first (it needs npm and the npm registry)")
        editions = ([(args.notebooks, args.out)] if args.notebooks else
                    [(sorted((ROOT / "notebooks").glob("*.ipynb")), args.out),
                     (sorted((ROOT / "notebooks" / "ko").glob("*.ipynb")), args.out / "ko")])
        for notebooks, out in editions:
            for path in decks.build(notebooks, out, modules):
                print(path)
        return 0
    if args.command == "nbgrader":
        from .grading.nbgrader import write_course
        for path in write_course(args.out):
            print(path)
        print(f"nbgrader course folder ready: cd {args.out} && nbgrader generate_assignment "
              "02_forward_flow")
        return 0
    if args.command == "build-exercises":
        from .exercises import build as build_exercises
        problems = build_exercises(args.solutions, args.exercises, check=args.check)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print("exercises/ is up to date" if args.check else f"wrote {args.exercises}")
        return 1 if problems else 0
    if args.command == "build-translations":
        from . import translate
        if args.skeletons:
            for path in translate.write_skeletons(ROOT):
                print(path)
            return 0
        problems = translate.catalogue_problems(ROOT) + translate.build(
            ROOT, check=args.check, run=not args.no_run)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print("the Korean edition is up to date" if args.check else "wrote the Korean edition")
        return 1 if problems else 0
    return _grade(parser, args)


GRADER_NEEDS = ("pytest", "nbval", "ipykernel", "tqdm", "torch")


def _grade(parser, args) -> int:
    """Exit 0 when every notebook was graded (whatever its score), 1 when the grader stopped
    before some notebook finished, 2 when it cannot run here at all; 1 and 2 name the fix."""
    import importlib.util
    lacking = [m for m in GRADER_NEEDS if importlib.util.find_spec(m) is None]
    if lacking:
        print(f"The grader cannot run with {sys.executable}: it lacks {', '.join(lacking)}. "
              "Run it with the course's environment, from the course folder: "
              ".venv/bin/python -m gru_course grade PATH (run `make setup` first if .venv is "
              "missing).", file=sys.stderr)
        return 2
    from .grading import GraderError, grade as grade_notebooks, table
    missing = [p for p in args.paths if not pathlib.Path(p).exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    try:
        results = grade_notebooks(args.paths, jobs=args.jobs, timeout=args.timeout,
                                  memory_limit=args.memory_limit, json_path=args.json,
                                  csv_path=args.csv, progress=not args.no_progress,
                                  isolate=not args.no_sandbox, regrade=args.regrade)
    except GraderError as error:
        print(error, file=sys.stderr)
        return 2
    if not results:
        parser.error("no notebooks (.ipynb) found in the paths given")
    print(table(results))
    stopped = [r.notebook for r in results if r.status == "incomplete"]
    if stopped:
        print(f"{len(stopped)} notebook(s) could not be graded to the end because the grader "
              f"stopped (see their notes): {', '.join(stopped)}. Rerun them; if it happens again, "
              "run `.venv/bin/python -m pytest --nbval-lax` on one of them to see why.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
