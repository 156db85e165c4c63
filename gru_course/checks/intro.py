"""Checks for the exercises of 01 Introduction: parameter counts, a step by hand, the single-gate
GRU of deeplearning.ai, and two designs: the bias that sets a memory's half-life, the gates that
make a GRU forget its past."""
from __future__ import annotations

import numpy as np

from ..i18n import tr, tr_later
from ..activations import sigmoid
from ..gradcheck import rel_error
from . import engine
from .engine import CheckFailure, Mistake

SHAPES = [(3, 5), (16, 32), (64, 128), (1, 1)]       # (D, H)


def _count(gates: int, D: int, H: int, biases: int = 2) -> int:
    return gates * (H * D + H * H + biases * H)


def torch_count(kind: str, D: int, H: int) -> int:
    """The number of parameters torch.nn.RNN / GRU / LSTM(D, H) really has."""
    import torch
    module = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[kind](D, H)
    return sum(p.numel() for p in module.parameters())


def _count_mistakes(gates: int, kind: str) -> list[Mistake]:
    mistakes = [
        Mistake(tr_later("You counted one bias vector per weight block; PyTorch keeps two, "
                         "b_ih and b_hh (only their sum matters, but both are parameters)."), lambda D, H: _count(gates, D, H, 1)),
        Mistake(tr_later("The biases are missing: each gate has H + H of them in PyTorch "
                         "(b_ih and b_hh)."),
                lambda D, H: _count(gates, D, H, 0)),
        Mistake(tr_later("The recurrent weights are missing: each gate also has an (H, H) "
                         "matrix acting on h_{t-1}."), lambda D, H: gates * (H * D + 2 * H)),
        Mistake(tr_later("The input weights are missing: each gate also has a (D, H) "
                         "matrix acting on x_t."),
                lambda D, H: gates * (H * H + 2 * H)),
    ]
    if kind == "gru":
        mistakes.append(Mistake(
            tr_later("That is the count of the course's GRUParams, which merges the two "
                     "biases of r and z (3H(D+H) + 4H); PyTorch keeps two bias vectors for "
                     "every gate."),
            lambda D, H: 3 * H * (D + H) + 4 * H))
    if kind == "gru":
        mistakes.append(Mistake(tr_later("That is the LSTM's count (4 weight blocks: i, f, "
                                         "g, o); the GRU has 3: the gates r, z and the "
                                         "candidate n."),
                                lambda D, H: _count(4, D, H)))
        mistakes.append(Mistake(tr_later("That counts 2 weight blocks, one per gate; the "
                                         "candidate n has its own block too, so the GRU "
                                         "has 3."), lambda D, H: _count(2, D, H)))
    if kind == "lstm":
        mistakes.append(Mistake(tr_later("That is the GRU's count (3 weight blocks); the "
                                         "LSTM has 4: the gates i, f, o and the candidate "
                                         "g."), lambda D, H: _count(3, D, H)))
    return mistakes


PARAM_COUNT_MISTAKES = {"rnn": _count_mistakes(1, "rnn"), "gru": _count_mistakes(3, "gru"),
                        "lstm": _count_mistakes(4, "lstm")}


def _check_count(kind: str, fn) -> None:
    name = f"{kind}_param_count"
    for D, H in SHAPES:
        out, _ = engine.call(name, fn, D, H)
        if not isinstance(out, (int, np.integer)) or isinstance(out, bool):
            raise CheckFailure(tr("{name}({D}, {H}) returned {out!r}; return the count as "
                                  "an int.").format(name=name, D=D, H=H, out=out))
        expected = torch_count(kind, D, H)
        if out != expected:
            for mistake in PARAM_COUNT_MISTAKES[kind]:
                if mistake.answer(D, H) == out:
                    raise CheckFailure(tr("{name}({D}, {H}) = {out}, but "
                                          "torch.nn.{upper}({D}, {H}) has {expected}. "
                                          "{hint}").format(
                                           name=name, D=D, H=H, out=out, upper=kind.upper(), expected=expected, hint=mistake.hint))
            raise CheckFailure(tr("{name}({D}, {H}) = {out}, but torch.nn.{upper}({D}, "
                                  "{H}) has {expected} parameters.").format(
                                   name=name, D=D, H=H, out=out, upper=kind.upper(), expected=expected))
    engine.passed(name, tr("equal to PyTorch's count for {n_SHAPES} sizes").format(
                            n_SHAPES=len(SHAPES)))


