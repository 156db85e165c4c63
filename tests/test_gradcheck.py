"""Gradient checking (gradcheck.py), including the bugs it must locate."""
import numpy as np
import pytest

import gru_course as gc


def test_rel_error_is_scale_free_and_zero_for_equal_arrays():
    a = np.array([1.0, -2.0, 3.0])
    assert gc.rel_error(a, a) == 0.0
    assert gc.rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert gc.rel_error(a, a + 3e-6) == pytest.approx(1e-6, rel=1e-5)
    assert gc.rel_error(1e9 * a, 1e9 * (a + 3e-6)) == pytest.approx(1e-6, rel=1e-5)
    with pytest.raises(ValueError, match=r"\(3,\) and \(4,\)"):
        gc.rel_error(a, np.zeros(4))


def test_numerical_gradient_is_centred_difference_accurate(rng):
    x = rng.standard_normal((3, 4))
    grad = gc.numerical_gradient(lambda v: float(np.sum(np.sin(v) * v ** 2)), x)
    exact = np.cos(x) * x ** 2 + 2 * x * np.sin(x)
    assert gc.rel_error(grad, exact) < 1e-9


def test_numerical_gradient_never_mutates_its_input_even_if_f_does(rng):
    x = rng.standard_normal(5)
    before = x.copy()

    def vandal(v):
        value = float(np.sum(v ** 2))
        v *= 1000.0                     # a buggy f that writes into its argument
        return value

    grad = gc.numerical_gradient(vandal, x)
    np.testing.assert_array_equal(x, before)
    assert gc.rel_error(grad, 2 * x) < 1e-9


def test_gradient_report_names_the_wrong_parameter(problem):
    pb = problem(T=3)

    def backward_without_b_z(dhs, cache):
        dxs, dh0, grads = gc.gru_backward(dhs, cache)
        return dxs, dh0, grads._replace(b_z=np.zeros_like(grads.b_z))

    report = gc.gradient_report(gc.gru_forward, backward_without_b_z, pb.xs, pb.h0, pb.p, pb.dhs)
    assert not report.ok
    assert report.worst[0] == "b_z"
    assert "b_z" in str(report) and "above tolerance" in str(report)
    assert "NOT all within" in str(report)


def _buggy_backward(bug):
    """gru_backward rewritten as a loop of steps, with one classic bug switched on."""
    def backward(dhs, cache):
        T = dhs.shape[0]
        dh, total, dxs = np.zeros_like(cache.h0), None, np.zeros_like(cache.xs)
        for t in reversed(range(T)):
            upstream = dhs[t] if bug == "upstream overwritten" else dhs[t] + dh
            dxs[t], dh, g = gc.gru_step_backward(upstream, cache.step(t))
            if bug == "params overwritten" or total is None:
                total = g
            else:
                total = gc.GRUParams(*(a + b for a, b in zip(total, g)))
        return dxs, dh, total
    return backward


@pytest.mark.parametrize("bug, first_bad", [
    (None, None),
    ("upstream overwritten", 4),          # T = 6: step 5 is right, step 4 misses what came from 5
    ("params overwritten", 1)])           # every dL/dx_t right; the two-step prefix is wrong
def test_time_step_report_locates_the_classic_bugs(problem, bug, first_bad):
    pb = problem(T=6, N=2, D=2, H=3)
    report = gc.time_step_report(gc.gru_forward, _buggy_backward(bug), pb.xs, pb.h0, pb.p, pb.dhs)
    assert report.first_bad_step == first_bad, str(report)
    text = str(report)
    if first_bad is None:
        assert "correct at every step" in text
    elif bug == "params overwritten":
        assert "parameter gradients are wrong for sequences of 2 steps or more" in text
    else:
        assert f"first goes wrong at t = {first_bad}" in text


def test_time_step_report_puts_a_wrong_local_derivative_at_the_last_step(problem):
    pb = problem(T=4, N=2, D=2, H=3)

    def backward_with_wrong_tanh_derivative(dhs, cache):
        dh, dxs, total = np.zeros_like(cache.h0), np.zeros_like(cache.xs), None
        for t in reversed(range(dhs.shape[0])):
            step = cache.step(t)
            wrong = step._replace(n=0.5 * step.n)          # uses 1 - (n/2)^2 for tanh'
            dxs[t], dh, g = gc.gru_step_backward(dhs[t] + dh, wrong)
            total = g if total is None else gc.GRUParams(*(a + b for a, b in zip(total, g)))
        return dxs, dh, total

    report = gc.time_step_report(gc.gru_forward, backward_with_wrong_tanh_derivative,
                                 pb.xs, pb.h0, pb.p, pb.dhs)
    assert report.first_bad_step == 3
    assert all(err > 1e-6 for err in report.dx_errors)


def test_checks_do_not_mutate_their_inputs(problem):
    pb = problem(T=3)
    copies = [a.copy() for a in (pb.xs, pb.h0, pb.dhs, *pb.p)]
    gc.gradient_report(gc.gru_forward, gc.gru_backward, pb.xs, pb.h0, pb.p, pb.dhs)
    gc.time_step_report(gc.gru_forward, gc.gru_backward, pb.xs, pb.h0, pb.p, pb.dhs)
    for a, b in zip(copies, (pb.xs, pb.h0, pb.dhs, *pb.p)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_rel_error_of_a_nan_or_inf_is_infinite_so_no_tolerance_accepts_it(bad):
    a = np.array([1.0, 2.0])
    assert gc.rel_error(a, np.array([1.0, bad])) == np.inf == gc.rel_error(np.array([bad, 2.0]), a)
    assert not gc.rel_error(a, np.array([1.0, bad])) <= 1e-7
