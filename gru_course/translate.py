"""Generate the Korean edition from the English notebooks and a translation catalogue.

The English notebooks are the source. For each one, `translations/ko/<folder>/<name>.md` holds
the Korean text of its markdown cells, one block per cell:

    <!-- cell 1a2b3c4d en 5e6f7a8b9c0d -->
    Korean markdown of that cell

keyed by the cell's id, with the first 12 hex digits of the SHA-256 of the English text it
translates. A block whose hash no longer matches is stale: the English changed since. Code cells
are copied byte for byte; one code cell is added before the first code cell, tagged `language`,
which makes the checks speak Korean. `notebooks/ko/` and `solutions/ko/` are generated and then
executed (they are committed executed, as the English ones are); `exercises/ko/` is generated
from `solutions/ko/` by the exercise generator. `--check` compares everything but outputs.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import pathlib
import re

from .exercises import dumps, exercise_notebook

LANGUAGE = "ko"
FOLDERS = ("notebooks", "solutions")
_BLOCK = re.compile(r"^<!-- cell (\S+) en ([0-9a-f]{12}) -->$", re.M)
LANGUAGE_CELL = {
    "cell_type": "code", "id": "language-ko", "execution_count": None, "outputs": [],
    "metadata": {"tags": ["language"]},
    "source": 'import gru_course\ngru_course.use_language("ko")  # 검사 메시지를 한국어로 보여 줍니다',
}


def digest(text: str) -> str:
    """The hash a catalogue block carries of the English text it translates."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def parse(text: str, where: str = "catalogue") -> dict[str, tuple[str, str]]:
    """The blocks of a catalogue: cell id -> (hash of the English, Korean text)."""
    marks = list(_BLOCK.finditer(text))
    if text[: marks[0].start() if marks else len(text)].strip():
        raise ValueError(f"{where}: text before the first '<!-- cell ID en HASH -->' line")
    blocks = {}
    for mark, following in zip(marks, marks[1:] + [None]):
        body = text[mark.end(): following.start() if following else len(text)].strip("\n")
        if mark.group(1) in blocks:
            raise ValueError(f"{where}: cell {mark.group(1)} has two blocks")
        blocks[mark.group(1)] = (mark.group(2), body)
    return blocks