def check_rnn_param_count(rnn_param_count) -> None:
    """rnn_param_count(D, H) == parameters of torch.nn.RNN(D, H)."""
    _check_count("rnn", rnn_param_count)


def check_gru_param_count(gru_param_count) -> None:
    """gru_param_count(D, H) == parameters of torch.nn.GRU(D, H)."""
    _check_count("gru", gru_param_count)


def check_lstm_param_count(lstm_param_count) -> None:
    """lstm_param_count(D, H) == parameters of torch.nn.LSTM(D, H)."""
    _check_count("lstm", lstm_param_count)


# --- one step by hand -------------------------------------------------------------------------

HAND = dict(x=0.5, h_prev=-0.4, W_xr=1.0, W_hr=-0.5, b_r=0.2, W_xz=0.8, W_hz=0.6, b_z=-0.3,
            W_xn=1.2, W_hn=0.9, b_xn=0.1, b_hn=0.2)


def hand_step(x, h_prev, W_xr, W_hr, b_r, W_xz, W_hz, b_z, W_xn, W_hn, b_xn, b_hn,
              keeps=True, reset="before"):
    """(r, z, n, h_t) of a one-unit GRU on scalars."""
    r = float(sigmoid(x * W_xr + h_prev * W_hr + b_r))
    z = float(sigmoid(x * W_xz + h_prev * W_hz + b_z))
    if reset == "none":
        n = float(np.tanh(x * W_xn + b_xn + h_prev * W_hn + b_hn))
    elif reset == "before":
        n = float(np.tanh(x * W_xn + b_xn + (r * h_prev) * W_hn + b_hn))
    else:
        n = float(np.tanh(x * W_xn + b_xn + r * (h_prev * W_hn + b_hn)))
    h = z * h_prev + (1 - z) * n if keeps else (1 - z) * h_prev + z * n
    return r, z, n, h


STEP_BY_HAND_MISTAKES = [
    Mistake(tr_later("h_t interpolates the other way round: here z keeps the old state, "
                     "h_t = z h_prev + (1 - z) n."), lambda: hand_step(**HAND, keeps=False)),
    Mistake(tr_later("n applies r after the product (PyTorch's form); the lecture form is "
                     "tanh(x W_xn + b_xn + (r h_prev) W_hn + b_hn)."), lambda: hand_step(**HAND, reset="after")),
    Mistake(tr_later("n ignores the reset gate: the previous state enters the candidate as "
                     "r h_prev, tanh(x W_xn + b_xn + (r h_prev) W_hn + b_hn)."), lambda: hand_step(**HAND, reset="none")),
    Mistake(tr_later("r and z are in each other's place: the tuple is (r, z, n, h_t), "
                     "reset gate first."),
            lambda: (lambda r, z, n, h: (z, r, n, h))(*hand_step(**HAND))),
    Mistake(tr_later("The candidate's biases b_xn and b_hn are missing."),
            lambda: hand_step(**{**HAND, "b_xn": 0.0, "b_hn": 0.0})),
    Mistake(tr_later("The candidate's bias b_hn is missing (it has two, b_xn and b_hn)."),
            lambda: hand_step(**{**HAND, "b_hn": 0.0})),
    Mistake(tr_later("The candidate's bias b_xn is missing (it has two, b_xn and b_hn)."),
            lambda: hand_step(**{**HAND, "b_xn": 0.0})),
]


