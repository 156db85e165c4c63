"""How every exercise check runs a learner's function and turns what goes wrong into a sentence.

A check calls the learner's function on several cases; each step below either passes or raises a
CheckFailure (an AssertionError, so pytest and nbval count it as a failed cell) whose message
speaks of the learner's code: not written yet, raised inside your code at line n, returned None,
wrong shape, changed its input, or wrong values, and then, if the wrong values are exactly what
a known mistake produces, that mistake's hint.
"""
from __future__ import annotations

import contextlib
import pathlib
import re
import traceback
import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..i18n import tr, tr_later
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
        raise CheckFailure(tr("check_{name} needs your function {name} itself, got "
                              "{fn_type}: call check_{name}({name})").format(
                               name=name, fn_type=type(fn).__name__))
    copies = [_copy(a) for a in args]
    remote = getattr(fn, "_remote_call", None)       # the grader's stand-in (grading/remote.py)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if remote is None:
                result = fn(*copies)
            else:
                result, copies, caught[:] = remote(*copies)
        except NotImplementedError as exc:
            stub = _raising_function(exc)
            if stub and stub != name.split(".")[-1]:
                raise CheckFailure(tr("{name} calls {stub}, which is not written yet: "
                                      "finish the exercise {stub} first (or compute its "
                                      "result inside {name}).").format(name=name, stub=stub)) from None
            raise CheckFailure(tr("{name} is not written yet: replace the line `raise "
                                  "NotImplementedError(...)` with your code, run that "
                                  "cell, then run this check again.").format(name=name)) from None
        except Exception as exc:          # the learner's bug, reported, never a crash of the check
            raise CheckFailure(tr("{name} raised {error}: {exc}{where}{cause}").format(
                name=name, error=type(exc).__name__, exc=exc, where=_where(exc),
                cause=_known_cause(exc))) from exc
    for i, (original, passed) in enumerate(zip(args, copies)):
        changed = _changed(original, passed)
        if changed:
            raise CheckFailure(tr("{name} changed its argument number {value} in place "
                                  "({changed}); compute into new arrays instead (a = a + "
                                  "b, not a += b), or restore what you changed before "
                                  "returning.").format(name=name, value=i + 1, changed=changed))
    return result, [w for w in caught if issubclass(w.category, RuntimeWarning)]


def array(name: str, out, shape: tuple, spec: str, what: str = "") -> np.ndarray:
    """Check that `out` is a float array of `shape`; `spec` spells the shape in letters, e.g. "(N, H)"."""
    label = (tr("{name} returned {what}") if what else tr("{name} returned")).format(name=name,
                                                                                   what=what)
    if out is None:
        raise CheckFailure(tr("{label} None: did you forget the `return` statement?").format(
                               label=label))
    if isinstance(out, tuple):
        raise CheckFailure(tr("{label} a tuple of {n_out} items; it should return one "
                              "array {spec}.").format(label=label, n_out=len(out), spec=spec))
    if not isinstance(out, np.ndarray):
        raise CheckFailure(tr("{label} a {out_type}; return a numpy array of shape {spec}.").format(
                               label=label, out_type=type(out).__name__, spec=spec))
    if out.shape != tuple(shape):
        hint = ""
        if out.shape == tuple(shape)[::-1]:
            hint = tr(" It looks transposed: check the order of the factors in your "
                      "products.")
        elif len(shape) == 3 and out.shape == (shape[1], shape[0], shape[2]):
            hint = (tr(" That is batch-major (N, T, ...); sequences here are time-major: "
                       "stack the steps along axis 0."))
        elif out.ndim == len(shape) + 1 or out.ndim == len(shape) - 1:
            hint = tr(" One axis too many or too few: did you sum, stack or index one too "
                      "many times?")
        raise CheckFailure(tr("{label} an array of shape {shape}, expected {spec} = "
                              "{shape2}.{hint}").format(
                               label=label, shape=out.shape, spec=spec, shape2=tuple(shape), hint=hint))
    if out.dtype.kind != "f":
        raise CheckFailure(tr("{label} an array of dtype {dtype}; expected floating point "
                              "values.").format(label=label, dtype=out.dtype))
    if out.dtype != np.float64:
        raise CheckFailure(tr("{label} {dtype} values; the course computes in float64 (the "
                              "inputs are float64): somewhere your code converts, e.g. "
                              ".astype(np.float32) or np.float32(...).").format(
                               label=label, dtype=out.dtype))
    if not np.isfinite(out).all():
        raise CheckFailure(tr("{label} NaN or inf values; every entry should be a finite "
                              "number.").format(label=label))
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
            raise CheckFailure(tr("{label} is wrong on {case}. {hint}").format(
                                   label=label, case=case, hint=mistake.hint))
    i = np.unravel_index(np.argmax(np.abs(out - expected)), out.shape)
    numbers = (tr("relative error {rel_error:.1e}; entry {value} is {out_i:.6g}, expected "
                  "{expected_i:.6g}").format(
                   rel_error=rel_error(out, expected), value=tuple(int(k) for k in i), out_i=out[i], expected_i=expected[i]))
    sentence = explain() if explain else ""
    if sentence:
        raise CheckFailure(tr("{label} is wrong on {case}. {sentence} ({numbers}.)").format(
                               label=label, case=case, sentence=sentence, numbers=numbers))
    raise CheckFailure(tr("{label} is wrong on {case}: {numbers}.").format(
                           label=label, case=case, numbers=numbers))


