/**
 * gradcheck(f, inputs, {eps, atol, rtol}): compares the analytic gradient (the registered rules, on the
 * current backend) with central finite differences computed in float64 on the cpu backend,
 *   ∂s/∂x_j ≈ (s(x + eps·e_j) − s(x − eps·e_j)) / (2·eps),   s(x) = Σ v ∘ f(x),
 * for a fixed seeded random v (so a non-scalar f is checked through one random projection of its
 * Jacobian). An element passes when |analytic − numeric| ≤ atol + rtol·|numeric|. The per-input report
 * names the worst element so a notebook can point at the wrong part of a hand-written backward pass.
 * Async because reading the analytic gradient back from the GPU is.
 */
import { currentBackendName, setCurrentBackendName } from "../core/backend";
import { toTensor, makeTensor, type TensorLike } from "../core/coerce";
import { opError } from "../core/errors";
import { noGrad } from "../core/grad_node";
import { Rng } from "../core/random";
import { unravel } from "../core/shape";
import type { Tensor } from "../core/tensor";
import { vjp, type TensorFn } from "./api";

export interface GradcheckOptions {
  /** finite-difference step (default 1e-6) */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** seed of the random projection v (default 0) */
  seed?: number;
}

export interface GradcheckInputReport {
  /** every element of this input within tolerance */
  ok: boolean;
  maxAbsError: number;
  maxRelError: number;
  /** multi-index of the element with the largest tolerance excess (or largest error when all pass) */
  worstIndex: number[];
  analytic: number;
  numeric: number;
}

export interface GradcheckResult {
  ok: boolean;
  maxAbsError: number;
  maxRelError: number;
  perInput: GradcheckInputReport[];
}

async function hostValues(t: Tensor): Promise<Float64Array> {
  return Float64Array.from(await t.data());
}

/** s(x) = Σ v·f(x), evaluated on the cpu backend in float64 */
function projected(f: TensorFn, xs: { data: Float64Array; shape: number[] }[], v: Float64Array): number {
  const ys = noGrad(() => f(...xs.map((x) => makeTensor("gradcheck", x.data, x.shape, { dtype: "float64" }))));
  if (ys.backend !== "cpu") {
    throw opError(
      "gradcheck",
      `expected f to compute on the cpu backend during the float64 finite differences, got an output on ${ys.backend} ` +
        "(a tensor f captures lives there: create it inside f, or on the cpu backend)",
    );
  }
  const y = ys.dataSync();
  let s = 0;
  for (let i = 0; i < y.length; i++) s += v[i] * y[i];
  return s;
}

export async function gradcheck(
  f: TensorFn,
  inputs: readonly TensorLike[],
  opts: GradcheckOptions = {},
): Promise<GradcheckResult> {
  const eps = opts.eps ?? 1e-6,
    atol = opts.atol ?? 1e-5,
    rtol = opts.rtol ?? 1e-3;
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw opError("gradcheck", "expected a non-empty array of inputs, got none");
  const ts = inputs.map((x, i) => toTensor("gradcheck", `inputs[${i}]`, x));
  // analytic, on the current backend
  const [y, back] = vjp(f, ...ts);
  const rng = new Rng(opts.seed ?? 0);
  const v = new Float64Array(y.size).map(() => rng.normal());
  const analytic = await Promise.all(back(makeTensor("gradcheck", v, y.shape, { dtype: y.dtype })).map(hostValues));
  // numeric, float64 on the cpu backend
  const xs = await Promise.all(ts.map(async (t) => ({ data: await hostValues(t), shape: t.shape })));
  const prev = currentBackendName();
  setCurrentBackendName("cpu");
  const perInput: GradcheckInputReport[] = [];
  try {
    xs.forEach((x, i) => {
      let worst = 0,
        worstExcess = -Infinity,
        maxAbs = 0,
        maxRel = 0,
        worstNum = 0;
      for (let j = 0; j < x.data.length; j++) {
        const x0 = x.data[j];
        x.data[j] = x0 + eps;
        const sp = projected(f, xs, v);
        x.data[j] = x0 - eps;
        const sm = projected(f, xs, v);
        x.data[j] = x0;
        const num = (sp - sm) / (2 * eps);
        const err = Math.abs(analytic[i][j] - num);
        maxAbs = Math.max(maxAbs, err);
        maxRel = Math.max(maxRel, err / Math.max(Math.abs(num), 1e-12));
        const excess = Number.isNaN(err) ? Infinity : err - (atol + rtol * Math.abs(num));
        if (excess > worstExcess) {
          worstExcess = excess;
          worst = j;
          worstNum = num;
        }
      }
      perInput.push({
        maxAbsError: maxAbs,
        maxRelError: maxRel,
        worstIndex: unravel(worst, x.shape),
        analytic: analytic[i][worst] ?? 0,
        numeric: worstNum,
        ok: worstExcess <= 0,
      });
    });
  } finally {
    setCurrentBackendName(prev);
  }
  return {
    ok: perInput.every((p) => p.ok),
    maxAbsError: Math.max(0, ...perInput.map((p) => p.maxAbsError)),
    maxRelError: Math.max(0, ...perInput.map((p) => p.maxRelError)),
    perInput,
  };
}
