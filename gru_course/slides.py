"""Reveal.js slide decks from the lectures, for teaching offline.

`python -m gru_course slides` (or `make slides`) turns each lecture into build/slides/NN.slides.html.
Every script the deck needs (reveal.js, require.js, jQuery, MathJax 2, the widget renderer) comes
from the npm registry at set-up time into a local folder, so viewing needs no network. Slide
breaks are chosen here, not stored in the lectures: a "## " heading starts a slide, a "### "
heading a sub-slide, the setup cell is skipped, and cells are added to a slide while its
estimated height fits the 960 x 700 canvas (long markdown is split at paragraphs, and a code cell
too tall for one slide is shown as its code, then its output).
"""
from __future__ import annotations

import base64
import copy
import json
import os
import pathlib
import struct
import subprocess
import unicodedata

PACKAGES = ["reveal.js@4.0.2", "requirejs@2.3.7", "jquery@3.7.1",
            "@jupyter-widgets/html-manager@1", "mathjax@2"]
HEIGHT, WIDTH = 700, 960
IMAGE_MAX = 360                 # px: the deck's CSS caps a figure's height at this
BUDGET = 560                    # px of content per slide, leaving room for margins
LINE = {"markdown": 31, "code": 27, "stream": 24}       # px per line at the deck's font sizes
WRAP = {"markdown": 90, "code": 70, "stream": 60}       # characters per line before wrapping
TEMPLATE_DIR = pathlib.Path(__file__).parent / "templates"
HIDE_INPUT = "slides-output-only"      # the second half of a code cell split in two


def install_assets(folder: pathlib.Path) -> pathlib.Path:
    """npm-install the deck's scripts into `folder` (once); returns its node_modules."""
    modules = folder / "node_modules"
    if not all((modules / name.rsplit("@", 1)[0]).exists() for name in PACKAGES):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                        "--prefix", str(folder), *PACKAGES], check=True)
    return modules


def _png_height(data: str) -> int:
    """Displayed height in px of a base64 PNG, scaled down to the slide's width if wider."""
    raw = base64.b64decode(data[:64])
    width, height = struct.unpack(">II", raw[16:24])
    return int(height * min(1.0, WIDTH / width, IMAGE_MAX / height))


def _width(line: str) -> int:
    """Columns a line takes: Hangul and other wide characters take two (as on a terminal)."""
    return len(line) + sum(unicodedata.east_asian_width(ch) in "WF" for ch in line)


