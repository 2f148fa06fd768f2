#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the domain's native tests,
# the storage tests in headless Chromium, and the end-to-end suite against
# the release build served from a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "formatting"
cargo fmt --all --check

step "lints"
cargo clippy -p kartoteka-core --all-targets -- -D warnings
cargo clippy -p kartoteka --target wasm32-unknown-unknown --all-targets -- -D warnings

step "domain tests (native)"
cargo test -p kartoteka-core

step "storage tests (wasm, headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" cargo test -p kartoteka --target wasm32-unknown-unknown

step "release build"
trunk build --release

step "end-to-end tests (headless Chromium)"
# The site is served from a sub-path, as a static host would.
site="target/e2e-site"
mkdir -p "$site"
ln -sfn "$PWD/dist" "$site/kartoteka"
npx playwright test --config tests/e2e/playwright.config.mjs
