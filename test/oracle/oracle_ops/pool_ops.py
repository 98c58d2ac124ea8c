"""Pooling oracles: torch.nn.functional in float64, plus a definition-level k-max pooling in NumPy
(Kalchbrenner et al. 2014 -- no library has it)."""
import numpy as np
import torch
import torch.nn.functional as F

from . import op


def T(x):
    return torch.from_numpy(np.ascontiguousarray(x))


def _stride(a):
    s = a.get("stride")
    return s if s is not None else a["kernelSize"]


@op("max_pool")
def max_pool(i, a):
    f = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}[a["dims"]]
    y, idx = f(T(i["x"]), a["kernelSize"], _stride(a), a.get("padding", 0), a.get("dilation", 1),
               ceil_mode=a.get("ceilMode", False), return_indices=True)
    return [y.numpy(), idx.numpy().astype(np.float64)]


@op("avg_pool")
def avg_pool(i, a):
    f = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}[a["dims"]]
    return f(T(i["x"]), a["kernelSize"], _stride(a), a.get("padding", 0), ceil_mode=a.get("ceilMode", False),
             count_include_pad=a.get("countIncludePad", True)).numpy()


@op("lp_pool")
def lp_pool(i, a):
    f = {1: F.lp_pool1d, 2: F.lp_pool2d}[a["dims"]]
    return f(T(i["x"]), a["p"], a["kernelSize"], a.get("stride"), ceil_mode=a.get("ceilMode", False)).numpy()


@op("adaptive_pool")
def adaptive_pool(i, a):
    fs = {("avg", 1): F.adaptive_avg_pool1d, ("avg", 2): F.adaptive_avg_pool2d, ("avg", 3): F.adaptive_avg_pool3d,
          ("max", 1): F.adaptive_max_pool1d, ("max", 2): F.adaptive_max_pool2d, ("max", 3): F.adaptive_max_pool3d}
    out = a["outSize"]
    return fs[(a["kind"], a["dims"])](T(i["x"]), tuple(out) if isinstance(out, list) else out).numpy()


@op("kmax_pool")
def kmax_pool(i, a):
    """Definition: along `dim`, keep the k largest values in their original order (ties: earlier first)."""
    x = np.moveaxis(i["x"], a["dim"], -1)
    k = a["k"]
    out = np.empty(x.shape[:-1] + (k,))
    for idx in np.ndindex(*x.shape[:-1]):
        row = x[idx]
        order = sorted(range(len(row)), key=lambda j: (-row[j], j))[:k]
        out[idx] = row[sorted(order)]
    return np.moveaxis(out, -1, a["dim"])


@op("global_pool")
def global_pool(i, a):
    x = T(i["x"])
    dims = list(range(2, x.dim()))
    r = torch.mean(x, dim=dims) if a["kind"] == "avg" else torch.amax(x, dim=dims)
    return r.numpy()
