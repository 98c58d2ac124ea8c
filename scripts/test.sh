#!/usr/bin/env bash
# npm test: set up what is missing, build, type-check, lint, check the format, then run every test stage
# with node's test runner. Stages: unit + oracle + gradient + kernel-protocol + notebook tests on every
# backend (test/**/*.test.ts; the cpu backend on its default WebAssembly kernels), the cpu tests again on
# the TypeScript reference kernels (CONVLAB_CPU_KERNELS=js), then the browser tests (test/browser)
# against the built extension.
# CONVLAB_TEST_BACKENDS=cpu restricts the backends; CONVLAB_SKIP_BROWSER=1 skips the browser stage.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "[test] build (AssemblyScript kernels + tsc)"
npm run --silent build   # the declared TypeScript: npx tsc would find tslab's older copy first
echo "[test] type-check tests and benchmarks (test/types/: the kernel contract's compile-error checks)"
npm run --silent typecheck
echo "[test] lint (typescript-eslint: eslint.config.mjs)"
npm run --silent lint
echo "[test] format (prettier --check: a file Prettier would change fails the run; npm run format fixes it)"
npm run --silent format:check
echo "[test] build the JupyterLab extension and host (skipped when up to date)"
bash scripts/build-extension.sh

mapfile -t files < <(find test -name '*.test.ts' -not -path 'test/browser/*' | sort)
# whether the webgpu backend can start here, probed once for every test file (a reason: its suites are
# skipped visibly with it; empty: they run)
if [[ ",${CONVLAB_TEST_BACKENDS:-cpu,webgpu}," == *",webgpu,"* ]]; then
  export CONVLAB_WEBGPU_UNAVAILABLE="$(node --import tsx test/helpers/webgpu_probe.ts 2>/dev/null || echo "the probe failed")"
  [ -z "$CONVLAB_WEBGPU_UNAVAILABLE" ] || echo "[test] webgpu unavailable, its suites are skipped: $CONVLAB_WEBGPU_UNAVAILABLE"
fi
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "[test] ${#files[@]} test files"
# runs one stage, tees its output into $log, keeps going on failure and remembers the status
stage() {
  set +e
  "$@" 2>&1 | tee -a "$log"
  local st=${PIPESTATUS[0]}
  set -e
  [ "$st" = 0 ] || status=$st
}
# --expose-gc: cl.collect() runs the collector, so memory tests can count exactly the reachable tensors
stage node --expose-gc --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"

# The cpu backend again on its TypeScript kernels (the reference the WebAssembly ones are tested against):
# every test of the cpu kernels, ops, oracles, gradients and training with CONVLAB_CPU_KERNELS=js
# (the wasm-only tests skip themselves with that reason; test/memory, whose accounting does not depend on
# the kernel set and which takes minutes, runs in the first stage only). CONVLAB_SKIP_JS_KERNELS=1 skips it.
if [ "${CONVLAB_SKIP_JS_KERNELS:-0}" != 1 ]; then
  mapfile -t jsfiles < <(find test/unit test/oracle test/grad test/nn test/wasm -name '*.test.ts' | sort)
  echo "[test] cpu backend on the TypeScript kernels (CONVLAB_CPU_KERNELS=js): ${#jsfiles[@]} test files"
  stage env CONVLAB_CPU_KERNELS=js CONVLAB_TEST_BACKENDS=cpu node --expose-gc --import tsx --test --test-concurrency=1 --test-reporter=spec "${jsfiles[@]}"
fi

if [ "${CONVLAB_SKIP_BROWSER:-0}" != 1 ] && compgen -G "test/browser/*.test.ts" >/dev/null; then
  echo "[test] browser stage"
  stage node --import tsx --test --test-concurrency=1 --test-reporter=spec test/browser/*.test.ts
fi
# one closing line over every stage (node's runner prints one summary per stage)
sum() { grep -E "^ℹ $1 [0-9]+$" "$log" | awk '{s += $3} END {print s + 0}'; }
echo "convlab: $(sum pass) passed, $(sum fail) failed, $(sum skipped) skipped"
exit $status
