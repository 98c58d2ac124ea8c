"""Gradients by torch.autograd (float64): op "grad" evaluates a named forward function on the inputs,
backpropagates the cotangent input "dy" and answers [y, d/d(wrt[0]), d/d(wrt[1]), ...].

attrs: {"fn": forward name, "fa": its attrs, "wrt": [input names]}. Complex outputs are returned as
stack([re, im]) (TS tests build the same layout); complex inputs arrive as "<name>_re" / "<name>_im".
"""
import numpy as np
import torch
import torch.nn.functional as F

from . import op
from .basic_ops import UNARY, BINARY

FWD = {}


def fwd(name):
    def deco(fn):
        FWD[name] = fn
        return fn
    return deco


@fwd("unary")
def f_unary(i, a):
    return UNARY[a["op"]](i["x"])


@fwd("binary")
def f_binary(i, a):
    return BINARY[a["op"]](i["a"], i["b"])


@fwd("where")
def f_where(i, a):
    return torch.where(i["cond"] > 0, i["a"], i["b"])


@fwd("reduce")
def f_reduce(i, a):
    x = i["x"]
    dims = a.get("dim")
    keep = bool(a.get("keepDim", False))
    if dims is None:
        dims = list(range(x.dim()))
    if isinstance(dims, int):
        dims = [dims]
    kind = a["op"]
    if kind == "sum":
        return torch.sum(x, dim=dims, keepdim=keep)
    if kind == "mean":
        return torch.mean(x, dim=dims, keepdim=keep)
    if kind in ("max", "min"):
        return (torch.amax if kind == "max" else torch.amin)(x, dim=dims, keepdim=keep)
    if kind == "prod":
        r = x
        for d in sorted(dims, reverse=True):
            r = torch.prod(r, dim=d, keepdim=keep)
        return r
    raise ValueError(kind)


@fwd("softmax")
def f_softmax(i, a):
    return (torch.log_softmax if a.get("log") else torch.softmax)(i["x"], dim=a.get("dim", -1))


@fwd("softplus")
def f_softplus(i, a):
    return torch.nn.functional.softplus(i["x"], beta=a.get("beta", 1), threshold=a.get("threshold", 20))


@fwd("matmul")
def f_matmul(i, a):
    A = i["a"].transpose(-1, -2) if a.get("transA") else i["a"]
    B = i["b"].transpose(-1, -2) if a.get("transB") else i["b"]
    return torch.matmul(A, B)


def pad_nd(x, pads, mode, value=0.0):
    flat = []
    for lo, hi in reversed(pads):
        flat += [lo, hi]
    if mode in ("constant", "zeros"):
        return F.pad(x, flat, mode="constant", value=value)
    npad = len(pads)
    lead = x.shape[: x.dim() - npad]
    y = x.reshape((1, -1) + tuple(x.shape[x.dim() - npad:]))
    y = F.pad(y, flat, mode=mode)
    return y.reshape(tuple(lead) + tuple(y.shape[2:]))


@fwd("pad")
def f_pad(i, a):
    return pad_nd(i["x"], a["pads"], a.get("mode", "constant"), a.get("value", 0.0))


@fwd("permute")
def f_permute(i, a):
    return i["x"].permute(*a["dims"])


@fwd("flip")
def f_flip(i, a):
    return torch.flip(i["x"], a["dims"])


@fwd("slice")
def f_slice(i, a):
    idx = []
    for s in a["spec"]:
        if s is None:
            idx.append(slice(None))
        elif isinstance(s, int):
            idx.append(s)
        else:
            idx.append(slice(*s))
    return i["x"][tuple(idx)]


@fwd("reshape")
def f_reshape(i, a):
    return i["x"].reshape(a["shape"])


@fwd("broadcastTo")
def f_broadcast(i, a):
    return i["x"].expand(*a["shape"])


@fwd("concat")
def f_concat(i, a):
    xs = [i[f"x{k}"] for k in range(a["n"])]
    return torch.stack(xs, a["axis"]) if a.get("stack") else torch.cat(xs, a["axis"])


@fwd("gather")
def f_gather(i, a):
    return torch.gather(i["x"], a["axis"], torch.tensor(a["index"], dtype=torch.long))


