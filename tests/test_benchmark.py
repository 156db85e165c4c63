"""The benchmark script runs and measures what it claims (its timings are not asserted here)."""
import importlib.util
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_gru", ROOT / "benchmarks/bench_gru.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_times_both_libraries_on_the_small_size():
    bench = load_bench()
    t_np, t_torch, ratio, flops = bench.bench("small", np.float64, pairs=1, block=1, reset="after")
    assert t_np > 0 and t_torch > 0 and ratio == t_np / t_torch
    T, N, D, H = bench.SIZES["small"]
    assert flops == 3 * 2 * T * N * 3 * H * (D + H)


def test_bench_covers_the_three_sizes_with_their_goals():
    bench = load_bench()
    assert bench.SIZES["standard"] == (100, 32, 64, 128)
    assert bench.GOALS == {"small": 1.0, "standard": 0.8, "large": 1.0}
