#!/usr/bin/env bash
# Runs every test of chanjiao, installing first what the tests need and this
# machine lacks. It is the README's second command, and .ci/run calls it.
# Each install is guarded by a check, so a warm run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^${component}"; then
    rustup component add "$component"
  fi
done

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "the rules crate must stay free of platform code"
# chanjiao-rules runs in the CLI and in the browser alike, so it may never
# depend on a browser binding; the widget crate is where those belong.
forbidden='^(web-sys|js-sys|wasm-bindgen|yew|gloo)([-_][a-z-]+)? v'
if cargo tree -p chanjiao-rules -e normal,build --target all --prefix none --locked | grep -E "$forbidden"; then
  echo "chanjiao-rules depends on a browser crate (listed above); move that code to the widget" >&2
  exit 1
fi
echo "no web-sys, js-sys, wasm-bindgen, yew or gloo under chanjiao-rules"

step "chanjiao-rules builds for wasm32-unknown-unknown"
cargo build -p chanjiao-rules --target wasm32-unknown-unknown --locked

step "tests (unit, data cases, properties, CLI, benchmarks run once)"
cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked
