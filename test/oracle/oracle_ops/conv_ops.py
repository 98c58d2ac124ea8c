"""Convolution family oracles (float64).

PyTorch 1.13 for conv1d/2d/3d (all padding forms and modes, groups, flip), conv_transpose, F.unfold and
separable convolution; SciPy for convolve/correlate. Where no library has the op (locally connected,
tiled convolution, convMatrix, convMatrix2d, N-d unfold), a definition-level NumPy loop written straight
from the lecture formula (Goodfellow 9.5, lecture 000 eq. 1.12).
"""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F

from . import op

CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
CONVT = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
TORCH_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}
NP_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def T(x):
    return torch.from_numpy(np.ascontiguousarray(x))


def per_dim(v, dims, default):
    if v is None:
        return [default] * dims
    return [v] * dims if isinstance(v, int) else list(v)


def pad_pairs(padding, k, dil, dims):
    """[lo, hi] per dim for every padding form; "same"/"valid" answered by torch itself elsewhere."""
    if padding == "full":
        return [[d * (kk - 1)] * 2 for kk, d in zip(k, dil)]
    if padding == "valid":
        return [[0, 0]] * dims
    if padding == "same":
        tot = [d * (kk - 1) for kk, d in zip(k, dil)]
        return [[t // 2, t - t // 2] for t in tot]
    if isinstance(padding, int):
        return [[padding, padding]] * dims
    if all(isinstance(p, int) for p in padding):
        return [[p, p] for p in padding]
    return [list(p) for p in padding]


def torch_pad_arg(pairs):
    """F.pad wants (last_lo, last_hi, prev_lo, prev_hi, ...)."""
    out = []
    for lo, hi in reversed(pairs):
        out += [lo, hi]
    return out


@op("conv")
def conv(i, a):
    dims = a["dims"]
    x, w = T(i["x"]), T(i["w"])
    b = T(i["b"]) if "b" in i else None
    if a.get("flip"):
        w = w.flip(list(range(2, 2 + dims)))
    stride, dil = per_dim(a.get("stride"), dims, 1), per_dim(a.get("dilation"), dims, 1)
    groups, padding, mode = a.get("groups", 1), a.get("padding", 0), a.get("paddingMode", "zeros")
    k = list(w.shape[2:])
    if mode == "zeros" and padding in ("same", "valid"):
        # torch's own "same" rule, an independent check of ours
        return CONV[dims](x, w, b, stride, padding, dil, groups).numpy()
    pairs = pad_pairs(padding, k, dil, dims)
    unbatched = x.dim() == dims + 1
    xb = x.unsqueeze(0) if unbatched else x
    xb = F.pad(xb, torch_pad_arg(pairs), mode=TORCH_PAD_MODE[mode])
    y = CONV[dims](xb, w, b, stride, 0, dil, groups)
    return (y[0] if unbatched else y).numpy()


@op("convTranspose")
def conv_transpose(i, a):
    dims = a["dims"]
    x, w = T(i["x"]), T(i["w"])
    b = T(i["b"]) if "b" in i else None
    return CONVT[dims](x, w, b, a.get("stride", 1), a.get("padding", 0), a.get("outputPadding", 0),
                       a.get("groups", 1), a.get("dilation", 1)).numpy()


def np_unfold(x, k, stride, pairs, dil):
    """cols[n, c*K + t, l] = xpad[n, c, l*stride + t*dil] — the definition, any number of dims."""
    dims = len(k)
    xp = np.pad(x, [(0, 0), (0, 0)] + [tuple(p) for p in pairs])
    out_size = [(xp.shape[2 + d] - dil[d] * (k[d] - 1) - 1) // stride[d] + 1 for d in range(dims)]
    N, C = x.shape[:2]
    K, L = int(np.prod(k)), int(np.prod(out_size))
    cols = np.zeros((N, C * K, L))
    for t, kk in enumerate(np.ndindex(*k)):
        for l, p in enumerate(np.ndindex(*out_size)):
            idx = tuple(p[d] * stride[d] + kk[d] * dil[d] for d in range(dims))
            cols[:, np.arange(C) * K + t, l] = xp[(slice(None), slice(None)) + idx]
    return cols


@op("unfold")
def unfold(i, a):
    x = i["x"]
    k = a["kernelSize"]
    dims = len(k)
    stride, dil = per_dim(a.get("stride"), dims, 1), per_dim(a.get("dilation"), dims, 1)
    pairs = pad_pairs(a.get("padding", 0), k, dil, dims)
    unbatched = x.ndim == dims + 1
    xb = x[None] if unbatched else x
    if dims == 2 and all(lo == hi for lo, hi in pairs):
        y = F.unfold(T(xb), k, dilation=dil, padding=[p[0] for p in pairs], stride=stride).numpy()
    else:
        y = np_unfold(xb, k, stride, pairs, dil)
    return y[0] if unbatched else y


@op("convolve")
def convolve(i, a):
    return scipy.signal.convolve(i["a"], i["b"], mode=a.get("mode", "full"), method=a.get("method", "direct"))


@op("correlate")
def correlate(i, a):
    return scipy.signal.correlate(i["a"], i["b"], mode=a.get("mode", "full"), method=a.get("method", "direct"))


@op("separableConv2d")
def separable(i, a):
    x, dw, pw = T(i["x"]), T(i["dw"]), T(i["pw"])
    b = T(i["b"]) if "b" in i else None
    C = x.shape[-3]
    z = F.conv2d(x, dw, None, a.get("stride", 1), a.get("padding", 0), a.get("dilation", 1), C)
    return F.conv2d(z, pw, b).numpy()


@op("convMatrix")
def conv_matrix(i, a):
    """Lecture 000 eq. 1.12: the full (m+n-1) x n Toeplitz H[i, j] = h[i - j], then the mode's rows."""
    h, n, mode = i["h"], a["n"], a.get("mode", "full")
    m = len(h)
    H = np.zeros((m + n - 1, n))
    for r in range(m + n - 1):
        for j in range(n):
            if 0 <= r - j < m:
                H[r, j] = h[r - j]
    if mode == "full":
        return H
    if mode == "same":
        s = (m - 1) // 2
        return H[s:s + n]
    return H[min(n, m) - 1:max(n, m)]


@op("convMatrix2d")
def conv_matrix2d(i, a):
    """Row (oh, ow) holds w[kh, kw] at the input pixel each tap reads (through the padding mode)."""
    w = i["w"]
    if a.get("flip"):
        w = w[::-1, ::-1]
    H, W = a["size"]
    kh, kw = w.shape
    stride, dil = per_dim(a.get("stride"), 2, 1), per_dim(a.get("dilation"), 2, 1)
    pairs = pad_pairs(a.get("padding", 0), [kh, kw], dil, 2)
    mode = NP_PAD_MODE[a.get("paddingMode", "zeros")]
    src = np.arange(H * W).reshape(H, W)
    kw_args = {"constant_values": -1} if mode == "constant" else {}
    srcp = np.pad(src, [tuple(p) for p in pairs], mode=mode, **kw_args)
    OH = (srcp.shape[0] - dil[0] * (kh - 1) - 1) // stride[0] + 1
    OW = (srcp.shape[1] - dil[1] * (kw - 1) - 1) // stride[1] + 1
    M = np.zeros((OH * OW, H * W))
    for oh in range(OH):
        for ow in range(OW):
            for p in range(kh):
                for q in range(kw):
                    s = srcp[oh * stride[0] + p * dil[0], ow * stride[1] + q * dil[1]]
                    if s >= 0:
                        M[oh * OW + ow, s] += w[p, q]
    return M


@op("locallyConnected")
def locally_connected(i, a):
    """Goodfellow 9.5: y[n, o, p] = sum_{c,k} w[p, o, c, k] * xpad[n, c, p*stride + k*dil] (+ b)."""
    x, w = i["x"], i["w"]
    dims = a["dims"]
    out_size, k = list(w.shape[:dims]), list(w.shape[dims + 2:])
    O = w.shape[dims]
    stride, dil = per_dim(a.get("stride"), dims, 1), per_dim(a.get("dilation"), dims, 1)
    xp = np.pad(x, [(0, 0), (0, 0)] + [tuple(p) for p in pad_pairs(a.get("padding", 0), k, dil, dims)])
    y = np.zeros((x.shape[0], O) + tuple(out_size))
    for p in np.ndindex(*out_size):
        for kk in np.ndindex(*k):
            idx = tuple(p[d] * stride[d] + kk[d] * dil[d] for d in range(dims))
            xv = xp[(slice(None), slice(None)) + idx]  # (N, C)
            wv = w[p + (slice(None), slice(None)) + kk]  # (O, C)
            y[(slice(None), slice(None)) + p] += xv @ wv.T
    if "b" in i:
        b = i["b"]
        y += b.reshape(b.shape + (1,) * dims) if b.ndim == 1 else b
    return y


@op("tiledConv2d")
def tiled_conv2d(i, a):
    """Goodfellow 9.5: Z[n, o, j, k] = sum V[n, l, j*s + m*d, k*s + q*d] K[tile(j, k), o, l, m, q] (+ b)."""
    x, w = i["x"], i["w"]
    tH, tW = a["tiles"]
    _, O, C, kh, kw = w.shape
    stride, dil = per_dim(a.get("stride"), 2, 1), per_dim(a.get("dilation"), 2, 1)
    xp = np.pad(x, [(0, 0), (0, 0)] + [tuple(p) for p in pad_pairs(a.get("padding", 0), [kh, kw], dil, 2)])
    OH = (xp.shape[2] - dil[0] * (kh - 1) - 1) // stride[0] + 1
    OW = (xp.shape[3] - dil[1] * (kw - 1) - 1) // stride[1] + 1
    y = np.zeros((x.shape[0], O, OH, OW))
    for j in range(OH):
        for k in range(OW):
            K = w[(j % tH) * tW + (k % tW)]
            for m in range(kh):
                for q in range(kw):
                    y[:, :, j, k] += xp[:, :, j * stride[0] + m * dil[0], k * stride[1] + q * dil[1]] @ K[:, :, m, q].T
    if "b" in i:
        y += i["b"].reshape(-1, 1, 1)
    return y


@op("convGrads")
def conv_grads(i, a):
    """dL/dx and dL/dw of y = conv(x, w) for the cotangent dy, by torch.autograd (the kernels
    convTranspose and convWeightGrad of the same geometry)."""
    dims = a["dims"]
    x = T(i["x"]).requires_grad_(True)
    w = T(i["w"]).requires_grad_(True)
    pairs = [list(p) for p in a["padding"]]
    y = CONV[dims](F.pad(x, torch_pad_arg(pairs)), w, None, a["stride"], 0, a["dilation"], a["groups"])
    y.backward(T(i["dy"]))
    return [x.grad.numpy(), w.grad.numpy()]
