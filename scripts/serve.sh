#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080 (or $PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
trunk build --release
port="${PORT:-8080}"
echo "Kartoteka is served on http://127.0.0.1:$port/ (Ctrl+C stops it)"
# dist/ is served by path, not from inside it: trunk replaces the folder on
# every build, and a server started inside the old one would serve nothing.
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
