import * as cl from "../src/index";
import { run1 } from "../src/core/dispatch";
import { convGeometry } from "../src/ops/conv/conv_geometry";
import { timeIt } from "./harness";
void (async () => {
  const rows: [string, () => unknown][] = [];
  const c1 = convGeometry("b", [32, 1, 28, 28], [6, 1, 5, 5], { dims: 2, padding: 2 });
  const c3 = convGeometry("b", [32, 6, 14, 14], [16, 6, 5, 5], { dims: 2, padding: 0 });
  const x1 = cl.randn([32, 1, 28, 28]), w1 = cl.randn([6, 1, 5, 5]), dy1 = cl.randn([32, 6, 28, 28]);
  const x3 = cl.randn([32, 6, 14, 14]), w3 = cl.randn([16, 6, 5, 5]), dy3 = cl.randn([32, 16, 10, 10]);
  rows.push(["C1 fwd", () => run1("conv", [x1, w1], { geom: c1 }).dataSync()]);
  rows.push(["C1 dw", () => run1("convWeightGrad", [x1, dy1], { geom: c1 }).dataSync()]);
  rows.push(["C3 fwd", () => run1("conv", [x3, w3], { geom: c3 }).dataSync()]);
  rows.push(["C3 dx", () => run1("convTranspose", [dy3, w3], { geom: c3 }).dataSync()]);
  rows.push(["C3 dw", () => run1("convWeightGrad", [x3, dy3], { geom: c3 }).dataSync()]);
  rows.push(["sum bias grad", () => cl.sum(dy1, { dim: [0, 2, 3] }).dataSync()]);
  rows.push(["maxpool", () => cl.maxPool2d(dy1, { kernelSize: 2 }).dataSync()]);
  rows.push(["relu", () => cl.relu(dy1).dataSync()]);
  rows.push(["add bias", () => cl.add(dy1, cl.randn([6, 1, 1])).dataSync()]);
  rows.push(["alloc 600KB", () => new Float32Array(32 * 6 * 784)]);
  for (const [n, f] of rows) { const t = await timeIt(f, { maxReps: 40, budgetMs: 1500 }); console.log(n.padEnd(14), t.min.toFixed(3), t.median.toFixed(3)); }
  await cl.shutdown();
})();
