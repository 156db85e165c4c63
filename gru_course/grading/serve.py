"""The kernel's side of a graded check: answer the checker's questions about one answer, no more.

When the grader runs a check, the check itself runs in the grader's process (remote.py), never in
the learner's kernel. The check cell of the graded copy only calls serve(answer): it connects to
the checker's socket in the kernel's folder and, until the checker says "done", answers requests:
- describe: is `answer` defined, is it a function (and which helpers it calls), or its value;
- call: call the function on the arguments sent, and send back its result, its arguments as they
  are after the call, the warnings raised, or the exception with its traceback's frames.
Everything the kernel sends is plain data (JSON, numbers and arrays as bytes), decoded by the
checker without running anything; what it receives comes from the grader (pickle). Code in the
kernel can replace or imitate this function, but it can only answer questions: a check passes
only if the answers are right. This file is loaded by path, not imported, and uses nothing but
the standard library and numpy (and torch, if the learner's code imported it).
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import pickle
import socket
import struct
import sys
import traceback
import warnings

import numpy as np

LIMIT = 64 * 2 ** 20                # bytes in one request from the grader
REPLY_LIMIT = 2 ** 20               # bytes in one reply (the course's largest is 18 kB)
SOCKET = "check.sock"               # in the kernel's folder, next to its connection file
_DEPTH = 12


def send(sock: socket.socket, data: bytes) -> None:
    sock.sendall(struct.pack("!Q", len(data)) + data)


def receive(sock: socket.socket, stopped=lambda: False, limit: int = LIMIT) -> bytes:
    """One message; ConnectionError if the other side closed, ValueError if it is over `limit`
    bytes. `sock` may have a timeout: then `stopped()` is asked between waits and ends the wait."""
    (size,) = struct.unpack("!Q", _exactly(sock, 8, stopped))
    if size > limit:
        raise ValueError(f"a message of {size} bytes, over the limit of {limit}")
    return _exactly(sock, size, stopped)


def _exactly(sock, size, stopped) -> bytes:
    chunks, left = [], size
    while left:
        try:
            chunk = sock.recv(min(left, 2 ** 20))
        except socket.timeout:
            if stopped():
                raise ConnectionError("stopped waiting") from None
            continue
        if not chunk:
            raise ConnectionError("the other side closed the connection")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def serve(answer: str, path: str | None = None, namespace: dict | None = None) -> None:
    """Answer the checker's requests about `answer` (in the notebook's namespace) until done."""
    if namespace is None:
        from IPython import get_ipython
        namespace = get_ipython().user_ns
    if path is None:
        from ipykernel.connect import get_connection_file
        path = os.path.join(os.path.dirname(os.path.abspath(get_connection_file())), SOCKET)
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(path)
        while True:
            request = pickle.loads(receive(sock))
            if request["op"] == "done":
                return
            try:
                reply = _reply(namespace, request)
                data = json.dumps(reply).encode()
            except Exception as exc:              # e.g. a result that cannot be sent
                data = json.dumps({"error": _error(exc)}).encode()
            send(sock, data if len(data) <= REPLY_LIMIT else json.dumps({"error": _error(ValueError(
                f"the answer is too large to check ({len(data)} bytes encoded, over "
                f"{REPLY_LIMIT})"))}).encode())


def _reply(namespace: dict, request: dict) -> dict:
    found, target = _resolve(namespace, request["path"])
    if request["op"] == "describe":
        if not found:
            return {"missing": True}
        if callable(target):
            names = getattr(getattr(target, "__code__", None), "co_names", ())
            own = getattr(target, "__globals__", {})
            return {"function": {"name": str(getattr(target, "__name__", request["path"][-1])),
                                 "co_names": [str(n) for n in names],
                                 "helpers": [n for n in names if callable(own.get(n))]}}
        return {"value": encode(target)}
    args = request["args"]
    with warnings.catch_warnings(record=True) as caught, refusing(request.get("refuse")):
        warnings.simplefilter("always")
        try:
            result = target(*args)
        except Exception as exc:
            return {"error": _error(exc)}
    return {"result": encode(result, args), "args": [encode(a) for a in args],
            "warnings": [[w.category.__name__, str(w.message)] for w in caught]}


def _resolve(namespace: dict, path: list):
    """(found, object): path[0] in the namespace, then each further name in the previous
    function's globals (a helper it calls)."""
    if path[0] not in namespace:
        return False, None
    target = namespace[path[0]]
    for name in path[1:]:
        target = getattr(target, "__globals__", {}).get(name)
    return True, target


