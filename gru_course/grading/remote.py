"""The grader's side of a graded check: the check runs here, the learner's answer stays there.

For every check cell the grader listens on a socket in the kernel's folder (Channel) and runs the
course's check in its own process, out of the learner's reach, on a stand-in for the answer: a
RemoteFunction, whose calls travel to the kernel (serve.py) and come back as results, or the
answer's value. What comes back is decoded here as plain data (numbers, arrays, tuples, dicts,
tensors, the state of a torch module), never by running anything the kernel sent, and within
limits (1 MB a reply, PARTS parts, ITEMS items a set or dict), so that no reply can keep the
grader busy. The verdict is the check's own: nothing the kernel prints or fakes can make it
pass, only right answers.
"""
from __future__ import annotations

import base64
import builtins
import contextlib
import copy
import io
import json
import math
import os
import pickle
import re
import socket
import threading
import traceback
from collections import namedtuple
from types import SimpleNamespace

import numpy as np

from . import serve
from .results import clean

_DTYPE = re.compile(r"^[<>|=][biufc]\d{1,2}$")
PARTS, ITEMS, MODULES = 20_000, 1_000, 4     # the course's largest answer: a few dozen parts
_RNNS = ("RNN", "GRU", "LSTM")


class ChannelError(Exception):
    """The kernel's side answered something that is not an answer (or did not answer)."""


class Channel:
    """The grader's end of a kernel's checks: a socket at `path`, made before the kernel starts;
    each check takes one connection from the kernel's check cell (start ... stop)."""

    def __init__(self, path: str):
        self.path = path
        self.stopped = threading.Event()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(path)
        self.server.listen(1)
        self.server.settimeout(0.2)
        self.connection = None

    def request(self, request: dict) -> dict:
        if self.connection is None:
            while self.connection is None:
                try:
                    self.connection, _ = self.server.accept()
                except socket.timeout:
                    if self.stopped.is_set():
                        raise ConnectionError("the check cell never asked for its check") from None
            self.connection.settimeout(0.2)
        serve.send(self.connection, pickle.dumps(request))
        try:
            reply = json.loads(serve.receive(self.connection, self.stopped.is_set, serve.REPLY_LIMIT))
        except (ValueError, RecursionError) as exc:
            raise ChannelError(f"not an answer ({exc})") from None
        if not isinstance(reply, dict):
            raise ChannelError("not an answer")
        return reply

    def done(self) -> None:
        """Let the check cell end."""
        if self.connection is not None:
            with contextlib.suppress(OSError):
                serve.send(self.connection, pickle.dumps({"op": "done"}))

    def end(self) -> None:
        """Close this check's connection (the next check waits for a new one)."""
        if self.connection is not None:
            with contextlib.suppress(OSError):
                self.connection.close()
        self.connection = None

    def close(self) -> None:
        self.stopped.set()
        self.end()
        with contextlib.suppress(OSError):
            self.server.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def run_check(channel: Channel, check, answer: str, language: str = "en") -> tuple[bool, str]:
    """Run `check` (checks.<check>, or the function itself) on the kernel's `answer`:
    (passed, the line it printed or why not)."""
    from .. import checks, i18n
    from ..checks import CheckFailure
    from ..i18n import tr
    printed, previous = io.StringIO(), i18n.language()
    i18n.use_language(language if language in i18n.LANGUAGES else "en")
    try:
        with contextlib.redirect_stdout(printed):
            (getattr(checks, check) if isinstance(check, str) else check)(answer_of(channel, answer))
        return True, clean(printed.getvalue().strip())
    except CheckFailure as failure:
        return False, clean(f"CheckFailure: {failure}")
    except (ConnectionError, ChannelError, OSError) as exc:
        return False, clean(tr("the check could not question {answer} ({why}): the check cell "
                               "did not run as the course wrote it, or the kernel stopped "
                               "answering").format(answer=answer, why=exc))
    except Exception as exc:               # the answer broke the check itself: not a pass
        return False, clean(tr("the check could not run on {answer}: {error}: {exc}").format(
            answer=answer, error=type(exc).__name__, exc=exc))
    finally:
        channel.done()
        i18n.use_language(previous)


