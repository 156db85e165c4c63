"""The course as people use it: JupyterLab in headless Chromium, and the slide decks offline.

Every lecture and solution notebook is opened in a fresh workspace and run with Run All; the
test then looks at the page: no error output, real sliders and progress bars where the notebook
has widgets (never their text), every figure rendered, and a slider that redraws its figure when
moved. A screenshot per notebook goes to test-artifacts/browser/. No request may leave 127.0.0.1.
When Chromium or Playwright is missing the tests skip with the reason, unless REQUIRE_BROWSER=1
(set by CI) makes that a failure.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import pathlib
import threading

import pytest

import browser

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
NOTEBOOKS = [p.relative_to(ROOT).as_posix() for folder in ("notebooks", "solutions",
                                                          "notebooks/ko", "solutions/ko")
             for p in sorted((ROOT / folder).glob("*.ipynb"))]
HANGUL = "은닉 상태와 갱신 게이트"

why_not = browser.missing()
if why_not and os.environ.get("REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"REQUIRE_BROWSER=1 but the browser tests cannot run: {why_not}")
pytestmark = pytest.mark.skipif(bool(why_not), reason=f"browser tests skipped: {why_not}")


def expected(path: str) -> dict:
    """What the stored, executed notebook says the page must show."""
    cells = [c for c in json.loads((ROOT / path).read_text())["cells"] if c["cell_type"] == "code"]
    source = "\n".join("".join(c["source"]) for c in cells)
    images = sum(any("image/png" in o.get("data", {}) for o in c.get("outputs", [])) for c in cells)
    return {"sliders": 4 * source.count("gate_explorer()") + 2 * source.count("gradient_explorer()"),
            "progress": source.count("tqdm(") + source.count("training.train("), "images": images}


def check_page(seen: dict, want: dict) -> None:
    """The assertions a person's eyes make; used by the tests and by the self-check."""
    assert seen["errors"] == [], f"error output on the page: {seen['errors']}"
    assert seen["widget_text"] == 0, "a widget shows as text: the widget manager did not load"
    assert seen["sliders"] >= want["sliders"], f"sliders: {seen['sliders']} of {want['sliders']}"
    assert seen["progress"] >= want["progress"], f"progress bars: {seen['progress']} of {want['progress']}"
    assert seen["images"] >= want["images"], f"figures: {seen['images']} of {want['images']}"


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=browser.CHROMIUM, headless=True,
                                              args=browser.FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("lab")
    server = browser.LabServer(browser.copy_course(ROOT, scratch / "course"), scratch)
    yield server
    server.stop()


@pytest.fixture
def page(chromium):
    outside = browser.Outside()
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.route("**/*", outside)
    page.outside = outside
    yield page
    context.close()
    assert outside.urls == [], f"requests left 127.0.0.1: {outside.urls[:5]}"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_runs_and_renders_in_jupyterlab(lab, page, path):
    browser.open_notebook(page, lab, path)
    browser.run_all(page)
    want = expected(path)
    check_page(browser.inventory(page), want)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{path.replace('/', '-').removesuffix('.ipynb')}.png"
    if want["sliders"]:
        before, after = browser.move_first_slider(page)
        assert before != after, "moving the slider did not redraw its figure"
        page.locator(".widget-slider").first.scroll_into_view_if_needed()
    elif want["images"]:
        page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
    if "/ko/" in path:                        # the Korean edition: Hangul drawn, never as boxes
        assert page.evaluate("() => /[가-힣]{2}/.test(document.querySelector('.jp-Notebook').innerText)")
        assert browser.glyphs_render(page, HANGUL), "Hangul renders as empty boxes: no Korean font"
    page.screenshot(path=str(shot))
    lab.delete_sessions()


def test_self_check_the_hangul_check_tells_boxes_from_glyphs(lab, page):
    browser.open_notebook(page, lab, "notebooks/ko/01_introduction.ipynb")
    assert browser.glyphs_render(page, "Latin")
    assert not browser.glyphs_render(page, "\ue100\ue101")     # no font has these: boxes


