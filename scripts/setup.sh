#!/usr/bin/env bash
# Installs what building and testing Kartoteka need, and nothing twice:
# each step first checks whether its tool is already there at the right
# version. Everything comes from the package registries (crates.io, npm,
# Debian); no step downloads a prebuilt binary from elsewhere.
#
# Source it (`. scripts/setup.sh`) to also get node_modules/.bin on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trunk_version="0.21.14"
# The CLI must match the wasm-bindgen crate the lock file resolved.
wasm_bindgen_version="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' "$root/Cargo.lock")"

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! { have trunk && trunk --version | grep -q " $trunk_version\$"; }; then
  say "installing trunk $trunk_version (about 10 minutes the first time)"
  cargo install --locked trunk --version "$trunk_version"
fi

if ! { have wasm-bindgen && wasm-bindgen --version | grep -q " $wasm_bindgen_version\$"; }; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version"
  # Without --locked: one of its locked dependencies is not on crates.io.
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

if ! have chromium || ! have chromedriver; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# npm ci is quick when node_modules already matches the lock file, but not
# free; skip it when nothing changed since the last install.
stamp="$root/node_modules/.kartoteka-installed"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
  say "installing npm packages (wasm-opt, Playwright)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi
