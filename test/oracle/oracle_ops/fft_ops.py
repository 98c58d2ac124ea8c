"""FFT oracles: torch.fft in complex128 (outputs as [re, im] pairs), scipy.signal.fftconvolve, and
torch's conv1d/conv2d for fftConv."""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F

from . import op


def T(x):
    return torch.from_numpy(np.ascontiguousarray(x))


def cplx(i):
    z = T(i["re"]).to(torch.complex128)
    if "im" in i:
        z = z + 1j * T(i["im"])
    return z


def parts(z):
    z = z.resolve_conj() if hasattr(z, "resolve_conj") else z
    return [z.real.numpy(), z.imag.numpy()]


@op("fft1")
def fft1(i, a):
    f = getattr(torch.fft, a["fn"])
    kw = {"n": a.get("n"), "dim": a.get("dim", -1), "norm": a.get("norm", "backward")}
    if a["fn"] == "rfft":
        return parts(f(T(i["re"]), **kw))
    y = f(cplx(i), **kw)
    return [y.numpy()] if a["fn"] == "irfft" else parts(y)


@op("fftn")
def fftn(i, a):
    f = getattr(torch.fft, a["fn"])
    kw = {"s": a.get("s"), "dim": a.get("dims"), "norm": a.get("norm", "backward")}
    if a["fn"] in ("fft2", "ifft2", "rfft2", "irfft2") and kw["dim"] is None:
        kw["dim"] = (-2, -1)
    if a["fn"] in ("rfft2", "rfftn"):
        return parts(f(T(i["re"]), **kw))
    y = f(cplx(i), **kw)
    return [y.numpy()] if a["fn"] in ("irfft2", "irfftn") else parts(y)


@op("fftshift")
def fftshift(i, a):
    f = np.fft.fftshift if a["fn"] == "fftshift" else np.fft.ifftshift
    return f(i["x"], axes=a.get("dims"))


@op("fftfreq")
def fftfreq(i, a):
    f = np.fft.fftfreq if a["fn"] == "fftfreq" else np.fft.rfftfreq
    return f(a["n"], a.get("d", 1.0))


@op("fftconvolve")
def fftconvolve(i, a):
    return scipy.signal.fftconvolve(i["a"], i["b"], mode=a.get("mode", "full"))


@op("conv_ref")
def conv_ref(i, a):
    f = {1: F.conv1d, 2: F.conv2d}[a["dims"]]
    b = T(i["b"]) if "b" in i else None
    pad = a.get("padding", 0)
    pad = tuple(pad) if isinstance(pad, list) else pad
    return f(T(i["x"]), T(i["w"]), b, a.get("stride", 1), pad, a.get("dilation", 1), a.get("groups", 1)).numpy()
