import * as cl from "../src/index";
import { run1 } from "../src/core/dispatch";
import { convGeometry } from "../src/ops/conv/conv_geometry";
const c1 = convGeometry("b", [32, 1, 28, 28], [6, 1, 5, 5], { dims: 2, padding: 2 });
const c3 = convGeometry("b", [32, 6, 14, 14], [16, 6, 5, 5], { dims: 2, padding: 0 });
const x1 = cl.randn([32, 1, 28, 28]), w1 = cl.randn([6, 1, 5, 5]), x3 = cl.randn([32, 6, 14, 14]), w3 = cl.randn([16, 6, 5, 5]), dy3 = cl.randn([32, 16, 10, 10]);
const t = performance.now();
for (let i = 0; i < 300; i++) { run1("conv", [x1, w1], { geom: c1 }); run1("conv", [x3, w3], { geom: c3 }); run1("convWeightGrad", [x3, dy3], { geom: c3 }); }
console.log((performance.now() - t) / 300);