def check_step_by_hand(step_by_hand) -> None:
    """step_by_hand = (r, z, n, h_t) of the scalar GRU of the exercise, to 3 decimals."""
    if step_by_hand is None:
        raise CheckFailure(tr("step_by_hand is None: replace None with your four numbers, "
                              "step_by_hand = (r, z, n, h_t)."))
    if isinstance(step_by_hand, np.ndarray):
        step_by_hand = tuple(step_by_hand.ravel()) if step_by_hand.size == 4 else step_by_hand
    if not isinstance(step_by_hand, (tuple, list)) or len(step_by_hand) != 4:
        got = (f"a {type(step_by_hand).__name__}" if not isinstance(step_by_hand, (tuple, list))
               else tr("{n} values").format(n=len(step_by_hand)))
        raise CheckFailure(tr("step_by_hand must be a tuple of the four numbers (r, z, n, "
                              "h_t), in that order; you gave {got}.").format(got=got))
    try:
        answer = np.array([float(v) for v in step_by_hand])
    except (TypeError, ValueError):
        raise CheckFailure(tr("step_by_hand holds something that is not a number: "
                              "{step_by_hand!r}").format(step_by_hand=step_by_hand)) from None
    expected = np.array(hand_step(**HAND))
    if np.allclose(answer, expected, atol=5e-4):
        engine.passed("step_by_hand", tr("r, z, n and h_t to 3 decimals"))
        return
    for mistake in STEP_BY_HAND_MISTAKES:
        if np.allclose(answer, mistake.answer(), atol=5e-4):
            raise CheckFailure(tr("step_by_hand is wrong. {hint}").format(hint=mistake.hint))
    if np.allclose(answer, expected, atol=5e-3):
        raise CheckFailure(tr("step_by_hand agrees to 2 decimals but not to 3: give each "
                              "number with 3 decimals (round at the end, not in between)."))
    names = [k for k, a, b in zip(("r", "z", "n", "h_t"), answer, expected) if abs(a - b) > 5e-4]
    first = answer[["r", "z", "n", "h_t"].index(names[0])]
    if len(names) == 1:
        raise CheckFailure(tr("step_by_hand: {name} is wrong ({name} = {value:.4f}).").format(
            name=names[0], value=first))
    raise CheckFailure(tr("step_by_hand: {items} are wrong (the first wrong one is {name} = "
                          "{value:.4f}); each later value is computed from the earlier ones, so "
                          "fix the first wrong one first.").format(
                              items=", ".join(names), name=names[0], value=first))


# --- the single-gate GRU ----------------------------------------------------------------------

def simplified_step(x, c, W_c, b_c, W_u, b_u, keeps=False, order="cx", act=(np.tanh, sigmoid),
                    biases=True):
    cx = np.concatenate([c, x] if order == "cx" else [x, c], axis=1)
    candidate = act[0](cx @ W_c + (b_c if biases else 0))
    gamma = act[1](cx @ W_u + (b_u if biases else 0))
    return gamma * c + (1 - gamma) * candidate if keeps else gamma * candidate + (1 - gamma) * c


SIMPLIFIED_MISTAKES = [
    Mistake(tr_later("Your Γu keeps the memory; in this cell Γu weights the candidate: c_t "
                     "= Γu c̃ + (1 - Γu) c_prev."), lambda *a: simplified_step(*a, keeps=True)),
    Mistake(tr_later("The concatenation is in the wrong order: it is [c_prev, x_t], memory "
                     "first, so the first H rows of W_c and W_u act on c_prev."), lambda *a: simplified_step(*a, order="xc")),
    Mistake(tr_later("The candidate uses tanh and the gate uses σ; you exchanged them."),
            lambda *a: simplified_step(*a, act=(sigmoid, np.tanh))),
    Mistake(tr_later("The biases b_c and b_u are missing."), lambda *a: simplified_step(*a, biases=False)),
    Mistake(tr_later("The candidate's bias b_c is missing."),
            lambda x, c, W_c, b_c, W_u, b_u: simplified_step(x, c, W_c, 0 * b_c, W_u, b_u)),
    Mistake(tr_later("The gate's bias b_u is missing."),
            lambda x, c, W_c, b_c, W_u, b_u: simplified_step(x, c, W_c, b_c, W_u, 0 * b_u)),
    Mistake(tr_later("The old memory is missing: c_t = Γu c̃ + (1 - Γu) c_prev; the second "
                     "term is what keeps the memory when the gate is near 0."),
            lambda x, c, W_c, b_c, W_u, b_u: (sigmoid(np.concatenate([c, x], axis=1) @ W_u + b_u)
                                              * np.tanh(np.concatenate([c, x], axis=1) @ W_c + b_c))),
]


