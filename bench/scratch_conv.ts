import * as cl from "../src/index";
import { convGeometry } from "../src/ops/conv/conv_geometry";
import { geom3 } from "../src/ops/conv/conv3";
import { convWasm } from "../src/ops/conv/conv.wasm";
import { runConvKernel } from "../src/ops/conv/conv_threads";
import { timeIt } from "./harness";
const CASES = [
  { name: "VGG1", x: [1, 3, 224, 224], w: [64, 3, 3, 3], padding: 1 },
  { name: "8x64x56", x: [8, 64, 56, 56], w: [64, 64, 3, 3], padding: 1 },
  { name: "LeNet C1", x: [64, 1, 28, 28], w: [6, 1, 5, 5], padding: 0 },
  { name: "audio", x: [1, 1, 44100], w: [16, 1, 9], padding: 0 },
];
async function main() {
  for (const c of CASES) {
    const g = geom3(convGeometry("b", c.x, c.w, { dims: c.x.length - 2, padding: c.padding }));
    const x = cl.randn(c.x, { seed: 1 }).dataSync() as Float32Array, w = cl.randn(c.w, { seed: 2 }).dataSync() as Float32Array;
    const dy = cl.randn([g.N * g.O * g.L], { seed: 3 }).dataSync() as Float32Array;
    const fl = 2 * g.N * g.O * g.L * g.Cg * g.K;
    const out: string[] = [];
    for (const kind of ["conv", "convTranspose", "convWeightGrad"] as const) {
      const [a, b] = kind === "conv" ? [x, w] : kind === "convTranspose" ? [dy, w] : [x, dy];
      const tw = await timeIt(() => convWasm(kind, g, a, b), { maxReps: 15, budgetMs: 2000 });
      process.env.CONVLAB_CPU_THREADS = "1";
      const t1 = await timeIt(() => convWasm(kind, g, a, b), { maxReps: 15, budgetMs: 2000 });
      delete process.env.CONVLAB_CPU_THREADS;
      const tj = await timeIt(() => runConvKernel(kind, g, a, b, "float32"), { maxReps: 5, budgetMs: 2000 });
      out.push(`${kind}: wasm ${tw.min.toFixed(2)} (${(fl / tw.min / 1e6).toFixed(1)} GF/s) wasm1t ${t1.min.toFixed(2)} js ${tj.min.toFixed(2)}`);
    }
    console.log(c.name, out.join(" | "));
  }
}
void main();
