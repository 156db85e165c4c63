"""How every exercise check runs a learner's function and turns what goes wrong into a sentence.

A check calls the learner's function on several cases; each step below either passes or raises a
CheckFailure (an AssertionError, so pytest and nbval count it as a failed cell) whose message
speaks of the learner's code: not written yet, raised inside your code at line n, returned None,
wrong shape, changed its input, or wrong values, and then, if the wrong values are exactly what
a known mistake produces, that mistake's hint.
"""
from __future__ import annotations

import pathlib
import re
import traceback
import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..gradcheck import rel_error

_PACKAGE_DIR = str(pathlib.Path(__file__).resolve().parents[1])
TOL = 1e-7          # float64 answers computed in another order agree to ~1e-15; this is generous


class CheckFailure(AssertionError):
    """The learner's answer is wrong; the message says what is wrong, in the learner's terms."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback through the checking code: the message.

        (When the learner's own code raised, the message already names its exception and line.)
        """
        return [f"\x1b[1;31mCheckFailure\x1b[0m: {self}"]


@dataclass(frozen=True)
class Mistake:
    """A catalogued mistake: a wrong implementation with the exercise's signature, and its hint."""

    hint: str
    answer: Callable


def call(name: str, fn, *args):
    """Call the learner's `fn` on copies of `args`; return (result, warnings raised inside).

    Raises CheckFailure if fn is not a function, is still the stub, or raises anything, and if it
    changed one of its array arguments in place.
    """
    if not callable(fn):
        raise CheckFailure(f"check_{name} needs your function {name} itself, "
                           f"got {type(fn).__name__}: call check_{name}({name})")
    copies = [_copy(a) for a in args]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*copies)
        except NotImplementedError as exc:
            stub = _raising_function(exc)
            if stub and stub != name.split(".")[-1]:
                raise CheckFailure(f"{name} calls {stub}, which is not written yet: finish the "
                                   f"exercise {stub} first (or compute its result inside "
                                   f"{name}).") from None
            raise CheckFailure(f"{name} is not written yet: replace the line "
                               f"`raise NotImplementedError(...)` with your code, run that cell, "
                               f"then run this check again.") from None
        except Exception as exc:          # the learner's bug, reported, never a crash of the check
            raise CheckFailure(f"{name} raised {type(exc).__name__}: {exc}{_where(exc)}"
                               f"{_known_cause(exc)}") from exc
    for i, (original, passed) in enumerate(zip(args, copies)):
        changed = _changed(original, passed)
        if changed:
            raise CheckFailure(f"{name} changed its argument number {i + 1} in place ({changed}); "
                               f"compute into new arrays instead (a = a + b, not a += b), or "
                               f"restore what you changed before returning.")
    return result, [w for w in caught if issubclass(w.category, RuntimeWarning)]


def array(name: str, out, shape: tuple, spec: str, what: str = "") -> np.ndarray:
    """Check that `out` is a float array of `shape`; `spec` spells the shape in letters, e.g. "(N, H)"."""
    label = f"{name} returned" + (f" {what}" if what else "")
    if out is None:
        raise CheckFailure(f"{label} None: did you forget the `return` statement?")
    if isinstance(out, tuple):
        raise CheckFailure(f"{label} a tuple of {len(out)} items; it should return one array {spec}.")
    if not isinstance(out, np.ndarray):
        raise CheckFailure(f"{label} a {type(out).__name__}; return a numpy array of shape {spec}.")
    if out.shape != tuple(shape):
        hint = ""
        if out.shape == tuple(shape)[::-1]:
            hint = " It looks transposed: check the order of the factors in your products."
        elif len(shape) == 3 and out.shape == (shape[1], shape[0], shape[2]):
            hint = (" That is batch-major (N, T, ...); sequences here are time-major: "
                    "stack the steps along axis 0.")
        elif out.ndim == len(shape) + 1 or out.ndim == len(shape) - 1:
            hint = " One axis too many or too few: did you sum, stack or index one too many times?"
        raise CheckFailure(f"{label} an array of shape {out.shape}, expected {spec} = "
                           f"{tuple(shape)}.{hint}")
    if out.dtype.kind != "f":
        raise CheckFailure(f"{label} an array of dtype {out.dtype}; expected floating point values.")
    if out.dtype != np.float64:
        raise CheckFailure(f"{label} {out.dtype} values; the course computes in float64 (the "
                           f"inputs are float64): somewhere your code converts, e.g. "
                           f".astype(np.float32) or np.float32(...).")
    if not np.isfinite(out).all():
        raise CheckFailure(f"{label} NaN or inf values; every entry should be a finite number.")
    return out


