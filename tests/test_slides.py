"""Slide decks (slides.py): where slides break, and what the HTML may load."""
import base64
import json
import pathlib
import struct
import zlib

from gru_course import slides

ROOT = pathlib.Path(__file__).resolve().parents[1]


def png(width, height):
    """A minimal PNG header of the given size, base64 (enough for the height estimate)."""
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height)
    return base64.b64encode(header + b"\x08\x02\x00\x00\x00" + zlib.compress(b"")).decode()


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text, "id": "m"}


def code(text, outputs=()):
    return {"cell_type": "code", "metadata": {}, "source": text, "outputs": list(outputs),
            "execution_count": 1, "id": "c"}


def kinds(nb):
    return [c["metadata"]["slideshow"]["slide_type"] for c in nb["cells"]]


def test_headings_start_slides_and_the_setup_cell_is_skipped():
    nb = {"cells": [md("# Title"), md("## Setup"), code("import numpy"), md("## 1. One"),
                    md("a short paragraph"), code("x = 1"), md("### 1.1 Sub"), code("y = 2")]}
    assert kinds(slides.assign_slides(nb)) == ["slide", "slide", "skip", "slide", "-", "-",
                                               "subslide", "-"]


def test_cells_move_to_a_new_subslide_when_the_slide_is_full():
    figure = {"output_type": "display_data", "data": {"image/png": png(700, 400)}}
    nb = {"cells": [md("# Title"), code("setup"), md("## Section"), code("plot()", [figure]),
                    code("plot()", [figure])]}
    assert kinds(slides.assign_slides(nb))[3:] == ["-", "subslide"]


def test_long_markdown_is_split_at_paragraphs_within_the_budget():
    text = "\n\n".join(f"paragraph {i} " + "word " * 60 for i in range(12))
    nb = slides.assign_slides({"cells": [md("# T"), md(text)]})
    pieces = nb["cells"][1:]
    assert len(pieces) > 2 and "".join(c["source"] for c in pieces).count("paragraph") == 12
    assert all(slides.cell_height(c) <= slides.BUDGET for c in pieces)
    assert len({c["id"] for c in pieces}) == len(pieces)


def test_a_code_cell_too_tall_for_a_slide_becomes_code_then_output():
    figure = {"output_type": "display_data", "data": {"image/png": png(700, 900)}}
    nb = slides.assign_slides({"cells": [md("# T"), code("setup"), code("\n".join(["x = 1"] * 12), [figure])]})
    shown_code, shown_output = nb["cells"][2:]
    assert shown_code["outputs"] == [] and shown_output["outputs"] == [figure]
    assert slides.HIDE_INPUT in shown_output["metadata"]["tags"]


def test_every_lecture_slide_is_estimated_within_the_budget():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = slides.assign_slides(json.loads(path.read_text()))
        assert kinds(nb)[0] == "slide"
        assert kinds(nb).count("skip") == 1, path.name
        too_tall = [(start, h) for start, h in slides.slide_heights(nb) if h > slides.BUDGET]
        assert too_tall == [], f"{path.name}: slides over {slides.BUDGET} px: {too_tall}"


def test_a_long_list_without_blank_lines_is_cut_before_its_items():
    items = "\n".join(f"- item {i}: " + "word " * 30 for i in range(14))
    nb = slides.assign_slides({"cells": [md("# T"), md(items)]})
    pieces = nb["cells"][1:]
    assert len(pieces) > 1 and all(p["source"].startswith("- item") for p in pieces)
    assert all(h <= slides.BUDGET for _, h in slides.slide_heights(nb)[1:])


def test_code_too_long_for_a_slide_is_shown_in_parts_cut_at_blank_lines():
    source = "\n\n".join("\n".join(f"x{k}_{i} = {i}" for i in range(8)) for k in range(4))
    nb = slides.assign_slides({"cells": [md("# T"), code("setup"), code(source)]})
    parts = nb["cells"][2:]
    assert len(parts) > 1 and "\n\n".join(p["source"] for p in parts) == source
    assert all(h <= slides.BUDGET for _, h in slides.slide_heights(nb)[1:])


def test_the_deck_loads_nothing_from_the_network(tmp_path):
    assets = tmp_path / "assets" / "node_modules"
    assets.mkdir(parents=True)
    [deck] = slides.build([ROOT / "notebooks/02_forward_flow.ipynb"], tmp_path / "out", assets)
    html = deck.read_text()
    for url in ("../assets/node_modules/reveal.js/dist/reveal.js",
                "../assets/node_modules/requirejs/require.js",
                "../assets/node_modules/mathjax/MathJax.js",
                "../assets/node_modules/@jupyter-widgets/html-manager/dist/embed-amd.js"):
        assert url in html, url
    for cdn in ("unpkg.com", "cdnjs", "jsdelivr", "mermaid"):
        assert cdn not in html, cdn