def is_params(value, cls) -> bool:
    """Whether `value` is a parameter tuple of `cls`'s kind: any NamedTuple with the same fields
    (so a GRUParams built by the learner's copy of the package counts, or one the grader
    received from the kernel)."""
    return isinstance(value, tuple) and getattr(value, "_fields", None) == cls._fields


def finite_params(name: str, out) -> None:
    """Raise CheckFailure naming the fields of the returned parameter tuple that hold NaN or inf
    (NaN compares false with everything, so it must be refused before any comparison)."""
    def finite(a):
        try:
            return bool(np.isfinite(np.asarray(a, dtype=np.float64)).all())
        except (TypeError, ValueError):
            return True                   # not numbers: the comparison that follows says so
    broken = [f for f, a in zip(out._fields, out) if not finite(a)]
    if broken:
        raise CheckFailure(tr("{name} returned NaN or inf values in {items}; every entry should "
                              "be a finite number.").format(name=name, items=", ".join(broken)))


def compare_params(name: str, out, expected, args: tuple, mistakes, case: str) -> None:
    """Like compare, for a returned parameter tuple: every field must match."""
    if not is_params(out, type(expected)):
        kind = type(expected).__name__
        raise CheckFailure(tr("{name} returned a {out_type}; return a {kind}: build one "
                              "with {kind}(*arrays), or from the one you were given with "
                              "its ._replace(field=...).").format(
                               name=name, out_type=type(out).__name__, kind=kind))
    finite_params(name, out)
    wrong = [f for f, a, b in zip(expected._fields, out, expected)
             if np.shape(a) != np.shape(b) or rel_error(a, b) > TOL]
    if not wrong:
        return
    for mistake in mistakes:
        answer = mistake.answer(*[_copy(a) for a in args])
        if all(np.shape(a) == np.shape(b) and rel_error(a, b) <= TOL for a, b in zip(out, answer)):
            raise CheckFailure(tr("{name} is wrong on {case}. {hint}").format(
                                   name=name, case=case, hint=mistake.hint))
    raise CheckFailure(tr("{name} is wrong on {case}: the fields {items} are wrong, the "
                          "other {value} are right.").format(
                           name=name, case=case, items=', '.join(wrong), value=len(expected) - len(wrong)))


def answer_dict(name: str, answer, keys, allowed, spoken: str) -> dict:
    """Check a prediction answered as a dict: every key of `keys` present, each value in
    `allowed` (`spoken` says them in words, e.g. "True or False"); return it."""
    if answer is None:
        raise CheckFailure(tr("{name} is None: fill in the dictionary, {spoken} for each "
                              "key.").format(name=name, spoken=spoken))
    if not isinstance(answer, dict):
        raise CheckFailure(tr("{name} must be a dict from each key to {spoken}, got a "
                              "{answer_type}.").format(
                               name=name, spoken=spoken, answer_type=type(answer).__name__))
    missing = [k for k in keys if k not in answer]
    if missing:
        raise CheckFailure(tr("{name} has no answer for: {items} (keep the keys as they "
                              "are written).").format(
                               name=name, items=', '.join(repr(m) for m in missing)))
    if all(answer[k] is None for k in keys):
        raise CheckFailure(tr("{name} is None for every key: replace each None with "
                              "{spoken}.").format(name=name, spoken=spoken))
    bad = [k for k in keys if not any(answer[k] is v or (type(answer[k]) is type(v) and answer[k] == v)
                                      or (isinstance(answer[k], np.bool_) and bool(answer[k]) is v)
                                      for v in allowed)]
    if bad:
        raise CheckFailure(tr("{name}: answer {spoken} for {items}; got {items2}.").format(
                               name=name, spoken=spoken, items=', '.join(repr(k) for k in bad), items2=', '.join(repr(answer[k]) for k in bad)))
    return answer


def passed(name: str, detail: str) -> None:
    """The one line a passing check prints."""
    print(tr("✓ {name} is correct ({detail}).").format(name=name, detail=detail))


def _copy(a):
    if isinstance(a, np.ndarray):
        return a.copy()
    if isinstance(a, tuple) and hasattr(a, "_fields"):       # parameter tuples and caches
        return type(a)(*(_copy(v) for v in a))
    return a


