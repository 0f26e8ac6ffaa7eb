// The package as web teams install it: `npm pack` of pkg/, installed from its
// tarball into small projects (Vite, webpack 5, a static copy), built with
// their tools' defaults and the README's lines, then driven in Chromium: the
// widget mounts, an answers file is imported and walked to the results, and a
// form is made. A file a bundler failed to find would show here as a panel,
// not as results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, settle } from '../shared/chromium.mjs';
import { start } from '../../scripts/serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const HERE = join(ROOT, 'tests/integrations');
const WORK = join(ROOT, 'target/integrations');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const ANSWERS = join(ROOT, 'examples/enterprise.json');
// A test that hangs (a server that never answers) fails instead of holding the run.
const LIMIT = 240_000;

let browser;
let tarball;
const stops = [];

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

/** Copies a project from tests/integrations/ and installs it, the package from the tarball. */
function install(name) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(HERE, name), dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  pkg.dependencies = { 'chanjiao-widget': `file:${tarball}` };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  // No lock file: npm would otherwise take a cached tarball of the same name.
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], dir);
  return dir;
}

/** Starts a long-running command and resolves to the first http:// address it prints. */
function serveWith(command, args, cwd) {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  stops.push(() => child.kill());
  let said = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${command} printed no address: ${said}`)), 60_000);
    const read = (chunk) => {
      said += chunk;
      const url = said.match(/http:\/\/(?:localhost|127\.0\.0\.1):\d+\/?/);
      if (url) {
        clearTimeout(timer);
        done(url[0].endsWith('/') ? url[0] : `${url[0]}/`);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => fail(new Error(`${command} exited ${code}: ${said}`)));
  });
}

/** The hashed WebAssembly files a build wrote: one per module, none that nothing loads. */
function wasmFiles(dir) {
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(dir).filter((f) => f.endsWith('.wasm'));
}

const heading = async (page) => (await page.locator('chanjiao-widget h1').first().textContent()).trim();

/**
 * Opens `url` and goes as a citizen would: the start page, an answers file
 * imported, the interview continued to the check page, the results, and the
 * first form offered, made and downloaded. Returns what went wrong on the way.
 */
async function citizen(url, name) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A failed load is counted by its response below (the browser's own favicon.ico request aside).
  page.on('console', (m) => m.type() === 'error' && !/^Failed to load resource/.test(m.text()) && problems.push(`console: ${m.text()}`));
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.status() >= 400 && !path.endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()} for ${path}`);
    if (/\.(wasm|otf)$/.test(path) && /text\/html/.test(r.headers()['content-type'] ?? '')) problems.push(`${path} came as HTML`);
  });
  const outside = [];
  page.on('request', (r) => new URL(r.url()).origin !== new URL(url).origin && outside.push(r.url()));
  await page.goto(url);
  await page.locator('chanjiao-widget #cj-import').waitFor({ state: 'attached', timeout: 30_000 });
  assert.deepEqual(problems, [], `${name}: the start page`);
  await page.locator('chanjiao-widget #cj-import').setInputFiles(ANSWERS);
  await page.locator('chanjiao-widget .notice', { hasText: '已导入答案' }).waitFor({ timeout: 30_000 });
  for (let guard = 0; guard < 40 && !/核对您的回答/.test(await heading(page)); guard++) {
    await page.locator('chanjiao-widget button[type=submit]', { hasText: '继续' }).click();
    await settle(page);
  }
  await page.locator('chanjiao-widget button', { hasText: '查看结果' }).click();
  await page.locator('chanjiao-widget h1', { hasText: '测算结果' }).waitFor();
  const total = await page.locator('chanjiao-widget .cj-root').innerText();
  assert.match(total, /可申请的现金合计/, `${name}: the results show their total`);
  await page.locator('chanjiao-widget section.result button', { hasText: '准备此项申请表' }).first().click();
  await page.locator('chanjiao-widget h1', { hasText: '准备申请表' }).waitFor();
  await page.locator('chanjiao-widget #cj-applicant-name').fill('泉州市恒达鞋业有限公司');
  await page.locator('chanjiao-widget #cj-applicant-id_number').fill('91330100799655058B');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.locator('chanjiao-widget button[type=submit]', { hasText: '生成申请表' }).click(),
  ]);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-', `${name}: the form is a PDF`);
  await page.locator('chanjiao-widget .pdf-status', { hasText: '已生成' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, `integration-${name}.png`), fullPage: true });
  assert.deepEqual(problems, [], `${name}: nothing failed on the way`);
  assert.deepEqual(outside, [], `${name}: nothing was fetched from another origin`);
  await context.close();
}

before(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', WORK, '--loglevel=error'], join(ROOT, 'pkg')));
  tarball = join(WORK, packed[0].filename);
  console.log(`npm pack: ${packed[0].filename}, ${(statSync(tarball).size / 1e6).toFixed(1)} MB packed, ${(packed[0].unpackedSize / 1e6).toFixed(1)} MB unpacked, ${packed[0].entryCount} files`);
  browser = await launchChromium();
});

after(async () => {
  for (const stop of stops) await stop();
  await browser?.close();
});

