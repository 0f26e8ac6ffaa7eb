#!/usr/bin/env bash
# Runs every test of chanjiao, installing first what the tests need and this
# machine lacks (scripts/setup.sh; each install is guarded by a version check,
# so a warm run installs nothing). It is the README's second command, and
# .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "the hand-written JavaScript parses (a syntax error would only show in the browser tests)"
for f in crates/widget/js/chanjiao.js crates/widget/js/office.js crates/widget/js/office-worker.js crates/widget/js/policy-pack.js www/*.js scripts/*.mjs; do node --check "$f"; done
echo "chanjiao.js, the demo page's script and the scripts parse"

step "the rules, batch and PDF crates must stay free of platform code"
# chanjiao-rules, chanjiao-batch and chanjiao-pdf run in the CLI and in the browser
# alike, so they may never depend on a browser binding; the widget crate is where
# those belong.
forbidden='^(web-sys|js-sys|wasm-bindgen|yew|gloo)([-_][a-z-]+)? v'
for crate in chanjiao-rules chanjiao-batch chanjiao-pdf; do
  if cargo tree -p "$crate" -e normal,build --target all --prefix none --locked | grep -E "$forbidden"; then
    echo "$crate depends on a browser crate (listed above); move that code to the widget" >&2
    exit 1
  fi
  echo "no web-sys, js-sys, wasm-bindgen, yew or gloo under $crate"
done

step "chanjiao-rules, chanjiao-batch and chanjiao-pdf build for wasm32-unknown-unknown"
cargo build -p chanjiao-rules -p chanjiao-batch -p chanjiao-pdf --target wasm32-unknown-unknown --locked

step "Rust tests (unit, data cases, properties, CLI, widget state, benchmarks run once)"
cargo test --workspace --all-targets --locked
cargo test --workspace --doc --locked

step "the policy-pack schema agrees with the example packs and with pack check"
python3 scripts/check-pack-schema.py

step "the results workbook read back by openpyxl: every record once, the CSV's figures, formulas kept as text"
cargo build -p chanjiao-cli --locked
python3 scripts/check-results-xlsx.py target/debug/chanjiao

step "widget tests in a real DOM (wasm-bindgen-test, headless Chromium)"
cargo clippy -p chanjiao-widget -p chanjiao-pdf-wasm -p chanjiao-office-wasm --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
# The first screen is the same crate built with the feature `first`.
cargo clippy -p chanjiao-widget --target wasm32-unknown-unknown --features first --lib --locked -- -D warnings
CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p chanjiao-widget --target wasm32-unknown-unknown --test web --locked

step "the widget package (wasm-pack)"
bash scripts/build-widget.sh

step "TypeScript declarations of chanjiao.js (tsc --noEmit)"
node_modules/.bin/tsc -p tests/types/tsconfig.json

step "browser tests (Debian's Chromium, strict CSP)"
node --test --test-concurrency=1 tests/browser/

step "browser tests in Firefox ESR and WebKitGTK (each test named by its engine)"
node --test --test-concurrency=1 tests/engines/

step "the package as web teams install it: npm pack, then Vite, webpack 5 and a static copy, driven in Chromium"
node --test --test-concurrency=1 tests/integrations/

step "size and speed (figures, not a test)"
node scripts/size.mjs
node scripts/bench-pdf.mjs
bash scripts/bench-evaluate.sh
bash scripts/bench-batch.sh
python3 scripts/bench-verify.py