def skeleton(english: dict, old: dict[str, tuple[str, str]] | None = None) -> str:
    """A catalogue for `english`: existing translations kept, new or stale cells in English
    (marked by a TODO line) for a translator to replace."""
    parts = []
    for cell in english["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text, cid = source(cell), cell["id"]
        kept = (old or {}).get(cid)
        if kept and kept[0] == digest(text):
            body = kept[1]
        else:
            body = "TODO translate" + (" (stale; previous translation below)\n" + kept[1]
                                       if kept else "") + "\n" + text
        parts.append(f"<!-- cell {cid} en {digest(text)} -->\n{body}\n")
    return "\n".join(parts)


def korean_notebook(english: dict, blocks: dict[str, tuple[str, str]], name: str
                    ) -> tuple[dict, list[str]]:
    """The Korean notebook (outputs as in `english`), and the problems with the catalogue."""
    nb, problems, used = copy.deepcopy(english), [], set()
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and not any(c["id"] == LANGUAGE_CELL["id"] for c in cells):
            cells.append(copy.deepcopy(LANGUAGE_CELL))
        if cell["cell_type"] == "markdown":
            text, cid = source(cell), cell["id"]
            block = blocks.get(cid)
            first = text.strip().split("\n")[0][:70]
            if block is None:
                problems.append(f"{name}: cell {cid} has no translation (it begins: {first!r})")
            elif block[0] != digest(text):
                problems.append(f"{name}: cell {cid} is stale, the English changed since it was "
                                f"translated (it begins: {first!r}); update the block and its hash "
                                f"{block[0]} -> {digest(text)}")
            elif block[1].startswith("TODO"):
                problems.append(f"{name}: cell {cid} is not translated yet")
            else:
                cell["source"] = block[1]
            used.add(cid)
        cells.append(cell)
    problems += [f"{name}: block {cid} matches no markdown cell of the English notebook"
                 for cid in blocks if cid not in used]
    nb["cells"] = cells
    nb["metadata"] = {**nb.get("metadata", {}), "language": LANGUAGE}
    return nb, problems


def _shape(nb: dict) -> str:
    """Everything but outputs and execution counts, to compare a notebook with its generated form."""
    bare = copy.deepcopy(nb)
    for cell in bare["cells"]:
        cell["source"] = source(cell)
        cell.get("metadata", {}).pop("execution", None)          # when it last ran
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    bare["metadata"] = {k: v for k, v in bare["metadata"].items() if k in ("language", "kernelspec")}
    return dumps(bare)


def execute(nb: dict, cwd: pathlib.Path, timeout: int = 600) -> dict:
    """Run `nb` top to bottom in a fresh kernel (one thread for torch and BLAS)."""
    import nbformat
    from nbclient import NotebookClient
    os.environ.update({v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                        "MKL_NUM_THREADS")})
    node = nbformat.reads(json.dumps(nb), as_version=4)
    NotebookClient(node, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return json.loads(nbformat.writes(node))


def build(root: pathlib.Path, check: bool = False, run: bool = True,
          log=print) -> list[str]:
    """Write (or with `check`, compare) notebooks/ko, solutions/ko and exercises/ko; return the
    problems found (missing, stale or untranslated blocks; generated files that differ)."""
    problems = []
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.ipynb")):
            name = f"{folder}/{path.name}"
            catalogue = root / "translations" / LANGUAGE / folder / f"{path.stem}.md"
            english = json.loads(path.read_text())
            if not catalogue.exists():
                problems.append(f"{name}: no catalogue {catalogue.relative_to(root)}")
                continue
            blocks = parse(catalogue.read_text(), str(catalogue.relative_to(root)))
            korean, wrong = korean_notebook(english, blocks, name)
            problems += wrong
            target = root / folder / LANGUAGE / path.name
            current = json.loads(target.read_text()) if target.exists() else None
            if check or wrong:
                if current is None:
                    problems.append(f"{target.relative_to(root)}: missing")
                elif _shape(current) != _shape(korean):
                    problems.append(f"{target.relative_to(root)}: differs from what the catalogue "
                                    f"generates (run python -m gru_course build-translations)")
                elif any(c["cell_type"] == "code" and c["execution_count"] is None
                         for c in current["cells"]):
                    problems.append(f"{target.relative_to(root)}: not executed")
                continue
            if current is not None and _shape(current) == _shape(korean) and not any(
                    c["cell_type"] == "code" and c["execution_count"] is None
                    for c in current["cells"]):
                continue                  # up to date and executed: keep its outputs
            target.parent.mkdir(parents=True, exist_ok=True)
            if run:
                log(f"executing {target.relative_to(root)}")
                korean = execute(korean, target.parent)
            target.write_text(dumps(korean))
    problems += _build_exercises(root, check)
    return problems


def _build_exercises(root: pathlib.Path, check: bool) -> list[str]:
    problems = []
    for path in sorted((root / "solutions" / LANGUAGE).glob("*.ipynb")):
        target = root / "exercises" / LANGUAGE / path.name
        text = dumps(exercise_notebook(json.loads(path.read_text())))
        if check:
            if not target.exists() or target.read_text() != text:
                problems.append(f"{target.relative_to(root)}: stale or missing")
        elif not target.exists() or target.read_text() != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
    return problems


def write_skeletons(root: pathlib.Path) -> list[pathlib.Path]:
    """Create or refresh every catalogue (translations kept, new and stale cells marked TODO)."""
    written = []
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.ipynb")):
            catalogue = root / "translations" / LANGUAGE / folder / f"{path.stem}.md"
            old = parse(catalogue.read_text()) if catalogue.exists() else None
            text = skeleton(json.loads(path.read_text()), old)
            if not catalogue.exists() or catalogue.read_text() != text:
                catalogue.parent.mkdir(parents=True, exist_ok=True)
                catalogue.write_text(text)
                written.append(catalogue)
    return written


def glossary(root: pathlib.Path) -> list[dict]:
    """The terms of translations/<language>/glossary.toml: en, ko and the synonyms to avoid."""
    import tomllib
    with open(root / "translations" / LANGUAGE / "glossary.toml", "rb") as f:
        return tomllib.load(f)["term"]


def term_problems(text: str, terms: list[dict], name: str) -> list[str]:
    """Where the Korean markdown `text` of one notebook breaks the glossary: a synonym to avoid,
    or a term whose first use lacks its English original in parentheses, 한글(English)."""
    problems = []
    for term in terms:
        for synonym in term.get("avoid", []):
            if synonym in text:
                at = text.index(synonym)
                problems.append(f"{name}: '{synonym}' is used; the glossary's term for "
                                f"{term['en']} is '{term['ko']}' (…{text[max(0, at - 20):at + 30]}…)")
        masked = text                     # a longer term containing this one is another term
        for other in terms:
            if other is not term and term["ko"] in other["ko"]:
                masked = masked.replace(other["ko"], "\0" * len(other["ko"]))
        at = masked.find(term["ko"])
        if at < 0:
            continue
        after = masked[at + len(term["ko"]):].lstrip(" ")
        if not after.lower().startswith("(" + term["en"].lower()):
            problems.append(f"{name}: the first '{term['ko']}' should be written "
                            f"'{term['ko']}({term['en']})' (…{text[max(0, at - 20):at + 40]}…)")
    return problems


def catalogue_problems(root: pathlib.Path) -> list[str]:
    """Glossary problems of every catalogue, in each notebook's own markdown order."""
    terms, problems = glossary(root), []
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.ipynb")):
            catalogue = root / "translations" / LANGUAGE / folder / f"{path.stem}.md"
            if not catalogue.exists():
                continue
            blocks = parse(catalogue.read_text(), str(catalogue))
            order = [c["id"] for c in json.loads(path.read_text())["cells"]
                     if c["cell_type"] == "markdown"]
            text = "\n\n".join(blocks[c][1] for c in order if c in blocks
                               and not blocks[c][1].startswith("TODO"))
            problems += term_problems(text, terms, f"{folder}/{path.name}")
    return problems
