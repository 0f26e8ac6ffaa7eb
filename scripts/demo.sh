#!/usr/bin/env bash
# Installs what chanjiao needs, builds the widget, and serves the demo page (a
# government-style page that embeds the widget as a third party would) on
# http://127.0.0.1:8080 with a strict Content-Security-Policy. It is the
# README's first command. Set PORT to use another port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-widget.sh
cargo build --release --locked -p chanjiao-cli
echo
echo "The command-line tool is at target/release/chanjiao; try:"
echo "  target/release/chanjiao evaluate --answers examples/enterprise.json --on 2025-06-30"
echo
exec node scripts/serve.mjs --port "${PORT:-8080}"