def test_self_check_the_page_test_fails_without_the_widget_manager(chromium, tmp_path):
    """Cells still run without error when widgets cannot render; check_page must notice."""
    server = browser.LabServer(browser.copy_course(ROOT, tmp_path / "course"), tmp_path,
                               disable_widgets=True)
    try:
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.route("**/*", browser.Outside())
        browser.open_notebook(page, server, "notebooks/02_forward_flow.ipynb")
        browser.run_all(page)
        seen = browser.inventory(page)
        assert seen["errors"] == [] and seen["sliders"] == 0
        with pytest.raises(AssertionError, match="sliders: 0 of 4"):
            check_page(seen, expected("notebooks/02_forward_flow.ipynb"))
        context.close()
    finally:
        server.stop()


# --- slide decks ------------------------------------------------------------------------------

def slide_assets() -> pathlib.Path:
    return ROOT / "build" / "slides-assets" / "node_modules"


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """The decks of both editions, built into a temporary folder and served on 127.0.0.1."""
    from gru_course import slides
    if not slide_assets().exists():
        message = "slide assets missing: run `make slides` (npm installs reveal.js, MathJax, ...)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("decks")
    (folder / "assets").symlink_to(slide_assets().parent)
    built = [path.relative_to(folder / "slides")
             for edition, out in (("notebooks", "slides"), ("notebooks/ko", "slides/ko"))
             for path in slides.build(sorted((ROOT / edition).glob("*.ipynb")), folder / out,
                                      folder / "assets" / "node_modules")]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", browser.free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [f"http://127.0.0.1:{server.server_port}/slides/{p.as_posix()}" for p in built]
    server.shutdown()


WALK = """() => {
    const slide = document.querySelector('.reveal .slides section.present section.present')
               || document.querySelector('.reveal .slides section.present');
    return {hash: location.hash, height: slide.scrollHeight, width: slide.scrollWidth,
            images: slide.querySelectorAll('img').length,
            math: slide.querySelectorAll('.MathJax_CHTML, .MathJax_Display, .MathJax').length,
            raw_math: (slide.innerText.match(/\\$\\$|\\\\frac|\\\\odot/g) || []).length};
}"""


def test_slide_decks_render_offline_and_every_slide_fits(decks, page):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    for url in decks:
        page.goto(url)
        page.wait_for_selector(".reveal.ready", timeout=30_000)
        page.wait_for_function("window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0",
                               timeout=60_000)
        slides_seen, last = [], None
        for _ in range(400):
            info = page.evaluate(WALK)
            for _ in range(6):               # on a loaded machine, typesetting can lag the key
                if info["height"] <= 702 and info["width"] <= 962:
                    break
                page.wait_for_function("MathJax.Hub.queue.pending === 0", timeout=30_000)
                page.wait_for_timeout(500)
                info = page.evaluate(WALK)
            if info["hash"] == last:
                break
            last = info["hash"]
            slides_seen.append(info)
            page.keyboard.press("Space")
            page.wait_for_timeout(60)
        name = url.split("/slides/", 1)[-1].replace("/", "-")
        too_big = [(s["hash"], s["height"]) for s in slides_seen if s["height"] > 702 or s["width"] > 962]
        assert too_big == [], f"{name}: slides larger than the 960 x 700 canvas: {too_big}"
        assert len(slides_seen) >= 15, f"{name}: only {len(slides_seen)} slides"
        assert sum(s["images"] for s in slides_seen) >= 3, f"{name}: figures missing"
        assert sum(s["math"] for s in slides_seen) >= 10, f"{name}: mathematics not typeset"
        assert all(s["raw_math"] == 0 for s in slides_seen), f"{name}: raw LaTeX left on a slide"
        if name.startswith("ko-"):
            assert browser.glyphs_render(page, HANGUL, ".reveal"), f"{name}: Hangul as boxes"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.goto(url.split("#")[0] + "#/2")
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / name.replace(".html", ".png")))
    assert failed == [], f"requests failed: {failed[:5]}"