test('Vite: `vite build` finds every file, and `vite preview` serves a widget that makes a form', { timeout: LIMIT }, async () => {
  const dir = install('vite');
  const built = run(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], dir);
  assert.doesNotMatch(built, /warn|\(!\)|didn't resolve|did not resolve|import\.meta/i, `no warning:\n${built}`);
  const wasm = wasmFiles(join(dir, 'dist')).map((f) => f.replace(/^.*\//, '').replace(/-[\w-]{8}\.wasm$/, ''));
  assert.deepEqual(wasm.sort(), ['chanjiao_first_bg', 'chanjiao_pdf_bg', 'chanjiao_widget_bg'], 'each WebAssembly module once');
  const url = await serveWith(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', '0', '--host', '127.0.0.1'], dir);
  await citizen(url, 'vite-build');
});

test("Vite's dev server with the README's one line of configuration", { timeout: LIMIT }, async () => {
  const readme = readFileSync(join(ROOT, 'crates/widget/README.md'), 'utf8');
  const line = readFileSync(join(HERE, 'vite/vite.config.js'), 'utf8').match(/^export default .*$/m)[0];
  assert.ok(readme.includes(line), `the README prints the project's configuration: ${line}`);
  const dir = join(WORK, 'vite');
  const url = await serveWith(process.execPath, ['node_modules/vite/bin/vite.js', '--port', '0', '--host', '127.0.0.1', '--force'], dir);
  await citizen(url, 'vite-dev');
});

test("Vite's dev server without that line: the citizen is told it is the site's setup, the console says the line", { timeout: LIMIT }, async () => {
  const dir = join(WORK, 'vite');
  writeFileSync(join(dir, 'bare.config.js'), 'export default {};\n');
  const url = await serveWith(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'bare.config.js', '--port', '0', '--host', '127.0.0.1', '--force'], dir);
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  const panel = page.locator('chanjiao-widget .cj-failed');
  await panel.waitFor({ timeout: 30_000 });
  const text = await panel.innerText();
  assert.match(text, /网站的配置问题，不是您的网络问题/);
  assert.match(text, /problem with the site's setup, not with your connection/);
  assert.doesNotMatch(text, /网络中断|connection dropped/);
  assert.equal(await page.locator('chanjiao-widget .cj-failed button').count(), 0, 'trying again cannot fix a setup');
  const said = errors.find((e) => e.startsWith('chanjiao:')) ?? '';
  assert.match(said, /\/node_modules\/\.vite\/deps\/chanjiao_first_bg\.wasm/, 'the console names the file');
  assert.match(said, /optimizeDeps: \{ exclude: \['chanjiao-widget'\] \}/, 'and the fix');
  await page.close();
});

test('webpack 5: its defaults find every file, with no "critical dependency", and the page makes a form under a strict CSP', { timeout: LIMIT }, async () => {
  const dir = install('webpack');
  const built = run(process.execPath, ['node_modules/webpack/bin/webpack.js', '--mode', 'production'], dir);
  assert.doesNotMatch(built, /Critical dependency|Module not found|ERROR/i, built);
  assert.equal(wasmFiles(join(dir, 'dist')).length, 3, 'each WebAssembly module once');
  const server = await start(0, [['/', dir]]);
  stops.push(() => server.close());
  await citizen(`${server.url}index.html`, 'webpack');
});

test('a static copy under /assets/chanjiao/, as the README installs it, under a strict CSP', { timeout: LIMIT }, async () => {
  const dir = join(WORK, 'static');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  run('tar', ['-xzf', tarball, '-C', join(dir, 'assets')], dir);
  cpSync(join(dir, 'assets/package'), join(dir, 'assets/chanjiao'), { recursive: true });
  rmSync(join(dir, 'assets/package'), { recursive: true });
  cpSync(join(HERE, 'static/index.html'), join(dir, 'index.html'));
  const server = await start(0, [['/', dir]]);
  stops.push(() => server.close());
  await citizen(`${server.url}index.html`, 'static');
});

test('the `assets` attribute: the WebAssembly and the font come from the folder it names', { timeout: LIMIT }, async () => {
  const dir = join(WORK, 'static');
  // The files moved to another folder (as to a CDN path); the module stays.
  cpSync(join(dir, 'assets/chanjiao'), join(dir, 'cdn/chanjiao/0.1.0'), { recursive: true });
  for (const f of ['chanjiao_first_bg.wasm', 'chanjiao_widget_bg.wasm', 'pdf/chanjiao_pdf_bg.wasm', 'fonts/NotoSansCJKsc-Regular-chanjiao.otf']) {
    for (const suffix of ['', '.gz', '.br']) rmSync(join(dir, 'assets/chanjiao', f + suffix), { force: true });
  }
  writeFileSync(
    join(dir, 'cdn.html'),
    readFileSync(join(HERE, 'static/index.html'), 'utf8').replace('<chanjiao-widget ', '<chanjiao-widget assets="/cdn/chanjiao/0.1.0/" '),
  );
  const server = await start(0, [['/', dir]]);
  stops.push(() => server.close());
  await citizen(`${server.url}cdn.html`, 'assets');
});
