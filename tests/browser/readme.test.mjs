// The widget README's examples, as a web team copies them: the evaluate()
// block runs as printed, from the path the README installs the package at,
// under the strict CSP, and prints what its comment says it prints. The
// README's import paths agree with each other, and the reference it points to
// ships in the package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../shared/chromium.mjs';
import { start } from '../../scripts/serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const README = readFileSync(join(ROOT, 'crates/widget/README.md'), 'utf8');
const HOST = join(ROOT, 'tests/artifacts/readme');

/** The README's fenced `js` blocks. */
const blocks = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
const evaluateBlock = blocks.find((b) => b.includes('await evaluate('));

let server;
let browser;

before(async () => {
  assert.ok(evaluateBlock, 'the README has an evaluate() example');
  mkdirSync(HOST, { recursive: true });
  // The block, byte for byte, as a module of a host page on the same origin.
  writeFileSync(join(HOST, 'example.mjs'), evaluateBlock);
  writeFileSync(join(HOST, 'index.html'), '<!doctype html><meta charset="utf-8"><title>README example</title><script type="module" src="/readme/example.mjs"></script>\n');
  // The package where the README installs it.
  server = await start(0, [['/assets/chanjiao/', join(ROOT, 'pkg')], ['/readme/', HOST]]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('every import and script path in the README names one install location', () => {
  const paths = [...README.matchAll(/['"](\/[^'"\s]*chanjiao[^'"\s]*\.js)['"]/g)].map((m) => m[1]);
  assert.ok(paths.length >= 2, `the README imports the package: ${paths}`);
  const folders = new Set(paths.map((p) => p.slice(0, p.lastIndexOf('/') + 1)));
  assert.deepEqual([...folders], ['/assets/chanjiao/'], `one folder for the package: ${[...folders]}`);
});

test('the reference the README points to is in the package', () => {
  for (const doc of README.matchAll(/`(docs\/[a-z0-9.-]+)` in this package/g)) {
    assert.ok(existsSync(join(ROOT, 'pkg', doc[1])), `pkg/${doc[1]} is shipped`);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'pkg/package.json'), 'utf8'));
  assert.ok(pkg.files.includes('docs/'), 'package.json lists docs/');
});

test('the evaluate() example runs as printed and prints what its comment says', async () => {
  const comment = evaluateBlock.match(/console\.log\([^\n]*\/\/\s*(.+)$/m);
  assert.ok(comment, 'the example says what it prints');
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const printed = new Promise((done) => page.on('console', (m) => m.type() === 'log' && done(m.text())));
  await page.goto(`${server.url}readme/`);
  const got = await Promise.race([printed, new Promise((_, fail) => setTimeout(() => fail(new Error(`nothing printed; errors: ${errors}`)), 60_000))]);
  assert.equal(got, comment[1].trim());
  assert.deepEqual(errors, []);
  await page.close();
});
