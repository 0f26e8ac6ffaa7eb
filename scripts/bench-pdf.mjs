// Benchmarks the widget's PDF module against the peer a web team would use:
// pdf-lib 1.17 with fontkit 2 (adapted, tests/bench/pdf-lib-form.mjs), making
// the same form in the same font, timed in the same Chromium page.
//
// "The same form": ours is the example enterprise's A11 form (two pages). The
// pdf-lib version draws the same text lines at the same places (read from our
// PDF with pdftotext -bbox-layout), the same rectangles (table shading and
// frames, the QR code's modules; read from our content streams), and the same
// seven form fields with the same values at the same places (read with qpdf).
// A report, not a test: it prints figures and never fails on a slow machine.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from './serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const OUT = join(ROOT, 'target/bench');
mkdirSync(OUT, { recursive: true });
const ON = '2025-06-30';
const RUNS = 30;
// Warm means steady: V8 tiers WebAssembly and JavaScript up in the background, and
// on 2 cores that takes a few dozen runs.
const WARMUP = Number(process.env.WARMUP ?? 40);

// Our form, made by the CLI (the same library as the browser module).
const ours = join(OUT, 'chanjiao-a11.pdf');
execFileSync(join(ROOT, 'target/debug/chanjiao'), [
  'pdf', '--answers', join(ROOT, 'examples/enterprise.json'), '--on', ON, '--incentive', 'A11',
  '--applicant', join(ROOT, 'examples/applicant-enterprise.json'), '-o', ours,
]);

// Its text lines, with their places and sizes.
const PAGE_H = 841.89;
const xml = execFileSync('pdftotext', ['-bbox-layout', ours, '-'], { encoding: 'utf8' });
const pages = xml.split('<page ').slice(1).map((page) =>
  [...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((m) => {
    const words = [...m[4].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'));
    const [x, top, bottom] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const size = Math.max(4, Math.round(((bottom - top) / 1.24) * 2) / 2);
    return { text: words.join(' '), x, y: PAGE_H - bottom + size * 0.12 * 1.24, size };
  }),
);

// Its rectangles, per page, from the decompressed content streams.
const qdf = join(OUT, 'chanjiao-a11-qdf.pdf');
execFileSync('qpdf', ['--qdf', '--object-streams=disable', ours, qdf]);
const qdfText = readFileSync(qdf, 'latin1');
const rects = qdfText.split('%% Contents for page ').slice(1).map((chunk) => {
  const stream = chunk.slice(0, chunk.indexOf('endstream'));
  const out = [];
  let pending = [];
  for (const line of stream.split('\n')) {
    const r = line.match(/^([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re$/);
    if (r) pending.push({ x: +r[1], y: +r[2], width: +r[3], height: +r[4] });
    else if (/^(f|S|B)$/.test(line.trim()) && pending.length) {
      for (const p of pending) out.push({ ...p, fill: line.trim() === 'f' });
      pending = [];
    }
  }
  return out;
});

// Its fields: names, values and rectangles.
const json = JSON.parse(execFileSync('qpdf', ['--json', ours], { encoding: 'utf8' }));
const objects = Object.assign({}, ...json.qpdf.slice(1));
const pageRefs = json.pages.map((p) => p.object);
const fields = json.acroform.fields.map((f) => {
  const annot = objects[`obj:${f.annotation.object}`].value;
  const [x1, y1, x2, y2] = annot['/Rect'];
  return { name: f.fullname, value: f.value.replace(/^u:/, ''), page: pageRefs.indexOf(annot['/P']), x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
});
const form = { pages, rects, fields };

// The pdf-lib side, bundled for the browser.
execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), [join(ROOT, 'tests/bench/pdf-lib-form.mjs'), '--bundle', '--format=esm', '--platform=browser', `--outfile=${join(OUT, 'pdf-lib-form.js')}`, '--log-level=warning']);
writeFileSync(join(OUT, 'index.html'), '<!doctype html><meta charset="utf-8"><title>chanjiao PDF benchmark</title><p>benchmark</p>\n');

const request = JSON.stringify({
  answers: '',
  applicant: JSON.parse(readFileSync(join(ROOT, 'examples/applicant-enterprise.json'), 'utf8')),
  codes: ['A11'],
  evaluated_on: ON,
  generated_on: ON,
});
const answers = JSON.parse(readFileSync(join(ROOT, 'examples/enterprise.json'), 'utf8'));

const server = await start(0, [['/bench/', OUT]]);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(`${server.url}bench/index.html`);
const result = await page.evaluate(
  async ({ request, answers, form, runs, warmup }) => {
    const font = new Uint8Array(await (await fetch('/pkg/fonts/NotoSansCJKsc-Regular-chanjiao.otf')).arrayBuffer());
    const ours = await import('/pkg/pdf/chanjiao_pdf.js');
    await ours.default({ module_or_path: '/pkg/pdf/chanjiao_pdf_bg.wasm' });
    ours.set_font(font);
    // The answers as the widget sends them: id=value pairs.
    const req = JSON.parse(request);
    req.answers = Object.entries(answers).map(([k, v]) => `${k}=${v}`).join(';');
    const body = JSON.stringify(req);
    const { pdfLibForm } = await import('/bench/pdf-lib-form.js');
    const time = async (make) => {
      let bytes;
      for (let i = 0; i < warmup; i++) bytes = await make();
      const t = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        bytes = await make();
        t.push(performance.now() - t0);
      }
      t.sort((a, b) => a - b);
      return { median: t[t.length >> 1], min: t[0], max: t[t.length - 1], bytes };
    };
    const a = await time(async () => ours.render_forms(body).bytes);
    const b = await time(() => pdfLibForm(form, font));
    return {
      ours: { median: a.median, min: a.min, max: a.max, size: a.bytes.length, pdf: Array.from(a.bytes) },
      peer: { median: b.median, min: b.min, max: b.max, size: b.bytes.length, pdf: Array.from(b.bytes) },
    };
  },
  { request, answers, form, runs: RUNS, warmup: WARMUP },
);
await browser.close();
await server.close();
if (errors.length) console.log('page errors:', errors);

// Both files must be real: checked by qpdf, the applicant's name extracted.
for (const [name, r] of [['chanjiao', result.ours], ['pdf-lib', result.peer]]) {
  const file = join(OUT, `${name}-browser.pdf`);
  writeFileSync(file, Buffer.from(r.pdf));
  const check = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }).includes('No syntax or stream encoding errors');
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).includes('泉州市恒达鞋业有限公司');
  r.valid = check && text;
}
const f = (n) => n.toFixed(1).padStart(7);
console.log(`the A11 form (${pages.length} pages, ${fields.length} fields), warm, median of ${RUNS} in Chromium:`);
console.log(`  chanjiao-pdf (wasm)        ${f(result.ours.median)} ms  (min ${result.ours.min.toFixed(1)}, max ${result.ours.max.toFixed(1)})  ${String(result.ours.size).padStart(8)} bytes  valid: ${result.ours.valid}`);
console.log(`  pdf-lib 1.17 + fontkit 2   ${f(result.peer.median)} ms  (min ${result.peer.min.toFixed(1)}, max ${result.peer.max.toFixed(1)})  ${String(result.peer.size).padStart(8)} bytes  valid: ${result.peer.valid}`);
console.log(`  speed: ${(result.peer.median / result.ours.median).toFixed(1)}× faster (goal ≥ 10×); size: ${(result.ours.size / result.peer.size).toFixed(2)}× pdf-lib's (goal ≤ 0.6×); per form: ${result.ours.median.toFixed(1)} ms (goal ≤ 25 ms)`);