def cell_height(cell: dict) -> int:
    """Estimated height in px of a cell on a slide: its source (unless the deck hides it) and its
    outputs."""
    source = "".join(cell.get("source", ""))
    kind = "markdown" if cell["cell_type"] == "markdown" else "code"
    lines = sum(1 + _width(line) // WRAP[kind] for line in source.split("\n"))
    height = lines * LINE[kind] + (20 if kind == "markdown" else 40)
    if HIDE_INPUT in cell.get("metadata", {}).get("tags", []):
        height = 0
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "image/png" in data:
            height += _png_height(data["image/png"]) + 20
        elif out.get("output_type") == "stream" or "text/plain" in data:
            text = "".join(out.get("text", data.get("text/plain", "")))
            height += LINE["stream"] * sum(1 + _width(line) // WRAP["stream"] for line in text.split("\n"))
    return height


def _pieces(text: str, kind: str) -> list[str]:
    """Markdown cut into blocks a slide can hold: paragraphs, and a paragraph too tall for one
    slide (a long list, say) cut before its list items, or else between its lines."""
    blocks = []
    for paragraph in text.split("\n\n"):
        if cell_height({"cell_type": kind, "source": paragraph}) <= BUDGET:
            blocks.append(paragraph)
            continue
        lines = paragraph.split("\n")
        starts = [i for i, line in enumerate(lines) if line.startswith(("- ", "* ", "| ")) or
                  line[:3].rstrip(".").isdigit()] or list(range(len(lines)))
        cuts = sorted(set([0] + starts)) + [len(lines)]
        blocks += ["\n".join(lines[a:b]) for a, b in zip(cuts, cuts[1:]) if a < b]
    return blocks


def _pack(blocks: list[str], kind: str, joiner: str) -> list[str]:
    """Consecutive blocks joined while their height stays within BUDGET."""
    parts, current = [], []
    for block in blocks:
        candidate = joiner.join(current + [block])
        if current and cell_height({"cell_type": kind, "source": candidate}) > BUDGET:
            parts.append(joiner.join(current))
            current = [block]
        else:
            current.append(block)
    parts.append(joiner.join(current))
    return parts


def _split_markdown(cell: dict) -> list[dict]:
    """A long markdown cell as several cells, cut at paragraph breaks (or, inside a paragraph too
    tall for a slide, before its list items), each within BUDGET."""
    if cell_height(cell) <= BUDGET:
        return [cell]
    text = "".join(cell["source"])
    blocks = _pieces(text, "markdown")
    table_rows = all(b.startswith("| ") for b in blocks[1:]) and len(blocks) > 1
    parts = _pack(blocks, "markdown", "\n" if table_rows else "\n\n")
    return [dict(copy.deepcopy(cell), source=part, id=f"{cell.get('id', 'md')}-{k}")
            for k, part in enumerate(parts)]


def _split_code(cell: dict) -> list[dict]:
    """A code cell too tall for one slide as its code, then its outputs without the code; code
    still too tall is shown in parts, cut at blank lines, or between lines if it must."""
    if cell_height(cell) <= BUDGET:
        return [cell]
    source = "".join(cell["source"])
    parts = []
    for part in _pack(source.split("\n\n"), "code", "\n\n"):
        too_tall = cell_height({"cell_type": "code", "source": part}) > BUDGET
        parts += _pack(part.split("\n"), "code", "\n") if too_tall else [part]
    shown = [dict(copy.deepcopy(cell), outputs=[], source=part, id=f"{cell.get('id', 'code')}-in{k}")
             for k, part in enumerate(parts)]
    if not cell.get("outputs"):
        return shown
    output = copy.deepcopy(cell)
    output["id"] = f"{cell.get('id', 'code')}-out"
    output.setdefault("metadata", {}).setdefault("tags", []).append(HIDE_INPUT)
    return shown + [output]


def assign_slides(nb: dict) -> dict:
    """A copy of the notebook with reveal.js slide metadata (see the module docstring)."""
    nb = copy.deepcopy(nb)
    cells = [piece for cell in nb["cells"] for piece in
             (_split_markdown(cell) if cell["cell_type"] == "markdown" else _split_code(cell))]
    used, first_code = 0, True
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        height = cell_height(cell)
        if i == 0 or source.startswith("## "):
            kind, used = "slide", height
        elif "language" in cell.get("metadata", {}).get("tags", []):
            kind = "skip"                 # the Korean edition's language switch
        elif cell["cell_type"] == "code" and first_code:
            kind, first_code = "skip", False
        elif source.startswith("### ") or used + height > BUDGET:
            kind, used = "subslide", height
        else:
            kind, used = "-", used + height
        cell.setdefault("metadata", {})["slideshow"] = {"slide_type": kind}
    nb["cells"] = cells
    return nb


def slide_heights(nb: dict) -> list[tuple[str, int]]:
    """(the first words of its first cell, estimated height in px) of every slide and sub-slide
    of a notebook that assign_slides() has marked."""
    heights = []
    for cell in nb["cells"]:
        kind = cell["metadata"]["slideshow"]["slide_type"]
        if kind in ("slide", "subslide"):
            heights.append(["".join(cell["source"])[:60].replace("\n", " "), cell_height(cell)])
        elif kind == "-":
            heights[-1][1] += cell_height(cell)
    return [tuple(h) for h in heights]


def build(notebooks: list[pathlib.Path], out_dir: pathlib.Path, assets: pathlib.Path) -> list[pathlib.Path]:
    """Write one NN.slides.html per notebook into out_dir, using the scripts under `assets`
    (a node_modules folder, referred to by a relative path, so the two can move together)."""
    import nbformat
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    out_dir.mkdir(parents=True, exist_ok=True)
    base = pathlib.Path(os.path.relpath(os.path.abspath(assets), os.path.abspath(out_dir))).as_posix()
    config = Config()
    config.SlidesExporter.reveal_url_prefix = f"{base}/reveal.js"
    config.SlidesExporter.reveal_theme = "white"
    config.SlidesExporter.reveal_transition = "none"
    config.SlidesExporter.reveal_scroll = True
    config.SlidesExporter.require_js_url = f"{base}/requirejs/require.js"
    config.SlidesExporter.jquery_url = f"{base}/jquery/dist/jquery.min.js"
    config.SlidesExporter.mathjax_url = f"{base}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    config.SlidesExporter.widget_renderer_url = f"{base}/@jupyter-widgets/html-manager/dist/embed-amd.js"
    config.SlidesExporter.extra_template_basedirs = [str(TEMPLATE_DIR)]
    config.SlidesExporter.template_name = "course_slides"
    config.TagRemovePreprocessor.remove_input_tags = {HIDE_INPUT}
    config.TagRemovePreprocessor.enabled = True
    exporter = SlidesExporter(config=config)
    written = []
    for path in notebooks:
        nb = nbformat.reads(json.dumps(assign_slides(json.loads(pathlib.Path(path).read_text()))),
                            as_version=4)
        html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        target = out_dir / f"{path.stem}.slides.html"
        target.write_text(html)
        written.append(target)
    return written