def compare(name: str, out: np.ndarray, expected: np.ndarray, args: tuple, mistakes, case: str,
            what: str = "", pick=lambda answer: answer, explain=None) -> None:
    """Raise CheckFailure unless `out` equals `expected`, naming a catalogued mistake if one fits.

    `pick` takes the relevant part of a mistake's answer (e.g. one item of a returned tuple).
    `explain`, if given, is called when no catalogued mistake fits; the sentence it returns
    (probes.py: which term or which input is wrong) leads the message.
    """
    if rel_error(out, expected) <= TOL:
        return
    label = f"{name}" + (f" ({what})" if what else "")
    for mistake in mistakes:
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wrong = np.asarray(pick(mistake.answer(*[_copy(a) for a in args])))
        except Exception:                 # a mistake that cannot even run on this case
            continue
        if wrong.shape == out.shape and rel_error(out, wrong) <= TOL:
            raise CheckFailure(f"{label} is wrong on {case}. {mistake.hint}")
    i = np.unravel_index(np.argmax(np.abs(out - expected)), out.shape)
    numbers = (f"relative error {rel_error(out, expected):.1e}; entry {tuple(int(k) for k in i)} is "
               f"{out[i]:.6g}, expected {expected[i]:.6g}")
    sentence = explain() if explain else ""
    if sentence:
        raise CheckFailure(f"{label} is wrong on {case}. {sentence} ({numbers}.)")
    raise CheckFailure(f"{label} is wrong on {case}: {numbers}.")


def is_params(value, cls) -> bool:
    """Whether `value` is a parameter tuple of `cls`'s kind: any NamedTuple with the same fields
    (so a GRUParams from another copy of the package counts, as under the grader's guard)."""
    return isinstance(value, tuple) and getattr(value, "_fields", None) == cls._fields


def compare_params(name: str, out, expected, args: tuple, mistakes, case: str) -> None:
    """Like compare, for a returned parameter tuple: every field must match."""
    if not is_params(out, type(expected)):
        kind = type(expected).__name__
        raise CheckFailure(f"{name} returned a {type(out).__name__}; return a {kind}: build one "
                           f"with {kind}(*arrays), or from the one you were given with its "
                           f"._replace(field=...).")
    wrong = [f for f, a, b in zip(expected._fields, out, expected)
             if np.shape(a) != np.shape(b) or rel_error(a, b) > TOL]
    if not wrong:
        return
    for mistake in mistakes:
        answer = mistake.answer(*[_copy(a) for a in args])
        if all(np.shape(a) == np.shape(b) and rel_error(a, b) <= TOL for a, b in zip(out, answer)):
            raise CheckFailure(f"{name} is wrong on {case}. {mistake.hint}")
    raise CheckFailure(f"{name} is wrong on {case}: the fields {', '.join(wrong)} are wrong, "
                       f"the other {len(expected) - len(wrong)} are right.")


def answer_dict(name: str, answer, keys, allowed, spoken: str) -> dict:
    """Check a prediction answered as a dict: every key of `keys` present, each value in
    `allowed` (`spoken` says them in words, e.g. "True or False"); return it."""
    if answer is None:
        raise CheckFailure(f"{name} is None: fill in the dictionary, {spoken} for each key.")
    if not isinstance(answer, dict):
        raise CheckFailure(f"{name} must be a dict from each key to {spoken}, got a "
                           f"{type(answer).__name__}.")
    missing = [k for k in keys if k not in answer]
    if missing:
        raise CheckFailure(f"{name} has no answer for: {', '.join(repr(m) for m in missing)} "
                           f"(keep the keys as they are written).")
    if all(answer[k] is None for k in keys):
        raise CheckFailure(f"{name} is None for every key: replace each None with {spoken}.")
    bad = [k for k in keys if not any(answer[k] is v or (type(answer[k]) is type(v) and answer[k] == v)
                                      or (isinstance(answer[k], np.bool_) and bool(answer[k]) is v)
                                      for v in allowed)]
    if bad:
        raise CheckFailure(f"{name}: answer {spoken} for {', '.join(repr(k) for k in bad)}; got "
                           f"{', '.join(repr(answer[k]) for k in bad)}.")
    return answer


