#!/usr/bin/env bash
# Builds the chanjiao CLI and evaluates the example enterprise, as a new user
# would. It is the README's first command. (Once the widget exists, this will
# serve the demo page instead.)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
cargo build --release --locked -p chanjiao-cli
bin=target/release/chanjiao
echo "\$ chanjiao evaluate --answers examples/enterprise.json"
"$bin" evaluate --answers examples/enterprise.json --format table
echo
echo "The policy expired on 2025-12-31, so claims made today cannot be determined."
echo "As of a date inside its validity, the same answers give:"
echo "\$ chanjiao evaluate --answers examples/enterprise.json --on 2025-06-30"
"$bin" evaluate --answers examples/enterprise.json --on 2025-06-30 --format table