def answer_of(channel: Channel, answer: str):
    """A stand-in for the kernel's `answer`: a RemoteFunction, or its value."""
    from ..checks import CheckFailure
    from ..i18n import tr
    reply = channel.request({"op": "describe", "path": [answer]})
    if reply.get("missing"):
        raise CheckFailure(tr("{answer} is not defined: the cell that defines it did not run or "
                              "raised an error").format(answer=answer))
    if isinstance(reply.get("function"), dict):
        return RemoteFunction(channel, [answer], reply["function"])
    if "value" in reply:
        return decode(reply["value"])
    raise ChannelError(_text(reply.get("error", {}).get("message", "no answer")))


class RemoteFunction:
    """A learner's function that lives in the kernel; calling it asks the kernel to call it."""

    def __init__(self, channel: Channel, path: list[str], info: dict):
        self._channel, self._path = channel, path
        self.__name__ = self.__qualname__ = _text(info.get("name", path[-1]))
        self.__code__ = SimpleNamespace(co_names=tuple(map(_text, info.get("co_names", []))))
        self.__globals__ = {h: RemoteFunction(channel, [*path, h], {"name": h})
                            for h in map(_text, info.get("helpers", []))}
        self.refuse = None                 # (module name, {function: message}), see engine.refusing

    def __call__(self, *args):
        return self._remote_call(*args)[0]

    def _remote_call(self, *args):
        """(result, the arguments as they are after the call, warnings raised during it)."""
        reply = self._channel.request({"op": "call", "path": self._path, "args": args,
                                       "refuse": self.refuse})
        if "error" in reply:
            raise rebuild(reply["error"])
        try:
            result = decode(reply["result"], args)
            after = [_after(arg, data) for arg, data in zip(args, reply["args"])]
            caught = [SimpleNamespace(category=_warning(c), message=_text(m))
                      for c, m in reply.get("warnings", [])]
        except (KeyError, TypeError, ValueError) as exc:
            raise ChannelError(f"not an answer ({exc})") from None
        return result, after, caught


def _after(arg, data):
    """An argument as the call left it; a torch module given is updated in place."""
    if isinstance(data, dict) and "module" in data and hasattr(arg, "load_state_dict"):
        _load(arg, {_text(k): _array(v) for k, v in data["state"]})
        return arg
    return decode(data)


def rebuild(error: dict) -> Exception:
    """The learner's exception, as an exception of the same name (a builtin one, the checks'
    CheckFailure, or a new class) carrying the frames of its traceback (remote_frames)."""
    from ..checks import CheckFailure
    name = _text(error.get("type", "Exception"))[:100]
    base = getattr(builtins, name, None)
    if name == "CheckFailure":
        base = CheckFailure
    elif not (isinstance(base, type) and issubclass(base, Exception)):
        base = Exception
    message = _text(error.get("message", ""))
    kind = type(name, (base,), {"__str__": lambda self: message, "__module__": "learner"})
    exc = kind.__new__(kind)
    exc.args = (message,)
    exc.remote_frames = [traceback.FrameSummary(_text(f), int(n), _text(fn), lookup_line=False,
                                                line=_text(line))
                         for f, n, fn, line in error.get("frames", [])]
    return exc


