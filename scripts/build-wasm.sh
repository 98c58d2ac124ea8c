#!/usr/bin/env bash
# Compiles the AssemblyScript kernels (src/backends/cpu/wasm/assembly/*.ts) to
# src/backends/cpu/wasm/kernels.wasm (git-ignored build output) and copies it beside the built loader in
# dist/. Skipped when the sources, the compiler version and the flags are unchanged (a stamp beside the .wasm).
# Flags: SIMD (f32x4), shared memory imported from the host (env.memory, one for the main thread and
# every worker), the stub runtime (kernels never allocate: the host hands them pointers), no aborts.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=src/backends/cpu/wasm/assembly
OUT=src/backends/cpu/wasm/kernels.wasm
FLAGS="-O3 --noAssert --runtime stub --enable simd --enable threads --importMemory --sharedMemory --initialMemory 16 --maximumMemory 65536 --use abort="
stamp=$( (cat "$SRC"/*.ts; echo "$FLAGS"; node -p 'require("assemblyscript/package.json").version') | sha256sum | cut -c1-64)
if [ ! -f "$OUT" ] || [ "$(cat "$OUT.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "[build-wasm] asc $SRC/index.ts -> $OUT" >&2
  npx asc "$SRC/index.ts" $FLAGS -o "$OUT.tmp"
  mv "$OUT.tmp" "$OUT"
  echo "$stamp" > "$OUT.stamp"
fi
mkdir -p dist/src/backends/cpu/wasm
cp "$OUT" dist/src/backends/cpu/wasm/kernels.wasm
