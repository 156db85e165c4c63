"""A pytest plugin, loaded next to nbval by the grader, that records what every cell did.

For each executed cell nbval makes a test item with the cell (`item.cell`) and the outputs it
produced (`item.test_outputs`). After every cell this plugin attaches a record to the report;
the process that writes reports (the controller, under pytest-xdist) appends it to the
JSON-lines file given by --grading-results at once, so a crash later loses nothing already
recorded. While the kernel runs a check cell (which only answers questions, serve.py), the
plugin runs the check itself in this process (remote.py): the cell counts as passed only if
that check passed, whatever the kernel printed. The plugin also makes nbval notice a dead
kernel within a second instead of waiting out the cell timeout.
"""
from __future__ import annotations

import json
import pathlib
import re
import time
from queue import Empty

import pytest

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
KEY = "gru_course_grading"


class KernelDied(RuntimeError):
    """The kernel process ended while a cell was running."""


def pytest_addoption(parser):
    parser.addoption("--grading-results", default=None,
                     help="append one JSON line per executed cell to this file")
    parser.addoption("--grading-kernels", default=None, metavar="NAME",
                     help="start kernels one notebook ahead, in folders of their own; NAME "
                          "prefixes the pids cgroups made for them")
    parser.addoption("--grading-sandbox", action="store_true",
                     help="start every kernel in a bubblewrap sandbox (sandbox.py)")


def pytest_configure(config):
    _watch_for_dead_kernels()
    if config.getoption("--grading-kernels"):
        _start_kernels_ahead(config.getoption("--grading-kernels"),
                             isolate=config.getoption("--grading-sandbox"))
    path = config.getoption("--grading-results")
    if path and not hasattr(config, "workerinput"):      # the controller writes, workers send
        config.pluginmanager.register(_Writer(path), "gru_course_grading_writer")


def pytest_collection_modifyitems(items):
    for item in items:
        if (getattr(item, "cell", None) or {}).get("metadata", {}).get(KEY):
            item.runtest = _checking(item, item.runtest)


def _checking(item, runtest):
    """item.runtest, with the cell's check run here while the kernel runs the cell; the verdict
    lands in item.grading_verdict as (passed, message)."""
    from . import remote

    def run():
        grading = item.cell["metadata"][KEY]
        folder = pathlib.Path(item.parent.kernel.km.connection_file).parent
        channel = remote.Channel(str(folder / "check.sock"))
        thread, verdict = remote.start(channel, grading["check"], grading["answer"],
                                       grading.get("language", "en"))
        try:
            runtest()
        finally:
            remote.stop(channel, thread)
            item.grading_verdict = verdict.get("result", (False, "the check did not finish"))
    return run


def _watch_for_dead_kernels() -> None:
    """Make nbval's wait for a cell's reply give up as soon as the kernel process is gone."""
    from nbval.kernel import RunningKernel

    if getattr(RunningKernel.await_reply, "watches_for_death", False):
        return

    def await_reply(self, msg_id, timeout=None):
        deadline = None if timeout is None else time.monotonic() + float(timeout)
        while True:
            wait = 1.0 if deadline is None else max(0.0, min(1.0, deadline - time.monotonic()))
            try:
                msg = self.get_message(stream="shell", timeout=wait)
            except Empty:
                if not self.is_alive():
                    raise KernelDied("the kernel died while running this cell") from None
                if deadline is not None and time.monotonic() >= deadline:
                    raise
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                if msg["content"]["status"] == "aborted":
                    raise RuntimeError("Kernel aborted execution request")
                return

    await_reply.watches_for_death = True
    RunningKernel.await_reply = await_reply