def _changed(original, passed) -> str:
    if isinstance(original, np.ndarray) and isinstance(passed, np.ndarray):
        if original.shape != passed.shape:
            return tr("its shape became {shape}").format(shape=passed.shape)
        if not np.array_equal(original, passed, equal_nan=True):
            gap = float(np.max(np.abs(original - passed)))
            if gap <= 1e-12 * max(1.0, float(np.max(np.abs(original)))):
                return (tr("by at most {gap:.0e}: rounding, as when x[i] + eps - eps is "
                           "not exactly x[i]; save old = x[i] and put it back with x[i] = "
                           "old").format(gap=gap))
            return tr("its values differ after the call")
    elif isinstance(original, tuple) and hasattr(original, "_fields"):
        for field, a, b in zip(original._fields, original, passed):
            if _changed(a, b):
                return tr("its field {field} differs after the call").format(field=field)
    return ""


@contextlib.contextmanager
def refusing(fn, module: str, messages: dict):
    """While `fn` runs in this context, each function named in `messages` (of the module named
    `module`, if imported) raises CheckFailure with its message: the course's own answer may not
    be called. Under the grader, where fn runs in the kernel, the kernel refuses them."""
    if hasattr(fn, "_remote_call"):
        fn.refuse = (module, messages)
        try:
            yield
        finally:
            fn.refuse = None
        return
    from ..grading.serve import refusing as refused     # the kernel's side does the same
    with refused((module, messages), CheckFailure):
        yield


def _frames(exc: BaseException) -> list:
    """The frames of exc's traceback (for an exception raised in the kernel, those it sent)."""
    remote = getattr(exc, "remote_frames", None)
    return remote if remote is not None else traceback.extract_tb(exc.__traceback__)


def _raising_function(exc: BaseException) -> str:
    """The name of the function in whose body `exc` was raised (the innermost frame)."""
    frames = _frames(exc)
    return frames[-1].name if frames else ""


_CAUSES = [
    ("only length-1 arrays", tr_later("math.exp and its friends take one number; np.exp "
                                      "works elementwise on whole arrays.")),
    ("only 0-dimensional arrays", tr_later("math.exp and its friends take one number; "
                                           "np.exp works elementwise on whole arrays.")),
    ("mismatch in its core dimension", tr_later("The inner dimensions of a matrix product "
                                                "disagree: in a @ W the last axis of a "
                                                "must equal the first axis of W (x_t (N, "
                                                "D) @ W_x* (D, H), h (N, H) @ W_h* (H, "
                                                "H)); print both shapes.")),
    ("must match the size of tensor", tr_later("torch stores a layer's weights as (3H, D) "
                                               "and (3H, H), one block per gate stacked "
                                               "along the first axis; the course's W_x* "
                                               "are (D, H): transpose each block.")),
    ("exceeds dimension size", tr_later("the packed lengths do not fit the tensor's time "
                                        "axis: ids are time-major (T, N), so pack with "
                                        "batch_first=False (the default).")),
    ("must be sorted in decreasing order", tr_later("pack_padded_sequence needs "
                                                    "enforce_sorted=False for a batch "
                                                    "whose lengths are not sorted.")),
    ("could not be broadcast", tr_later("Two arrays of different shapes met in an "
                                        "elementwise operation: print the shapes of both "
                                        "sides.")),
    ("is out of bounds for axis 0", tr_later("Time steps run from 0 to T - 1: the last "
                                             "word of a sentence of length k is at t = k - "
                                             "1.")),
]


_LINE_CAUSES = [
    (re.compile(r"\[\s*:\s*,\s*t\s*\]"),
     tr_later("Sequences here are time-major, (T, N, D): the input of step t is xs[t]; "
              "xs[:, t] takes example t of every step.")),
]


def _known_cause(exc: BaseException) -> str:
    text = str(exc)
    hints = [hint for key, hint in _CAUSES if key in text]
    lines = [f.line or "" for f in _frames(exc) if not f.filename.startswith(_PACKAGE_DIR)]
    hints += [hint for pattern, hint in _LINE_CAUSES if any(pattern.search(line) for line in lines)]
    return "".join(f"\n  {hint}" for hint in hints)


def _where(exc: BaseException) -> str:
    """'in your code, line 7: r = ...' for the innermost frame of the learner's own code, if any."""
    frames = [f for f in _frames(exc)
              if not f.filename.startswith(_PACKAGE_DIR) and "site-packages" not in f.filename
              and not f.filename.startswith("<frozen")]
    if not frames:
        return ""
    frame = frames[-1]
    line = (frame.line or "").strip()
    return tr("\n  in your code, line {lineno}").format(lineno=frame.lineno) + (f": {line}" if line else "")

