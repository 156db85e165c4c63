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
import os
import pathlib
import re
import sys
import time
from collections import deque
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
                          "prefixes the cgroups made for them")
    parser.addoption("--grading-sandbox", action="store_true",
                     help="start every kernel in a bubblewrap sandbox (sandbox.py)")
    parser.addoption("--grading-limits", default="0,0", metavar="AS,FSIZE",
                     help="bytes of address space and of file size each kernel may use (0: no "
                          "limit)")


def pytest_configure(config):
    _watch_the_kernels()
    if config.getoption("--grading-kernels"):
        limits = [int(n) for n in config.getoption("--grading-limits").split(",")]
        _start_kernels_ahead(config.getoption("--grading-kernels"),
                             isolate=config.getoption("--grading-sandbox"), limits=limits)
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
        km = getattr(item.parent.kernel, "km", None)
        if km is None:                         # nbval stopped the kernel after an earlier cell
            raise RuntimeError("Kernel dead on test start")
        channel = km.grading_channel
        thread, verdict = remote.start(channel, grading["check"], grading["answer"],
                                       grading.get("language", "en"))
        try:
            runtest()
        finally:
            remote.stop(channel, thread)
            item.grading_verdict = verdict.get("result", (False, "the check did not finish"))
    return run


def _watch_the_kernels() -> None:
    """Patch nbval's kernel: its wait for a cell's reply gives up as soon as the kernel process is
    gone, and meanwhile takes in the cell's outputs, so that they cannot pile up unread; every
    output kept is capped (OUTPUT_CAP bytes per cell), whatever the kernel sends."""
    from nbval.kernel import RunningKernel

    if getattr(RunningKernel.await_reply, "watches_for_death", False):
        return
    get_message = RunningKernel.get_message

    def take_outputs(self):
        while True:
            try:
                msg = get_message(self, "iopub", timeout=0)
            except Empty:
                return
            early = self.__dict__.setdefault("early", deque())
            if len(early) < EARLY or msg.get("msg_type") == "status":
                early.append(_capped(self, msg))

    def await_reply(self, msg_id, timeout=None):
        deadline = None if timeout is None else time.monotonic() + float(timeout)
        while True:
            take_outputs(self)
            wait = 0.2 if deadline is None else max(0.0, min(0.2, deadline - time.monotonic()))
            try:
                msg = get_message(self, "shell", timeout=wait)
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

    def get_message_capped(self, stream, timeout=None):
        if stream != "iopub":
            return get_message(self, stream, timeout=timeout)
        early = self.__dict__.get("early")
        return early.popleft() if early else _capped(self, get_message(self, stream, timeout=timeout))

    await_reply.watches_for_death = True
    RunningKernel.await_reply = await_reply
    RunningKernel.get_message = get_message_capped


OUTPUT_CAP = 2 ** 20                    # bytes of output kept per cell
EARLY = 10_000                          # messages held while a cell runs (status ones always)
_CUT = "\n[output cut: over 1 MB in this cell]\n"
_KEPT = {"status", "execute_input", "execute_reply", "stream", "display_data", "execute_result",
         "update_display_data", "error", "clear_output"}


def _capped(kernel, msg: dict) -> dict:
    """`msg`, with its output cut where the cell's outputs pass OUTPUT_CAP bytes; of any other
    kind of message (comms, say: nbval ignores them) nothing but its kind is kept."""
    msg["buffers"] = []
    if msg.get("msg_type") not in _KEPT:
        msg["content"] = {}
        return msg
    content, kind = msg.get("content", {}), msg.get("msg_type")
    spent = kernel.__dict__.setdefault("spent", {})
    cell = msg.get("parent_header", {}).get("msg_id")
    used = spent.get(cell, 0)
    if kind == "stream":
        text = content.get("text", "")
        if used + len(text) > OUTPUT_CAP:
            content["text"] = text[:max(0, OUTPUT_CAP - used)] + (_CUT if used <= OUTPUT_CAP else "")
        spent[cell] = used + len(text)
    elif kind in ("display_data", "execute_result", "update_display_data"):
        size = len(json.dumps(content.get("data", {})))
        if used + size > OUTPUT_CAP:
            content["data"] = {"text/plain": _CUT.strip()}
        spent[cell] = used + size
    elif kind == "error":
        content["ename"] = str(content.get("ename", ""))[:200]
        content["evalue"] = str(content.get("evalue", ""))[:10_000]
        content["traceback"] = [str(line)[:10_000] for line in content.get("traceback", [])[-50:]]
    return msg


