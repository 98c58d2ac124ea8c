/**
 * The B operand of gemm_kn.wgsl.ts, per form: which output column an invocation's 8 columns are
 * (`columns`) and the FMAs of one depth step (`step`). "window" reads a stride-1 convolution's windows
 * straight from its input (see gemm_kn.wgsl.ts for the layout); "packed" reads k-major rows.
 */

/** The B operand: packed rows, or windows of the input (kernel width, dilation along it, flipped taps). */
export type GemmBForm = { kind: "packed" } | { kind: "window"; kw: number; dw: number; flip: boolean };

export const LANES = "xyzw";
const comp = (v: string, e: number) => `${v}${e >> 2}.${LANES[e & 3]}`;

/** C column setup, store guard and index, per form (packed: band nBase…; window: padded (row, w0)). */
export function columns(form: GemmBForm, nr: number) {
  if (form.kind === "packed") {
    return {
      setup: `let nc = min(n0, u.ldb - ${nr}u);`,
      ok: (j: number) => `n0 + ${j}u < u.nLoc`,
      at: (j: number) => `u.nBase + n0 + ${j}u`,
    };
  }
  return {
    setup: `let n0c = min(n0, u.nLoc - ${nr}u);
  let row = udiv(n0c, u.W8);
  let w0 = n0c - row * u.W8;
  let od = udiv(row, u.R1);
  let oh = i32(row - od * u.R1);
  let outCol = row * u.R2 + w0;`,
    ok: (j: number) => `n0 < u.nLoc && w0 + ${j}u < u.R2`,
    at: (j: number) => `outCol + ${j}u`,
  };
}

/** FMAs of one depth step k' (window: KW taps over a register segment; packed: one k). */
export function step(
  form: GemmBForm,
  mr: number,
  nr: number,
  kb: string,
  aOf: (kw: number, i: number) => string,
): string[] {
  const out: string[] = [];
  const taps = form.kind === "window" ? form.kw : 1;
  // floats of B this step needs: the packed row's NR, or the window's segment
  let seg = (e: number) => comp("s", e);
  if (form.kind === "packed") {
    out.push(`let kb = ${kb};`);
    for (let v = 0; v < nr / 4; v++) out.push(`let s${v} = b[kb + ${v}u];`);
  } else {
    // the segment starts r = start mod 4 floats into an aligned vec4: load one vec4 more, pick each float
    // with selects on r, and zero the floats outside the input (rows above/below, columns left/right)
    const segLen = nr + (form.kw - 1) * form.dw;
    out.push(
      `let t = ${kb};`,
      `let sd = i32(od) + t.y;`,
      `let sh = oh + t.z;`,
      `let rowOk = sd >= 0 && sd < i32(u.S0) && sh >= 0 && sh < i32(u.S1);`,
      `let p0 = i32(w0) + t.w;`,
      `let start = i32(bb) + t.x + (sd * i32(u.S1) + sh) * i32(u.S2) + p0;`,
      `let r = u32(start & 3);`,
      `let kb = (start - i32(r)) / 4;`,
    );
    for (let v = 0; v < Math.ceil((segLen + 3) / 4); v++) out.push(`let s${v} = b[u32(max(kb + ${v}, 0))];`);
    for (let e = 0; e < segLen; e++) {
      out.push(
        `let g${e} = select(0.0, select(select(${comp("s", e)}, ${comp("s", e + 1)}, r == 1u), select(${comp("s", e + 2)}, ${comp("s", e + 3)}, r == 3u), r >= 2u), rowOk && p0 + ${e} >= 0 && p0 + ${e} < i32(u.S2));`,
      );
    }
    seg = (e: number) => `g${e}`;
  }
  for (let kw = 0; kw < taps; kw++) {
    for (let i = 0; i < Math.ceil(mr / 4); i++) out.push(`let a${kw}_${i} = ${aOf(kw, i)};`);
    const at = form.kind === "window" ? (form.flip ? form.kw - 1 - kw : kw) * form.dw : 0;
    for (let j = 0; j < nr / 4; j++) {
      const e = at + 4 * j;
      const bv = form.kind === "packed" ? `s${j}` : `vec4<f32>(${[0, 1, 2, 3].map((q) => seg(e + q)).join(", ")})`;
      for (let r = 0; r < mr; r++)
        out.push(`c${r}_${j} = fma(vec4<f32>(a${kw}_${r >> 2}.${LANES[r & 3]}), ${bv}, c${r}_${j});`);
    }
  }
  return out;
}
