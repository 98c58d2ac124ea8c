/**
 * The reference loops of the conv family, written straight from the definition (one multiply-add per
 * (output position, tap) pair, float64 accumulation). They are slow on purpose: the fast im2col + gemm
 * kernels in conv.cpu.ts / unfold.cpu.ts are tested against them.
 *
 * With i(p, k) = p·stride − padLo + k·dilation (per spatial dim; outside the input = zero padding):
 *   conv:            y[n, o, p]  = Σ_{c ∈ group(o)} Σ_k x[n, c, i(p,k)] · w[o, c − g·C/G, k]
 *   convTranspose:   dx[n, c, i] = Σ_{o ∈ group(c)} Σ_{p,k : i(p,k) = i} dy[n, o, p] · w[o, c − g·C/G, k]
 *   convWeightGrad:  dw[o, c, k] = Σ_n Σ_p dy[n, o, p] · x[n, g·C/G + c, i(p,k)]
 *   unfold:          cols[n, c·K + k, p] = x[n, c, i(p,k)];   fold: its adjoint (overlaps summed)
 */
import type { FloatArray } from "../../../core/dtype";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";

/** Input flat spatial index of output position l and tap t, or −1 when it falls in the padding. */
function tapIndex(g: ConvGeometry3d, l: number, t: number): number {
  let idx = 0,
    scale = 1,
    lr = l,
    tr = t;
  for (let d = 2; d >= 0; d--) {
    const p = lr % g.out[d],
      k = tr % g.k[d];
    lr = (lr - p) / g.out[d];
    tr = (tr - k) / g.k[d];
    const i = p * g.s[d] - g.pad[d] + k * g.dil[d];
    if (i < 0 || i >= g.inS[d]) return -1;
    idx += i * scale;
    scale *= g.inS[d];
  }
  return idx;
}

export function convNaive(g: ConvGeometry3d, x: FloatArray, w: FloatArray, y: FloatArray): void {
  for (let n = 0; n < g.N; n++) {
    for (let o = 0; o < g.O; o++) {
      const c0 = Math.floor(o / g.Og) * g.Cg;
      for (let l = 0; l < g.L; l++) {
        let acc = 0;
        for (let c = 0; c < g.Cg; c++) {
          const xb = (n * g.C + c0 + c) * g.inLen,
            wb = (o * g.Cg + c) * g.K;
          for (let t = 0; t < g.K; t++) {
            const i = tapIndex(g, l, t);
            if (i >= 0) acc += x[xb + i] * w[wb + t];
          }
        }
        y[(n * g.O + o) * g.L + l] = acc;
      }
    }
  }
}

export function convTransposeNaive(g: ConvGeometry3d, dy: FloatArray, w: FloatArray, dx: FloatArray): void {
  const acc = new Float64Array(dx.length);
  for (let n = 0; n < g.N; n++) {
    for (let o = 0; o < g.O; o++) {
      const c0 = Math.floor(o / g.Og) * g.Cg;
      for (let l = 0; l < g.L; l++) {
        const v = dy[(n * g.O + o) * g.L + l];
        for (let c = 0; c < g.Cg; c++) {
          const xb = (n * g.C + c0 + c) * g.inLen,
            wb = (o * g.Cg + c) * g.K;
          for (let t = 0; t < g.K; t++) {
            const i = tapIndex(g, l, t);
            if (i >= 0) acc[xb + i] += v * w[wb + t];
          }
        }
      }
    }
  }
  dx.set(acc);
}

export function convWeightGradNaive(g: ConvGeometry3d, x: FloatArray, dy: FloatArray, dw: FloatArray): void {
  for (let o = 0; o < g.O; o++) {
    const c0 = Math.floor(o / g.Og) * g.Cg;
    for (let c = 0; c < g.Cg; c++) {
      for (let t = 0; t < g.K; t++) {
        let acc = 0;
        for (let n = 0; n < g.N; n++) {
          const xb = (n * g.C + c0 + c) * g.inLen,
            yb = (n * g.O + o) * g.L;
          for (let l = 0; l < g.L; l++) {
            const i = tapIndex(g, l, t);
            if (i >= 0) acc += dy[yb + l] * x[xb + i];
          }
        }
        dw[(o * g.Cg + c) * g.K + t] = acc;
      }
    }
  }
}

/** cols: (N, C·K, L); x: (N, C, inLen) — every channel, groups ignored */
export function unfoldNaive(g: ConvGeometry3d, x: FloatArray, cols: FloatArray): void {
  for (let n = 0; n < g.N; n++) {
    for (let c = 0; c < g.C; c++) {
      for (let t = 0; t < g.K; t++) {
        const row = (n * g.C * g.K + c * g.K + t) * g.L;
        for (let l = 0; l < g.L; l++) {
          const i = tapIndex(g, l, t);
          cols[row + l] = i >= 0 ? x[(n * g.C + c) * g.inLen + i] : 0;
        }
      }
    }
  }
}

export function foldNaive(g: ConvGeometry3d, cols: FloatArray, x: FloatArray): void {
  const acc = new Float64Array(x.length);
  for (let n = 0; n < g.N; n++) {
    for (let c = 0; c < g.C; c++) {
      for (let t = 0; t < g.K; t++) {
        const row = (n * g.C * g.K + c * g.K + t) * g.L;
        for (let l = 0; l < g.L; l++) {
          const i = tapIndex(g, l, t);
          if (i >= 0) acc[(n * g.C + c) * g.inLen + i] += cols[row + l];
        }
      }
    }
  }
  x.set(acc);
}