# The kernel command runs under this: its limits, then the kernel (sys.argv[3:]) in its place.
_LIMITED = ("import os, resource, sys\n"
            "for kind, value in ((resource.RLIMIT_AS, sys.argv[1]), (resource.RLIMIT_FSIZE, sys.argv[2])):\n"
            "    if int(value) > 0:\n"
            "        resource.setrlimit(kind, (int(value), int(value)))\n"
            "os.execv(sys.argv[3], sys.argv[3:])")
MESSAGE_MB = 4                          # the largest message taken from a kernel (outputs of the
                                        # course's notebooks: 0.25 MB at most)


def _start_kernels_ahead(name: str, isolate: bool, limits: list[int]) -> None:
    """Make nbval's kernels start one notebook ahead: when a notebook takes its kernel, the next
    one starts at once (its imports overlap this notebook's cells), each in a folder of its own
    under kernels/ (working directory, connection file, Unix sockets, and the socket through
    which the checks question it, remote.Channel), limited to `limits` (address space, file
    size) and, with `isolate`, inside sandbox.command with cgroups of its own (processes,
    memory). Once the kernel is ready its folder becomes read-only (its sockets exist): it
    writes only to its /tmp."""
    import atexit
    import itertools

    import nbval.kernel
    import zmq
    from jupyter_client.manager import KernelManager

    from . import remote, sandbox

    counter, ahead = itertools.count(), []
    context = zmq.Context()
    context.setsockopt(zmq.MAXMSGSIZE, MESSAGE_MB * 2 ** 20)   # larger ones cut the connection

    def launch(root: pathlib.Path, kernel_name: str, kwargs: dict):
        folder = root / f"{os.getpid()}-{next(counter)}"
        folder.mkdir(parents=True)
        procs = sandbox.kernel_cgroups(f"{name}-{folder.name}", limits[0]) if isolate else []

        class CourseKernelManager(KernelManager):
            def format_kernel_cmd(self, extra_arguments=None):
                command = super().format_kernel_cmd(extra_arguments)
                command = [sys.executable, "-c", _LIMITED, *map(str, limits), *command]
                if not isolate:
                    return command
                wrapped = sandbox.command(folder, command)
                if not procs:
                    return wrapped
                join = " && ".join(f'echo $$ > "{p}"' for p in procs)
                return ["/bin/sh", "-c", f'{join} && exec "$@"', "sh", *wrapped]

            def shutdown_kernel(self, *args, **kw):
                try:
                    super().shutdown_kernel(*args, **kw)
                finally:
                    self.grading_channel.close()
                    os.chmod(folder, 0o755)          # so that the folder can be removed

        km = CourseKernelManager(kernel_name=kernel_name, transport="ipc", ip=str(folder / "ipc"),
                                 kernel_spec_manager=nbval.kernel.NbvalKernelspecManager(),
                                 context=context)
        km.connection_file = str(folder / "kernel.json")
        km.kernel_spec.interrupt_mode = "message"     # a signal to bwrap would not reach it
        km.grading_channel = remote.Channel(str(folder / remote.serve.SOCKET))
        km.start_kernel(cwd=str(folder), **kwargs)
        kc = km.client(context=context)
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
        os.chmod(pathlib.Path(km.connection_file).parent, 0o555)
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
    if len(record.get("message", "")) > 10_000:
        record["message"] = record["message"][:10_000] + " [cut]"
    from .results import clean             # (a lone surrogate would stop pytest-xdist's transport)
    record = {k: clean(v) if isinstance(v, str) else v for k, v in record.items()}
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
