#!/usr/bin/env bash
# Builds the widget into pkg/ (an npm-installable package): the WebAssembly and
# its JS glue from wasm-pack, tuned for size, plus chanjiao.js, the module that
# defines <chanjiao-widget>. pkg/ is generated; never edit it by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-opt comes from npm's binaryen (Debian's is too old for current rustc output).
export PATH="$PWD/node_modules/.bin:$PATH"
wasm-pack build crates/widget --profile wasm-release --target web --mode no-install \
  --out-dir ../../pkg --out-name chanjiao_widget
# The first screen: the same crate with the feature `first`, a small module
# that shows the start page while the whole widget (above) is fetched.
wasm-pack build crates/widget --profile wasm-release --target web --mode no-install \
  --out-dir ../../target/first-pkg --out-name chanjiao_first --no-pack -- --features first
cp target/first-pkg/chanjiao_first.js target/first-pkg/chanjiao_first_bg.wasm target/first-pkg/chanjiao_first.d.ts pkg/
# The forms: a WebAssembly module of their own and the font, fetched only when someone
# asks for a form, so the first load does not pay for them.
wasm-pack build crates/pdf-wasm --profile wasm-pdf --target web --mode no-install \
  --out-dir ../../pkg/pdf --out-name chanjiao_pdf --no-pack
rm -f pkg/pdf/.gitignore
# The officer's workbench (<chanjiao-office>, office.js): the batch engine for
# its Web Worker, fetched only by a page that has the workbench, so the citizen
# widget's first load does not change. Built for speed, as the forms are.
wasm-pack build crates/office-wasm --profile wasm-pdf --target web --mode no-install \
  --out-dir ../../pkg/office --out-name chanjiao_office --no-pack
rm -f pkg/office/.gitignore
cp crates/widget/js/office.js crates/widget/js/office-worker.js crates/widget/js/policy-pack.js pkg/
mkdir -p pkg/fonts
cp fonts/NotoSansCJKsc-Regular-chanjiao.otf fonts/NotoSansCJKsc-Regular-chanjiao.LICENSE.txt pkg/fonts/
cp crates/widget/js/chanjiao.js crates/widget/js/chanjiao.d.ts pkg/
# The reference a web team needs beside the package: the answer keys, the JSON
# the evaluation returns, and how a policy pack is written (with its schema).
mkdir -p pkg/docs
cp docs/answers.md docs/json-output.md docs/policy-packs.md docs/policy-pack.schema.json pkg/docs/
# The bytes the first form fetches, for the forms page and its progress bar.
node - <<'JS'
const fs = require('fs');
const size = (f) => fs.statSync(f).size;
const figures = `const FORMS_DOWNLOAD = { module: ${size('pkg/pdf/chanjiao_pdf_bg.wasm')}, font: ${size('pkg/fonts/NotoSansCJKsc-Regular-chanjiao.otf')} };`;
const js = fs.readFileSync('pkg/chanjiao.js', 'utf8');
const written = js.replace('const FORMS_DOWNLOAD = { module: 0, font: 0 };', figures);
if (written === js) throw new Error('chanjiao.js: FORMS_DOWNLOAD not found');
fs.writeFileSync('pkg/chanjiao.js', written);
JS
# chanjiao.js is part of the first load, so it ships minified (its commented
# source is crates/widget/js/chanjiao.js). The minifier keeps the literal
# `new URL('./…', import.meta.url)` and `import('./…')` forms bundlers look for.
esbuild pkg/chanjiao.js --minify --keep-names --format=esm --target=es2022 --log-level=warning \
  --banner:js='// chanjiao-widget: the embedding entry, minified. Source and licence: crates/widget/js/chanjiao.js in the chanjiao repository.' \
  --outfile=pkg/chanjiao.js --allow-overwrite
node - <<'JS'
const fs = require('fs');
const path = 'pkg/package.json';
const pkg = JSON.parse(fs.readFileSync(path, 'utf8'));
pkg.name = 'chanjiao-widget';
pkg.description = 'An embeddable eligibility calculator for 泉政办规〔2022〕8号: one custom element, <chanjiao-widget>.';
pkg.module = 'chanjiao.js';
pkg.main = 'chanjiao.js';
// The types of what hosts import (chanjiao.js), not of the wasm-bindgen glue under it.
pkg.types = 'chanjiao.d.ts';
pkg.exports = {
  '.': './chanjiao.js',
  './chanjiao.js': './chanjiao.js',
  './chanjiao_first.js': './chanjiao_first.js',
  './chanjiao_first_bg.wasm': './chanjiao_first_bg.wasm',
  './chanjiao_widget.js': './chanjiao_widget.js',
  './chanjiao_widget_bg.wasm': './chanjiao_widget_bg.wasm',
  './office.js': './office.js',
  './office-worker.js': './office-worker.js',
};
pkg.files = [...new Set([...(pkg.files ?? []), 'chanjiao.js', 'chanjiao_first.js', 'chanjiao_first_bg.wasm', 'chanjiao_first.d.ts', 'chanjiao_widget.js', 'chanjiao_widget_bg.wasm', 'chanjiao_widget.d.ts', 'chanjiao.d.ts', 'README.md', 'docs/', 'pdf/', 'fonts/', 'office.js', 'office-worker.js', 'policy-pack.js', 'office/', '*.gz', '*.br'])];
pkg.sideEffects = ['./chanjiao.js', './office.js', './snippets/*'];
fs.writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
JS
# Precompressed copies beside every file a browser fetches, for servers that
# serve them as they are (gzip -9 and brotli 11; the widget README says how).
node - <<'JS'
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const file of walk('pkg').filter((f) => /\.(js|wasm|otf)$/.test(f))) {
  const body = fs.readFileSync(file);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
}
JS
echo "pkg/ built: $(du -sh pkg | cut -f1)"
