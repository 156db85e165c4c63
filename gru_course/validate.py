"""Input checks whose errors speak to a learner: which argument, what it got, what it needed.

Shapes are written with the course's dimension letters (N batch, T time, D input, H hidden).
A `Dims` object remembers where each letter's value came from, so a mismatch can say
"H=8 comes from p.W_xr (shape (3, 8))" instead of a bare broadcasting error from numpy.
"""
from __future__ import annotations

import numpy as np

_RANK_HINTS = {
    ("(N, D)", 1): "for a single example add a batch axis: x[None, :]",
    ("(N, H)", 1): "for a single example add a batch axis: h[None, :]",
    ("(T, N, D)", 2): "a sequence is time-major (T, N, D); for one sequence use xs[:, None, :]",
    ("(T, N, H)", 2): "a sequence is time-major (T, N, H); for one sequence use dhs[:, None, :]",
}


class Dims:
    """The values of the dimension letters seen so far, and where each came from."""

    def __init__(self, **known: tuple[int, str]):
        self.known = dict(known)

    def match(self, name: str, shape: tuple[int, ...], letters: str) -> None:
        """Check `shape` against `letters` (one letter per axis) and record new letters."""
        spec = "(" + ", ".join(letters) + ")"
        for axis, letter in enumerate(letters):
            if letter in self.known and self.known[letter][0] != shape[axis]:
                value, source = self.known[letter]
                expected = "(" + ", ".join(
                    f"{L}={self.known[L][0]}" if L in self.known else L for L in letters) + ")"
                raise ValueError(
                    f"{name} has shape {tuple(shape)} but expected {spec} = {expected}: "
                    f"{letter}={value} comes from {source}.")
        for axis, letter in enumerate(letters):
            self.known.setdefault(letter, (shape[axis], f"{name} (shape {tuple(shape)})"))

    def __getitem__(self, letter: str) -> int:
        return self.known[letter][0]


def float_array(name: str, value, letters: str, dims: Dims | None = None) -> np.ndarray:
    """Return `value` as a floating-point ndarray of the rank `letters` names, or raise.

    Args:
        name: the argument's name as the caller wrote it, e.g. "x_t" or "p.W_hr".
        value: the argument.
        letters: one dimension letter per axis, e.g. "NH" for (N, H).
        dims: if given, the shape is checked against (and recorded in) it.
    Raises:
        TypeError: not array-like, a torch tensor, or not floating point (integers, bool, object).
        ValueError: wrong number of axes, or a dimension that disagrees with `dims`.
    """
    spec = "(" + ", ".join(letters) + ")"
    if type(value).__module__.startswith("torch"):
        raise TypeError(f"{name} is a {type(value).__name__}; the numpy GRU needs a numpy array "
                        f"of shape {spec}: use {name}.detach().numpy()")
    if value is None:
        raise TypeError(f"{name} is None; expected a float array of shape {spec}")
    arr = np.asarray(value)
    if arr.dtype.kind != "f":
        what = {"i": "integer", "u": "unsigned integer", "b": "boolean"}.get(arr.dtype.kind)
        if what is None:
            raise TypeError(f"{name} has dtype {arr.dtype}; expected a float array of shape {spec}")
        raise TypeError(f"{name} has {what} dtype {arr.dtype}; expected float32 or float64 "
                        f"(integers would truncate every product): use {name}.astype(np.float64)")
    if arr.ndim != len(letters):
        hint = _RANK_HINTS.get((spec, arr.ndim))
        raise ValueError(f"{name} must be a {len(letters)}-D array of shape {spec}, got a "
                         f"{arr.ndim}-D array of shape {arr.shape}" + (f"; {hint}" if hint else ""))
    if dims is not None:
        dims.match(name, arr.shape, letters)
    return arr


def choice(name: str, value, allowed: tuple[str, ...]) -> str:
    """Return `value` if it is one of `allowed`, else raise a ValueError listing them."""
    if not isinstance(value, str) or value not in allowed:
        options = " or ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be {options}, got {value!r}")
    return value


def params(p, cls, name: str = "p") -> Dims:
    """Check a parameter tuple field by field and return the Dims (D, H) it defines.

    Every field must be a finite float array whose shape fits `cls._dims`
    (e.g. "DH" for W_xr); D and H are read off the first field.
    """
    if not isinstance(p, cls):
        raise TypeError(f"{name} must be a {cls.__name__}, got {type(p).__name__}; "
                        f"build one with {cls.__name__}.init(rng, D, H)")
    dims = Dims()
    for field, letters in cls._dims.items():
        arr = float_array(f"{name}.{field}", getattr(p, field), letters, dims)
        if not np.isfinite(arr).all():
            bad = int(np.size(arr) - np.isfinite(arr).sum())
            kind = "NaN" if np.isnan(arr).any() else "inf"
            raise ValueError(f"{name}.{field} contains {kind} ({bad} of {arr.size} entries); "
                             "parameters must be finite. Did a training step diverge? "
                             "Lower the learning rate or clip the gradients.")
    return dims


def like(name: str, value, letters: str, ref: np.ndarray, ref_name: str) -> np.ndarray:
    """A float array of the same shape as `ref` (e.g. an upstream gradient against a cached state)."""
    dims = Dims(**{L: (size, f"{ref_name} (shape {ref.shape})") for L, size in zip(letters, ref.shape)})
    return float_array(name, value, letters, dims)


def cache(value, cls, producer: str):
    """Raise a TypeError unless `value` is the cache type `cls` that `producer` returns."""
    if not isinstance(value, cls):
        raise TypeError(f"cache must be the {cls.__name__} returned by {producer}, "
                        f"got {type(value).__name__}")
    return value
