"""PyTorch CPU reference timings for convlab's benchmarks (Debian python3-torch, 2 threads).

Reads a JSON list of cases on stdin: {"kind": "conv2d"|"conv1d"|"conv2d_dx"|"conv2d_dw"|"conv1d_dx"|"conv1d_dw"|
"maxpool2d"|"fft"|"fft_batch"|"rfft2",
"x": shape, "w": shape, "padding": int, ...}; prints a JSON list of {"min": ms, "median": ms}.
"""
import json
import sys
import time

import torch

torch.set_num_threads(2)


def bench(fn, budget=2.0, max_reps=30, min_reps=3):
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < max_reps and (len(times) < min_reps or time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"min": times[0], "median": times[len(times) // 2]}


def case_fn(c):
    g = torch.Generator().manual_seed(0)
    k = c["kind"]
    if k in ("conv2d", "conv1d", "conv2d_dx", "conv2d_dw", "conv1d_dx", "conv1d_dw"):
        x = torch.randn(c["x"], generator=g)
        w = torch.randn(c["w"], generator=g)
        f = torch.nn.functional.conv2d if len(c["x"]) == 4 else torch.nn.functional.conv1d
        p = c.get("padding", 0)
        if k in ("conv2d", "conv1d"):
            return lambda: f(x, w, padding=p)
        y = f(x, w, padding=p)
        dy = torch.randn(y.shape, generator=g)
        two = len(c["x"]) == 4
        if k.endswith("_dx"):
            gi = torch.nn.grad.conv2d_input if two else torch.nn.grad.conv1d_input
            return lambda: gi(x.shape, w, dy, padding=p)
        gw = torch.nn.grad.conv2d_weight if two else torch.nn.grad.conv1d_weight
        return lambda: gw(x, w.shape, dy, padding=p)
    if k == "maxpool2d":
        x = torch.randn(c["x"], generator=g)
        return lambda: torch.nn.functional.max_pool2d(x, 2)
    if k in ("fft", "fft_batch"):
        x = torch.randn(c["x"], generator=g, dtype=torch.complex64)
        return lambda: torch.fft.fft(x)
    if k == "rfft2":
        x = torch.randn(c["x"], generator=g)
        return lambda: torch.fft.rfft2(x)
    raise ValueError(k)


def main():
    cases = json.load(sys.stdin)
    out = []
    with torch.no_grad():
        for c in cases:
            out.append(bench(case_fn(c)))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
