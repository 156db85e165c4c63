"""The benchmark script (benchmarks/bench_gru.py): it times two computations of the same numbers,
and its FLOP count is the one an independent counter finds (its timings are not asserted here)."""
import importlib.util
import pathlib

import numpy as np
import pytest
import torch

from gru_course import GRUParams, gru_backward, gru_forward, rel_error

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_gru", ROOT / "benchmarks/bench_gru.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_numpy_and_torch_compute_the_same_numbers_on_the_benchmarks_inputs():
    bench = load_bench()
    module, p, xs, h0, dhs = bench.problem("small", np.float64)
    X, H0 = torch.tensor(xs, requires_grad=True), torch.tensor(h0[None], requires_grad=True)
    out, _ = module(X, H0)
    out.backward(torch.tensor(dhs))
    hs, cache = gru_forward(xs, h0, p, reset="after")
    dxs, dh0, grads = gru_backward(dhs, cache)
    assert rel_error(hs, out.detach().numpy()) < 1e-10
    assert rel_error(dxs, X.grad.numpy()) < 1e-10 and rel_error(dh0, H0.grad[0].numpy()) < 1e-10
    from gru_course.torch_bridge import grads_from_torch
    torch_grads = grads_from_torch(module)
    for name, a, b in zip(GRUParams._fields, grads, torch_grads):
        assert rel_error(a, b) < 1e-9, name


@pytest.mark.parametrize("size", ["small", "standard"])
def test_the_flop_count_is_what_torchs_flop_counter_counts(size):
    from torch.utils.flop_counter import FlopCounterMode
    bench = load_bench()
    module, p, xs, h0, dhs = bench.problem(size, np.float32)
    X, H0 = torch.tensor(xs, requires_grad=True), torch.tensor(h0[None], requires_grad=True)
    with FlopCounterMode(display=False) as counter:
        out, _ = module(X, H0)
        out.backward(torch.tensor(dhs))
    assert bench.gru_flops(*bench.SIZES[size], reset="after") == counter.get_total_flops()


def test_bench_times_both_libraries_on_the_small_size():
    bench = load_bench()
    t_np, t_torch, ratio, flops = bench.bench("small", np.float64, pairs=3, block=1, reset="after")
    assert t_np > 0 and t_torch > 0 and 0 < ratio < 100
    assert bench.GOALS == {"small": 1.0, "standard": 0.8, "large": 1.0}
    assert bench.SIZES["standard"] == (100, 32, 64, 128)
