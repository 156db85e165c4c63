"""Driving the course in a real JupyterLab, in Debian's headless Chromium, without the internet.

The measured recipe of ../shared/guides/jupyterlab-in-a-browser.md: a JupyterLab server on
127.0.0.1 over a temporary copy of the course, fresh settings (every cell kept in the DOM, no
news toasts), the inline matplotlib backend; one fresh workspace per notebook; Run All from the
menu; every request that does not go to 127.0.0.1 aborted and remembered.
"""
from __future__ import annotations

import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
WIDGET_MANAGER = "@jupyter-widgets/jupyterlab-manager"


def missing() -> str:
    """Why browser tests cannot run here ("" if they can)."""
    if not os.path.exists(CHROMIUM):
        return f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium')"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """JupyterLab on 127.0.0.1 serving `root`, with its own settings, runtime and config dirs."""

    def __init__(self, root: pathlib.Path, scratch: pathlib.Path, disable_widgets: bool = False):
        self.root, self.port, self.token = root, free_port(), secrets.token_hex(16)
        settings = scratch / "settings"
        for name, value in [("@jupyterlab/notebook-extension/tracker", {"windowingMode": "none"}),
                            ("@jupyterlab/apputils-extension/notification",
                             {"fetchNews": "false", "checkForUpdates": False})]:
            path = settings / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        config = scratch / "config"
        (config / "labconfig").mkdir(parents=True, exist_ok=True)
        if disable_widgets:
            (config / "labconfig" / "page_config.json").write_text(
                json.dumps({"disabledExtensions": {WIDGET_MANAGER: True}}))
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
                   JUPYTER_RUNTIME_DIR=str(scratch / "runtime"), JUPYTER_CONFIG_DIR=str(config),
                   MPLBACKEND="module://matplotlib_inline.backend_inline")
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                   f"--port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
                   "--LabApp.expose_app_in_browser=True", "--LabApp.news_url="]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(scratch / "server.log", "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}") as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not start; see {scratch / 'server.log'}")

    def api(self, method: str, path: str):
        request = urllib.request.Request(f"{self.url}{path}?token={self.token}", method=method)
        with urllib.request.urlopen(request) as r:
            body = r.read()
        return json.loads(body) if body else None

    def delete_sessions(self) -> None:
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def copy_course(source: pathlib.Path, target: pathlib.Path) -> pathlib.Path:
    """notebooks/ and solutions/ of the course, copied so that running them changes nothing."""
    for folder in ("notebooks", "solutions"):
        shutil.copytree(source / folder, target / folder)
    return target


class Outside:
    """Aborts every request that does not go to 127.0.0.1, and remembers it."""

    def __init__(self):
        self.urls = []

    def __call__(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.urls.append(url)
            route.abort()


def open_notebook(page, server: LabServer, path: str, timeout: float = 90_000) -> None:
    """Open `path` in a fresh workspace and wait for JupyterLab and its kernel to be idle."""
    workspace = secrets.token_hex(6)
    page.goto(f"{server.url}/lab/workspaces/{workspace}/tree/{path}?reset&token={server.token}")
    page.wait_for_function("window.jupyterapp !== undefined", timeout=timeout)
    page.evaluate("window.jupyterapp.started")
    page.wait_for_selector("#jupyterlab-splash", state="detached", timeout=timeout)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout)
    wait_idle(page, timeout)


def wait_idle(page, timeout: float = 90_000) -> None:
    page.wait_for_function(
        "document.querySelector('#jp-main-statusbar') && "
        "document.querySelector('#jp-main-statusbar').textContent.includes('Idle')", timeout=timeout)


def run_all(page, timeout: float = 180_000) -> None:
    """Run All Cells from the menu; return when every code cell has run (or one failed)."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()
    page.wait_for_function("""() => {
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
        const done = prompts.length > 0 && prompts.every(p => /\\[\\d+\\]:/.test(p.textContent));
        const failed = document.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
        return done || failed;
    }""", timeout=timeout, polling=500)
    wait_idle(page, timeout)


def inventory(page) -> dict:
    """What a person would see in the outputs: errors, real sliders and progress bars, text
    where a widget should be, and rendered figures."""
    return page.evaluate("""() => {
        const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
        const texts = outputs.map(o => o.textContent);
        return {
          errors: [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                    .map(e => e.textContent.slice(0, 300)),
          sliders: document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets.widget-slider').length,
          progress: document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets.widget-hprogress').length,
          widget_text: texts.filter(t => /(Slider|IntProgress|FloatProgress|VBox|HBox)\\(/.test(t)).length,
          images: document.querySelectorAll('.jp-OutputArea-output img').length,
          widget_images: document.querySelectorAll('.widget-output img').length,
        };
    }""")


def move_first_slider(page, timeout: float = 60_000) -> tuple[str, str]:
    """Press ArrowRight on the first slider; return the figure's img src before and after."""
    output_img = page.locator(".widget-output img").first
    output_img.scroll_into_view_if_needed()
    before = output_img.get_attribute("src")
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function(
        "before => { const img = document.querySelector('.widget-output img'); "
        "return img && img.getAttribute('src') !== before; }", arg=before, timeout=timeout)
    wait_idle(page, timeout)
    return before, page.locator(".widget-output img").first.get_attribute("src")


def glyphs_render(page, text: str, selector: str = ".jp-RenderedMarkdown") -> bool:
    """Whether `text`, drawn in the font of the page's first `selector` element, looks different
    from characters no font has (private-use code points, drawn as empty boxes, "tofu")."""
    return page.evaluate("""([text, selector]) => {
        const element = document.querySelector(selector) || document.body;
        const font = '32px ' + getComputedStyle(element).fontFamily;
        const draw = (s) => {
            const canvas = document.createElement('canvas');
            canvas.width = 64 * s.length; canvas.height = 48;
            const g = canvas.getContext('2d');
            g.font = font; g.fillStyle = '#000'; g.fillText(s, 4, 36);
            return canvas.toDataURL();
        };
        const tofu = [...text].map((_, i) => String.fromCharCode(0xE000 + i)).join('');
        return draw(text) !== draw(tofu);
    }""", [text, selector])
