#!/usr/bin/env bash
# Installs what building and testing chanjiao needs and this machine lacks.
# Every step checks first, so a warm machine installs nothing. Sourced by
# scripts/demo.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

WASM_BINDGEN_VERSION=0.2.130 # must equal the widget's pinned wasm-bindgen
WASM_PACK_VERSION=0.15.1

note() { printf '== setup: %s\n' "$*"; }

command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  note "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^${component}"; then
    note "adding $component"
    rustup component add "$component"
  fi
done
# wasm-pack uses the wasm-bindgen on PATH only when its version equals the crate's;
# otherwise it would try to download one.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  note "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  note "installing wasm-pack $WASM_PACK_VERSION (several minutes, once)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --force
fi
command -v node >/dev/null || { echo "node is missing: install Node.js 20 or later" >&2; exit 1; }
# npm tools (wasm-opt from binaryen, playwright-core, axe-core), exactly as locked.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.chanjiao-lock 2>/dev/null)" != "$lock_hash" ]; then
  note "installing npm tools"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.chanjiao-lock
fi
# Debian packages: Chromium, the Noto CJK fonts, the PDF tools.
bash scripts/install-debian.sh
# The PDF font, cut reproducibly from Debian's Noto Sans CJK SC by fontTools at a
# pinned version; make-font.py checks the result against its pinned SHA-256.
FONTTOOLS_VERSION=4.68.0
FONT=fonts/NotoSansCJKsc-Regular-chanjiao.otf
if [ "$(python3 -c 'import fontTools; print(fontTools.version)' 2>/dev/null)" != "$FONTTOOLS_VERSION" ]; then
  note "installing fontTools $FONTTOOLS_VERSION"
  python3 -m pip install --quiet "fonttools==$FONTTOOLS_VERSION"
fi
# openpyxl reads the results workbook back (scripts/check-results-xlsx.py) and wrote the
# worked example's applicants (scripts/make-applicants-xlsx.py).
OPENPYXL_VERSION=3.1.5
if [ "$(python3 -c 'import openpyxl; print(openpyxl.__version__)' 2>/dev/null)" != "$OPENPYXL_VERSION" ]; then
  note "installing openpyxl $OPENPYXL_VERSION"
  python3 -m pip install --quiet "openpyxl==$OPENPYXL_VERSION"
fi
# jsonschema checks the policy-pack schema against the example packs (scripts/check-pack-schema.py).
JSONSCHEMA_VERSION=4.26.0
if [ "$(python3 -c 'import importlib.metadata as m; print(m.version("jsonschema"))' 2>/dev/null)" != "$JSONSCHEMA_VERSION" ]; then
  note "installing jsonschema $JSONSCHEMA_VERSION"
  python3 -m pip install --quiet "jsonschema==$JSONSCHEMA_VERSION"
fi
font_sum=$(sed -n 's/^SHA256 = "\(.*\)"/\1/p' scripts/make-font.py)
if [ "$(sha256sum "$FONT" 2>/dev/null | cut -d' ' -f1)" != "$font_sum" ]; then
  note "making the PDF font (about 15 s, once)"
  python3 scripts/make-font.py "$FONT"
fi