def check_simplified_gru_step(simplified_gru_step) -> None:
    """simplified_gru_step(x_t, c_prev, W_c, b_c, W_u, b_u) -> c_t, (N, H)."""
    name = "simplified_gru_step"
    rng = np.random.default_rng(20)
    for N, D, H in [(2, 3, 4), (1, 2, 1), (3, 1, 5)]:
        args = (rng.standard_normal((N, D)), rng.standard_normal((N, H)),
                rng.standard_normal((H + D, H)), rng.standard_normal(H),
                rng.standard_normal((H + D, H)), rng.standard_normal(H))
        out, _ = engine.call(name, simplified_gru_step, *args)
        out = engine.array(name, out, (N, H), "(N, H)")
        engine.compare(name, out, simplified_step(*args), args, SIMPLIFIED_MISTAKES,
                       f"N={N}, D={D}, H={H}")
    engine.passed(name, tr("3 random cases"))


# --- design: the bias that sets a memory's half-life -------------------------------------------

def _logit(z):
    return np.log(z) - np.log1p(-z)


KEEP_BIAS_CASES = ((0.9, 10), (0.5, 100), (0.1, 5), (0.99, 1000))     # 0.5 not first: logit(0.5) = 0

KEEP_BIAS_MISTAKES = [
    Mistake(tr_later("That is z itself, the value of the gate. The question asks for b_z, "
                     "the number inside the sigmoid, z = σ(b_z): invert σ, b_z = log(z / "
                     "(1 - z))."),
            lambda f, k: f ** (1 / k)),
    Mistake(tr_later("The sign is the wrong way round: that b_z gives the gate 1 - z. "
                     "Either the inverse of σ lost its sign (σ⁻¹(z) = log(z / (1 - z)) = "
                     "-log(1/z - 1)), or you used the convention of deeplearning.ai's Γu. "
                     "In the course's convention z keeps the old state, so a long memory "
                     "needs z close to 1, a large positive b_z."),
            lambda f, k: -_logit(f ** (1 / k))),
    Mistake(tr_later("log(z) is not the inverse of the sigmoid; σ⁻¹(z) = log(z / (1 - z))."),
            lambda f, k: np.log(f ** (1 / k))),
    Mistake(tr_later("The memory is multiplied by z at every step, so after k steps it "
                     "keeps z^k, not 1 - k(1 - z): solve z^k = fraction, z = "
                     "fraction^(1/k)."),
            lambda f, k: _logit(1 - (1 - f) / k)),
    Mistake(tr_later("You raised to the power k: z^k = fraction means z = fraction^(1/k), "
                     "the k-th root."),
            lambda f, k: _logit(f ** k)),
    Mistake(tr_later("That b_z keeps `fraction` after one step; over `steps` steps the "
                     "factors multiply, z^steps = fraction."), lambda f, k: _logit(f)),
]


