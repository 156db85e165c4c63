"""Errors that speak to a learner (validate.py): every message names the argument and shapes."""
import numpy as np
import pytest

import gru_course as gc


@pytest.fixture
def p(rng):
    return gc.GRUParams.init(rng, 3, 4)               # D = 3, H = 4


def x(N=2, D=3):
    return np.ones((N, D))


def h(N=2, H=4):
    return np.zeros((N, H))


@pytest.mark.parametrize("call, error, message", [
    (lambda p: gc.gru_step_forward(np.ones(3), h(), p), ValueError,
     r"x_t must be a 2-D array of shape \(N, D\), got a 1-D array of shape \(3,\); "
     r"for a single example add a batch axis"),
    (lambda p: gc.gru_step_forward(x(D=5), h(), p), ValueError,
     r"x_t has shape \(2, 5\) but expected \(N, D\) = \(N, D=3\): D=3 comes from p.W_xr \(shape \(3, 4\)\)"),
    (lambda p: gc.gru_step_forward(x(), h(H=7), p), ValueError,
     r"h_prev has shape \(2, 7\) but expected \(N, H\) = \(N=2, H=4\): H=4 comes from p.W_xr"),
    (lambda p: gc.gru_step_forward(x(N=2), h(N=5), p), ValueError,
     r"h_prev has shape \(5, 4\) but expected \(N, H\) = \(N=2, H=4\): N=2 comes from x_t \(shape \(2, 3\)\)"),
    (lambda p: gc.gru_step_forward(x(), h(), p, reset="bfore"), ValueError,
     r"reset must be 'before' or 'after', got 'bfore'"),
    (lambda p: gc.gru_forward(np.ones((2, 3)), h(), p), ValueError,
     r"xs must be a 3-D array of shape \(T, N, D\), got a 2-D array of shape \(2, 3\); a sequence is time-major"),
    (lambda p: gc.gru_forward(np.ones((5, 2, 3), dtype=np.int64), h(), p), TypeError,
     r"xs has integer dtype int64; expected float32 or float64 .* xs.astype\(np.float64\)"),
    (lambda p: gc.gru_step_forward(x(), np.zeros((2, 4), dtype=bool), p), TypeError,
     r"h_prev has boolean dtype bool"),
    (lambda p: gc.gru_step_forward(x(), h(), p._replace(W_hz=np.full((4, 4), np.nan))), ValueError,
     r"p.W_hz contains NaN \(16 of 16 entries\); parameters must be finite"),
    (lambda p: gc.gru_forward(np.ones((1, 2, 3)), h(), p._replace(b_r=np.array([0, np.inf, 0, 0]))),
     ValueError, r"p.b_r contains inf \(1 of 4 entries\)"),
    (lambda p: gc.gru_step_forward(x(), h(), p._replace(W_hn=np.ones((4, 3)))), ValueError,
     r"p.W_hn has shape \(4, 3\) but expected \(H, H\) = \(H=4, H=4\)"),
    (lambda p: gc.gru_step_forward(x(), h(), p._replace(W_xz=np.ones((3, 4), dtype=np.int32))), TypeError,
     r"p.W_xz has integer dtype int32"),
    (lambda p: gc.gru_step_forward(x(), h(), tuple(p)), TypeError,
     r"p must be a GRUParams, got tuple; build one with GRUParams.init\(rng, D, H\)"),
    (lambda p: gc.gru_step_forward(None, h(), p), TypeError, r"x_t is None"),
    (lambda p: gc.gru_forward(np.ones((0, 2, 3)), h(), p), ValueError, r"T=0 time steps"),
])
def test_bad_input_gets_a_message_naming_argument_and_shapes(p, call, error, message):
    with pytest.raises(error, match=message):
        call(p)


def test_torch_tensors_are_refused_with_the_conversion_to_use(p):
    import torch
    with pytest.raises(TypeError, match=r"x_t is a Tensor; .* use x_t.detach\(\).numpy\(\)"):
        gc.gru_step_forward(torch.ones(2, 3), h(), p)


def test_backward_checks_the_upstream_gradient_against_the_cache(p):
    _, cache = gc.gru_step_forward(x(), h(), p)
    with pytest.raises(ValueError, match=r"dh_t has shape \(2, 5\) but expected \(N, H\) = "
                                         r"\(N=2, H=4\): H=4 comes from the cache's h_prev"):
        gc.gru_step_backward(np.ones((2, 5)), cache)
    _, seq_cache = gc.gru_forward(np.ones((6, 2, 3)), h(), p)
    with pytest.raises(ValueError, match=r"dhs has shape \(5, 2, 4\) but expected \(T, N, H\) = \(T=6, N=2, H=4\)"):
        gc.gru_backward(np.ones((5, 2, 4)), seq_cache)
    with pytest.raises(TypeError, match="cache must be the GRUCache returned by gru_forward, got GRUStepCache"):
        gc.gru_backward(np.ones((1, 2, 4)), cache)
    with pytest.raises(TypeError, match="cache must be the GRUStepCache returned by gru_step_forward"):
        gc.gru_step_backward(np.ones((2, 4)), seq_cache)


def test_rnn_and_lstm_validate_the_same_way(rng):
    q = gc.LSTMParams.init(rng, 3, 4)
    with pytest.raises(ValueError, match=r"c0 has shape \(2, 5\) but expected \(N, H\)"):
        gc.lstm_forward(np.ones((1, 2, 3)), h(), np.zeros((2, 5)), q)
    with pytest.raises(TypeError, match="p must be a RNNParams, got LSTMParams"):
        gc.rnn_forward(np.ones((1, 2, 3)), h(), q)


def test_public_functions_never_mutate_their_inputs(problem):
    pb = problem(T=4)
    args = [pb.xs, pb.h0, pb.c0, pb.dhs, *pb.p]
    copies = [a.copy() for a in args]
    for reset in ("before", "after"):
        _, cache = gc.gru_forward(pb.xs, pb.h0, pb.p, reset)
        gc.gru_backward(pb.dhs, cache)
        _, step = gc.gru_step_forward(pb.xs[0], pb.h0, pb.p, reset)
        gc.gru_step_backward(pb.dhs[0], step)
        gc.gru_step_z_takes(pb.xs[0], pb.h0, pb.p, reset)
    gc.flip_update_gate(pb.p)
    r = problem(kind="rnn", T=4)
    rnn_args = [r.xs, r.h0, r.dhs, *r.p]
    rnn_copies = [a.copy() for a in rnn_args]
    gc.rnn_backward(r.dhs, gc.rnn_forward(r.xs, r.h0, r.p)[1])
    l = problem(kind="lstm", T=4)
    lstm_args = [l.xs, l.h0, l.c0, l.dhs, *l.p]
    lstm_copies = [a.copy() for a in lstm_args]
    gc.lstm_backward(l.dhs, gc.lstm_forward(l.xs, l.h0, l.c0, l.p)[1])
    for a, b in zip(copies + rnn_copies + lstm_copies, args + rnn_args + lstm_args):
        np.testing.assert_array_equal(a, b)


def test_backward_can_be_called_twice_on_one_cache(problem):
    pb = problem(T=4)
    for reset in ("before", "after"):
        _, cache = gc.gru_forward(pb.xs, pb.h0, pb.p, reset)
        first = gc.gru_backward(pb.dhs, cache)
        second = gc.gru_backward(pb.dhs, cache)
        for a, b in zip(first[:2] + tuple(first[2]), second[:2] + tuple(second[2])):
            np.testing.assert_array_equal(a, b)