def decode(data, args=(), depth: int = 0, budget: dict | None = None):
    """The value serve.encode sent: built from plain data only, of at most PARTS parts (numbers,
    arrays, items), its sets and dicts of at most ITEMS items (so no reply can keep the grader
    busy: a set of numbers that all hash alike costs the square of its size to build), with at
    most MODULES torch modules, each no larger than the weights sent for it."""
    budget = {"parts": PARTS, "modules": MODULES} if budget is None else budget
    budget["parts"] -= 1
    if budget["parts"] < 0:
        raise ChannelError(f"an answer of more than {PARTS} parts")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if not isinstance(data, dict) or depth > 40:
        raise ChannelError("not an encoded value")
    if "arg" in data:
        if type(data["arg"]) is not int or not 0 <= data["arg"] < len(args):
            raise ChannelError("not one of the arguments")
        return args[data["arg"]]
    if "array" in data:
        dtype, shape = _dtype(data["array"]), tuple(int(n) for n in data["shape"])
        raw = base64.b64decode(data["data"], validate=True)
        if any(n < 0 for n in shape) or len(raw) != math.prod(shape) * dtype.itemsize:
            raise ChannelError("an array whose bytes do not fit its shape")
        return np.frombuffer(raw, dtype).reshape(shape).copy()
    if "scalar" in data:
        dtype, raw = _dtype(data["scalar"]), base64.b64decode(data["data"], validate=True)
        if len(raw) != dtype.itemsize:
            raise ChannelError("a number whose bytes do not fit its type")
        return np.frombuffer(raw, dtype)[0]
    if "tensor" in data:
        import torch
        array = decode(data["tensor"], (), depth + 1, budget)
        if not isinstance(array, np.ndarray):
            raise ChannelError("a tensor without its numbers")
        tensor = torch.from_numpy(array)
        return tensor.requires_grad_() if data.get("requires_grad") and tensor.is_floating_point() \
            else tensor
    if "module" in data:
        budget["modules"] -= 1
        if budget["modules"] < 0:
            raise ChannelError(f"an answer of more than {MODULES} torch modules")
        return _module(data, args)
    if "named" in data:
        kind = _named(_text(data["named"]), tuple(map(_text, data["fields"])))
        items = [decode(v, args, depth + 1, budget) for v in data["items"]]
        if len(items) != len(kind._fields):
            raise ChannelError("a named tuple with the wrong number of items")
        return kind(*items)
    for kind in (tuple, list, set, frozenset):
        if kind.__name__ in data:
            if kind in (set, frozenset) and len(data[kind.__name__]) > ITEMS:
                raise ChannelError(f"a set of more than {ITEMS} items")
            try:
                return kind(decode(v, args, depth + 1, budget) for v in data[kind.__name__])
            except TypeError:
                raise ChannelError(f"a {kind.__name__} with an unhashable item") from None
    if "dict" in data:
        if len(data["dict"]) > ITEMS:
            raise ChannelError(f"a dict of more than {ITEMS} items")
        try:
            return {decode(k, (), depth + 1, budget): decode(v, args, depth + 1, budget) for k, v in data["dict"]}
        except TypeError:
            raise ChannelError("a dict with an unhashable key") from None
    if "opaque" in data:
        return _opaque(_text(data["opaque"])[:100], _text(data.get("of", ""))[:100])()
    raise ChannelError("not an encoded value")


class Opaque:
    """Something the kernel could not send (an object of the learner's own class, say): only its
    type's name arrives, so a check can say what it got."""


def _opaque(name: str, module: str) -> type:
    return type(name, (Opaque,), {"__module__": module})


def _named(name: str, fields: tuple) -> type:
    """The course's NamedTuple of that name and fields, or a new one like it."""
    from .. import gru, gru_sequence, lstm, rnn, simplified
    for module in (gru, gru_sequence, lstm, rnn, simplified):
        kind = getattr(module, name, None)
        if isinstance(kind, type) and getattr(kind, "_fields", None) == fields:
            return kind
    try:
        return namedtuple(name, fields)
    except (ValueError, TypeError) as exc:
        raise ChannelError(f"a named tuple that cannot exist ({exc})") from None