def passed(name: str, detail: str) -> None:
    """The one line a passing check prints."""
    print(f"✓ {name} is correct ({detail}).")


def _copy(a):
    if isinstance(a, np.ndarray):
        return a.copy()
    if isinstance(a, tuple) and hasattr(a, "_fields"):       # parameter tuples and caches
        return type(a)(*(_copy(v) for v in a))
    return a


def _changed(original, passed) -> str:
    if isinstance(original, np.ndarray) and isinstance(passed, np.ndarray):
        if original.shape != passed.shape:
            return f"its shape became {passed.shape}"
        if not np.array_equal(original, passed, equal_nan=True):
            gap = float(np.max(np.abs(original - passed)))
            if gap <= 1e-12 * max(1.0, float(np.max(np.abs(original)))):
                return (f"by at most {gap:.0e}: rounding, as when x[i] + eps - eps is not exactly "
                        "x[i]; save old = x[i] and put it back with x[i] = old")
            return "its values differ after the call"
    elif isinstance(original, tuple) and hasattr(original, "_fields"):
        for field, a, b in zip(original._fields, original, passed):
            if _changed(a, b):
                return f"its field {field} differs after the call"
    return ""


def _raising_function(exc: BaseException) -> str:
    """The name of the function in whose body `exc` was raised (the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return frames[-1].name if frames else ""


_CAUSES = [
    ("only length-1 arrays", "math.exp and its friends take one number; np.exp works elementwise "
                             "on whole arrays."),
    ("only 0-dimensional arrays", "math.exp and its friends take one number; np.exp works "
                                  "elementwise on whole arrays."),
    ("mismatch in its core dimension", "The inner dimensions of a matrix product disagree: in "
                                       "a @ W the last axis of a must equal the first axis of W "
                                       "(x_t (N, D) @ W_x* (D, H), h (N, H) @ W_h* (H, H)); print "
                                       "both shapes."),
    ("must match the size of tensor", "torch stores a layer's weights as (3H, D) and (3H, H), "
                                      "one block per gate stacked along the first axis; the "
                                      "course's W_x* are (D, H): transpose each block."),
    ("exceeds dimension size", "the packed lengths do not fit the tensor's time axis: ids are "
                               "time-major (T, N), so pack with batch_first=False (the "
                               "default)."),
    ("must be sorted in decreasing order", "pack_padded_sequence needs enforce_sorted=False for "
                                           "a batch whose lengths are not sorted."),
    ("could not be broadcast", "Two arrays of different shapes met in an elementwise operation: "
                               "print the shapes of both sides."),
    ("is out of bounds for axis 0", "Time steps run from 0 to T - 1: the last word of a sentence "
                                    "of length k is at t = k - 1."),
]


_LINE_CAUSES = [
    (re.compile(r"\[\s*:\s*,\s*t\s*\]"),
     "Sequences here are time-major, (T, N, D): the input of step t is xs[t]; xs[:, t] takes "
     "example t of every step."),
]


def _known_cause(exc: BaseException) -> str:
    text = str(exc)
    hints = [hint for key, hint in _CAUSES if key in text]
    lines = [f.line or "" for f in traceback.extract_tb(exc.__traceback__)
             if not f.filename.startswith(_PACKAGE_DIR)]
    hints += [hint for pattern, hint in _LINE_CAUSES if any(pattern.search(line) for line in lines)]
    return "".join(f"\n  {hint}" for hint in hints)


def _where(exc: BaseException) -> str:
    """'in your code, line 7: r = ...' for the innermost frame of the learner's own code, if any."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if not f.filename.startswith(_PACKAGE_DIR) and "site-packages" not in f.filename
              and not f.filename.startswith("<frozen")]
    if not frames:
        return ""
    frame = frames[-1]
    line = (frame.line or "").strip()
    return f"\n  in your code, line {frame.lineno}" + (f": {line}" if line else "")

