"""Elementwise, reduction, matmul and shape ops, computed by PyTorch in float64."""
import numpy as np
import torch

from . import op


def T(x):
    return torch.from_numpy(np.ascontiguousarray(x))


UNARY = {
    "neg": torch.neg, "exp": torch.exp, "log": torch.log, "sqrt": torch.sqrt, "abs": torch.abs,
    "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh, "sign": torch.sign,
    "square": torch.square, "reciprocal": torch.reciprocal, "sin": torch.sin, "cos": torch.cos,
    "floor": torch.floor, "ceil": torch.ceil, "round": torch.round, "log1p": torch.log1p, "expm1": torch.expm1,
}
BINARY = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "pow": torch.pow,
    "maximum": torch.maximum, "minimum": torch.minimum, "atan2": torch.atan2,
}


@op("unary")
def unary(i, a):
    return UNARY[a["op"]](T(i["x"])).numpy()


@op("binary")
def binary(i, a):
    return BINARY[a["op"]](T(i["a"]), T(i["b"])).numpy()


@op("reduce")
def reduce(i, a):
    x = T(i["x"])
    dims = a.get("dim")
    keep = bool(a.get("keepDim", False))
    kind = a["op"]
    if dims is None:
        dims = list(range(x.dim()))
    if isinstance(dims, int):
        dims = [dims]
    if kind == "sum":
        return torch.sum(x, dim=dims, keepdim=keep).numpy() if dims else x.numpy()
    if kind == "mean":
        return torch.mean(x, dim=dims, keepdim=keep).numpy()
    if kind in ("max", "min"):
        f = torch.amax if kind == "max" else torch.amin
        return f(x, dim=dims, keepdim=keep).numpy()
    if kind == "prod":
        r = x
        for d in sorted(dims, reverse=True):
            r = torch.prod(r, dim=d, keepdim=keep)
        return r.numpy()
    raise ValueError(kind)


@op("softmax")
def softmax(i, a):
    f = torch.log_softmax if a.get("log") else torch.softmax
    return f(T(i["x"]), dim=a.get("dim", -1)).numpy()


@op("softplus")
def softplus(i, a):
    return torch.nn.functional.softplus(T(i["x"]), beta=a.get("beta", 1), threshold=a.get("threshold", 20)).numpy()


@op("matmul")
def matmul(i, a):
    return torch.matmul(T(i["a"]), T(i["b"])).numpy()


@op("pad")
def pad(i, a):
    x = T(i["x"])
    flat = []
    for lo, hi in reversed(a["pads"]):
        flat += [lo, hi]
    mode = a.get("mode", "constant")
    if mode == "constant":
        return torch.nn.functional.pad(x, flat, mode="constant", value=a.get("value", 0)).numpy()
    # torch's non-constant modes want a batch and channel dim in front of the padded dims
    npad = len(a["pads"])
    lead = x.shape[: x.dim() - npad]
    y = x.reshape((1, -1) + tuple(x.shape[x.dim() - npad:]))
    y = torch.nn.functional.pad(y, flat, mode=mode)
    return y.reshape(tuple(lead) + tuple(y.shape[2:])).numpy()
