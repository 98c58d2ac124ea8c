"""PyTorch CPU contender of bench/train-lenet.ts: the same LeNet-5 (ReLU, max pooling), Adam, batch size and
data (the exact normalised images and labels, written by train-lenet.ts to raw files), 2 threads.

Usage: train_lenet_torch.py X.f32 Y.i32 N BATCH LR EPOCHS   -> one JSON line per epoch:
{"epoch": e, "seconds": s, "cpu_seconds": c, "images_per_s": r, "loss": l}
(cpu_seconds: the process's CPU time, all threads: the work done, whatever the load of a shared machine)
"""
import json
import sys
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(2)


def main():
    xf, yf, n, batch, lr, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
    x = torch.from_numpy(np.fromfile(xf, dtype=np.float32).reshape(n, 1, 28, 28))
    y = torch.from_numpy(np.fromfile(yf, dtype=np.int32).astype(np.int64))
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(0)
    for epoch in range(1, epochs + 1):
        perm = torch.randperm(n, generator=g)
        t0, c0 = time.perf_counter(), time.process_time()
        total = 0.0
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        s, c = time.perf_counter() - t0, time.process_time() - c0
        print(json.dumps({"epoch": epoch, "seconds": s, "cpu_seconds": c, "images_per_s": n / s, "loss": total / n}), flush=True)


if __name__ == "__main__":
    main()
