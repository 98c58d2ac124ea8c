/**
 * Render time of the static figures, per figure kind: building the SVG, and rasterising it to the 2x
 * PNG with resvg (what every display pays in the kernel), plus the sizes that go into the bundle. Also
 * a liveplot of the size a training loop reaches (2 series, 2,000 points). Prints; never asserts.
 * Run: node --import tsx bench/figures.ts [--dark]
 */
import { renderSvg, rasterise } from "../src/display/figure/index";
import { bundleOf } from "../src/display/render";
import { PAYLOAD_SCHEMA_VERSION, type ConvlabPayload } from "../src/display/payload";
import { figureSamples, lcg } from "../test/display/figure_samples";
import { timeIt } from "./harness";

function bigLiveplot(): ConvlabPayload {
  const rnd = lcg(3);
  const x = Array.from({ length: 2000 }, (_, i) => i);
  return {
    version: PAYLOAD_SCHEMA_VERSION,
    kind: "liveplot",
    notes: [],
    done: false,
    title: "2,000 steps",
    xlabel: "step",
    series: [
      { name: "training loss", x, y: x.map((s) => 0.3 + 2 * Math.exp(-s / 300) + 0.1 * rnd()) },
      {
        name: "test accuracy",
        x: x.filter((s) => s % 100 === 0),
        y: x.filter((s) => s % 100 === 0).map((s) => 0.97 - 0.87 * Math.exp(-s / 300)),
      },
    ],
  };
}

async function main(): Promise<void> {
  const theme = process.argv.includes("--dark") ? "dark" : "light";
  const samples = { ...(await figureSamples()), liveplot_2000: bigLiveplot() };
  const opts = { warmup: 2, maxReps: 15, budgetMs: 2500, minReps: 5 };
  console.log(
    `| figure | SVG build min / median ms | resvg 2x PNG min / median ms | 1x PNG median ms | SVG KB | PNG KB | bundle KB |`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|`);
  for (const [name, p] of Object.entries(samples)) {
    const svg = renderSvg(p, theme);
    const build = await timeIt(() => renderSvg(p, theme), opts);
    const png2 = await timeIt(() => rasterise(svg, 2), opts);
    const png1 = await timeIt(() => rasterise(svg, 1), opts);
    const b = bundleOf(p, undefined, { theme });
    const kb = (n: number) => (n / 1024).toFixed(1);
    console.log(
      `| ${name} | ${build.min.toFixed(1)} / ${build.median.toFixed(1)} | ${png2.min.toFixed(1)} / ${png2.median.toFixed(1)} | ${png1.median.toFixed(1)} | ` +
        `${kb(svg.length)} | ${kb(String(b.data["image/png"]).length * 0.75)} | ${kb(JSON.stringify(b).length)} |`,
    );
  }
}

void main();