def check_keep_bias(keep_bias) -> None:
    """keep_bias(fraction, steps) -> b_z such that sigmoid(b_z) ** steps == fraction."""
    name = "keep_bias"
    for f, k in KEEP_BIAS_CASES:
        out, _ = engine.call(name, keep_bias, f, k)
        if out is None:
            raise CheckFailure(tr("{name} returned None: did you forget the `return` "
                                  "statement?").format(name=name))
        if isinstance(out, np.ndarray) and out.size == 1:
            out = out.item()
        if not isinstance(out, (float, int, np.floating, np.integer)) or isinstance(out, bool):
            raise CheckFailure(tr("{name}({f}, {k}) returned a {out_type}; return one "
                                  "number, the bias b_z.").format(
                                   name=name, f=f, k=k, out_type=type(out).__name__))
        if not np.isfinite(out):
            raise CheckFailure(tr("{name}({f}, {k}) returned {out}; b_z must be a finite "
                                  "number.").format(name=name, f=f, k=k, out=out))
        kept = float(sigmoid(np.array(out, dtype=float))) ** k
        if abs(kept - f) <= 1e-6 * f:
            continue
        for mistake in KEEP_BIAS_MISTAKES:
            if abs(out - mistake.answer(f, k)) <= 1e-9 * max(1.0, abs(out)):
                raise CheckFailure(f"{name}({f}, {k}) = {out:.4g}. {mistake.hint}")
        raise CheckFailure(tr("{name}({f}, {k}) = {out:.4g}: then z = σ(b_z) = "
                              "{sigmoid:.6g}, and after {k} steps the unit keeps z^{k} = "
                              "{kept:.4g} of its value, not {f}.").format(
                               name=name, f=f, k=k, out=out, sigmoid=float(sigmoid(np.array(out, dtype=float))), kept=kept))
    engine.passed(name, tr("σ(b_z)^steps = fraction in {n_KEEP_BIAS_CASES} cases").format(
                            n_KEEP_BIAS_CASES=len(KEEP_BIAS_CASES)))


# --- design: a GRU that forgets its past -------------------------------------------------------

def _forget_case():
    from ..gru import GRUParams
    rng = np.random.default_rng(21)
    p = GRUParams.init(rng, D=3, H=4)
    return p, rng.standard_normal((6, 3)), rng.standard_normal((2, 6, 4))


def _closed(p, r="closed", z="zero"):
    """The GRUParams p with the reset gate closed/open and the update gate at 0 / 1 / unchanged."""
    big = 40.0
    out = p
    if r:
        out = out._replace(b_r=np.full_like(p.b_r, -big if r == "closed" else big))
    if z:
        out = out._replace(b_z=np.full_like(p.b_z, -big if z == "zero" else big))
    return out


FORGET_PAST_MISTAKES = [
    Mistake(tr_later("Your update gate is at 1, which in the course's convention keeps the "
                     "old state: h_t = h_{t-1}, the opposite of forgetting. z = 0 takes "
                     "the candidate: h_t = n_t; make b_z very negative."), lambda p: _closed(p, "closed", "one")),
    Mistake(tr_later("h_t = n_t now (z = 0), but the candidate still sees h_{t-1} through "
                     "(r ⊙ h_{t-1}) W_hn: close the reset gate too (b_r very negative)."), lambda p: _closed(p, None, "zero")),
    Mistake(tr_later("h_t = n_t now (z = 0), but your reset gate is open (r = 1), so the "
                     "candidate still sees h_{t-1} through (r ⊙ h_{t-1}) W_hn: r must be "
                     "0, b_r very negative."),
            lambda p: _closed(p, "open", "zero")),
    Mistake(tr_later("The candidate ignores the past now (r = 0), but h_t = z ⊙ h_{t-1} + "
                     "(1 - z) ⊙ n_t still keeps part of h_{t-1} unless z = 0: make b_z "
                     "very negative too."),
            lambda p: _closed(p, "closed", None)),
]


def _gates(p, x, h):
    from ..gru import gru_step_forward
    _, cache = gru_step_forward(x, h, p)
    return cache