def _start_kernels_ahead(name: str, isolate: bool) -> None:
    """Make nbval's kernels start one notebook ahead: when a notebook takes its kernel, the next
    one starts at once (its imports overlap this notebook's cells), each in a folder of its own
    under kernels/ (working directory, connection file, Unix sockets) and, with `isolate`, inside
    sandbox.command with a pids cgroup of its own."""
    import atexit
    import itertools
    import os
    import pathlib

    import nbval.kernel
    from jupyter_client.manager import KernelManager

    from . import sandbox

    counter, ahead = itertools.count(), []

    def launch(root: pathlib.Path, kernel_name: str, kwargs: dict):
        folder = root / f"{os.getpid()}-{next(counter)}"
        folder.mkdir(parents=True)
        procs = sandbox.pids_cgroup(f"{name}-{folder.name}") if isolate else None

        class CourseKernelManager(KernelManager):
            def format_kernel_cmd(self, extra_arguments=None):
                command = super().format_kernel_cmd(extra_arguments)
                if not isolate:
                    return command
                wrapped = sandbox.command(folder, command)
                if procs is None:
                    return wrapped
                return ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', str(procs), *wrapped]

        km = CourseKernelManager(kernel_name=kernel_name, transport="ipc", ip=str(folder / "ipc"),
                                 kernel_spec_manager=nbval.kernel.NbvalKernelspecManager())
        km.connection_file = str(folder / "kernel.json")
        km.kernel_spec.interrupt_mode = "message"     # a signal to bwrap would not reach it
        km.start_kernel(cwd=str(folder), **kwargs)
        kc = km.client()
        kc.start_channels()
        return km, kc

    def start_new_kernel(startup_timeout=60, kernel_name="python", cwd=None, **kwargs):
        root = pathlib.Path(cwd).parent / "kernels"
        km, kc = ahead.pop() if ahead else launch(root, kernel_name, kwargs)
        ahead.append(launch(root, kernel_name, kwargs))
        try:
            kc.wait_for_ready(timeout=startup_timeout)
        except RuntimeError:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
            raise
        return km, kc

    @atexit.register
    def stop_the_spare():
        for km, kc in ahead:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    nbval.kernel.start_new_kernel = start_new_kernel


def _outputs_text(item) -> tuple[str, str, str]:
    """(error name, error message, printed text) of the cell's outputs as nbval collected them."""
    name, error, printed = "", "", ""
    for out in getattr(item, "test_outputs", None) or []:
        if out.get("output_type") == "error":
            name, error = out.get("ename", ""), f"{out.get('ename')}: {out.get('evalue')}"
        elif out.get("output_type") == "stream":
            printed += out.get("text", "")
    return name, _ANSI.sub("", error), _ANSI.sub("", printed)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    cell = getattr(item, "cell", None)
    if cell is None or report.when != "call":
        return
    ename, error, _ = _outputs_text(item)
    record = {"notebook": str(item.path), "cell": item.cell_num, "kind": "cell",
              "outcome": "passed" if report.passed else "failed"}
    if call.excinfo is not None and call.excinfo.errisinstance(KernelDied):
        record.update(kind="kernel died", message="the kernel died while running this cell")
    elif call.excinfo is not None and "Kernel dead on test start" in str(call.excinfo.value):
        record.update(kind="kernel dead", message="not run: the kernel had died")
    elif ename == "KeyboardInterrupt" or (report.failed and "Timeout" in str(report.longrepr)):
        record.update(kind="timed out", message="timed out (an infinite loop, or a very slow cell)")
    elif report.failed or not report.passed:
        message = error or _ANSI.sub("", str(report.longrepr)).strip().splitlines()[-1:]
        record["message"] = message if isinstance(message, str) else " ".join(message)
    grading = cell.get("metadata", {}).get(KEY)
    if grading:
        verdict, message = getattr(item, "grading_verdict", (False, "the check did not run"))
        passed = verdict and report.passed
        record.update(exercise=grading["exercise"], max_points=grading["points"],
                      check=True, outcome="passed" if passed else "failed")
        if record["kind"] == "cell" and (passed or not verdict):
            record["message"] = message      # else the cell's own error (it outlived the check)
    report.user_properties.append((KEY, record))


class _Writer:
    """Appends each record as one JSON line as soon as its report arrives."""

    def __init__(self, path: str):
        self.path = path

    def pytest_runtest_logreport(self, report):
        for key, record in report.user_properties:
            if key == KEY:
                with open(self.path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(record) + "\n")
