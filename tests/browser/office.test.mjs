// The officer's workbench, <chanjiao-office>, in Debian's Chromium under the
// strict CSP: a workbook in (docs/batch/applicants.xlsx), screened in a Web
// Worker; the summary and the table with its filters, search and order; the
// results downloaded as .xlsx and CSV and read back by software no one here
// wrote (openpyxl), equal to `chanjiao batch` on the same file; the forms of
// the applicants chosen as one ZIP, each PDF checked by `chanjiao verify`; a
// cancelled run; and no request beyond the page's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../shared/chromium.mjs';
import { axe } from '../shared/axe.mjs';
import { cliWorkbook, readBook } from '../shared/workbook.mjs';
import { start } from '../../scripts/serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const LIST = join(ROOT, 'docs/batch/applicants.xlsx');

let server;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await start(0, [['/packs/', join(ROOT, 'examples/policy')]]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openOffice(lang = 'zh-CN', attributes = null) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const record = { requests: [], errors: [] };
  page.on('request', (r) => record.requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  page.on('pageerror', (e) => record.errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && record.errors.push(m.text()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(new URL('office.html', server.url).href);
  if (lang !== 'zh-CN' || attributes) {
    await page.evaluate((attrs) => {
      const fresh = document.createElement('chanjiao-office');
      for (const [k, v] of Object.entries(attrs)) fresh.setAttribute(k, v);
      document.querySelector('chanjiao-office').replaceWith(fresh);
    }, { lang, on: '2025-06-30', ...attributes });
  }
  return { page, context, record };
}

test('a workbook is screened in a worker, filtered, searched, sorted and downloaded, with nothing sent anywhere', async () => {
  const [records, evaluated, failed] = cliWorkbook(LIST, join(ARTIFACTS, 'office-cli-results.xlsx'), '2025-06-30');
  const { page, context, record } = await openOffice();
  const office = page.locator('chanjiao-office');
  await office.locator('#file').setInputFiles(LIST);
  await office.locator('[role=status]', { hasText: `已按 2025-06-30 筛查 applicants.xlsx（工作表“申请人”），共 ${records} 条记录：${evaluated} 条得出结果，${failed} 条为错误行` }).waitFor({ timeout: 60_000 });
  // The summary names the entries with results; the table shows every record.
  await office.locator('table caption', { hasText: `共 ${records} 条` }).waitFor();
  assert.equal(await office.locator('#results-table tbody tr').count(), records);
  assert.ok(await office.locator('section table th[scope=row]', { hasText: 'A11' }).count(), 'A11 in the summary');
  // The chart: one image, titled, with a bar for A11 among the entries anyone can claim.
  const chart = office.locator('svg.chart[role=img]');
  assert.equal(await chart.getAttribute('aria-label'), '各条目可申请、需人工认定和暂无法确定的人数');
  assert.ok((await chart.locator('text').allTextContents()).includes('A11'));
  assert.ok((await chart.locator('rect').count()) > 3);
  await page.screenshot({ path: join(ARTIFACTS, 'office-workbench.png'), fullPage: true });

  // Filter on A11 and 可申请: the table agrees with the summary's count for it.
  const a11Row = office.locator('section table tr', { has: page.locator('th[scope=row]', { hasText: /^A11 / }) });
  const eligibleA11 = Number(await a11Row.locator('td').first().textContent());
  assert.ok(eligibleA11 > 0);
  await office.locator('#entry').selectOption('A11');
  await office.locator('#status').selectOption('eligible');
  await office.locator('table caption', { hasText: `共 ${eligibleA11} 条` }).waitFor();
  assert.equal(await office.locator('#results-table tbody tr').count(), eligibleA11);
  for (const cell of await office.locator('#results-table tbody tr td:nth-child(5)').allTextContents()) assert.equal(cell, '可申请');
  // Largest first.
  await office.locator('#order').selectOption('amount-down');
  await page.waitForTimeout(200);
  const amounts = (await office.locator('#results-table tbody tr td:nth-child(6)').allTextContents()).map((a) => Number(a.replace(/[^\d.]/g, '')));
  assert.deepEqual(amounts, [...amounts].sort((a, b) => b - a), `amounts largest first: ${amounts}`);
  // Search by id, across entries and statuses.
  await office.locator('#entry').selectOption('');
  await office.locator('#status').selectOption('');
  await office.locator('#search').fill('e0000002');
  await office.locator('table caption', { hasText: '共 1 条' }).waitFor();
  assert.equal(await office.locator('#results-table tbody tr td:nth-child(3)').textContent(), 'E0000002');
  await office.locator('#search').fill('');
  // Error rows only: each names its reason.
  await office.locator('#errors').check();
  await office.locator('table caption', { hasText: `共 ${failed} 条` }).waitFor();
  assert.ok((await office.locator('#results-table tbody tr td.alert').first().textContent()).startsWith('错误：'));
  await office.locator('#errors').uncheck();

  // The results workbook: every record once, on 结果 or 错误行, the same as the CLI's.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), office.locator('#download-xlsx').click()]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  const saved = join(ARTIFACTS, 'office-results.xlsx');
  await xlsx.saveAs(saved);
  const book = readBook(saved);
  const cli = readBook(join(ARTIFACTS, 'office-cli-results.xlsx'));
  assert.deepEqual(Object.keys(book), ['结果', '错误行', '汇总']);
  assert.equal(book['结果'].length - 2 + book['错误行'].length - 1, records, 'every record once, across 结果 and 错误行');
  assert.deepEqual(book['结果'], cli['结果'], 'the same results as chanjiao batch');
  assert.deepEqual(book['错误行'], cli['错误行']);
  // And as CSV: a header and one row per record.
  const [csv] = await Promise.all([page.waitForEvent('download'), office.locator('#download-csv').click()]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\u{feff}row,applicant_id'), text.slice(0, 40));
  assert.equal(text.trim().split('\n').length, records + 1);

  // A list chosen again starts with no filter, whatever the last one had.
  await office.locator('#search').fill('e0000002');
  await office.locator('table caption', { hasText: '共 1 条' }).waitFor();
  await office.locator('#file').setInputFiles(LIST);
  await office.locator('table caption', { hasText: `共 ${records} 条` }).waitFor({ timeout: 60_000 });
  assert.equal(await office.locator('#search').inputValue(), '');

  // Nothing went to another origin, nothing carried the list, nothing broke the CSP.
  const origin = new URL(server.url).origin;
  for (const r of record.requests) {
    assert.ok(r.url.startsWith(origin) || r.url.startsWith('blob:') || r.url.startsWith('data:'), `request to another origin: ${r.url}`);
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
    assert.ok(!r.body, `a request carries a body: ${r.url}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation events');
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('a run can be cancelled, and a file that is no list says why in English too', async () => {
  const { page, context } = await openOffice('en');
  const office = page.locator('chanjiao-office');
  await office.locator('#file').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('hello,world\n') });
  await office.locator('[role=alert]', { hasText: 'Could not screen the list' }).waitFor({ timeout: 30_000 });
  // A large list, cancelled while it runs: the page says so and a new run works.
  const rows = readFileSync(join(ROOT, 'docs/batch/applicants.csv'), 'utf8').trim().split('\n');
  const big = [rows[0], ...Array.from({ length: 40_000 }, (_, i) => rows[1 + (i % (rows.length - 1))])].join('\n');
  await office.locator('#file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
  await office.getByRole('button', { name: 'Cancel' }).click();
  await office.locator('[role=status]', { hasText: 'Screening cancelled.' }).waitFor();
  await office.locator('#file').setInputFiles(LIST);
  await office.locator('[role=status]', { hasText: '12 records of applicants.xlsx (sheet “申请人”) screened' }).waitFor({ timeout: 60_000 });
  await context.close();
});

for (const lang of ['zh-CN', 'en']) {
  test(`the workbench is usable by keyboard and axe-core finds no WCAG 2.1 A/AA violation (${lang})`, async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(new URL('office.html', server.url).href);
    if (lang === 'en') {
      await page.evaluate(() => {
        const fresh = document.createElement('chanjiao-office');
        fresh.setAttribute('lang', 'en');
        fresh.setAttribute('on', '2025-06-30');
        document.querySelector('chanjiao-office').replaceWith(fresh);
      });
    }
    const office = page.locator('chanjiao-office');
    assert.deepEqual(await axe(page, 'chanjiao-office'), [], 'before a list is chosen');
    await office.locator('#file').setInputFiles(LIST);
    await office.locator('#results-table').waitFor({ timeout: 60_000 });
    assert.deepEqual(await axe(page, 'chanjiao-office'), [], 'with the summary and the table');
    // By keyboard alone: Tab to the entry filter, choose A11 with the arrow keys, and the table follows.
    await office.locator('#entry').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await office.locator('#entry').inputValue();
    assert.ok(chosen, 'an entry chosen by keyboard');
    await office.locator('#results-table thead th', { hasText: `${chosen} ` }).first().waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await office.evaluate((e) => e.shadowRoot.activeElement?.id), 'status', 'Tab moves on to the status filter');
    await context.close();
  });
}

test('a list is compared under the plan and a pack the host names: per entry both sides, the chart, and the workbook chanjiao batch writes', async () => {
  const list = join(ROOT, 'docs/batch/applicants-2026.csv');
  const pack = join(ROOT, 'examples/policy/example-successor-2026.json');
  const { page, context, record } = await openOffice('zh-CN', { on: '2026-12-31', 'compare-policy': '/packs/example-successor-2026.json' });
  const office = page.locator('chanjiao-office');
  await office.locator('#file').setInputFiles(list);
  await office.locator('#results-table').waitFor({ timeout: 60_000 });
  const button = office.locator('#compare');
  assert.match(await button.textContent(), /^与 示例〔2026〕1号（示例，非真实政策） 对比$/);
  await button.click();
  await office.locator('#comparison-table').waitFor({ timeout: 60_000 });
  // A11 pays 1,500 a head under the example instead of 1,000: the most rises.
  const a11 = office.locator('#comparison-table tr', { has: page.locator('th', { hasText: /^A11 / }) });
  assert.match(await a11.locator('td').nth(2).textContent(), /^\+[\d,]+$/);
  assert.notEqual(await a11.locator('td').nth(2).textContent(), '+0');
  assert.match(await office.locator('section p', { hasText: '申请人的现金合计' }).textContent(), /增加 [1-9]\d* 人/);
  const chart = office.locator('section[aria-labelledby=comparison-title] svg.chart[role=img]');
  assert.equal(await chart.getAttribute('aria-label'), '各条目现金最高合计：A（泉政办规〔2022〕8号）与 B（示例〔2026〕1号（示例，非真实政策））');
  assert.ok((await chart.locator('text').allTextContents()).includes('A11'), 'A11 has its bars');
  await page.screenshot({ path: join(ARTIFACTS, 'office-comparison.png'), fullPage: true });
  // The comparison workbook: the sheets and rows of chanjiao batch --compare-policy.
  const [download] = await Promise.all([page.waitForEvent('download'), office.locator('#download-comparison').click()]);
  const saved = join(ARTIFACTS, 'office-comparison.xlsx');
  await download.saveAs(saved);
  const cliOut = join(ARTIFACTS, 'office-cli-comparison.xlsx');
  const run = spawnSync(join(ROOT, 'target/debug/chanjiao'), ['batch', '--input', list, '--output', cliOut, '--on', '2026-12-31', '--compare-policy', pack], { encoding: 'utf8' });
  assert.ok([0, 3].includes(run.status), run.stderr);
  const [book, cli] = [readBook(saved), readBook(cliOut)];
  assert.deepEqual(Object.keys(book), ['对比结果', '错误行', '变化']);
  assert.deepEqual(book['对比结果'], cli['对比结果']);
  assert.deepEqual(book['变化'], cli['变化']);
  const origin = new URL(server.url).origin;
  for (const r of record.requests) assert.ok(r.url.startsWith(origin) || r.url.startsWith('blob:') || r.url.startsWith('data:'), `request to another origin: ${r.url}`);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('a pack that fails its checks is refused with its reason, and the screening stays', async () => {
  const { page, context } = await openOffice('en', { on: '2026-06-30', 'compare-policy': '/packs/not-there.json' });
  const office = page.locator('chanjiao-office');
  await office.locator('[role=alert]', { hasText: 'The policy pack to compare with could not be read: /packs/not-there.json: 404' }).waitFor();
  await context.close();
});

test('cancelling a comparison keeps the screening, and a new date screens the list again', async () => {
  const rows = readFileSync(join(ROOT, 'docs/batch/applicants-2026.csv'), 'utf8').trim().split('\n');
  const big = [rows[0], ...Array.from({ length: 30_000 }, (_, i) => rows[1 + (i % (rows.length - 1))])].join('\n');
  const { page, context } = await openOffice('zh-CN', { on: '2026-12-31', 'compare-policy': '/packs/example-successor-2026.json' });
  const office = page.locator('chanjiao-office');
  await office.locator('#file').setInputFiles({ name: 'big-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
  await office.locator('#results-table').waitFor({ timeout: 120_000 });
  await office.locator('#compare').click();
  await office.getByRole('button', { name: '取消' }).click();
  await office.locator('[role=status]', { hasText: '已取消对比；筛查结果仍在下方。' }).waitFor();
  assert.equal(await office.locator('#results-table').count(), 1, 'the screening stays');
  assert.equal(await office.locator('#comparison-table').count(), 0);
  // The date changed: the list is screened again as of it, and the status says so.
  await office.locator('#on').fill('2026-06-30');
  await office.locator('[role=status]', { hasText: '已按 2026-06-30 筛查 big-2026.csv，共 30000 条记录' }).waitFor({ timeout: 120_000 });
  await context.close();
});

test('a workbook whose list is on its second sheet: the first says why it is no list, and the sheet chosen is screened', async () => {
  // The office's workbook: a note first, then the example list on a sheet of its own.
  const book = join(ARTIFACTS, 'office-two-sheets.xlsx');
  const script = `import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
book.active.title = '名单'
notes = book.create_sheet('说明', 0)
notes['A1'] = '本工作簿第二张表为申请人名单'
book.save(sys.argv[2])`;
  spawnSync('python3', ['-c', script, LIST, book], { stdio: 'inherit' });
  const { page, context } = await openOffice();
  const office = page.locator('chanjiao-office');
  await office.locator('#file').setInputFiles(book);
  await office.locator('[role=alert]', { hasText: '无法筛查' }).waitFor({ timeout: 60_000 });
  assert.deepEqual(await office.locator('#sheet option').allTextContents(), ['说明', '名单', '申请人信息', '名册']);
  await office.locator('#sheet').selectOption('名单');
  await office.locator('[role=status]', { hasText: '已按 2025-06-30 筛查 office-two-sheets.xlsx（工作表“名单”），共 12 条记录' }).waitFor({ timeout: 60_000 });
  assert.equal(await office.locator('[role=alert]').textContent(), '');
  // The CSV download is of the sheet chosen.
  const [csv] = await Promise.all([page.waitForEvent('download'), office.locator('#download-csv').click()]);
  assert.equal(readFileSync(await csv.path(), 'utf8').trim().split('\n').length, 13);
  await context.close();
});

test('the forms of the applicants chosen download as one ZIP: a PDF each that chanjiao verify accepts, and an index that accounts for every one', async () => {
  const { page, context, record } = await openOffice();
  const office = page.locator('chanjiao-office');
  await office.locator('#file').setInputFiles(LIST);
  await office.locator('#results-table').waitFor({ timeout: 60_000 });
  // The workbook's 申请人信息 sheet is offered for the blocks, and chosen.
  assert.equal(await office.locator('#blocks-sheet').inputValue(), '申请人信息');
  assert.equal(await office.locator('#download-forms').isDisabled(), true, 'nothing chosen yet');
  // Every applicant the filters show: A11's, on every page.
  await office.locator('#entry').selectOption('A11');
  await office.locator('#results-table thead th', { hasText: 'A11 ' }).first().waitFor();
  const caption = await office.locator('table caption').textContent();
  const shown = Number(caption.match(/共 (\d+) 条/)[1]);
  await office.locator('#select-all').click();
  await office.locator('#forms-count', { hasText: `已选 ${shown} 位申请人。` }).waitFor();
  await office.locator('#select-none').click();
  await office.locator('#forms-count', { hasText: '已选 0 位申请人。' }).waitFor();
  // By keyboard: a box ticked with Space keeps the focus, though the table is drawn again.
  await office.locator('#entry').selectOption('');
  await office.locator('table caption', { hasText: '共 12 条' }).waitFor();
  const boxes = office.locator('#results-table input.pick');
  assert.equal(await boxes.count(), 10, 'a box for each applicant with results, none for the two error rows');
  await boxes.nth(0).focus();
  await page.keyboard.press('Space');
  await office.locator('#forms-count', { hasText: '已选 1 位申请人。' }).waitFor();
  assert.equal(await office.evaluate((e) => e.shadowRoot.activeElement?.dataset.row), '2', 'the focus stays on the box ticked');
  for (const i of [1, 2, 9]) await boxes.nth(i).check();
  await office.locator('#forms-count', { hasText: '已选 4 位申请人。' }).waitFor();
  const rows = await office.locator('#results-table input.pick:checked').evaluateAll((b) => b.map((x) => Number(x.dataset.row)));
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), office.locator('#download-forms').click()]);
  assert.equal(download.suggestedFilename(), '申请表-2025-06-30.zip');
  const saved = join(ARTIFACTS, 'office-forms.zip');
  await download.saveAs(saved);
  await office.locator('[role=status]', { hasText: /^已生成 \d+ 位申请人的 \d+ 份申请表/ }).waitFor();
  // And beside the button, where the officer is looking.
  assert.match(await office.locator('#forms-note').textContent(), /^已生成 \d+ 位申请人的 \d+ 份申请表，名册 4 行取自“名册”工作表；/);
  // Unpacked by Python's zipfile, software no one here wrote.
  const dir = join(ARTIFACTS, 'office-forms');
  const unzip = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2]); print("\\n".join(z.namelist()))', saved, dir], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  const names = unzip.stdout.trim().split('\n');
  const index = readFileSync(join(dir, '清单.csv'), 'utf8').replace(/^\u{feff}/u, '').trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(index[0], ['行号', '申请人编号', '申请人名称', '文件', '申请表', '页数', '说明']);
  assert.deepEqual(index.slice(1).map((r) => Number(r[0])), rows, 'one index row per applicant chosen, in order');
  const pdfs = index.slice(1).filter((r) => r[3]);
  assert.ok(pdfs.length >= 2, `the chosen with forms: ${JSON.stringify(index)}`);
  assert.deepEqual(pdfs.map((r) => r[3]).sort(), names.filter((n) => n.endsWith('.pdf')).sort());
  // E0000012 (row 13) has no block in the sheet, and the index says so.
  assert.equal(index.find((r) => r[1] === 'E0000012')?.[6], '申请人信息表中没有此编号：E0000012');
  // E0000001's A11 roster lists the three graduates of the workbook's 名册 sheet, as poppler reads the PDF.
  const first = pdfs.find((r) => r[1] === 'E0000001');
  const words = spawnSync('pdftotext', [join(dir, first[3]), '-'], { encoding: 'utf8' });
  assert.equal(words.status, 0, words.stderr);
  for (const w of ['林晓雯', '陈志明', '黄雅婷', '35050320010101101X', '2024-06-30']) assert.ok(words.stdout.includes(w), `E0000001's form lacks ${w}`);
  // Each PDF is a form chanjiao verify re-evaluates and finds matching.
  for (const r of pdfs) {
    const check = spawnSync(join(ROOT, 'target/debug/chanjiao'), ['verify', join(dir, r[3])], { encoding: 'utf8' });
    assert.equal(check.status, 0, `${r[3]}: ${check.stdout}${check.stderr}`);
  }
  const origin = new URL(server.url).origin;
  for (const r of record.requests) assert.ok(r.url.startsWith(origin) || r.url.startsWith('blob:') || r.url.startsWith('data:'), `request to another origin: ${r.url}`);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('a page that names a successor (policy, policy-integrity) screens under it, as chanjiao batch --policy does; a pack that fails its hash screens nothing', async () => {
  const list = join(ROOT, 'docs/batch/applicants-2026.csv');
  const pack = join(ROOT, 'examples/policy/example-successor-2026.json');
  const integrity = `sha384-${createHash('sha384').update(readFileSync(pack)).digest('base64')}`;
  const { page, context, record } = await openOffice('zh-CN', { on: '2026-12-31', policy: '/packs/example-successor-2026.json', 'policy-integrity': integrity });
  const office = page.locator('chanjiao-office');
  await office.locator('#file').setInputFiles(list);
  await office.locator('[role=status]', { hasText: '依据：示例〔2026〕1号（示例，非真实政策）。' }).waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), office.locator('#download-xlsx').click()]);
  const saved = join(ARTIFACTS, 'office-under-pack.xlsx');
  await download.saveAs(saved);
  const cliOut = join(ARTIFACTS, 'office-cli-under-pack.xlsx');
  const run = spawnSync(join(ROOT, 'target/debug/chanjiao'), ['batch', '--input', list, '--output', cliOut, '--on', '2026-12-31', '--policy', pack], { encoding: 'utf8' });
  assert.ok([0, 3].includes(run.status), run.stderr);
  const [book, cli] = [readBook(saved), readBook(cliOut)];
  assert.ok(book['结果'].length > 2, 'results, not only error rows');
  assert.deepEqual(book['结果'], cli['结果'], 'the results of chanjiao batch --policy');
  assert.deepEqual(book['汇总'], cli['汇总']);
  assert.ok(JSON.stringify(book['汇总']).includes('示例，非真实政策'), 'the summary says it rests on an illustration');
  for (const r of record.requests) assert.ok(r.url.startsWith(new URL(server.url).origin) || r.url.startsWith('blob:') || r.url.startsWith('data:'), r.url);
  assert.deepEqual(record.errors, []);
  await context.close();

  // A pack whose bytes are not those its hash names is refused before any list is screened.
  const refused = await openOffice('en', { on: '2026-06-30', policy: '/packs/example-successor-2026.json', 'policy-integrity': 'sha384-AAAA' });
  const bad = refused.page.locator('chanjiao-office');
  await bad.locator('[role=alert]', { hasText: 'The policy pack this page names cannot be used, so nothing was screened' }).waitFor();
  assert.match(await bad.locator('[role=alert]').textContent(), /does not match its integrity hash/);
  await bad.locator('#file').setInputFiles(list);
  await refused.page.waitForTimeout(500);
  assert.equal(await bad.locator('#results-table').count(), 0, 'nothing screened');
  await refused.context.close();
});

test('a list saved again after it was screened is asked for again, not left half-done', async () => {
  // An officer corrects the workbook in Excel while the page shows it: the
  // browser may no longer read the file it was given, and the page says so.
  const copy = join(ARTIFACTS, 'office-saved-again.xlsx');
  copyFileSync(LIST, copy);
  const { page, context } = await openOffice();
  const office = page.locator('chanjiao-office');
  await office.locator('#file').setInputFiles(copy);
  await office.locator('#results-table').waitFor({ timeout: 60_000 });
  await office.locator('#results-table input.pick').first().check();
  appendFileSync(copy, Buffer.from('saved again'));
  await office.locator('#download-forms').click();
  await office.locator('[role=alert]', { hasText: '无法生成申请表：无法再次读取 office-saved-again.xlsx' }).waitFor();
  assert.equal(await office.locator('#download-forms').isDisabled(), false, 'the button is back, for another try');
  assert.equal(await office.locator('#results-table').count(), 1, 'the screening stays');
  await context.close();
});

test('a list whose every record is an error row says so, and a summary with nothing to chart draws nothing', async () => {
  const { page, context } = await openOffice('en');
  const office = page.locator('chanjiao-office');
  const rows = readFileSync(join(ROOT, 'docs/batch/applicants.csv'), 'utf8').trim().split('\n');
  await office.locator('#file').setInputFiles({ name: 'errors.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows[0]}\n${rows[1].replace(',ENT,', ',NOPE,')}\n`) });
  await office.locator('[role=status]', { hasText: '1 record of errors.csv screened as of 2025-06-30: 0 evaluated, 1 error row.' }).waitFor({ timeout: 60_000 });
  const summary = await office.locator('section[aria-labelledby=summary-title]').textContent();
  assert.ok(summary.includes('No record has results: see the error rows below.'), summary);
  assert.ok(!summary.includes('null'), summary);
  await context.close();
});
