#!/usr/bin/env node
// The convlab command (kernel, kernelspec install, headless runner). It runs the compiled kernel
// from dist/ when present; in a development checkout without a build, or with
// CONVLAB_FROM_SOURCE=1, it runs the TypeScript sources through tsx.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const compiled = join(root, "dist", "kernel", "cli.js");
let cli;
if (process.env.CONVLAB_FROM_SOURCE !== "1" && existsSync(compiled)) {
  cli = require(compiled);
} else {
  require(join(root, "node_modules", "tsx", "dist", "cjs", "api", "index.cjs")).register();
  cli = require(join(root, "kernel", "cli.ts"));
}
cli.main(process.argv.slice(2));
