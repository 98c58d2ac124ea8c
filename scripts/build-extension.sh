#!/usr/bin/env bash
# Builds the convlab JupyterLab extension and the JupyterLab 4.5 host app (docs/extension.md):
#   extension/host/node_modules   npm ci from extension/host/package-lock.json
#   extension/host/build          the host frontend (webpack, Module Federation share scope)
#   extension/node_modules        npm ci from extension/package-lock.json
#   extension/labextension        the prebuilt (federated) extension: tsc + build-labextension
#   extension/.labextensions/convlab-jupyterlab   where the host's server looks for prebuilt extensions
#   extension/book/views.js       the same views for the course website (`convlab book`), one esbuild bundle
# Idempotent: a step runs only when the hash of its inputs differs from the one stored after its last
# successful run, so a second call with nothing changed takes about a second.
# Usage: scripts/build-extension.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1
log() { echo "[build-extension] $*" >&2; }

# hash_of FILE_OR_DIR... : one sha256 over the contents of all files (sorted paths, build outputs excluded)
hash_of() {
  find "$@" -type f -not -path '*/node_modules/*' -not -path '*/lib/*' -not -path '*/build/*' \
    -not -name '.build-stamp*' 2>/dev/null | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-64
}
# step NAME STAMP_FILE HASH OUTPUT COMMAND... : run COMMAND unless OUTPUT exists and STAMP_FILE holds HASH;
# record HASH on success (a failed step leaves no stamp, so it runs again next time)
step() {
  local name=$1 stamp=$2 hash=$3 output=$4; shift 4
  if [ "$FORCE" = 0 ] && [ -e "$output" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    log "$name: up to date"; return 0
  fi
  local t0=$SECONDS
  rm -f "$stamp"
  log "$name ..."
  "$@"
  echo "$hash" > "$stamp"
  log "$name: done in $((SECONDS - t0)) s"
}

NPM_CI=(npm ci --no-audit --no-fund --loglevel=error)
host_npm() { (cd extension/host && "${NPM_CI[@]}" >&2); }
host_build() { (cd extension/host && node core_meta.js >&2 && npx webpack --no-stats >&2); }
ext_npm() { (cd extension && "${NPM_CI[@]}" >&2); }
ext_build() {
  (cd extension && rm -rf lib labextension && npx tsc -p tsconfig.json >&2 \
    && npx build-labextension --core-path host/core-meta . >/dev/null 2>&1 \
    || { echo "build-labextension failed; rerun in extension/: npx build-labextension --core-path host/core-meta ." >&2; exit 1; })
  rm -rf extension/.labextensions && mkdir -p extension/.labextensions
  cp -r extension/labextension extension/.labextensions/convlab-jupyterlab
}

book_build() { (cd extension && npx tsc -p book/tsconfig.json >&2 && node book/build.mjs >&2); }

H=extension/host
# the kernel-side modules the extension imports by relative path (payload schema, the gradient stepper's sums,
# the colour maps, the plots' grouping by unit, tick labels, theme colours): pure files, no Node imports
SHARED="src/display/payload.ts src/display/colormap.ts src/display/conv_grad_steps.ts src/display/plot_spec.ts src/display/figure/ticks.ts src/display/figure/theme.ts"
step "host npm ci" $H/node_modules/.build-stamp "$(hash_of $H/package-lock.json)" $H/node_modules host_npm
step "host webpack" $H/.build-stamp-app \
  "$(hash_of $H/package-lock.json $H/package.json $H/webpack.config.js $H/bootstrap.js $H/index.js $H/core_meta.js)" $H/build/bundle.js host_build
step "extension npm ci" extension/node_modules/.build-stamp "$(hash_of extension/package-lock.json)" extension/node_modules ext_npm
step "extension build" extension/.build-stamp-ext \
  "$(hash_of extension/src extension/style extension/package.json extension/tsconfig.json extension/webpack.config.js \
     $SHARED $H/core-meta/package.json)" extension/.labextensions/convlab-jupyterlab/package.json ext_build
step "book views" extension/book/.build-stamp \
  "$(hash_of extension/src extension/style extension/book/views.ts extension/book/build.mjs extension/book/plotly_global.js \
     extension/book/tsconfig.json $SHARED)" extension/book/views.js book_build
log "ready: host $ROOT/$H/build, prebuilt extension $ROOT/extension/labextension"
