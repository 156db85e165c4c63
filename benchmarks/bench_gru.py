"""Time the course's numpy GRU against torch.nn.GRU, forward + backward, on this machine's CPU.

Paired runs: numpy and torch alternate in short blocks on the same data (the first run of each
block is discarded, so neither library pays for the other's idle BLAS or OpenMP threads), and
the ratio is taken per pair of blocks, so a slow moment of the machine hits both. Prints, per
size and dtype,
the median times, the median ratio numpy/torch (goal: <= 0.8 at the standard size, <= 1.0
elsewhere) and the achieved GFLOP/s next to the machine's large-matrix-product rate.

    python benchmarks/bench_gru.py [--pairs 9] [--block 5] [--reset after]
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from gru_course import GRUParams, gru_backward, gru_forward, rel_error

SIZES = {"small": (20, 8, 16, 32), "standard": (100, 32, 64, 128), "large": (200, 64, 128, 256)}
GOALS = {"small": 1.0, "standard": 0.8, "large": 1.0}


def gru_flops(T: int, N: int, D: int, H: int, reset: str) -> float:
    """Multiply-add FLOPs (2 per multiply-add) of the matrix products of forward + backward."""
    forward = 2 * T * N * 3 * H * (D + H)
    # backward: dxs and dW_x (2 products of the input side), dh_prev and dW_h (2 of the recurrent
    # side); reset="before" adds nothing in matrix products, only the split of W_hn.
    backward = 2 * forward
    return float(forward + backward)


def matmul_rate(dtype, n: int = 2048, repeats: int = 5) -> float:
    """GFLOP/s of numpy's n x n matrix product, the machine's practical peak."""
    a = np.random.default_rng(0).standard_normal((n, n)).astype(dtype)
    a @ a
    best = min(_timed(lambda: a @ a) for _ in range(repeats))
    return 2 * n ** 3 / best / 1e9


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def problem(size: str, dtype):
    """The timed case: (module, p, xs, h0, dhs), the same weights in torch and in the course's form."""
    T, N, D, H = SIZES[size]
    rng = np.random.default_rng(0)
    tdtype = torch.float64 if dtype == np.float64 else torch.float32
    module = torch.nn.GRU(D, H).to(tdtype)
    p = GRUParams.from_torch(module)
    xs = rng.standard_normal((T, N, D)).astype(dtype)
    h0 = rng.standard_normal((N, H)).astype(dtype)
    dhs = rng.standard_normal((T, N, H)).astype(dtype)
    return module, p, xs, h0, dhs


def bench(size: str, dtype, pairs: int, block: int, reset: str):
    T, N, D, H = SIZES[size]
    module, p, xs, h0, dhs = problem(size, dtype)
    X = torch.tensor(xs, requires_grad=True)
    H0 = torch.tensor(h0[None], requires_grad=True)
    dHS = torch.tensor(dhs)

    def run_numpy():
        hs, cache = gru_forward(xs, h0, p, reset=reset)
        gru_backward(dhs, cache)

    def run_torch():
        module.zero_grad(set_to_none=True)
        X.grad = H0.grad = None
        out, _ = module(X, H0)
        out.backward(dHS)

    hs, _ = gru_forward(xs, h0, p, reset=reset)     # time only what computes the same thing
    if reset == "after":
        gap = rel_error(hs, module(X, H0)[0].detach().numpy())
        assert gap < (1e-4 if dtype == np.float32 else 1e-10), f"numpy and torch differ: {gap:.1e}"

    def block_median(fn):
        times = [_timed(fn) for _ in range(block + 1)]
        return float(np.median(times[1:]))   # run 0 absorbs the switch between libraries

    block_median(run_numpy)                  # warm-up: BLAS threads, allocator, torch dispatch
    block_median(run_torch)
    t_np, t_torch = [], []
    for _ in range(pairs):
        t_np.append(block_median(run_numpy))
        t_torch.append(block_median(run_torch))
    ratios = np.array(t_np) / np.array(t_torch)
    return np.median(t_np), np.median(t_torch), np.median(ratios), gru_flops(T, N, D, H, reset)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=9, help="pairs of blocks per case")
    parser.add_argument("--block", type=int, default=5, help="timed runs per block")
    parser.add_argument("--reset", choices=("before", "after"), default="after",
                        help="numpy GRU variant; 'after' computes exactly what torch computes")
    args = parser.parse_args(argv)
    print(f"torch {torch.__version__}, numpy {np.__version__}, torch threads "
          f"{torch.get_num_threads()}, reset={args.reset}, {args.pairs} pairs of "
          f"{args.block}-run blocks")
    failed = []
    for dtype in (np.float32, np.float64):
        peak = matmul_rate(dtype)
        print(f"\n{np.dtype(dtype).name}: numpy 2048x2048 matmul {peak:.1f} GFLOP/s")
        print(f"{'size':<9} {'T,N,D,H':<17} {'numpy ms':>9} {'torch ms':>9} {'ratio':>6} "
              f"{'goal':>5} {'GFLOP/s':>8} {'% of peak':>9}")
        for size in SIZES:
            t_np, t_torch, ratio, flops = bench(size, dtype, args.pairs, args.block, args.reset)
            rate = flops / t_np / 1e9
            verdict = "ok" if ratio <= GOALS[size] else "MISSED"
            if verdict != "ok":
                failed.append(f"{size}/{np.dtype(dtype).name}")
            print(f"{size:<9} {str(SIZES[size]):<17} {t_np * 1e3:9.2f} {t_torch * 1e3:9.2f} "
                  f"{ratio:6.2f} {GOALS[size]:5.1f} {rate:8.1f} {100 * rate / peak:8.0f}%  {verdict}")
    print("\nall goals met" if not failed else f"\ngoals missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
