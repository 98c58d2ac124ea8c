#!/usr/bin/env bash
# npm test: set up what is missing, build, type-check, then run every test stage with node's test runner.
# Stages: unit + oracle + gradient + kernel-protocol + notebook tests on every backend (test/**/*.test.ts),
# then the browser tests (test/browser) against the built JupyterLab extension.
# CONVLAB_TEST_BACKENDS=cpu restricts the backends; CONVLAB_SKIP_BROWSER=1 skips the browser stage.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "[test] build (AssemblyScript kernels + tsc)"
npm run build --silent
echo "[test] type-check tests and benchmarks"
npx tsc -p tsconfig.test.json --noEmit
echo "[test] build the JupyterLab extension and host (skipped when up to date)"
bash scripts/build-extension.sh

mapfile -t files < <(find test -name '*.test.ts' -not -path 'test/browser/*' | sort)
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

if [ "${CONVLAB_SKIP_BROWSER:-0}" != 1 ] && compgen -G "test/browser/*.test.ts" >/dev/null; then
  echo "[test] browser stage"
  stage node --import tsx --test --test-concurrency=1 --test-reporter=spec test/browser/*.test.ts
fi
# one closing line over every stage (node's runner prints one summary per stage)
sum() { grep -E "^ℹ $1 [0-9]+$" "$log" | awk '{s += $3} END {print s + 0}'; }
echo "convlab: $(sum pass) passed, $(sum fail) failed, $(sum skipped) skipped"
exit $status
