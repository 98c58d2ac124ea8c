// Bundles views.ts into views.js for the course website: one classic script (it must also run from
// file://, where browsers refuse ES modules), plotly left out (see plotly_global.js).
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const plotlyGlobal = {
  name: "plotly-global",
  setup(b) {
    b.onResolve({ filter: /^plotly\.js-dist-min$/ }, () => ({ path: join(here, "plotly_global.js") }));
  },
};
await build({
  entryPoints: [join(here, "views.ts")],
  outfile: join(here, "views.js"),
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  plugins: [plotlyGlobal],
  logLevel: "warning",
});
