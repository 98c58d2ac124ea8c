#!/usr/bin/env bash
# Idempotent set-up for a fresh machine of this kind (Debian 12, Node 20, root).
# Installs only what is missing:
#   - Debian packages: the oracles (PyTorch 1.13, SciPy, NumPy under /usr/bin/python3), the Vulkan
#     loader + Mesa lavapipe from bookworm-backports (WebGPU on the CPU), the Jupyter clients that test
#     the kernel, jupyter_server for the JupyterLab host, Chromium for the browser tests, and bubblewrap
#     for `convlab autograde --sandbox`;
#   - npm dependencies (npm ci when node_modules is missing or stale).
# Usage: scripts/setup.sh [--no-apt] [--no-npm]
set -euo pipefail
cd "$(dirname "$0")/.."

APT=1; NPM=1
for a in "$@"; do
  case "$a" in
    --no-apt) APT=0 ;;
    --no-npm) NPM=0 ;;
    *) echo "setup.sh: unknown option $a" >&2; exit 2 ;;
  esac
done

log() { echo "[setup] $*" >&2; }

# Debian packages, grouped by what needs them (the suite installs all of them).
DEB_ORACLE="python3-torch python3-scipy python3-numpy"
DEB_JUPYTER="jupyter-client python3-nbclient python3-jupyter-kernel-test python3-nbformat jupyter-server python3-jupyterlab-server"
DEB_BROWSER="chromium"
DEB_VULKAN="libvulkan1"
# the grader's --sandbox: runs each submission's kernel under bwrap (no network, private PID namespace)
DEB_SANDBOX="bubblewrap"
# optional data set: cl.data.fashionMnist() reads it (70,000 images)
DEB_DATA="dataset-fashion-mnist"

missing_debs() {
  local out=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out="$out $p"
  done
  echo "$out"
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >&2
    apt_updated=1
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "not root and no sudo: cannot run $*"; return 1; fi
}

if [ "$APT" = 1 ]; then
  need=$(missing_debs $DEB_ORACLE $DEB_JUPYTER $DEB_BROWSER $DEB_VULKAN $DEB_SANDBOX $DEB_DATA)
  if [ -n "$need" ]; then
    apt_update_once
    log "apt-get install$need"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >&2
  fi
  # lavapipe: bookworm's Mesa 22 is rejected by Dawn; the backports Mesa 25 works (docs/webgpu.md, "Dawn in Node").
  mesa_ver=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
  case "$mesa_ver" in
    2[5-9]*|[3-9][0-9]*) ;;
    *)
      if [ ! -f /etc/apt/sources.list.d/backports.sources ] && ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
        log "adding bookworm-backports"
        awk 'BEGIN{RS="";ORS="\n\n"} NR==1' /etc/apt/sources.list.d/debian.sources \
          | sed 's/^Suites:.*/Suites: bookworm-backports/' | as_root tee /etc/apt/sources.list.d/backports.sources >/dev/null
        apt_updated=0
      fi
      apt_update_once
      log "apt-get install -t bookworm-backports mesa-vulkan-drivers"
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -t bookworm-backports mesa-vulkan-drivers >&2
      ;;
  esac
fi

if [ "$NPM" = 1 ]; then
  stamp=node_modules/.convlab-lock-stamp
  if [ ! -d node_modules ] || [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    log "npm ci"
    npm ci --no-audit --no-fund >&2
    cp package-lock.json "$stamp"
  fi
fi
log "ready"
