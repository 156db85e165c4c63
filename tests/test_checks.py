"""The exercise checks: they accept the reference, reject the stub and every catalogued mistake
with that mistake's own hint, and report a learner's crash instead of crashing."""
import math
import re

import numpy as np
import pytest

import gru_course as gc
from gru_course import checks
from gru_course.checks import backward, bptt, forward, gates, intro
from gru_course.checks.engine import CheckFailure


def _gate(g):
    return lambda x, h, p: gc.sigmoid(x @ getattr(p, f"W_x{g}") + h @ getattr(p, f"W_h{g}")
                                      + getattr(p, f"b_{g}"))


def _clip(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    return gc.GRUParams(*(g * min(1.0, max_norm / norm) for g in grads))


# check name -> (a right answer, the catalogue of mistakes it must tell apart)
CHECKS = {
    "sigmoid": (gc.sigmoid, gates.SIGMOID_MISTAKES),
    "reset_gate": (_gate("r"), gates.RESET_GATE_MISTAKES),
    "update_gate": (_gate("z"), gates.UPDATE_GATE_MISTAKES),
    "candidate": (lambda x, h, r, p: np.tanh(x @ p.W_xn + p.b_xn + (r * h) @ p.W_hn + p.b_hn),
                  gates.CANDIDATE_MISTAKES),
    "candidate_after": (lambda x, h, r, p: np.tanh(x @ p.W_xn + p.b_xn + r * (h @ p.W_hn + p.b_hn)),
                        gates.CANDIDATE_AFTER_MISTAKES),
    "gru_step": (lambda x, h, p: gc.gru_step_forward(x, h, p)[0], forward.GRU_STEP_MISTAKES),
    "gru_sequence": (lambda xs, h0, p: gc.gru_forward(xs, h0, p)[0], forward.GRU_SEQUENCE_MISTAKES),
    "to_course_convention": (gc.flip_update_gate, forward.TO_COURSE_CONVENTION_MISTAKES),
    "sigmoid_backward": (lambda ds, s: ds * s * (1 - s), backward.SIGMOID_BACKWARD_MISTAKES),
    "tanh_backward": (lambda dt, t: dt * (1 - t ** 2), backward.TANH_BACKWARD_MISTAKES),
    "gru_step_backward": (gc.gru_step_backward, backward.GRU_STEP_BACKWARD_MISTAKES),
    "gru_backward": (gc.gru_backward, bptt.GRU_BACKWARD_MISTAKES),
    "numerical_gradient": (gc.numerical_gradient, bptt.NUMERICAL_GRADIENT_MISTAKES),
    "clip_gradients": (_clip, bptt.CLIP_GRADIENTS_MISTAKES),
    "rnn_param_count": (lambda D, H: H * D + H * H + 2 * H, intro.PARAM_COUNT_MISTAKES["rnn"]),
    "gru_param_count": (lambda D, H: 3 * (H * D + H * H + 2 * H), intro.PARAM_COUNT_MISTAKES["gru"]),
    "lstm_param_count": (lambda D, H: 4 * (H * D + H * H + 2 * H), intro.PARAM_COUNT_MISTAKES["lstm"]),
    "simplified_gru_step": (lambda x, c, W_c, b_c, W_u, b_u: (      # written here, not the checker's
        lambda g: g * np.tanh(np.hstack([c, x]) @ W_c + b_c) + (1 - g) * c)(
        1 / (1 + np.exp(-(np.hstack([c, x]) @ W_u + b_u)))), intro.SIMPLIFIED_MISTAKES),
    "from_column_form": (lambda col: gc.GRUParams(
        col["W_xr"].T, col["W_hr"].T, col["b_r"], col["W_xz"].T, col["W_hz"].T, col["b_z"],
        col["W_xg"].T, col["W_hg"].T, 0.5 * col["b_g"], 0.5 * col["b_g"]), forward.FROM_COLUMN_FORM_MISTAKES),
    "keep_bias": (lambda f, k: -math.log(f ** (-1 / k) - 1), intro.KEEP_BIAS_MISTAKES),
    "forget_past": (lambda p: p._replace(b_r=-30.0 * np.ones(4), b_z=np.full(4, -25.0)),
                    intro.FORGET_PAST_MISTAKES),
}
MISTAKES = [(name, i) for name, (_, catalogue) in CHECKS.items() for i in range(len(catalogue))]


def run(name, answer):
    getattr(checks, f"check_{name}")(answer)


def test_every_exercise_check_is_covered_here():
    functions = {n[len("check_"):] for n in checks.__all__ if n.startswith("check_")}
    torch_checks = {"params_to_gru", "sentence_vector", "sentence_nll",     # tested below and in
                    "ablate_unit", "find_number_units", "predicted_failures",  # test_checks_agreement.py
                    "ablated_verbs"}
    answers_not_functions = {"first_wrong_step", "step_by_hand", "same_candidate", "keep_bias_50",
                             "dominant_paths"}                       # tested below
    assert functions - answers_not_functions - torch_checks == set(CHECKS)


@pytest.mark.parametrize("name", CHECKS)
def test_the_right_answer_passes_with_one_short_line(name, capsys):
    run(name, CHECKS[name][0])
    out = capsys.readouterr().out
    assert out.startswith(f"✓ {name} is correct") and out.count("\n") == 1 and len(out) < 120


@pytest.mark.parametrize("name, i", MISTAKES, ids=[f"{n}-{i}" for n, i in MISTAKES])
def test_every_catalogued_mistake_is_rejected_with_its_own_hint(name, i):
    mistake = CHECKS[name][1][i]
    with pytest.raises(CheckFailure) as failure:
        run(name, mistake.answer)
    assert mistake.hint in str(failure.value)


def named_stub(name):
    """A stub like the generated ones: a function called `name` whose body raises."""
    def stub(*args):
        raise NotImplementedError("Write the body")
    stub.__code__ = stub.__code__.replace(co_name=name)
    return stub


@pytest.mark.parametrize("name", CHECKS)
def test_the_stub_is_rejected_as_not_written_yet(name):
    with pytest.raises(CheckFailure, match=f"{name} is not written yet: replace the line"):
        run(name, named_stub(name))


def test_a_function_that_calls_an_unwritten_one_names_that_one():
    sigmoid = named_stub("sigmoid")
    with pytest.raises(CheckFailure, match="reset_gate calls sigmoid, which is not written yet"):
        checks.check_reset_gate(lambda x, h, p: sigmoid(x @ p.W_xr))


@pytest.mark.parametrize("name", CHECKS)
def test_a_function_returning_none_is_told_to_return(name):
    with pytest.raises(CheckFailure, match="None"):
        run(name, lambda *args: None)


@pytest.mark.parametrize("name", CHECKS)
def test_a_crash_in_learner_code_is_reported_with_the_learners_exception(name, checked):
    def crashes(*args):
        return {}["missing key"]
    with pytest.raises(CheckFailure, match=f"{name} raised KeyError: 'missing key'\n  in your code, line") as failure:
        run(name, crashes)
    if checked == "in the notebook":           # (the grader gets the message, not the object)
        assert isinstance(failure.value.__cause__, KeyError)


def test_checks_need_the_function_not_its_result():
    with pytest.raises(CheckFailure, match=r"call check_gru_step\(gru_step\)"):
        checks.check_gru_step(np.zeros((2, 4)))


def test_wrong_shapes_are_described_in_the_exercise_letters():
    with pytest.raises(CheckFailure, match=r"returned an array of shape \(4, 2\), expected \(N, H\) "
                                           r"= \(2, 4\). It looks transposed"):
        checks.check_reset_gate(lambda x, h, p: _gate("r")(x, h, p).T)
    with pytest.raises(CheckFailure, match=r"returned 6 states for T=5 inputs: leave out h0"):
        checks.check_gru_sequence(lambda xs, h0, p: np.concatenate(
            [h0[None], gc.gru_forward(xs, h0, p)[0]]))
    with pytest.raises(CheckFailure, match="returned only the last state"):
        checks.check_gru_sequence(lambda xs, h0, p: gc.gru_forward(xs, h0, p)[0][-1])
    with pytest.raises(CheckFailure, match=r"grads.b_r has shape \(2, 4\), expected \(H,\) = \(4,\)"
                                           r": a bias is shared by the whole batch"):
        def unsummed(dh, cache):
            dx, dh_prev, g = gc.gru_step_backward(dh, cache)
            da_r = backward.step_backward_variant(dh, cache)[2].b_r
            return dx, dh_prev, g._replace(b_r=np.tile(da_r / 2, (2, 1)))
        checks.check_gru_step_backward(unsummed)


def test_a_function_that_changes_its_input_is_caught():
    def in_place(x, h, p):
        h += 0.0 * h + 1.0
        return _gate("r")(x, h - 1.0, p)
    with pytest.raises(CheckFailure, match="reset_gate changed its argument number 2 in place"):
        checks.check_reset_gate(in_place)


def test_numerical_gradient_that_restores_x_by_arithmetic_gets_the_rounding_hint():
    def add_and_subtract(f, x, eps=1e-5):
        grad = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            x[i] += eps
            plus = f(x)
            x[i] -= 2 * eps
            minus = f(x)
            x[i] += eps
            grad[i] = (plus - minus) / (2 * eps)
        return grad
    with pytest.raises(CheckFailure, match="rounding, as when x.i. \\+ eps - eps is not exactly"):
        checks.check_numerical_gradient(add_and_subtract)


def test_an_unexplained_backward_bug_is_located_in_time():
    def stops_early(dhs, cache):
        return bptt.mystery_gru_backward(dhs, cache)
    with pytest.raises(CheckFailure, match="first goes wrong at t = 0"):
        checks.check_gru_backward(stops_early)


def test_sigmoid_with_nan_at_the_extremes_is_told_why():
    def ratio(a):
        with np.errstate(all="ignore"):
            return np.exp(a) / (1 + np.exp(a))
    with pytest.raises(CheckFailure, match="NaN on a = \\[-1000"):
        checks.check_sigmoid(ratio)


@pytest.mark.parametrize("answer, message", [
    (None, "first_wrong_step is None"),
    ("0", "store the time step as an int"),
    (5, "t = 5 is not where it first goes wrong"),
])
def test_first_wrong_step_rejects_wrong_answers(answer, message):
    with pytest.raises(CheckFailure, match=message):
        checks.check_first_wrong_step(answer)


def test_first_wrong_step_is_what_the_report_says(rng, capsys):
    p = gc.GRUParams.init(rng, 2, 3)
    xs, h0, dhs = rng.standard_normal((6, 2, 2)), rng.standard_normal((2, 3)), rng.standard_normal((6, 2, 3))
    report = gc.time_step_report(gc.gru_forward, checks.mystery_gru_backward, xs, h0, p, dhs)
    checks.check_first_wrong_step(report.first_bad_step)
    assert capsys.readouterr().out.startswith("✓ first_wrong_step is correct")


def test_step_by_hand_accepts_three_decimals_and_names_the_wrong_number(capsys):
    # worked by hand from the exercise's table: r = σ(0.9), z = σ(-0.14),
    # n = tanh(0.6 + 0.1 - 0.9 · 0.4 r + 0.2), h_t = -0.4 z + (1 - z) n
    checks.check_step_by_hand((0.711, 0.465, 0.568, 0.118))
    assert capsys.readouterr().out.startswith("✓ step_by_hand is correct")
    with pytest.raises(CheckFailure, match="h_t is wrong"):
        checks.check_step_by_hand((0.711, 0.465, 0.568, 0.128))
    right = intro.hand_step(**intro.HAND)
    checks.check_step_by_hand(tuple(round(v, 3) for v in right))
    assert capsys.readouterr().out.startswith("✓ step_by_hand is correct")
    for mistake in intro.STEP_BY_HAND_MISTAKES:
        with pytest.raises(CheckFailure, match=re.escape(mistake.hint)):
            checks.check_step_by_hand(mistake.answer())
    with pytest.raises(CheckFailure, match="n, h_t are wrong .the first wrong one is n"):
        checks.check_step_by_hand((right[0], right[1], 0.0, 0.0))
    with pytest.raises(CheckFailure, match="is None"):
        checks.check_step_by_hand(None)
    with pytest.raises(CheckFailure, match=r"the four numbers \(r, z, n, h_t\)"):
        checks.check_step_by_hand(right[:3])


# --- 04 Tutorial: checks on torch code ---------------------------------------------------------

from gru_course.checks import tutorial  # noqa: E402


def _params_to_gru_by_hand(p):
    """A right answer written here: each gate's torch rows copied one by one."""
    import torch
    D, H = p.W_xr.shape
    layer = torch.nn.GRU(D, H).double()
    with torch.no_grad():
        for g, (W_x, W_h, b_i, b_h) in enumerate([(p.W_xr, p.W_hr, p.b_r, 0 * p.b_r),
                                                 (p.W_xz, p.W_hz, p.b_z, 0 * p.b_z),
                                                 (p.W_xn, p.W_hn, p.b_xn, p.b_hn)]):
            rows = slice(g * H, (g + 1) * H)
            layer.weight_ih_l0[rows] = torch.from_numpy(W_x.T.copy())
            layer.weight_hh_l0[rows] = torch.from_numpy(W_h.T.copy())
            layer.bias_ih_l0[rows] = torch.from_numpy(b_i)
            layer.bias_hh_l0[rows] = torch.from_numpy(b_h)
    return layer


def test_params_to_gru_accepts_a_right_answer_and_rejects_each_catalogued_mistake(capsys):
    checks.check_params_to_gru(_params_to_gru_by_hand)
    assert capsys.readouterr().out.startswith("✓ params_to_gru is correct")
    for mistake in tutorial.PARAMS_TO_GRU_MISTAKES:
        with pytest.raises(CheckFailure) as failure:
            checks.check_params_to_gru(mistake.answer)
        assert mistake.hint in str(failure.value)


def test_params_to_gru_names_the_courses_weight_of_a_wrong_block():
    import torch

    def input_z_block_zeroed(p):
        layer = _params_to_gru_by_hand(p)
        with torch.no_grad():
            layer.weight_ih_l0[p.H:2 * p.H] = 0        # the z block of the input weights
        return layer
    with pytest.raises(CheckFailure, match=r"the z block of weight_ih_l0 should be W_xz\.T"):
        checks.check_params_to_gru(input_z_block_zeroed)


def test_params_to_gru_refuses_the_courses_own_to_torch():
    with pytest.raises(CheckFailure, match="called p.to_torch"):
        checks.check_params_to_gru(lambda p: p.to_torch())


def test_params_to_gru_gives_a_learner_the_sizes_of_gru_params():
    def using_sizes(p):
        layer = _params_to_gru_by_hand(p)
        assert layer.hidden_size == p.H and layer.input_size == p.D
        return layer
    checks.check_params_to_gru(using_sizes)


def test_params_to_gru_names_float32_and_a_wrong_return_type():
    with pytest.raises(CheckFailure, match="float64"):
        checks.check_params_to_gru(lambda p: _params_to_gru_by_hand(p).float())
    with pytest.raises(CheckFailure, match="returned a GRUCell; return a torch.nn.GRU"):
        checks.check_params_to_gru(lambda p: gc.GRUParams(*p).to_torch(cell=True))


def test_torchs_shape_errors_get_the_layout_explained():
    import torch
    from gru_course.checks.engine import _known_cause
    layer = torch.nn.GRU(3, 5)
    try:
        with torch.no_grad():
            layer.weight_ih_l0.copy_(torch.zeros(3, 15))
    except RuntimeError as exc:
        assert "transpose each block" in _known_cause(exc)
    else:
        raise AssertionError("copying a (3, 15) tensor into (15, 3) should fail")


def _sentence_vector_loop(output, lengths):
    """A right answer written here, sentence by sentence."""
    import torch
    H = output.shape[-1] // 2
    return torch.stack([torch.cat([output[int(k) - 1, j, :H], output[0, j, H:]])
                        for j, k in enumerate(lengths)])


def test_sentence_vector_accepts_a_loop_and_names_each_mistake(capsys):
    import torch
    checks.check_sentence_vector(_sentence_vector_loop)
    assert capsys.readouterr().out.startswith("✓ sentence_vector is correct")
    wrong = {
        "output[-1]": (lambda o, n: o[-1], "output\\[-1\\] is the last time step"),
        "both at the last word": (lambda o, n: o[n - 1, torch.arange(o.shape[1])],
                                  "backward direction reads the sentence from its end"),
        "halves swapped": (lambda o, n: torch.cat([o[0, :, o.shape[-1] // 2:],
                                                   o[n - 1, torch.arange(o.shape[1]), :o.shape[-1] // 2]], -1),
                           "halves are in the wrong order"),
        "h_n-like shape": (lambda o, n: o[n - 1, torch.arange(o.shape[1])][None], "returned shape"),
        "forward at t = length": (lambda o, n: torch.cat([o[(n).clamp(max=o.shape[0] - 1), torch.arange(o.shape[1]), :o.shape[-1] // 2],
                                                          o[0, :, o.shape[-1] // 2:]], -1),
                                  "at t = length. The forward direction ends at the last word"),
    }
    for label, (answer, message) in wrong.items():
        with pytest.raises(CheckFailure, match=message):
            checks.check_sentence_vector(answer)
    for mistake in tutorial.SENTENCE_VECTOR_MISTAKES:
        with pytest.raises(CheckFailure) as failure:
            checks.check_sentence_vector(lambda o, n, m=mistake: m.answer(o.numpy(), n.tolist()))
        assert mistake.hint in str(failure.value)


# sentence_nll: a right answer and realistic mistakes, written here independently of the checker

def _nll_loop(logits, ids):
    """Sentence by sentence, word by word: -sum log softmax(logits[t])[ids[t + 1]]."""
    import torch
    out = []
    for j in range(ids.shape[1]):
        k = int((ids[:, j] != 0).sum())
        out.append(-sum(torch.log_softmax(logits[t, j], -1)[ids[t + 1, j]] for t in range(k - 1)))
    return torch.stack(out)


def _ce(logits, ids, **kw):
    import torch.nn.functional as F
    return F.cross_entropy(logits.flatten(0, 1), ids.flatten(), reduction="none", **kw).view(ids.shape)


NLL_WRONG = {
    "sign flipped": (lambda lg, ids: -_ce(lg[:-1], ids[1:], ignore_index=0).sum(0), "sign is flipped"),
    "mask from the inputs": (lambda lg, ids: (_ce(lg[:-1], ids[1:]) * (ids[:-1] != 0)).sum(0),
                             "mask is taken from the inputs"),
    "not shifted": (lambda lg, ids: _ce(lg, ids, ignore_index=0).sum(0), "are not shifted"),
    "padding counted": (lambda lg, ids: _ce(lg[:-1], ids[1:]).sum(0), "Padding is counted"),
    "mean per sentence": (lambda lg, ids: _ce(lg[:-1], ids[1:], ignore_index=0).sum(0)
                          / (ids[1:] != 0).sum(0), "mean over each sentence"),
    "one number": (lambda lg, ids: _ce(lg[:-1], ids[1:], ignore_index=0).sum(), r"shape \(\)"),
}


def test_sentence_nll_accepts_a_loop_and_names_each_mistake(capsys):
    checks.check_sentence_nll(_nll_loop)
    assert capsys.readouterr().out.startswith("✓ sentence_nll is correct")
    for label, (wrong, message) in NLL_WRONG.items():
        with pytest.raises(CheckFailure, match=message):
            checks.check_sentence_nll(wrong)


def test_sentence_nll_catalogue_is_rejected_with_its_hints():
    for mistake in tutorial.NLL_MISTAKES:
        with pytest.raises(CheckFailure) as failure:
            checks.check_sentence_nll(mistake.answer)
        assert mistake.hint in str(failure.value)
    with pytest.raises(CheckFailure, match="sentence_nll is not written yet"):
        checks.check_sentence_nll(named_stub("sentence_nll"))


# --- the two design exercises of 01: wrong answers outside the catalogue are still diagnosed ----

@pytest.mark.parametrize("b_r, b_z, says", [
    (-30.0, 20.0, r"z is 1 on average, so z ⊙ h_\(t-1\) keeps that share of the past"),
    (3.0, -30.0, r"r is 0.9\d on average, so the candidate still sees h_\(t-1\)"),
    (-10.0, -10.0, r"up to 0.0011 .*z is 8.7e-05 on average.*r is 5.3e-05 on average.*push b_z and b_r lower"),
])
def test_forget_past_names_the_gate_that_lets_the_past_through(b_r, b_z, says):
    with pytest.raises(CheckFailure, match=says):
        checks.check_forget_past(lambda p: p._replace(b_r=np.full(4, b_r), b_z=np.full(4, b_z)))


def test_forget_past_accepts_one_number_per_bias_and_refuses_weight_changes(capsys):
    checks.check_forget_past(lambda p: p._replace(b_r=-50.0, b_z=-50))
    assert capsys.readouterr().out.startswith("✓ forget_past is correct")
    with pytest.raises(CheckFailure, match="forget_past changed W_hn; change only the biases"):
        checks.check_forget_past(lambda p: p._replace(W_hn=0 * p.W_hn, b_r=np.full(4, -50.0),
                                                      b_z=np.full(4, -50.0)))


def test_keep_bias_explains_an_uncatalogued_bias_by_what_it_keeps():
    with pytest.raises(CheckFailure, match=r"keep_bias\(0.9, 10\) = 3: then z = σ\(b_z\) = 0.952574, "
                                           r"and after 10 steps the unit keeps z\^10 = 0.61"):
        checks.check_keep_bias(lambda f, k: 3.0)
    with pytest.raises(CheckFailure, match="return one number, the bias b_z"):
        checks.check_keep_bias(lambda f, k: "4.97")


def test_forget_past_refuses_infinite_biases_with_a_message():
    with pytest.raises(CheckFailure, match="must be finite numbers"):
        checks.check_forget_past(lambda p: p._replace(b_r=-np.inf, b_z=-np.inf))


def test_step_by_hand_takes_an_array_and_names_swapped_gates():
    answer = np.array(intro.hand_step(**intro.HAND))
    checks.check_step_by_hand(answer)
    with pytest.raises(CheckFailure, match="r and z are in each other's place"):
        checks.check_step_by_hand((answer[1], answer[0], answer[2], answer[3]))


# --- the design and prediction exercises of 02 and 03 -------------------------------------------

def test_from_column_form_names_the_field_outside_the_catalogue():
    def forgot_one(col):
        right = CHECKS["from_column_form"][0](col)
        return right._replace(W_hz=col["W_hz"])            # one weight left untransposed
    with pytest.raises(CheckFailure, match=r"D=3, H=3: W_hz is not transposed\.$"):
        checks.check_from_column_form(forgot_one)


SAME_CANDIDATE = {"r = 1": True, "h_prev = 0 and b_hn = 0": True, "h_prev = 0 and b_hn ≠ 0": False,
                  "r = 0 and b_hn ≠ 0": False}


def test_same_candidate_accepts_the_truth_and_explains_each_wrong_case(capsys):
    checks.check_same_candidate(dict(SAME_CANDIDATE))
    assert capsys.readouterr().out.startswith("✓ same_candidate is correct")
    for case in SAME_CANDIDATE:
        flipped = {**SAME_CANDIDATE, case: not SAME_CANDIDATE[case]}
        with pytest.raises(CheckFailure) as failure:
            checks.check_same_candidate(flipped)
        message = str(failure.value)
        assert repr(case) in message and forward.SAME_CANDIDATE_CASES[case][1] in message
        assert message.count("largest difference") == 1
    with pytest.raises(CheckFailure, match="no answer for: 'r = 1'"):
        checks.check_same_candidate({k: v for k, v in SAME_CANDIDATE.items() if k != "r = 1"})
    with pytest.raises(CheckFailure, match="answer True or False for 'r = 1'; got 'yes'"):
        checks.check_same_candidate({**SAME_CANDIDATE, "r = 1": "yes"})
    with pytest.raises(CheckFailure, match="answer True or False for 'r = 1'; got 1"):
        checks.check_same_candidate({**SAME_CANDIDATE, "r = 1": 1})


def test_keep_bias_50_wants_the_smallest_working_bias_on_the_grid(capsys):
    # found independently: the norms at 1.0 and 1.5 straddle 1e-3
    assert bptt.keep_norm_at_50(1.0) < 1e-3 < bptt.keep_norm_at_50(1.5)
    checks.check_keep_bias_50(1.5)
    assert capsys.readouterr().out.startswith("✓ keep_bias_50 is correct")
    with pytest.raises(CheckFailure, match=r"= 1: the gradient norm 50 steps back is 3.8e-05.*raise the bias"):
        checks.check_keep_bias_50(1.0)
    with pytest.raises(CheckFailure, match=r"= 2 works .*but so does 1.5"):
        checks.check_keep_bias_50(2.0)
    with pytest.raises(CheckFailure, match="A negative bias pushes z towards 0"):
        checks.check_keep_bias_50(-1.5)
    with pytest.raises(CheckFailure, match="not on the grid"):
        checks.check_keep_bias_50(1.7)
    with pytest.raises(CheckFailure, match="must be one number"):
        checks.check_keep_bias_50("1.5")


DOMINANT = {"z ≈ 1": "direct", "z ≈ 0, r ≈ 1": "candidate", "at initialisation": "direct"}


def test_dominant_paths_measures_each_regime_and_explains_a_wrong_guess(capsys):
    checks.check_dominant_paths(dict(DOMINANT))
    assert capsys.readouterr().out.startswith("✓ dominant_paths is correct")
    for regime, other in [("z ≈ 1", "gates"), ("z ≈ 0, r ≈ 1", "direct"), ("at initialisation", "candidate")]:
        with pytest.raises(CheckFailure) as failure:
            checks.check_dominant_paths({**DOMINANT, regime: other})
        assert bptt.WHY_PATH[regime] in str(failure.value) and f"so {DOMINANT[regime]!r} dominates" in str(failure.value)
    with pytest.raises(CheckFailure, match="answer 'direct', 'candidate' or 'gates' for 'z ≈ 1'"):
        checks.check_dominant_paths({**DOMINANT, "z ≈ 1": "the direct one"})


def test_path_parts_add_up_to_the_packages_gradient():
    """The three parts the prediction exercise measures are the whole of gru_step_backward's
    dh_prev, and none of them is empty."""
    rng = np.random.default_rng(0)
    p = gc.GRUParams.init(rng, D=3, H=8)
    x, h, delta = rng.standard_normal((5, 3)), rng.uniform(-1, 1, (5, 8)), rng.standard_normal((5, 8))
    parts = bptt.path_parts(p, x, h, delta)
    _, c = gc.gru_step_forward(x, h, p)
    assert np.allclose(sum(parts.values()), gc.gru_step_backward(delta, c)[1], rtol=1e-12)
    assert all(np.abs(v).max() > 1e-3 for v in parts.values())


def _nan_like(value):
    if isinstance(value, np.ndarray):
        return np.full_like(value, np.nan)
    if isinstance(value, tuple):
        items = [_nan_like(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    return float("nan") if isinstance(value, float) else value


@pytest.mark.parametrize("name", [n for n in CHECKS if not n.endswith("param_count")])
def test_an_answer_of_nans_is_rejected(name):
    # NaN compares false with everything: a check written `error > tol` would let it pass
    right = CHECKS[name][0]
    with pytest.raises(CheckFailure):
        run(name, lambda *args: _nan_like(right(*args)))
