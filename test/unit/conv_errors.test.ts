/** Bad input to every conv-family op: each error names the op, what it expected and what it got. */
import { it } from "node:test";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertThrowsWith } from "../helpers/allclose";

const z = (shape: number[]) => cl.zeros(shape);

describeBackends("conv family rejects bad input with clear messages", () => {
  it("conv1d/2d/3d", () => {
    const x = z([1, 3, 5, 5]),
      w = z([2, 3, 3, 3]);
    assertThrowsWith(
      () => cl.conv2d(z([28, 28]), w),
      "conv2d: expected x of rank 4 (N,C,H,W) or 3 (C,H,W), got shape [28,28]",
    );
    assertThrowsWith(
      () => cl.conv1d(z([1, 1, 2, 5]), z([1, 1, 3])),
      "conv1d: expected x of rank 3 (N,C,L) or 2 (C,L), got shape [1,1,2,5]",
    );
    assertThrowsWith(
      () => cl.conv3d(z([3, 5, 5]), z([2, 3, 3, 3, 3])),
      "conv3d: expected x of rank 5 (N,C,D,H,W) or 4 (C,D,H,W), got shape [3,5,5]",
    );
    assertThrowsWith(() => cl.conv2d(x, z([2, 3, 3])), "conv2d: expected w of rank 4", "got shape [2,3,3]");
    assertThrowsWith(
      () => cl.conv2d(x, z([2, 2, 3, 3])),
      "conv2d: expected w.shape[1] == C/groups = 3/1 = 3",
      "got w [2,2,3,3]",
    );
    assertThrowsWith(
      () => cl.conv2d(x, z([2, 1, 3, 3]), { groups: 2 }),
      "conv2d: expected in channels (3) and out channels (2) divisible by groups (2)",
    );
    assertThrowsWith(() => cl.conv2d(x, w, { groups: 0 }), "conv2d: expected groups as a positive integer, got 0");
    assertThrowsWith(
      () => cl.conv2d(z([1, 3, 2, 2]), w),
      "conv2d: expected a (dilated) kernel no larger than the padded input, got kernel 3 > padded input 2",
    );
    assertThrowsWith(() => cl.conv2d(x, w, { dilation: 3 }), "kernel 7 > padded input 5");
    assertThrowsWith(
      () => cl.conv2d(x, w, { stride: 0 }),
      "conv2d: expected stride as a positive integer or 2 positive integers, got 0",
    );
    assertThrowsWith(() => cl.conv2d(x, w, { stride: [1, 2, 3] }), "expected stride", "got [1,2,3]");
    assertThrowsWith(
      () => cl.conv2d(x, w, { dilation: -1 }),
      "conv2d: expected dilation as a positive integer",
      "got -1",
    );
    assertThrowsWith(() => cl.conv2d(x, w, { padding: -1 }), "conv2d: expected padding", "got -1");
    assertThrowsWith(
      () => cl.conv2d(x, w, { padding: "bogus" as "same" }),
      "conv2d: expected padding",
      'got the string "bogus"',
    );
    assertThrowsWith(() => cl.conv2d(x, w, { padding: [[1, 2]] }), "conv2d: expected padding", "got [[1,2]]");
    assertThrowsWith(
      () => cl.conv2d(x, w, { padding: "same", stride: 2 }),
      'conv2d: expected stride 1 with padding "same", got stride [2,2]',
    );
    assertThrowsWith(
      () => cl.conv2d(x, w, { flip: 1 as unknown as boolean }),
      "conv2d: expected flip as a boolean, got 1",
    );
    assertThrowsWith(
      () => cl.conv2d(x, w, { paddingMode: "mirror" as "reflect" }),
      'conv2d: expected paddingMode "zeros" | "reflect" | "replicate" | "circular", got the string "mirror"',
    );
    assertThrowsWith(
      () => cl.conv2d(x, w, { bias: [1, 2, 3] }),
      "conv2d: expected bias of shape [2] (one per output channel), got shape [3]",
    );
    assertThrowsWith(
      () => cl.conv2d(x, w, { strides: 2 } as cl.ConvOptions),
      "conv2d: expected options among",
      'unknown option "strides"',
    );
    assertThrowsWith(
      () => cl.conv2d(x, w, 3 as unknown as cl.ConvOptions),
      "conv2d: expected an options object, got 3",
    );
    assertThrowsWith(
      () => cl.conv2d(z([0, 3, 5, 5]), w),
      "conv2d: expected x with non-empty batch, channel and spatial dims, got shape [0,3,5,5]",
    );
    assertThrowsWith(
      () => cl.conv2d(x, z([0, 3, 3, 3])),
      "conv2d: expected w with positive out-channel and kernel dims",
    );
    assertThrowsWith(
      () => cl.conv2d(cl.zeros([1, 3, 5, 5], { dtype: "int32" }), w),
      "conv2d: expected float tensors, got x int32",
    );
    assertThrowsWith(
      () => cl.conv2d(x, w, { padding: 5, paddingMode: "reflect" }),
      "conv2d: reflect padding expects pad < size",
    );
    assertThrowsWith(
      () => cl.conv2d("x" as unknown as cl.Tensor, w),
      "conv2d: expected x as a Tensor, an ndarray or nested number arrays",
    );
  });

  it("convTranspose1d/2d/3d", () => {
    const x = z([1, 4, 5, 5]);
    assertThrowsWith(
      () => cl.convTranspose2d(x, z([3, 2, 3, 3])),
      "convTranspose2d: expected w.shape[0] == x channels (4), got w [3,2,3,3]",
    );
    assertThrowsWith(
      () => cl.convTranspose2d(x, z([4, 2, 3, 3]), { stride: 2, outputPadding: 2 }),
      "convTranspose2d: expected outputPadding smaller than stride or dilation, got 2 with stride 2 and dilation 1",
    );
    assertThrowsWith(
      () => cl.convTranspose2d(x, z([4, 2, 3, 3]), { groups: 3 }),
      "convTranspose2d: expected in channels (4) divisible by groups (3)",
    );
    assertThrowsWith(
      () => cl.convTranspose2d(x, z([4, 2, 3, 3]), { padding: 4 }),
      "convTranspose2d: expected a positive output size, got [-1,-1]",
    );
    assertThrowsWith(
      () => cl.convTranspose1d(x, z([4, 2, 3])),
      "convTranspose1d: expected x of rank 3 (N,C,L) or 2 (C,L), got shape [1,4,5,5]",
    );
    assertThrowsWith(
      () => cl.convTranspose3d(z([1, 4, 2, 2, 2]), z([4, 2, 3, 3, 3]), { bias: [1] }),
      "convTranspose3d: expected bias of shape [2]",
    );
  });

  it("convolve / correlate", () => {
    assertThrowsWith(
      () => cl.convolve(z([3]), z([2, 2])),
      "convolve: expected a and b of equal rank, got shapes [3] and [2,2]",
    );
    assertThrowsWith(
      () => cl.correlate(z([3, 5]), z([5, 3]), { mode: "valid" }),
      'correlate: mode "valid" expects one input at least as large as the other on every axis, got [3,5] and [5,3]',
    );
    assertThrowsWith(
      () => cl.convolve(z([3]), z([2]), { mode: "middle" as "same" }),
      'convolve: expected mode "full" | "same" | "valid", got the string "middle"',
    );
    assertThrowsWith(
      () => cl.convolve(z([3]), z([2]), { method: "gpu" as "fft" }),
      'convolve: expected method "auto" | "direct" | "fft", got the string "gpu"',
    );
    assertThrowsWith(() => cl.convolve(z([0]), z([2])), "convolve: expected non-empty a and b, got shapes [0] and [2]");
    assertThrowsWith(() => cl.convolve(z([2, 2, 2, 2]), z([1, 1, 1, 1])), "convolve: expected a and b of rank 1 to 3");
  });

  it("convMatrix / convMatrix2d / unfold", () => {
    assertThrowsWith(
      () => cl.convMatrix([1, 2], 0),
      "convMatrix: expected n as a positive integer signal length, got 0",
    );
    assertThrowsWith(
      () => cl.convMatrix([[1, 2]], 4),
      "convMatrix: expected h as a non-empty 1-D kernel, got shape [1,2]",
    );
    assertThrowsWith(() => cl.convMatrix([1, 2], 4, { mode: "x" as "full" }), "convMatrix: expected mode");
    assertThrowsWith(
      () => cl.convMatrix2d(z([2, 3, 3]), [5, 5]),
      "convMatrix2d: expected a single-channel kernel of shape (kh, kw) or (1, 1, kh, kw), got shape [2,3,3]",
    );
    assertThrowsWith(
      () => cl.convMatrix2d(z([3, 3]), [5, 0] as [number, number]),
      "convMatrix2d: expected the input size as [H, W] of positive integers, got [5,0]",
    );
    assertThrowsWith(
      () => cl.convMatrix2d(z([3, 3]), [2, 2]),
      "convMatrix2d: expected a (dilated) kernel no larger than the padded input",
    );
    assertThrowsWith(
      () => cl.unfold(z([1, 2, 5, 5]), 0),
      "unfold: expected kernelSize as a positive integer or 2 positive integers, got 0",
    );
    assertThrowsWith(() => cl.unfold(z([1, 2, 5, 5]), [2, 2, 2, 2]), "unfold: expected 1 to 3 spatial dims");
    assertThrowsWith(
      () => cl.unfold(z([5, 5]), [2, 2, 2]),
      "unfold: expected x of rank 5 (N,C,D,H,W) or 4 (C,D,H,W), got shape [5,5]",
    );
  });

  it("separable, locally connected, tiled", () => {
    const x = z([1, 3, 6, 6]);
    assertThrowsWith(
      () => cl.separableConv2d(x, z([4, 1, 3, 3]), z([2, 4, 1, 1])),
      "separableConv2d: expected depthwise of shape (C·M, 1, kh, kw) with C = 3, got shape [4,1,3,3]",
    );
    assertThrowsWith(
      () => cl.separableConv2d(x, z([6, 1, 3, 3]), z([2, 5, 1, 1])),
      "separableConv2d: expected pointwise of shape (O, 6, 1, 1), got shape [2,5,1,1]",
    );
    assertThrowsWith(
      () => cl.locallyConnected2d(x, z([4, 4, 2, 3, 3])),
      "locallyConnected2d: expected w of rank 6 (OH, OW, O, C, kh, kw), got shape [4,4,2,3,3]",
    );
    assertThrowsWith(
      () => cl.locallyConnected2d(x, z([3, 4, 2, 3, 3, 3])),
      "locallyConnected2d: expected w of shape [4,4,2,3,3,3] (OH, OW, O, C, kh, kw) for output size [4,4], got [3,4,2,3,3,3]",
    );
    assertThrowsWith(
      () => cl.locallyConnected2d(x, z([4, 4, 2, 2, 3, 3])),
      "locallyConnected2d: expected w.shape[3] == x channels (3)",
    );
    assertThrowsWith(
      () => cl.locallyConnected1d(z([1, 2, 6]), z([4, 1, 2, 3]), { bias: [1, 2] }),
      "locallyConnected1d: expected bias of shape [1] or [1,4], got [2]",
    );
    assertThrowsWith(
      () => cl.tiledConv2d(x, z([3, 2, 3, 3, 3]), { tiles: 2 }),
      "tiledConv2d: expected tiles t or [tH, tW] with tH·tW == w.shape[0] (3), got 2",
    );
    assertThrowsWith(
      () => cl.tiledConv2d(x, z([2, 3, 3, 3])),
      "tiledConv2d: expected w of rank 5 (tH·tW, O, C/groups, kh, kw), got shape [2,3,3,3]",
    );
    assertThrowsWith(() => cl.tiledConv2d(x, z([4, 2, 2, 3, 3])), "tiledConv2d: expected w.shape[1] == C/groups");
  });
});