def _module(data: dict, args):
    """A torch module with the weights the kernel's module has: a copy of the argument of the
    same class, or a torch.nn RNN/GRU/LSTM built from its settings if they describe exactly the
    weights sent (so that no module is larger than the reply that carried it)."""
    import torch
    name = _text(data["module"])
    state = {_text(k): _array(v) for k, v in data["state"]}
    model = next((copy.deepcopy(a) for a in args if isinstance(a, torch.nn.Module)
                  and f"{type(a).__module__}.{type(a).__qualname__}" == name), None)
    kind = name.rsplit(".", 1)[-1]
    if model is None and name == f"torch.nn.modules.rnn.{kind}" and kind in _RNNS:
        config = data.get("config", {})
        settings = [config.get(k) for k in ("input_size", "hidden_size", "num_layers")]
        flags = {k: bool(config.get(k, default)) for k, default in
                 (("bias", True), ("batch_first", False), ("bidirectional", False))}
        if all(type(n) is int and 0 < n <= 4096 for n in settings) and settings[2] <= 8 \
                and _rnn_shapes(kind, *settings, flags["bias"], flags["bidirectional"]) == \
                {k: v.shape for k, v in state.items()}:
            model = getattr(torch.nn, kind)(*settings, **flags)
    if model is None or not _load(model, state):
        return _opaque(kind[:100], name.rsplit(".", 1)[0][:100])()
    return model


def _rnn_shapes(kind: str, inputs: int, hidden: int, layers: int, bias: bool,
                bidirectional: bool) -> dict:
    """The shape of every weight of torch.nn.<kind>(inputs, hidden, layers, ...)."""
    rows = {"RNN": 1, "GRU": 3, "LSTM": 4}[kind] * hidden
    shapes = {}
    for layer in range(layers):
        for suffix in ("", "_reverse")[:1 + bidirectional]:
            width = inputs if layer == 0 else hidden * (1 + bidirectional)
            shapes[f"weight_ih_l{layer}{suffix}"] = (rows, width)
            shapes[f"weight_hh_l{layer}{suffix}"] = (rows, hidden)
            if bias:
                shapes[f"bias_ih_l{layer}{suffix}"] = shapes[f"bias_hh_l{layer}{suffix}"] = (rows,)
    return shapes


def _load(model, state: dict) -> bool:
    """Give `model` these weights (and their dtype); False if they do not fit it."""
    import torch
    tensors = {k: torch.from_numpy(v) for k, v in state.items()}
    dtypes = {t.dtype for t in tensors.values() if t.is_floating_point()}
    try:
        if len(dtypes) == 1:
            model.to(dtypes.pop())
        model.load_state_dict(tensors, strict=True)
    except (RuntimeError, KeyError, TypeError):
        return False
    return True


def _array(data) -> np.ndarray:
    value = decode(data)
    if not isinstance(value, np.ndarray):
        raise ChannelError("a module state that is not arrays")
    return value


def _dtype(text) -> np.dtype:
    if not isinstance(text, str) or not _DTYPE.match(text):
        raise ChannelError(f"not a numeric type: {text!r:.40}")
    return np.dtype(text)


def _warning(name) -> type:
    kind = getattr(builtins, _text(name), None)
    return kind if isinstance(kind, type) and issubclass(kind, Warning) else UserWarning


def _text(value) -> str:
    if not isinstance(value, (str, int)):
        raise ChannelError("text expected")
    return clean(str(value))


def start(channel: Channel, check: str, answer: str, language: str):
    """Run the check in a thread of its own, while the kernel runs the check cell; returns the
    thread and the dict that receives its verdict under "result"."""
    verdict = {}
    channel.stopped.clear()

    def target():
        verdict["result"] = run_check(channel, check, answer, language)

    thread = threading.Thread(target=target, daemon=True, name=f"check {check}")
    thread.start()
    return thread, verdict


def stop(channel: Channel, thread: threading.Thread, grace: float = 5.0) -> None:
    """After the cell ended: give a check the kernel talked to `grace` seconds to finish (it
    normally has: the cell ends when the check says done), then cut the channel."""
    thread.join(grace if channel.connection is not None else 0.0)
    channel.stopped.set()                  # a wait for the kernel ends within 0.2 s
    thread.join(grace)
    channel.end()