@fwd("chain")
def f_chain(i, a):
    """a small network-like composition: logSoftmax(tanh(x @ w + b) * 2)[label] summed, plus mean(relu)."""
    h = torch.tanh(i["x"] @ i["w"] + i["b"])
    return torch.log_softmax(h * 2, dim=-1).sum() + torch.relu(h).mean()


# ---- convolution ----

def conv_pads(a, ksize):
    d = len(ksize)
    dil = a.get("dilation", 1)
    dil = [dil] * d if isinstance(dil, int) else dil
    p = a.get("padding", 0)
    span = [dil[k] * (ksize[k] - 1) for k in range(d)]
    if p == "valid":
        return [[0, 0]] * d
    if p == "full":
        return [[s, s] for s in span]
    if p == "same":
        return [[s // 2, s - s // 2] for s in span]
    if isinstance(p, int):
        return [[p, p]] * d
    if all(isinstance(e, list) for e in p):
        return p
    return [[e, e] for e in p]


@fwd("conv")
def f_conv(i, a):
    x, w = i["x"], i["w"]
    d = w.dim() - 2
    if a.get("flip"):
        w = torch.flip(w, list(range(2, w.dim())))
    pads = conv_pads(a, list(w.shape[2:]))
    mode = a.get("paddingMode", "zeros")
    x = pad_nd(x, pads, "constant" if mode == "zeros" else mode)
    conv = [F.conv1d, F.conv2d, F.conv3d][d - 1]
    return conv(x, w, i.get("b"), stride=a.get("stride", 1), dilation=a.get("dilation", 1), groups=a.get("groups", 1))


@fwd("convTranspose")
def f_conv_transpose(i, a):
    d = i["w"].dim() - 2
    f = [F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d][d - 1]
    return f(i["x"], i["w"], i.get("b"), stride=a.get("stride", 1), padding=a.get("padding", 0),
             output_padding=a.get("outputPadding", 0), groups=a.get("groups", 1), dilation=a.get("dilation", 1))


@fwd("unfold")
def f_unfold(i, a):
    return F.unfold(i["x"], a["kernelSize"], dilation=a.get("dilation", 1), padding=a.get("padding", 0),
                    stride=a.get("stride", 1))


# ---- pooling ----

@fwd("maxPool")
def f_max_pool(i, a):
    d = i["x"].dim() - 2
    f = [F.max_pool1d, F.max_pool2d, F.max_pool3d][d - 1]
    return f(i["x"], a["kernelSize"], stride=a.get("stride"), padding=a.get("padding", 0),
             dilation=a.get("dilation", 1), ceil_mode=a.get("ceilMode", False))


@fwd("avgPool")
def f_avg_pool(i, a):
    d = i["x"].dim() - 2
    f = [F.avg_pool1d, F.avg_pool2d, F.avg_pool3d][d - 1]
    return f(i["x"], a["kernelSize"], stride=a.get("stride"), padding=a.get("padding", 0),
             ceil_mode=a.get("ceilMode", False), count_include_pad=a.get("countIncludePad", True))


@fwd("lpPool")
def f_lp_pool(i, a):
    d = i["x"].dim() - 2
    f = [F.lp_pool1d, F.lp_pool2d][d - 1]
    return f(i["x"], a["p"], a["kernelSize"], stride=a.get("stride"), ceil_mode=a.get("ceilMode", False))


@fwd("adaptivePool")
def f_adaptive(i, a):
    d = i["x"].dim() - 2
    if a["kind"] == "max":
        f = [F.adaptive_max_pool1d, F.adaptive_max_pool2d, F.adaptive_max_pool3d][d - 1]
    else:
        f = [F.adaptive_avg_pool1d, F.adaptive_avg_pool2d, F.adaptive_avg_pool3d][d - 1]
    return f(i["x"], a["outSize"])


@fwd("kMaxPool")
def f_kmax(i, a):
    x = i["x"]
    idx = torch.topk(x, a["k"], dim=-1).indices.sort(dim=-1).values
    return torch.gather(x, -1, idx)


# ---- FFT ----

def cplx(i, name):
    if f"{name}_re" in i:
        return torch.complex(i[f"{name}_re"], i[f"{name}_im"])
    return i[name]


def ri(y):
    return torch.stack([y.real, y.imag]) if torch.is_complex(y) else y


@fwd("fft")
def f_fft(i, a):
    x = cplx(i, "x")
    kind = a["kind"]
    fn = getattr(torch.fft, kind)
    kw = {"norm": a.get("norm", "backward")}
    if kind in ("fft", "ifft", "rfft", "irfft"):
        kw["n"] = a.get("n")
        kw["dim"] = a.get("dim", -1)
    else:
        kw["s"] = a.get("s")
        if a.get("dims") is not None:
            kw["dim"] = a["dims"]
    return ri(fn(x, **kw))


# ---- losses ----

@fwd("crossEntropy")
def f_ce(i, a):
    return F.cross_entropy(i["x"], torch.tensor(a["labels"], dtype=torch.long))


@fwd("nllLoss")
def f_nll(i, a):
    return F.nll_loss(i["x"], torch.tensor(a["labels"], dtype=torch.long))


@fwd("mseLoss")
def f_mse(i, a):
    return F.mse_loss(i["x"], i["t"])


@op("grad")
def grad(inputs, a):
    wrt = a["wrt"]
    ts = {}
    for k, v in inputs.items():
        if k == "dy":
            continue
        ts[k] = torch.tensor(v, dtype=torch.float64, requires_grad=k in wrt)
    y = FWD[a["fn"]](ts, a.get("fa", {}) or {})
    dy = torch.tensor(inputs["dy"], dtype=torch.float64)
    y.backward(dy.reshape(y.shape))
    out = [y.detach().numpy()]
    for k in wrt:
        g = ts[k].grad
        out.append(np.zeros(ts[k].shape) if g is None else g.numpy())
    return out


# ---- nn: a few optimizer steps on a fixed small CNN, BatchNorm2d, Embedding ----

def small_cnn(p, x):
    h = F.conv2d(x, p["c.w"], p["c.b"], padding=1)
    h = F.max_pool2d(torch.relu(h), 2)
    return F.linear(h.flatten(1), p["l.w"], p["l.b"])


@op("trainSteps")
def train_steps(inputs, a):
    """a["opt"]: "sgd" | "adam" with a["cfg"]; runs a["steps"] steps of cross-entropy on (x, labels)."""
    names = ["c.w", "c.b", "l.w", "l.b"]
    p = {k: torch.tensor(inputs[k], dtype=torch.float64, requires_grad=True) for k in names}
    x = torch.tensor(inputs["x"], dtype=torch.float64)
    labels = torch.tensor(a["labels"], dtype=torch.long)
    c = a["cfg"]
    params = [p[k] for k in names]
    if a["opt"] == "sgd":
        opt = torch.optim.SGD(params, lr=c["lr"], momentum=c.get("momentum", 0), weight_decay=c.get("weightDecay", 0),
                              nesterov=c.get("nesterov", False), dampening=c.get("dampening", 0))
    else:
        opt = torch.optim.Adam(params, lr=c["lr"], betas=tuple(c.get("betas", (0.9, 0.999))), eps=c.get("eps", 1e-8),
                               weight_decay=c.get("weightDecay", 0))
    losses = []
    for _ in range(a["steps"]):
        opt.zero_grad()
        loss = F.cross_entropy(small_cnn(p, x), labels)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return [np.array(losses)] + [p[k].detach().numpy() for k in names]


@fwd("batchNorm")
def f_batchnorm(i, a):
    """training-mode batch norm with the test's affine parameters g, b (batch statistics)"""
    c = i["x"].shape[1]
    rm = torch.zeros(c, dtype=torch.float64)
    rv = torch.ones(c, dtype=torch.float64)
    return F.batch_norm(i["x"], rm, rv, i["g"], i["b"], training=True, momentum=0.1, eps=1e-5)


@op("batchNormStats")
def batchnorm_stats(inputs, a):
    x = torch.tensor(inputs["x"], dtype=torch.float64)
    bn = torch.nn.BatchNorm2d(x.shape[1]).double()
    for _ in range(a["steps"]):
        bn(x)
    bn.eval()
    return [bn.running_mean.numpy(), bn.running_var.numpy(), bn(x).detach().numpy()]


@fwd("embedding")
def f_embedding(i, a):
    return F.embedding(torch.tensor(a["ids"], dtype=torch.long), i["w"])