class CheckFailure(AssertionError):
    """Raised by a refused function (below); the checker reads it as its own CheckFailure."""


@contextlib.contextmanager
def refusing(refuse, error: type = CheckFailure):
    """While the learner's function runs, the named functions of a module this process imported
    (the course's own answers) raise `error` with the checker's message for each. `refuse` is
    (module name, {function: message}) or None. (checks.engine.refusing uses it too.)"""
    module_name, messages = refuse or ("", {})
    module = sys.modules.get(module_name) if module_name else None
    originals = {a: getattr(module, a) for a in messages if hasattr(module, a)} if module else {}

    def refused(message):
        def stand_in(*args, **kwargs):
            raise error(message)
        return stand_in

    for attribute in originals:
        setattr(module, attribute, refused(messages[attribute]))
    try:
        yield
    finally:
        for attribute, original in originals.items():
            setattr(module, attribute, original)


def _error(exc: BaseException) -> dict:
    return {"type": type(exc).__name__, "message": str(exc),
            "frames": [[f.filename, f.lineno, f.name, f.line or ""]
                       for f in traceback.extract_tb(exc.__traceback__)][1:]}


def encode(value, args=(), depth: int = 0):
    """`value` as JSON data the checker decodes without running anything (remote.decode)."""
    for i, arg in enumerate(args):
        if value is arg and not isinstance(value, (bool, int, float, str, type(None))):
            return {"arg": i}
    if type(value) in (bool, int, float, str, type(None)):
        return value
    if depth > _DEPTH:
        return _opaque(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc":
        return {"array": value.dtype.str, "shape": list(value.shape),
                "data": base64.b64encode(np.ascontiguousarray(value).tobytes()).decode()}
    if isinstance(value, np.generic) and value.dtype.kind in "biufc":
        return {"scalar": value.dtype.str, "data": base64.b64encode(value.tobytes()).decode()}
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        return {"tensor": encode(value.detach().cpu().numpy(), (), depth + 1),
                "requires_grad": bool(value.requires_grad)}
    if torch is not None and isinstance(value, torch.nn.Module):
        return _module(value, depth)
    if isinstance(value, tuple) and isinstance(getattr(value, "_fields", None), tuple):
        return {"named": type(value).__name__, "fields": [str(f) for f in value._fields],
                "items": [encode(v, args, depth + 1) for v in value]}
    if type(value) in (tuple, list, set, frozenset):
        return {type(value).__name__: [encode(v, args, depth + 1) for v in value]}
    if type(value) is dict:
        return {"dict": [[encode(k, (), depth + 1), encode(v, args, depth + 1)]
                         for k, v in value.items()]}
    return _opaque(value)


def _module(module, depth: int) -> dict:
    kind = type(module)
    config = {}
    if hasattr(module, "mode") and hasattr(module, "hidden_size"):       # torch.nn.RNNBase
        config = {k: getattr(module, k) for k in ("mode", "input_size", "hidden_size",
                                                  "num_layers", "bias", "batch_first", "dropout",
                                                  "bidirectional") if hasattr(module, k)}
    return {"module": f"{kind.__module__}.{kind.__qualname__}",
            "config": {k: v for k, v in config.items() if type(v) in (bool, int, float, str)},
            "state": [[k, encode(v.detach().cpu().numpy(), (), depth + 1)]
                      for k, v in module.state_dict().items()]}


def _opaque(value) -> dict:
    kind = type(value)
    return {"opaque": str(kind.__name__)[:100], "of": str(kind.__module__)[:100]}