def check_forget_past(forget_past) -> None:
    """forget_past(p) -> GRUParams with only b_r and b_z changed, such that h_t depends on x_t alone."""
    name = "forget_past"
    p, x, pasts = _forget_case()
    out, _ = engine.call(name, forget_past, p)
    if out is None:
        raise CheckFailure(tr("{name} returned None: did you forget the `return` statement?").format(
                               name=name))
    if not engine.is_params(out, type(p)):
        raise CheckFailure(tr("{name} returned a {out_type}; return a GRUParams: the one "
                              "you were given with p._replace(b_r=..., b_z=...).").format(
                               name=name, out_type=type(out).__name__))
    out = out._replace(**{f: np.full(p.H, float(getattr(out, f))) for f in ("b_r", "b_z")
                          if np.ndim(getattr(out, f)) == 0})      # one number for every unit is fine
    if not all(np.all(np.isfinite(np.asarray(getattr(out, f), dtype=float))) for f in ("b_r", "b_z")):
        raise CheckFailure(tr("{name}: b_r and b_z must be finite numbers: the course's "
                              "GRU refuses non-finite parameters. A large negative number "
                              "such as -30 does the job.").format(name=name))
    bad_shape = [f for f, a, b in zip(p._fields, out, p) if np.shape(a) != np.shape(b)]
    if bad_shape:
        raise CheckFailure(tr("{name}: the field(s) {items} changed shape; b_r and b_z are "
                              "({H},), one bias per unit (np.full({H}, value)).").format(
                               name=name, items=', '.join(bad_shape), H=p.H))
    changed = [f for f, a, b in zip(p._fields, out, p)
               if f not in ("b_r", "b_z") and not np.array_equal(a, b)]
    if changed:
        raise CheckFailure(tr("{name} changed {items}; change only the biases b_r and b_z. "
                              "(Weights cannot do it alone: z ⊙ h_(t-1) keeps the past "
                              "unless z = 0, and z = σ(x W_xz + h W_hz + b_z) is 0 for "
                              "every input only with a very negative bias.)").format(
                               name=name, items=', '.join(changed)))
    steps = [_gates(out, x, h) for h in pasts]
    h_a, h_b = (s.z * s.h_prev + (1 - s.z) * s.n for s in steps)
    gap = float(np.max(np.abs(h_a - h_b)))
    if gap <= 1e-6:
        engine.passed(name, tr("two different h_(t-1) give h_t within {gap:.0e}").format(gap=gap))
        return
    for mistake in FORGET_PAST_MISTAKES:
        wrong = mistake.answer(p)
        if all(rel_error(a, b) <= 1e-12 for a, b in zip(out, wrong)):
            raise CheckFailure(tr("{name}: h_t still changes by up to {gap:.2g} when only "
                                  "h_(t-1) changes. {hint}").format(
                                   name=name, gap=gap, hint=mistake.hint))
    # not catalogued: say which gate lets the past through, measured
    r, z = np.mean([s.r for s in steps]), np.mean([s.z for s in steps])
    parts, lower = [], []
    if z > 0.01:
        parts.append(tr("z is {z:.2g} on average, so z ⊙ h_(t-1) keeps that share of the "
                        "past (in the course's convention z keeps, z = 0 forgets): make "
                        "b_z very negative").format(z=z))
    elif z > 1e-6:
        parts.append(tr("z is {z:.2g} on average, so z ⊙ h_(t-1) still keeps a little of "
                        "the past").format(z=z))
        lower.append("b_z")
    if r > 0.01:
        parts.append(tr("r is {r:.2g} on average, so the candidate still sees h_(t-1) "
                        "through (r ⊙ h_(t-1)) W_hn: make b_r very negative").format(r=r))
    elif r > 1e-6:
        parts.append(tr("r is {r:.2g} on average, so the candidate still sees a little of "
                        "h_(t-1)").format(r=r))
        lower.append("b_r")
    hint = "; ".join(parts) or tr("both gates are close to 0 but not close enough")
    push = (tr(" The gates multiply differences of order 1 in h_(t-1), so they must be far "
               "below 1e-6: push {items} lower (σ(-20) = 2e-9).").format(items=tr(" and ").join(lower)) if lower else "")
    raise CheckFailure(tr("{name}: h_t still changes by up to {gap:.2g} when only h_(t-1) "
                          "changes (allowed: 1e-6): {hint}.{push}").format(
                           name=name, gap=gap, hint=hint, push=push))
