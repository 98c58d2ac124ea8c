#!/usr/bin/env bash
# `npm start`: a JupyterLab with the convlab kernel and extension, serving notebooks/ on localhost.
#   1. scripts/setup.sh (system packages and npm dependencies that are missing);
#   2. builds the library (`npm run build` -> dist/, which notebooks import as "convlab") and
#      scripts/build-extension.sh (the extension and the JupyterLab host); both skipped when up to date;
#   3. registers the kernel (`convlab install --user`) and, for a JupyterLab of your own, the extension;
#   4. serves: your own `jupyter lab` when it is JupyterLab >= 4, else the bundled host
#      (extension/host: JupyterLab 4.5 on Debian's jupyter_server). Prints the URL to open, which carries
#      the server's random token (requests without it are refused; XSRF checks are on).
# Ctrl-C stops the server, which shuts its kernels down.
# Usage: npm start [-- --port N] [--host-only] [--no-setup]       (env PORT works too)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${PORT:-8888}
SETUP=1
HOST_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT=$2; shift ;;
    --port=*) PORT=${1#--port=} ;;
    --host-only) HOST_ONLY=1 ;;
    --no-setup) SETUP=0 ;;
    *) echo "start.sh: unknown option $1 (expected --port N, --host-only, --no-setup)" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "[convlab start] $*" >&2; }
T0=$SECONDS

[ "$SETUP" = 1 ] && bash scripts/setup.sh

# Notebooks `import * as cl from "convlab"`: the package main is dist/src/index.js (+ .d.ts for the
# type-checker), so a fresh checkout needs the library built once, and again after its sources change
# (npm run build also compiles the AssemblyScript kernels to dist/src/backends/cpu/wasm/kernels.wasm).
lib_hash=$(find src kernel tsconfig.json package.json -type f \( -name '*.ts' -o -name '*.json' \) 2>/dev/null \
  | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-64)
if [ ! -f dist/src/index.js ] || [ ! -f dist/src/backends/cpu/wasm/kernels.wasm ] || [ "$(cat dist/.build-stamp 2>/dev/null)" != "$lib_hash" ]; then
  log "building the library (npm run build)"
  if npm run build --silent >&2; then
    echo "$lib_hash" > dist/.build-stamp
  elif [ -f dist/src/index.js ]; then
    log "WARNING: the library build failed (see above); notebooks get the previous dist/"
  else
    log "the library build failed and there is no dist/: notebooks cannot import convlab"; exit 1
  fi
fi
bash scripts/build-extension.sh
mkdir -p notebooks

log "registering the kernel (convlab install --user)"
node bin/convlab.js install --user >&2

# First free port from $PORT on (a second `npm start` must not fail on a busy 8888).
PORT=$(/usr/bin/python3 - "$PORT" <<'PY'
import socket, sys
p = int(sys.argv[1])
for q in range(p, p + 50):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", q)); print(q); break
        except OSError:
            pass
PY
)

# The user's own JupyterLab, if it is version 4 or later.
lab_major=""
if [ "$HOST_ONLY" = 0 ] && command -v jupyter-lab >/dev/null 2>&1; then
  lab_major=$(jupyter-lab --version 2>/dev/null | head -1 | cut -d. -f1 || true)
fi
if [ -n "$lab_major" ] && [ "$lab_major" -ge 4 ] 2>/dev/null; then
  data_dir=$(jupyter --data-dir)
  log "installing the prebuilt extension into $data_dir/labextensions/convlab-jupyterlab"
  mkdir -p "$data_dir/labextensions"
  rm -rf "$data_dir/labextensions/convlab-jupyterlab"
  cp -r extension/labextension "$data_dir/labextensions/convlab-jupyterlab"
  log "ready in $((SECONDS - T0)) s: JupyterLab $(jupyter-lab --version) on port $PORT; open the URL with ?token= that it prints (Ctrl-C stops it)"
  exec jupyter-lab -y --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port="$PORT" --ServerApp.root_dir="$ROOT/notebooks"
fi

log "no JupyterLab >= 4 installed: using the bundled host (JupyterLab 4.5, extension/host)"
log "ready in $((SECONDS - T0)) s: starting the server on port $PORT; open the URL it prints below (it carries the token)"
export CONVLAB_LABEXTENSIONS="$ROOT/extension/.labextensions" PYDEVD_DISABLE_FILE_VALIDATION=1
# exec: Ctrl-C reaches the server itself, which then shuts its kernels down (answer_yes: no y/n prompt).
exec /usr/bin/python3 -Xfrozen_modules=off extension/host/server.py --ServerApp.ip=127.0.0.1 \
  --port="$PORT" --ServerApp.root_dir="$ROOT/notebooks"
