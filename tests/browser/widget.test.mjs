// Browser tests of the widget on the demo page, in Debian's Chromium driven by
// playwright-core (never a downloaded browser), under the strict CSP that
// scripts/serve.mjs sends. Run by scripts/test.sh; screenshots of every step
// go to tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, settle } from '../shared/chromium.mjs';
import { start } from '../../scripts/serve.mjs';
import { enterpriseAsAsked } from '../shared/answers.mjs';
import { readFields } from '../shared/fields.mjs';
import { axe } from '../shared/axe.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const ON = '2025-06-30';
const ZH = { start: '开始', continue: '继续' };
const EN = { start: 'Start now', continue: 'Continue' };

let server;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await start(0);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page (fresh storage) that records requests, errors and CSP violations. */
async function openPage({ lang = 'zh-CN', date = ON, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 }, bypassCSP });
  const page = await context.newPage();
  const record = { requests: [], errors: [] };
  page.on('request', (r) => record.requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  page.on('pageerror', (e) => record.errors.push(e.message));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url);
  // Evaluate as of a date inside the policy's validity, as a host may for testing.
  await page.evaluate(([l, d]) => {
    const w = document.querySelector('chanjiao-widget');
    w.setAttribute('lang', l);
    w.setAttribute('date', d);
  }, [lang, date]);
  await page.locator('chanjiao-widget h1').first().waitFor();
  await settle(page);
  return { page, context, record };
}

/** The id of the element focused inside the widget's shadow root. */
function focusedId(page) {
  return page.evaluate(() => document.querySelector('chanjiao-widget')?.shadowRoot?.activeElement?.id ?? '');
}

/** The class of the element focused inside the widget's shadow root. */
function focusedClass(page) {
  return page.evaluate(() => document.querySelector('chanjiao-widget')?.shadowRoot?.activeElement?.className ?? '');
}

/**
 * Presses Tab until the focused element inside the widget satisfies `test`.
 * A long check page may have more stops than a short walk allows, and where the focus starts
 * depends on when the page rendered, so the walk may go round it once.
 */
async function tabTo(page, describe, test) {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return;
  }
  throw new Error(`could not reach ${describe} with Tab`);
}

const activeInWidget = `(() => document.querySelector('chanjiao-widget').shadowRoot.activeElement)()`;

async function tabToId(page, id) {
  await tabTo(page, `#${id}`, new Function(`return ${activeInWidget}?.id === ${JSON.stringify(id)}`));
}

async function tabToButton(page, text) {
  await tabTo(page, `button "${text}"`, new Function(`const el = ${activeInWidget}; return el?.tagName === 'BUTTON' && el.textContent.trim().startsWith(${JSON.stringify(text)})`));
}

/** The fields on the current page: question id, kind of control, options. */
function fieldsOnPage(page) {
  return page.evaluate(readFields);
}

/** An answers-file value as a person would enter it. */
function asTyped(value) {
  if (value === true) return '是';
  if (value === false) return '否';
  return String(value);
}

/** Answers one field by keyboard alone. */
async function answer(page, field, value) {
  const text = asTyped(value);
  if (field.kind === 'text') {
    await tabToId(page, `cj-${field.id}`);
    await page.keyboard.type(text);
  } else if (field.kind === 'radio') {
    // Tab enters the group at its first radio; Space checks it, arrows move and check.
    await tabToId(page, `cj-${field.id}`);
    const index = field.options.indexOf(text);
    assert.ok(index >= 0, `${field.id}: no option ${text}`);
    if (index === 0) await page.keyboard.press('Space');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  } else {
    await tabToId(page, `cj-${field.id}`);
    const index = field.options.indexOf(text);
    assert.ok(index >= 0, `${field.id}: no option ${text}`);
    // Home goes to the first option whatever the start; each arrow press then
    // changes the selection and re-renders, so wait for each.
    await page.keyboard.press('Home');
    await settle(page);
    for (let i = 0; i < index; i++) {
      await page.keyboard.press('ArrowDown');
      await settle(page);
    }
    assert.equal(await page.locator(`chanjiao-widget #cj-${field.id}`).inputValue(), text, `${field.id} selected by keyboard`);
  }
  await settle(page);
}

/** Fills every field of the current page from `values` with the mouse, then continues. */
async function fillPage(page, values, continueLabel = '继续') {
  const done = new Set();
  for (;;) {
    const next = (await fieldsOnPage(page)).find((f) => !done.has(f.id));
    if (!next) break;
    done.add(next.id);
    assert.ok(next.id in values, `asked ${next.id}, which the test does not answer`);
    const text = asTyped(values[next.id]);
    const control = page.locator(`chanjiao-widget #cj-${next.id}`);
    if (next.kind === 'text') await control.fill(text);
    else if (next.kind === 'select') await control.selectOption(text);
    else await page.locator(`chanjiao-widget input[name="cj-${next.id}"][value="${text}"]`).check();
    await settle(page);
  }
  await page.locator('chanjiao-widget button[type=submit]', { hasText: continueLabel }).click();
  await settle(page);
}

async function heading(page) {
  return (await page.locator('chanjiao-widget h1').first().textContent()).trim();
}

async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Walks the whole flow by keyboard with the answers of `file`, from the start
 * page to the results; calls `onPage` on every page.
 */
async function walk(page, answers, labels, onPage = async () => {}) {
  let step = 0;
  await onPage('start', step);
  await page.locator('chanjiao-widget h1').first().focus();
  await tabToButton(page, labels.start);
  await page.keyboard.press('Enter');
  await settle(page);
  step = await answerPages(page, answers, labels, onPage, step);
  await onPage('check', step + 1);
  return step;
}

/**
 * Answers every page from the current one by keyboard, continuing until a
 * page without fields (the check page); returns the step reached.
 */
async function answerPages(page, answers, labels, onPage = async () => {}, step = 0) {
  for (let guard = 0; guard < 40; guard++) {
    const fields = await fieldsOnPage(page);
    if (fields.length === 0) break;
    step += 1;
    const done = new Set();
    for (;;) {
      const current = await fieldsOnPage(page);
      const next = current.find((f) => !done.has(f.id));
      if (!next) break;
      done.add(next.id);
      assert.ok(next.id in answers, `the walk was asked ${next.id}, which the answers file does not hold`);
      // A field already holding the answer (a group placed in its year) is left as it is.
      if (next.value !== asTyped(answers[next.id])) await answer(page, next, answers[next.id]);
    }
    await onPage(`step-${String(step).padStart(2, '0')}`, step);
    await tabToButton(page, labels.continue);
    await page.keyboard.press('Enter');
    await settle(page);
  }
  return step;
}

test('a full enterprise walkthrough by keyboard gives the totals of `chanjiao evaluate`', async () => {
  const answers = enterpriseAsAsked();
  const { page, context, record } = await openPage();
  const steps = await walk(page, answers, ZH, async (name) => shot(page, `enterprise-zh-${name}`));
  assert.ok(steps >= 5, `expected several steps, got ${steps}`);
  assert.match(await heading(page), /核对您的回答/);
  await tabToButton(page, '查看结果');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await heading(page), /测算结果/);
  await shot(page, 'enterprise-zh-results');

  const cli = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', join(ROOT, 'examples/enterprise.json'), '--on', ON, '--format', 'json']));
  const events = await page.evaluate(() => window.chanjiaoResults ?? []);
  assert.equal(events.length, 1, 'one chanjiao-result event');
  assert.deepEqual(events[0].totals, cli.totals, 'the widget totals equal the CLI totals');
  assert.equal(await page.locator('chanjiao-widget .totals').getAttribute('data-cash-exact'), cli.totals.cash_exact);
  assert.match(await page.locator('chanjiao-widget .totals').textContent(), /可申请的现金合计：确定金额 523,000 元（52\.3万元）/);
  // What to prepare: the facts A11 rests on, with the answers given, and nothing it did not read.
  const a11 = await page.locator('chanjiao-widget section.result:has(#cj-r-graduate-hiring-subsidy) .documents').textContent();
  assert.match(a11, /本文件未列申请材料和表格，以责任单位当年申报通知为准/);
  assert.doesNotMatch(a11, /目录|X6/, 'no catalogue reference outside the basis');
  assert.match(a11, /每名所吸纳毕业生的毕业证书/, "the catalogue's inputs for A11");
  assert.match(a11, /吸纳应届高校毕业生人数：23/);
  assert.match(a11, /企业所有制类型：民营企业/);
  assert.doesNotMatch(a11, /学徒/);
  // The explanation reads plainly; the catalogue's references and the flag's code are in the basis.
  const a11result = page.locator('chanjiao-widget section.result:has(#cj-r-graduate-hiring-subsidy)');
  const worked = await a11result.locator('details').first().textContent();
  assert.match(worked, /23 人 × 1,000 元/);
  assert.doesNotMatch(worked, /目录|X7/);
  assert.match(await a11result.locator('details').last().textContent(), /目录参考：目录 A11 第 4 点；提示 X7/);
  // The heading names the incentive; its catalogue code is in the basis, with the clause.
  assert.doesNotMatch(await a11result.locator('h3').textContent(), /A11/);
  assert.match(await a11result.locator('details').last().textContent(), /目录编号：A11/);
  // The event names incentives and amounts, never anything identifying the applicant.
  assert.deepEqual(Object.keys(events[0]).sort(), ['applicant_type', 'evaluated_on', 'illustrative', 'incentives', 'packs', 'policy', 'rules_version', 'totals']);
  // Under the built-in plan alone: no pack, nothing illustrative.
  assert.deepEqual([events[0].packs, events[0].illustrative], [[], false]);

  // Nothing went to another origin, nothing carried an answer, nothing broke the CSP.
  const origin = new URL(server.url).origin;
  for (const r of record.requests) {
    assert.ok(r.url.startsWith(origin) || r.url.startsWith('data:'), `request to another origin: ${r.url}`);
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
    assert.ok(!new URL(r.url).search, `a request carries a query: ${r.url}`);
    assert.ok(!r.body, `a request carries a body: ${r.url}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation events');
  assert.deepEqual(record.errors, []);
  await context.close();
});

for (const [lang, labels, see] of [['zh-CN', ZH, '查看结果'], ['en', EN, 'See the results']]) {
  test(`a small manufacturer that hired graduates, in ${lang}, inside the period and after it: its steps and results (screenshots)`, async () => {
    const file = join(ROOT, 'examples/small-manufacturer.json');
    const answers = JSON.parse(readFileSync(file, 'utf8'));
    const tag = lang === 'en' ? 'en' : 'zh';
    for (const on of [ON, '2026-06-30']) {
      const { page, context } = await openPage({ lang, date: on });
      const inside = on === ON;
      await walk(page, answers, labels, async (name) => inside && shot(page, `small-manufacturer-${tag}-${name}`));
      await tabToButton(page, see);
      await page.keyboard.press('Enter');
      await settle(page);
      await shot(page, `small-manufacturer-${tag}-results-${inside ? 'in-period' : 'after-expiry'}`);
      const a11 = await page.locator('chanjiao-widget section.result:has(#cj-r-graduate-hiring-subsidy)').textContent();
      const cli = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', file, '--on', on, '--format', 'json']));
      const events = await page.evaluate(() => window.chanjiaoResults ?? []);
      assert.deepEqual(events.at(-1).totals, cli.totals, `${on}: the widget totals equal the CLI totals`);
      if (inside) {
        assert.match(a11, lang === 'en' ? /You can claim CNY 3,000/ : /可申请：3,000 元/, 'three hires at 1,000 each, a small enterprise');
        // What the plan only announces stands in a section of its own, after
        // everything the workshop can act on: no badge, no form, no amount.
        const title = lang === 'en' ? 'Related policy information' : '相关政策信息';
        const layout = await page.evaluate((title) => {
          const root = document.querySelector('chanjiao-widget').shadowRoot;
          const nodes = [...root.querySelectorAll('h2, h3.group, section.result')];
          const at = nodes.findIndex((n) => /^H2$/.test(n.tagName) && n.textContent.startsWith(title));
          const after = nodes.slice(at + 1);
          const end = after.findIndex((n) => n.tagName === 'H2');
          const section = (end < 0 ? after : after.slice(0, end)).filter((n) => n.matches('section.result'));
          const headings = nodes.filter((n) => n.tagName === 'H2').map((n) => n.textContent);
          return {
            at,
            headings,
            ids: section.map((r) => r.querySelector('h3').id),
            badges: section.filter((r) => r.querySelector('.tag')).length,
            buttons: section.filter((r) => r.querySelector('button.button')).length,
          };
        }, title);
        assert.ok(layout.at >= 0, `a heading "${title}": ${layout.headings}`);
        assert.deepEqual(layout.ids, ['cj-r-integration-information-service-platform', 'cj-r-publicity-and-commendation'], 'the platform and publicity concern every enterprise; the school-related entries do not concern a workshop');
        assert.equal(layout.badges, 0, 'no 可申请 badge on information');
        assert.equal(layout.buttons, 0, 'no form for information');
        const heads = layout.headings.map((h) => h.replace(/[（(].*$/, '').trim());
        assert.deepEqual(heads.slice(heads.indexOf(title) + 1).filter((h) => !/不符合|Not eligible/.test(h)), [], 'nothing to act on follows it');
        const informational = (list) => list.filter((r) => r.status === 'information').map((r) => r.code ?? r.incentive.code).sort();
        assert.deepEqual(informational(events.at(-1).incentives), informational(cli.results), 'the event says the same as the CLI');
        assert.equal(events.at(-1).totals.eligible, 1, 'only the graduate subsidy is counted as eligible');
      } else {
        assert.match(a11, lang === 'en' ? /Not decided yet; under this document it would be CNY 3,000/ : /暂无法确定；按本文件测算为 3,000 元/);
        assert.equal(events.at(-1).totals.money, 0, 'nothing to claim as money is counted as such');
      }
      await context.close();
    }
  });
}

test('a graduate who also works, by keyboard: A14 claimed as a worker, the totals of `chanjiao evaluate`', async () => {
  const file = join(ROOT, 'examples/graduate-worker.json');
  const answers = JSON.parse(readFileSync(file, 'utf8'));
  // The file lists the roles; the interview asks the first, then each other role by yes or no.
  const [first, ...more] = answers.applicant_type;
  const typed = { ...answers, applicant_type: first };
  for (const [q, role] of [['also_graduate', 'IND-GRAD'], ['also_worker', 'IND-WORKER'], ['also_teacher', 'IND-TEACHER']]) {
    if (role !== first) typed[q] = more.includes(role);
  }
  const { page, context, record } = await openPage();
  const headings = [];
  await walk(page, typed, ZH, async () => headings.push(await heading(page)));
  assert.ok(headings.includes('您的其他身份'), `the roles are asked on their own page: ${headings.join(' / ')}`);
  await tabToButton(page, '查看结果');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await heading(page), /测算结果/);
  await shot(page, 'graduate-worker-zh-results');
  const a14 = await page.locator('chanjiao-widget section.result:has(#cj-r-skill-certificate-subsidy)').textContent();
  assert.match(a14, /可申请/);
  assert.match(a14, /申请身份：劳动者（个人）/);
  assert.match(a14, /500～3,000 元/);
  const cli = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', file, '--on', ON, '--format', 'json']));
  assert.deepEqual(cli.roles, ['IND-GRAD', 'IND-WORKER']);
  const events = await page.evaluate(() => window.chanjiaoResults ?? []);
  assert.deepEqual(events.at(-1).totals, cli.totals, 'the widget totals equal the CLI totals');
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('an enterprise over two years, by keyboard: 2025 opens with the credit 2024 carried, the totals of `chanjiao evaluate`', async () => {
  const file = join(ROOT, 'examples/enterprise-years.json');
  const { years, ...given } = JSON.parse(readFileSync(file, 'utf8'));
  // The interview asks one year first, the year of the investment among it; then the check page adds the next.
  const first = { ...given, ...years['2024'], b1_investment_year: 2024 };
  const { page, context, record } = await openPage();
  await walk(page, first, ZH);
  assert.match(await heading(page), /核对您的回答/);
  const current = page.locator('chanjiao-widget #cj-current-year');
  assert.equal(await current.inputValue(), '2024', 'the year of the investment is offered');
  await tabToId(page, 'cj-added-year');
  assert.equal(await page.locator('chanjiao-widget #cj-added-year').inputValue(), '2025');
  await tabToButton(page, '添加此年度');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await heading(page), /2025 年度的情况/);
  await shot(page, 'enterprise-years-zh-2025');
  await answerPages(page, years['2025'], ZH);
  assert.match(await heading(page), /核对您的回答/);
  assert.equal(await page.locator('chanjiao-widget section.year h2').count(), 2, 'each year listed on the check page');
  await tabToButton(page, '查看结果');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await heading(page), /测算结果/);
  await shot(page, 'enterprise-years-zh-results');
  const b1 = await page.locator('chanjiao-widget section.result:has(#cj-r-2025-education-surcharge-credit-30pct)').textContent();
  assert.match(b1, /加上年结转 107,000 元/, 'the balance carried from 2024');
  const cli = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', file, '--on', ON, '--format', 'json']));
  assert.equal(cli.kind, 'evaluation-years');
  const events = await page.evaluate(() => window.chanjiaoResults ?? []);
  assert.deepEqual(events.at(-1).totals, cli.totals, 'the widget totals equal the CLI totals');
  assert.ok(events.at(-1).incentives.some((i) => i.code === 'A11' && i.year === 2025), 'the event names each result\'s year');
  // The export is the same answers file, years and all.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('chanjiao-widget button', { hasText: '导出答案' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(Object.keys(exported.years), ['2024', '2025']);
  assert.equal(String(exported.years['2025'].graduates_hired), '15');
  // The forms page offers every year's forms, and makes them into one file
  // that verifies, each form from its own year's facts.
  const offered = (await page.locator('chanjiao-widget .apply-block p').first().innerText()).match(/可为 (\d+) 项/)?.[1];
  await page.locator('chanjiao-widget .apply-block button', { hasText: '准备申请表' }).click();
  await settle(page);
  const labels = await page.locator('chanjiao-widget #cj-forms label.choice').allInnerTexts();
  assert.ok(labels.some((l) => l.startsWith('2024 年度 · ')) && labels.some((l) => l.startsWith('2025 年度 · ')), labels.join(' | '));
  assert.ok(labels.length >= Number(offered), `at least the ${offered} forms the results offer to submit: ${labels.join(' | ')}`);
  await page.locator('chanjiao-widget #cj-applicant-name').fill('泉州市恒达鞋业有限公司');
  await page.locator('chanjiao-widget #cj-applicant-id_number').fill('91330100799655058B');
  // One file a year (a file holds one form per entry), named by its year.
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.locator('chanjiao-widget button[type=submit]', { hasText: '生成申请表' }).click();
  await page.locator('chanjiao-widget .pdf-status', { hasText: '已生成' }).waitFor({ timeout: 60_000 });
  assert.deepEqual(downloads.map((d) => d.suggestedFilename().match(/-(\d{4})\.pdf$/)?.[1]), ['2024', '2025']);
  let forms = 0;
  for (const d of downloads) {
    const pdf = join(ARTIFACTS, `enterprise-years-${d.suggestedFilename().slice(-8)}`);
    await d.saveAs(pdf);
    const verified = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['verify', pdf, '--format', 'json'], { encoding: 'utf8' }));
    assert.equal(verified.all_match, true, JSON.stringify(verified).slice(0, 400));
    forms += verified.items.length;
  }
  assert.equal(forms, labels.length, 'every form chosen, in its year\'s file');
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('graduates hired in two years, given as two groups by keyboard: each goes to its year, the steps count on by one, the totals of the years file', async () => {
  const file = join(ROOT, 'examples/enterprise-years.json');
  const { years, ...given } = JSON.parse(readFileSync(file, 'utf8'));
  // One year's interview, as a person starts it; 2025's hires are a second group on the hiring page.
  const answers = { ...given, ...years['2024'], b1_investment_year: 2024 };
  const { page, context, record } = await openPage();
  const captions = [];
  let foldedAt = -1;
  let notice = '';
  const caption = async () => (await page.locator('chanjiao-widget p.caption').first().innerText()).match(/第 (\d+) 步，共 (\d+) 步/)?.slice(1).map(Number);
  await walk(page, answers, ZH, async (name) => {
    if (name === 'start' || name === 'check') return;
    captions.push(await caption());
    if (foldedAt >= 0 && captions.length - 1 === foldedAt + 1) notice = await page.locator('chanjiao-widget .notice').first().innerText();
    const ids = (await fieldsOnPage(page)).map((f) => f.id);
    if (!ids.includes('graduates_hired_on') || /年度的情况/.test(await heading(page))) return;
    await tabToButton(page, '添加另一批');
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal(await focusedId(page), 'cj-cohort-0-count', 'the new group takes the focus');
    await page.keyboard.type(String(years['2025'].graduates_hired));
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'cj-cohort-0-date');
    await page.keyboard.type(years['2025'].graduates_hired_on);
    await settle(page);
    await shot(page, 'graduates-two-groups');
    // The pages after this one that ask a year's facts are 2025's.
    Object.assign(answers, years['2025']);
    foldedAt = captions.length - 1;
  });
  assert.match(await heading(page), /核对您的回答/);
  captions.push(await caption());
  // The page after the groups says where they went. The year's facts given on
  // earlier pages are now one year's page, so the steps count the pages as
  // they now are: on by one from there, and exact.
  assert.match(notice, /2024 年度 23 人，2025 年度 15 人/);
  assert.match(notice, /其他当年情况记入 2024 年度/);
  for (let i = 1; i < captions.length; i++) {
    if (i === foldedAt + 1) assert.ok(captions[i][0] <= captions[i - 1][0] + 1, `steps: ${JSON.stringify(captions)}`);
    else assert.equal(captions[i][0], captions[i - 1][0] + 1, `steps: ${JSON.stringify(captions)}`);
    if (i > foldedAt + 1) assert.equal(captions[i][1], captions[i - 1][1], `the total holds: ${JSON.stringify(captions)}`);
  }
  assert.equal(captions.at(-1)[1], captions.at(-1)[0] + 1, 'an exact count, the results next');
  const y2025 = await page.locator('chanjiao-widget section.year:has(#cj-check-2025)').innerText();
  assert.match(y2025, /吸纳应届高校毕业生人数\s*15/);
  await tabToButton(page, '查看结果');
  await page.keyboard.press('Enter');
  await settle(page);
  const cli = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', file, '--on', ON, '--format', 'json']));
  const events = await page.evaluate(() => window.chanjiaoResults ?? []);
  assert.deepEqual(events.at(-1).totals, cli.totals, 'the totals of the years file');
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('a group of hires with a wrong row is named by its group; removing one keeps the focus; a group of another year takes its dated topics along', async () => {
  const { page, context, record } = await openPage({ date: '2026-06-30' });
  await page.locator('chanjiao-widget #cj-import').setInputFiles(join(ROOT, 'examples/enterprise.json'));
  await page.locator('chanjiao-widget .notice', { hasText: '已导入答案' }).waitFor();
  await page.locator('chanjiao-widget dl.summary button', { hasText: '吸纳应届高校毕业生人数' }).click();
  await settle(page);
  assert.equal(await focusedId(page), 'cj-graduates_hired');
  await tabToButton(page, '添加另一批');
  await page.keyboard.press('Enter');
  await settle(page);
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await settle(page);
  // Both parts of the row are named, each by the row's own words.
  const summary = await page.locator('chanjiao-widget .error-summary').innerText();
  assert.match(summary, /第 2 批：请填写这一批的人数（至少 1 人）/);
  assert.match(summary, /第 2 批：请填写这一批的入职日期/);
  assert.equal(await page.locator('chanjiao-widget #cj-cohort-0-count').getAttribute('aria-invalid'), 'true');
  // A second row; removing the first gives the focus to the row that took its place, and says so.
  await page.locator('chanjiao-widget .cohorts button', { hasText: '添加另一批' }).click();
  await settle(page);
  await page.locator('chanjiao-widget #cj-cohort-1-count').fill('2');
  await page.locator('chanjiao-widget .cohort button', { hasText: '删除' }).first().focus();
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await page.locator('chanjiao-widget .cohort').count(), 1);
  assert.equal(await focusedId(page), 'cj-cohort-0-count', 'the focus on the row that took its place');
  assert.equal(await page.locator('chanjiao-widget #cj-cohort-0-count').inputValue(), '2');
  assert.match(await page.locator('chanjiao-widget .notice').first().innerText(), /已删除第 2 批/);
  // A group of 2025: the example's apprentices completed in 2025 go to 2025 with it.
  await page.locator('chanjiao-widget #cj-cohort-0-date').fill('2025-08-01');
  await page.locator('chanjiao-widget button[type=submit]', { hasText: '继续' }).click();
  await settle(page);
  assert.equal(await page.locator('chanjiao-widget .error-summary').count(), 0);
  assert.match(await heading(page), /2024 年度的情况/, "2024's page, which now asks about its own apprentices");
  const notice = await page.locator('chanjiao-widget .notice').first().innerText();
  assert.match(notice, /2024 年度 23 人，2025 年度 2 人/);
  assert.match(notice, /“新型学徒制培训”记入 2025 年度/);
  await shot(page, 'graduates-groups-moved');
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("the browser's Back and Forward move between the widget's steps, and the host page stays where it is", async () => {
  const { page, context } = await openPage();
  const address = page.url();
  const lengthBefore = await page.evaluate(() => history.length);
  await page.locator('chanjiao-widget button.button').first().click();
  await settle(page);
  await fillPage(page, { applicant_type: 'ENT' });
  assert.match(await heading(page), /所在地/);
  await fillPage(page, { registered_in_quanzhou: true });
  assert.match(await heading(page), /企业基本情况/);
  const back = async () => {
    await page.goBack({ waitUntil: 'commit' });
    await settle(page);
  };
  const forward = async () => {
    await page.goForward({ waitUntil: 'commit' });
    await settle(page);
  };
  await back();
  assert.match(await heading(page), /所在地/, 'Back is the previous step');
  await back();
  assert.match(await heading(page), /申请人类型/);
  await forward();
  assert.match(await heading(page), /所在地/, 'Forward returns to the step left');
  // The widget's own Back button goes through the browser, so Forward undoes it too.
  await page.locator('chanjiao-widget button.secondary', { hasText: /^返回$/ }).click();
  await settle(page);
  assert.match(await heading(page), /申请人类型/);
  await forward();
  assert.match(await heading(page), /所在地/);
  // Every answer is kept; the address never changed, and the host's page was never left.
  const place = (await fieldsOnPage(page)).find((f) => f.id === 'registered_in_quanzhou');
  assert.equal(place.options[place.checked], '是');
  assert.equal(page.url(), address);
  assert.ok((await page.evaluate(() => history.length)) > lengthBefore, 'each step is an entry');
  await back();
  await back();
  assert.match(await heading(page), /产教融合政策申报测算/, 'back to the start page, still on the host page');
  assert.equal(page.url(), address);
  await context.close();
});

test('a host can keep the browser history to itself: history="off"', async () => {
  const { page, context } = await openPage();
  await page.evaluate(() => document.querySelector('chanjiao-widget').setAttribute('history', 'off'));
  await page.locator('chanjiao-widget h1').first().waitFor();
  await settle(page);
  const before = await page.evaluate(() => history.length);
  await page.locator('chanjiao-widget button.button').first().click();
  await settle(page);
  await fillPage(page, { applicant_type: 'ENT' });
  assert.equal(await page.evaluate(() => history.length), before, 'no entry added');
  await page.locator('chanjiao-widget button.secondary', { hasText: /^返回$/ }).click();
  await settle(page);
  assert.match(await heading(page), /申请人类型/, 'the widget Back still works');
  await context.close();
});

test('a reload in the middle resumes with every answer; "clear my data" leaves nothing', async () => {
  const { page, context } = await openPage();
  await page.locator('chanjiao-widget button.button').first().click();
  await settle(page);
  await fillPage(page, { applicant_type: 'ENT' });
  await fillPage(page, { registered_in_quanzhou: true });
  await fillPage(page, { ent_sector: 'industry', ent_employees: '1,200', ent_revenue: '3500万' });
  // Half-way through a page: typed but not yet continued.
  await page.locator('chanjiao-widget #cj-ent_pilot_status').waitFor();
  await page.locator('chanjiao-widget input[name="cj-ent_pilot_status"][value="national"]').check();
  await settle(page);
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chanjiao.')));
  assert.equal(saved.length, 1, 'one draft key, named by the rules version');
  assert.match(saved[0], /^chanjiao\.[^.]+.*\.draft$/);

  await page.reload();
  await page.evaluate((d) => document.querySelector('chanjiao-widget').setAttribute('date', d), ON);
  await page.locator('chanjiao-widget h1').first().waitFor();
  await settle(page);
  await shot(page, 'resume-offer');
  await page.getByText('继续上次填写').click();
  await settle(page);
  // Back through the pages: every answer is still there.
  const pilot = (await fieldsOnPage(page)).find((f) => f.id === 'ent_pilot_status');
  assert.equal(pilot?.options[pilot.checked], 'national', 'the answer given just before the reload survived');

  const back = page.locator('chanjiao-widget button.secondary', { hasText: /^返回$/ });
  await back.click();
  await settle(page);
  const size = await fieldsOnPage(page);
  assert.equal(size.find((f) => f.id === 'ent_employees')?.value, '1,200', 'the text as typed is kept');
  assert.equal(size.find((f) => f.id === 'ent_revenue')?.value, '3500万');
  await back.click();
  await settle(page);
  await back.click();
  await settle(page);
  const typeField = (await fieldsOnPage(page)).find((f) => f.id === 'applicant_type');
  assert.equal(typeField.options[typeField.checked], 'ENT');

  await page.reload();
  await page.locator('chanjiao-widget h1').first().waitFor();
  await settle(page);
  await page.getByText('清除我在本浏览器中的数据').click();
  await settle(page);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('chanjiao')));
  assert.deepEqual(left, [], 'nothing of the widget is left in storage');
  assert.match(await page.locator('chanjiao-widget .notice').textContent(), /已清除/);
  await context.close();
});

/** Imports an answers file on the start page and continues through to the results. */
async function importToResults(page, file) {
  await page.locator('chanjiao-widget #cj-import').setInputFiles(file);
  // The import goes straight into the interview, saying so there.
  await page.locator('chanjiao-widget .notice', { hasText: '已导入答案' }).waitFor();
  assert.doesNotMatch(await heading(page), /产教融合政策申报测算/, 'not left on the start page');
  await settle(page);
  // Every page is already filled in: continue through to the check page.
  for (let guard = 0; guard < 40 && (await fieldsOnPage(page)).length > 0; guard++) {
    await page.locator('chanjiao-widget button[type=submit]', { hasText: ZH.continue }).click();
    await settle(page);
  }
  assert.match(await heading(page), /核对您的回答/);
  // "Change" goes to the answer itself, focused; Continue comes back to the check page.
  await page.locator('chanjiao-widget dl.summary button', { hasText: '更改' }).nth(1).click();
  await settle(page);
  const focused = await page.evaluate(() => document.querySelector('chanjiao-widget').shadowRoot.activeElement?.id);
  assert.equal(focused, 'cj-registered_in_quanzhou', 'the answer to change has the focus');
  await page.locator('chanjiao-widget button[type=submit]', { hasText: ZH.continue }).click();
  await settle(page);
  assert.match(await heading(page), /核对您的回答/);
  await page.locator('chanjiao-widget button', { hasText: '查看结果' }).click();
  await settle(page);
}

test('after expiry: only what can be claimed is "to submit", what is open says to ask first, and the office stands in the visible text', async () => {
  const { page, context, record } = await openPage({ date: '2026-06-30' });
  await importToResults(page, join(ROOT, 'examples/enterprise.json'));
  const block = await page.locator('chanjiao-widget .apply-block').innerText();
  // B1 rests on a national rule and is claimable; A7, A8, A11 and A21 cannot be determined.
  assert.match(block, /可为 1 项生成预填好的申请表（PDF），打印、签字盖章后提交。/, block);
  assert.match(block, /另有 4 项暂无法确定或需人工认定：请先向下面各项所写的受理单位咨询/, block);
  for (const [id, office] of [['cj-r-graduate-hiring-subsidy', '市人社局'], ['cj-r-municipal-demo-integration-enterprise-grant', '市发改委']]) {
    // innerText: what is shown, not what a closed disclosure holds.
    const card = await page.locator(`chanjiao-widget section.result:has(#${id})`).innerText();
    assert.match(card, /暂无法确定/);
    assert.ok(card.includes(`请先向${office}咨询能否申请`), `${id}: the office is in the visible text: ${card}`);
  }
  await shot(page, 'after-expiry-results');
  // The forms page says which forms are for asking first.
  await page.locator('chanjiao-widget .apply-block button', { hasText: '准备申请表' }).click();
  await settle(page);
  const a11 = await page.locator('chanjiao-widget label[for="cj-form-A11"]').innerText();
  assert.match(a11, /（暂无法确定：请先向市人社局咨询）/);
  const b1 = await page.locator('chanjiao-widget label[for="cj-form-B1"]').innerText();
  assert.doesNotMatch(b1, /咨询/);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('start again and clear can be undone, the draft back in this browser; an import goes into the interview', async () => {
  const { page, context, record } = await openPage();
  await importToResults(page, join(ROOT, 'examples/enterprise.json'));
  const totals = await page.locator('chanjiao-widget .totals').getAttribute('data-cash-exact');
  const saved = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('chanjiao')).length);
  assert.ok((await saved()) > 0, 'the answers are saved as typed');
  // Start again: the first question, a notice, and an undo that brings the results back.
  await page.locator('chanjiao-widget button', { hasText: '重新开始' }).click();
  await settle(page);
  assert.match(await page.locator('chanjiao-widget .notice').innerText(), /已清空答案/);
  await page.locator('chanjiao-widget .notice button', { hasText: '撤销' }).click();
  await settle(page);
  assert.match(await heading(page), /测算结果/);
  assert.equal(await page.locator('chanjiao-widget .totals').getAttribute('data-cash-exact'), totals);
  // Clear: nothing left in this browser, until undone.
  await page.locator('chanjiao-widget button', { hasText: '清除我在本浏览器中的数据' }).click();
  await settle(page);
  assert.equal(await saved(), 0, 'cleared at once');
  await page.locator('chanjiao-widget .notice button', { hasText: '撤销' }).click();
  await settle(page);
  assert.match(await heading(page), /测算结果/);
  assert.equal(await page.locator('chanjiao-widget .totals').getAttribute('data-cash-exact'), totals);
  assert.ok((await saved()) > 0, 'the draft is back in this browser');
  await shot(page, 'undo-restored');
  // Going on drops the chance to undo: start again, answer, continue.
  await page.locator('chanjiao-widget button', { hasText: '重新开始' }).click();
  await settle(page);
  await fillPage(page, { applicant_type: 'ENT' });
  assert.equal(await page.locator('chanjiao-widget .notice button', { hasText: '撤销' }).count(), 0);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('a years file with a year still to come: the years before it evaluated, that year said to be in the future', async () => {
  const { page, context, record } = await openPage({ date: '2024-12-20' });
  await page.locator('chanjiao-widget #cj-import').setInputFiles(join(ROOT, 'examples/enterprise-years.json'));
  await page.locator('chanjiao-widget .notice', { hasText: '已导入答案' }).waitFor();
  assert.match(await heading(page), /核对您的回答/, 'not refused: the check page');
  await page.locator('chanjiao-widget button', { hasText: '查看结果' }).click();
  await settle(page);
  assert.match(await heading(page), /测算结果/);
  const future = await page.locator('chanjiao-widget section.year:has(#cj-year-2025)').innerText();
  assert.match(future, /2025 年度晚于评估日期 2024-12-20，尚未发生，未作测算/);
  const cli = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', join(ROOT, 'examples/enterprise-years.json'), '--on', '2024-12-20', '--format', 'json']));
  assert.deepEqual(cli.future, [2025]);
  assert.equal(await page.locator('chanjiao-widget .totals').first().getAttribute('data-cash-exact'), cli.totals.cash_exact);
  await shot(page, 'years-future');
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('"不清楚" for a fact the applicant may not know: offered there only, not asked again, and a person decides', async () => {
  const { page, context, record } = await openPage();
  const answers = JSON.parse(readFileSync(join(ROOT, 'examples/enterprise.json'), 'utf8'));
  delete answers.ent_city_library;
  await page.locator('chanjiao-widget #cj-import').setInputFiles({ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(answers)) });
  await page.locator('chanjiao-widget .notice', { hasText: '已导入答案' }).waitFor();
  await settle(page);
  // The import lands where the answers stop: the library question, with "not sure".
  assert.ok((await fieldsOnPage(page)).some((f) => f.id === 'ent_city_library'), `${await heading(page)}: ${JSON.stringify(await fieldsOnPage(page))}`);
  const library = page.locator('chanjiao-widget input[name="cj-ent_city_library"]');
  assert.deepEqual(await library.evaluateAll((els) => els.map((e) => e.value)), ['是', '否', '不清楚']);
  assert.equal(await page.locator('chanjiao-widget input[name="cj-registered_in_quanzhou"][value="不清楚"]').count(), 0, 'not for a fact one knows');
  await page.locator('chanjiao-widget input[name="cj-ent_city_library"][value="不清楚"]').check();
  await settle(page);
  for (let guard = 0; guard < 20 && (await fieldsOnPage(page)).length > 0; guard++) {
    await page.locator('chanjiao-widget button[type=submit]', { hasText: ZH.continue }).click();
    await settle(page);
  }
  assert.match(await heading(page), /核对您的回答/, 'nothing asked again');
  assert.match(await page.locator('chanjiao-widget dl.summary').innerText(), /培育库[^\n]*\n?\s*不清楚/);
  await page.locator('chanjiao-widget button', { hasText: '查看结果' }).click();
  await settle(page);
  const a7 = await page.locator('chanjiao-widget section.result:has(#cj-r-municipal-demo-integration-enterprise-grant)').innerText();
  assert.match(a7, /需人工认定/);
  assert.match(a7, /需由市发改委人工认定/);
  await shot(page, 'not-sure-results');
  assert.deepEqual(record.errors, []);
  await context.close();
});

/** Runs a Debian tool (from scripts/setup.sh) and returns its standard output. */
function tool(name, args) {
  return execFileSync(name, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test('the application forms download as a PDF that reads back and verifies; the forms module loads only then', async () => {
  const { page, context, record } = await openPage();
  await importToResults(page, join(ROOT, 'examples/enterprise.json'));
  const lazy = (r) => r.url.includes('/pdf/') || r.url.includes('/fonts/');
  assert.deepEqual(record.requests.filter(lazy), [], 'the first load fetched neither the forms module nor the font');

  // One form, from its own button.
  await page.locator('chanjiao-widget section.result:has(#cj-r-graduate-hiring-subsidy) button', { hasText: '准备此项申请表' }).click();
  await settle(page);
  assert.match(await heading(page), /准备申请表/);
  // The download it states is the real one: the forms module and the font, as built.
  const bytes = statSync(join(ROOT, 'pkg/pdf/chanjiao_pdf_bg.wasm')).size + statSync(join(ROOT, 'pkg/fonts/NotoSansCJKsc-Regular-chanjiao.otf')).size;
  const mb = (Math.round(bytes / 100_000) / 10).toFixed(1);
  assert.match(await page.locator('chanjiao-widget h1 + p').textContent(), new RegExp(`约 ${mb.replace('.', '\\.')} MB`));
  // Refused without a name and with a wrong check character: the summary names both.
  await page.locator('chanjiao-widget #cj-applicant-id_number').fill('91330100799655058C');
  await page.locator('chanjiao-widget button[type=submit]', { hasText: '生成申请表' }).click();
  await settle(page);
  assert.equal(await focusedClass(page), 'error-summary');
  const summary = await page.locator('chanjiao-widget .error-summary').textContent();
  assert.match(summary, /请填写申请单位名称/);
  assert.match(summary, /校验位不符/);
  assert.deepEqual(record.requests.filter(lazy), [], 'nothing is fetched for a refused form');
  await shot(page, 'apply-errors');

  await page.locator('chanjiao-widget #cj-applicant-name').fill('泉州市恒达鞋业有限公司');
  await page.locator('chanjiao-widget #cj-applicant-id_number').fill('91330100799655058B');
  await page.locator('chanjiao-widget #cj-applicant-contact').fill('王丽（䶮）');
  await page.locator('chanjiao-widget #cj-applicant-account').fill('6222 0200 1234 5678 901');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.locator('chanjiao-widget button[type=submit]', { hasText: '生成申请表' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '产教融合-民营企业吸纳应届高校毕业生一次性补贴-泉州市恒达鞋业有限公司.pdf');
  const pdf = join(ARTIFACTS, 'widget-a11.pdf');
  await download.saveAs(pdf);
  await page.locator('chanjiao-widget .pdf-status', { hasText: '已生成' }).waitFor();
  // The rare character in the contact's name is reported, not dropped.
  assert.match(await page.locator('chanjiao-widget .pdf-status').textContent(), /字体中没有这些字：䶮/);
  await shot(page, 'apply-done');

  // The same checks as the library's own tests.
  assert.match(tool('qpdf', ['--check', pdf]), /No syntax or stream encoding errors/);
  const text = tool('pdftotext', ['-layout', pdf, '-']);
  assert.match(text, /泉州市恒达鞋业有限公司/);
  assert.match(text, /23,000 元（2\.3万元）/);
  assert.match(text, /四\(一\)：鼓励民营企业吸纳应届高校毕业生就业/);
  const fields = JSON.parse(tool('qpdf', ['--json', pdf])).acroform.fields.map((f) => [f.fullname, f.value.replace(/^u:/, '')]);
  assert.deepEqual(Object.fromEntries(fields)['A11-account'], '6222020012345678901');
  tool('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', pdf, join(ARTIFACTS, 'widget-a11')]);
  const qr = tool('zbarimg', ['-q', '--raw', join(ARTIFACTS, 'widget-a11-1.png')]).trim();
  assert.match(qr, /^CJ3\|A11\|/);
  const verified = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['verify', pdf, '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(verified.all_match, true);
  assert.equal(verified.pages_compared, true, "the browser's form is the one the CLI makes again, part for part");
  const viaQr = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['verify', '--code', qr, '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(viaQr.items[0].computed.amount, 'exact:23000');

  // Every form at once, from the results: one combined file; the font is not fetched again.
  await page.locator('chanjiao-widget button.secondary', { hasText: '返回结果' }).click();
  await settle(page);
  await page.locator('chanjiao-widget .apply-block button', { hasText: '准备申请表' }).click();
  await settle(page);
  const [all] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('chanjiao-widget button[type=submit]', { hasText: '生成申请表' }).click()]);
  const combined = join(ARTIFACTS, 'widget-all.pdf');
  await all.saveAs(combined);
  const every = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['verify', combined, '--format', 'json'], { encoding: 'utf8' }));
  assert.deepEqual(every.items.map((i) => i.incentive), ['A7', 'A8', 'A11', 'A21', 'B1']);
  assert.equal(every.all_match, true);
  assert.equal(record.requests.filter((r) => r.url.includes('/fonts/')).length, 1, 'the font was fetched once');

  const origin = new URL(server.url).origin;
  for (const r of record.requests) {
    assert.ok(r.url.startsWith(origin) || r.url.startsWith('data:') || r.url.startsWith('blob:'), `request to another origin: ${r.url}`);
    assert.ok(!r.body, `a request carries a body: ${r.url}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation events');
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('evaluate() in the page, with no interface, gives what `chanjiao evaluate` prints for every example', async () => {
  const { page, context, record } = await openPage();
  const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json') && !f.startsWith('applicant-'));
  assert.ok(examples.length >= 9, examples.join(' '));
  for (const name of examples) {
    const file = join(ROOT, 'examples', name);
    const answers = JSON.parse(readFileSync(file, 'utf8'));
    const cli = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', file, '--on', ON, '--format', 'json']));
    const got = await page.evaluate(async ([a, on]) => (await import('/pkg/chanjiao.js')).evaluate(a, { date: on }), [answers, ON]);
    assert.deepEqual(got, cli, name);
  }
  // Bad answers: an EvaluationError naming the answer, in both languages.
  const refused = await page.evaluate(async () => {
    const { evaluate, EvaluationError } = await import('/pkg/chanjiao.js');
    try {
      await evaluate({ applicant_type: 'ENT', ent_employees: -3 }, { date: '2025-06-30' });
      return null;
    } catch (e) {
      return { isError: e instanceof EvaluationError, kind: e.kind, field: e.field, zh: e.messages['zh-CN'] };
    }
  });
  assert.deepEqual({ ...refused, zh: undefined }, { isError: true, kind: 'invalid-answer', field: 'ent_employees', zh: undefined });
  assert.match(refused.zh, /从业人员/);
  // The rules came from the widget's own origin, and nothing was sent anywhere.
  const origin = new URL(server.url).origin;
  assert.ok(record.requests.every((r) => r.url.startsWith(origin) && r.method === 'GET'), record.requests.map((r) => r.url).join(' '));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await context.close();
});

test('wrong options from the host: a bilingual notice without "try again", and the option named in the console', async () => {
  const { page, context } = await openPage();
  const logged = [];
  page.on('console', (m) => logged.push(m.text()));
  await page.evaluate(() => document.querySelector('chanjiao-widget').setAttribute('date', '30/06/2025'));
  const notice = page.locator('chanjiao-widget .cj-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /设置有误[\s\S]*settings for the calculator are wrong/);
  assert.equal(await page.locator('chanjiao-widget button').count(), 0, 'trying again cannot fix the page\u2019s settings');
  assert.ok(logged.some((m) => m.includes('30/06/2025') && m.includes('YYYY-MM-DD')), logged.join(' | '));
  await context.close();
});

test('an answers file imports (parsed by the browser), gives the CLI totals, and exports back', async () => {
  const file = join(ROOT, 'examples/enterprise.json');
  const answers = JSON.parse(readFileSync(file, 'utf8'));
  const { page, context, record } = await openPage();
  // Not JSON: a notice, and nothing changes.
  await page.locator('chanjiao-widget #cj-import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"applicant_type": "ENT",') });
  await page.locator('chanjiao-widget .notice', { hasText: '不是有效的答案文件' }).waitFor();
  // JSON, but a count that is not a number: refused as a whole, the field named
  // by its question and by its key in the file.
  await page.locator('chanjiao-widget #cj-import').setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from('{"applicant_type": "ENT", "ent_employees": -3}') });
  const refused = await page.locator('chanjiao-widget .notice', { hasText: '未能读取' }).innerText();
  assert.match(refused, /导入的文件未能读取，未作更改：“从业人员[^”]*”[^（]*（文件中的 ent_employees）/, refused);
  assert.match(await heading(page), /产教融合政策申报测算/, 'still on the start page');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('chanjiao'))), [], 'a refused file saves nothing');

  await importToResults(page, file);
  const cli = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', file, '--on', ON, '--format', 'json']));
  assert.equal(await page.locator('chanjiao-widget .totals').getAttribute('data-cash-exact'), cli.totals.cash_exact);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('chanjiao-widget button', { hasText: '导出答案' }).click()]);
  const saved = await download.path();
  const exported = JSON.parse(readFileSync(saved, 'utf8'));
  assert.deepEqual(Object.keys(exported).sort(), Object.keys(answers).sort(), 'the export holds exactly the answers given');
  // In canonical form ("38600万" becomes "386000000"), it means the same to the CLI.
  const again = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['evaluate', '--answers', saved, '--on', ON, '--format', 'json']));
  assert.deepEqual(again.totals, cli.totals);
  assert.deepEqual(again.results, cli.results);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('bad input shows the error summary, takes focus, and keeps what was typed', async () => {
  const { page, context } = await openPage();
  await page.locator('chanjiao-widget button.button').first().click();
  await settle(page);
  await page.locator('chanjiao-widget button[type=submit]').click();
  await settle(page);
  assert.equal(await focusedClass(page), 'error-summary', 'the summary takes focus');
  await shot(page, 'error-empty-type');
  await page.locator('chanjiao-widget input[value="SCH-UG"]').check();
  await page.locator('chanjiao-widget button[type=submit]').click();
  await settle(page);
  await page.locator('chanjiao-widget input[type=radio][value="是"]').first().check();
  await page.locator('chanjiao-widget button[type=submit]').click();
  await settle(page);
  // Walk forward to the ranking question, answering what comes before it.
  for (let i = 0; i < 10 && !(await page.locator('chanjiao-widget #cj-retention_ranked').count()); i++) {
    for (const f of await fieldsOnPage(page)) {
      if (f.kind === 'radio' && f.checked < 0) await page.locator(`chanjiao-widget #cj-${f.id}`).check();
      if (f.kind === 'select' && !f.value) await page.locator(`chanjiao-widget #cj-${f.id}`).selectOption({ index: 1 });
      if (f.kind === 'text' && !f.value) await page.locator(`chanjiao-widget #cj-${f.id}`).fill('2024-05-01');
    }
    await settle(page);
    await page.locator('chanjiao-widget button[type=submit]').click();
    await settle(page);
  }
  await page.locator('chanjiao-widget #cj-retention_ranked').check();
  await settle(page);
  await page.locator('chanjiao-widget #cj-retention_rank').fill('0');
  await page.locator('chanjiao-widget #cj-retention_ranking_year').fill('二〇二四');
  await settle(page);
  await page.locator('chanjiao-widget button[type=submit]').click();
  await settle(page);
  await shot(page, 'error-rank-zero');
  const summary = await page.locator('chanjiao-widget .error-summary').textContent();
  assert.match(summary, /不能小于 1/);
  assert.match(summary, /四位年份/);
  assert.equal(await page.locator('chanjiao-widget #cj-retention_rank').inputValue(), '0', 'the typed text is kept');
  assert.equal(await page.locator('chanjiao-widget #cj-retention_rank').getAttribute('aria-invalid'), 'true');
  // The summary's link moves focus to its field.
  await page.locator('chanjiao-widget .error-summary a').first().click();
  assert.equal(await focusedId(page), 'cj-retention_rank');
  await context.close();
});

test('a negative count and letters in a number are refused in English too', async () => {
  const { page, context } = await openPage({ lang: 'en' });
  await page.getByText('Start now').click();
  await settle(page);
  await fillPage(page, { applicant_type: 'ENT' }, 'Continue');
  await fillPage(page, { registered_in_quanzhou: true }, 'Continue');
  // Letters in an amount: the revenue is refused and the employees are not asked yet.
  await fillPage(page, { ent_sector: 'industry', ent_revenue: 'lots' }, 'Continue');
  let summary = await page.locator('chanjiao-widget .error-summary').textContent();
  assert.match(summary, /There is a problem/);
  assert.match(summary, /must be a number/);
  assert.equal(await page.locator('chanjiao-widget #cj-ent_revenue').inputValue(), 'lots');
  // A valid revenue above 2,000万 opens the head count; a negative one is refused.
  await page.locator('chanjiao-widget #cj-ent_revenue').fill('3500万');
  await settle(page);
  await page.locator('chanjiao-widget #cj-ent_employees').fill('-3');
  await settle(page);
  await page.getByText('Continue').click();
  await settle(page);
  await shot(page, 'error-negative-en');
  summary = await page.locator('chanjiao-widget .error-summary').textContent();
  assert.match(summary, /cannot be negative/i);
  assert.doesNotMatch(summary, /must be a number/, 'the corrected field no longer errs');
  assert.equal(await page.locator('chanjiao-widget #cj-ent_employees').inputValue(), '-3');
  await context.close();
});

/** Computed styles of the widget's elements, to compare with and without the host's CSS. */
function widgetStyles(page) {
  return page.evaluate(() => {
    const root = document.querySelector('chanjiao-widget').shadowRoot;
    const props = ['font-size', 'font-family', 'color', 'background-color', 'box-sizing', 'line-height', 'letter-spacing', 'text-align', 'border-top-width', 'border-top-style', 'padding-top', 'margin-top', 'text-transform', 'width', 'height'];
    return [...root.querySelectorAll('.cj, .cj h1, .cj p, .cj .button, .cj .link, .cj input, .cj label, .cj h2')].map((el) => {
      const cs = getComputedStyle(el);
      return `${el.tagName}.${el.className}: ` + props.map((p) => `${p}=${cs.getPropertyValue(p)}`).join('; ');
    });
  });
}

test("the host's hostile CSS changes nothing inside the widget", async () => {
  const { page, context } = await openPage();
  const withHostile = await widgetStyles(page);
  await page.evaluate(() => document.querySelector('link[rel=stylesheet]').remove());
  await settle(page);
  const without = await widgetStyles(page);
  assert.ok(withHostile.length > 5);
  assert.deepEqual(withHostile, without);
  // And the host's rules do reach the page outside the widget, so the test can fail.
  await context.close();
});

test('the demo server serves the precompressed copies a host should: brotli or gzip, the type, Vary, and a tag to revalidate', async () => {
  const get = (path, headers) =>
    new Promise((done, fail) => {
      const req = httpRequest(new URL(path, server.url), { headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', fail);
      req.end();
    });
  const original = readFileSync(join(ROOT, 'pkg/chanjiao_widget_bg.wasm'));
  const br = await get('/pkg/chanjiao_widget_bg.wasm', { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.ok(brotliDecompressSync(br.body).equals(original), 'the copy is the file');
  assert.ok(br.body.length < original.length / 2);
  const gz = await get('/pkg/chanjiao.js', { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gz.body).equals(readFileSync(join(ROOT, 'pkg/chanjiao.js'))));
  const plain = await get('/pkg/chanjiao.js', {});
  assert.equal(plain.headers['content-encoding'], undefined);
  const again = await get('/pkg/chanjiao.js', { 'if-none-match': plain.headers.etag });
  assert.equal(again.status, 304, 'revalidated, not sent again');
});

test('while the module loads, a placeholder with the title; then the widget in its place', async () => {
  const { page, context } = await openPage();
  // A slow link: the first screen's WebAssembly arrives late.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/chanjiao_first_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.reload({ waitUntil: 'commit' });
  const loading = page.locator('chanjiao-widget .cj-loading');
  await loading.waitFor({ timeout: 1000 });
  assert.match(await loading.textContent(), /产教融合政策申报测算.*正在载入/);
  assert.equal(await loading.getAttribute('role'), 'status');
  // Styled inside the shadow root, whatever the host's CSS.
  assert.equal(await loading.evaluate((el) => getComputedStyle(el).borderTopStyle), 'solid');
  release();
  await page.locator('chanjiao-widget button.button').first().waitFor();
  assert.equal(await loading.count(), 0, 'the placeholder goes when the widget comes');
  await context.close();
});

test('the first screen shows before the whole widget arrives; Start waits for it, says so, and goes on', async () => {
  const { page, context } = await openPage();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  // The whole widget is held back, as on a slow link, until released.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/chanjiao_widget_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const asked = page.waitForRequest('**/chanjiao_widget_bg.wasm');
  await page.reload({ waitUntil: 'commit' });
  const start = page.locator('chanjiao-widget button.button', { hasText: '开始' });
  await start.waitFor();
  assert.ok(fetched.some((p) => p.endsWith('/chanjiao_first_bg.wasm')), 'the first screen is its own module');
  // The rest is asked for while the user reads, without waiting for a click.
  await asked;
  // The language switch works on the first screen already.
  await page.locator('chanjiao-widget .lang button').click();
  await page.locator('chanjiao-widget button.button', { hasText: 'Start now' }).click();
  const status = page.locator('chanjiao-widget p[role="status"]', { hasText: 'Loading, please wait' });
  await status.waitFor();
  assert.equal(await page.locator('chanjiao-widget button.button', { hasText: 'Start now' }).getAttribute('aria-disabled'), 'true');
  // The language switched while waiting is the one the widget opens in.
  await page.locator('chanjiao-widget .lang button').click();
  await page.locator('chanjiao-widget p[role="status"]', { hasText: '正在载入' }).waitFor();
  release();
  // The whole widget takes over on the first question, its heading focused,
  // without drawing its start page first.
  const heading = page.locator('chanjiao-widget h1');
  await page.waitForFunction(() => {
    const root = document.querySelector('chanjiao-widget').shadowRoot;
    return root.activeElement?.tagName === 'H1' && !root.querySelector('button.button[aria-disabled]');
  });
  assert.equal(await heading.textContent(), '申请人类型');
  assert.equal(await page.locator('chanjiao-widget .cj-root').count(), 1, 'one widget, the first screen gone');
  assert.equal(await page.locator('chanjiao-widget .cj').getAttribute('lang'), 'zh-CN');
  // The browser's Back returns to the start page, now the whole widget's; Forward to the question.
  await page.goBack();
  await page.locator('chanjiao-widget button.button', { hasText: '开始' }).waitFor();
  await page.goForward();
  await page.locator('chanjiao-widget h1', { hasText: '申请人类型' }).waitFor();
  await context.close();
});

test('data cleared while the whole widget loads: it opens on its start page saying so, the earlier choice withdrawn', async () => {
  const { page, context } = await openPage();
  // A draft to continue.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith('.draft'));
    if (key) localStorage.removeItem(key);
  });
  await page.locator('chanjiao-widget button.button', { hasText: '开始' }).click();
  await page.locator('chanjiao-widget input[value="ENT"]').check();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith('.draft')));
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/chanjiao_widget_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  await page.locator('chanjiao-widget button.button', { hasText: '继续上次填写' }).click();
  await page.locator('chanjiao-widget p[role="status"]', { hasText: '正在载入' }).waitFor();
  await page.getByText('清除我在本浏览器中的数据').click();
  release();
  await page.locator('chanjiao-widget .cj-root .cj .notice', { hasText: '已清除本浏览器中保存的全部数据' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('chanjiao-widget').shadowRoot.querySelector('button.button[aria-disabled]'));
  assert.equal(await page.locator('chanjiao-widget h1').textContent(), '产教融合政策申报测算', 'still the start page');
  assert.equal(await page.locator('chanjiao-widget button.button', { hasText: '继续上次填写' }).count(), 0, 'nothing left to continue');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('chanjiao')).length), 0);
  await context.close();
});

test('a host whose CSP forbids WebAssembly: the citizen is told plainly, the web team the directive, no useless retry', async () => {
  const strict = await start(0, [], "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'");
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(strict.url);
  const panel = page.locator('chanjiao-widget .cj-failed');
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /本页面的安全设置不允许运行测算工具/);
  assert.match(text, /security settings do not let the calculator run/);
  assert.doesNotMatch(text, /WebAssembly|CompileError|unsafe-eval/, 'no raw browser error for citizens');
  assert.equal(await page.locator('chanjiao-widget .cj-failed button').count(), 0, 'trying again cannot fix a CSP');
  assert.equal(await panel.evaluate((el) => getComputedStyle(el).borderTopColor), 'rgb(179, 38, 30)', 'styled inside the shadow root');
  assert.ok(consoleErrors.some((m) => m.includes("'wasm-unsafe-eval'")), consoleErrors.join(' | '));
  await context.close();
  await strict.close();
});

test("a file the server answers wrongly is the site's setup, told apart from a dropped connection, and the console names it", async () => {
  const cases = [
    // A single-page app's server answers a missing file with its index.html.
    ['an HTML page', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>portal</title>' }), true],
    ['a 404', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }), true],
    ['bytes that are not WebAssembly', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'GIF89a' }), true],
    ['a dropped connection', (route) => route.abort('connectionreset'), false],
  ];
  for (const [what, answer, setup] of cases) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.route('**/chanjiao_first_bg.wasm', answer);
    await page.goto(server.url);
    const panel = page.locator('chanjiao-widget .cj-failed');
    await panel.waitFor();
    const text = await panel.innerText();
    const retry = await page.locator('chanjiao-widget .cj-failed button').count();
    if (setup) {
      assert.match(text, /网站的配置问题，不是您的网络问题/, what);
      assert.match(text, /problem with the site's setup, not with your connection/, what);
      assert.doesNotMatch(text, /网络中断/, `${what}: not blamed on the network`);
      assert.equal(retry, 0, `${what}: trying again cannot help`);
    } else {
      assert.match(text, /可能是网络中断/, what);
      assert.equal(retry, 1, `${what}: it can be tried again`);
    }
    assert.ok(
      errors.some((e) => e.startsWith('chanjiao:') && e.includes(`${server.url}pkg/chanjiao_first_bg.wasm`)),
      `${what}: the console names the file: ${errors.join(' | ')}`,
    );
    await context.close();
  }
});

test("a forms module the server answers wrongly: the forms page says it is the site's setup, without \"try again\"", async () => {
  const { page, context } = await openPage();
  await page.route('**/pdf/chanjiao_pdf_bg.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
  await importToResults(page, join(ROOT, 'examples/enterprise.json'));
  await page.locator('chanjiao-widget section.result button', { hasText: '准备此项申请表' }).first().click();
  await settle(page);
  await page.locator('chanjiao-widget #cj-applicant-name').fill('泉州市恒达鞋业有限公司');
  await page.locator('chanjiao-widget #cj-applicant-id_number').fill('91330100799655058B');
  await page.locator('chanjiao-widget button[type=submit]', { hasText: '生成申请表' }).click();
  const status = page.locator('chanjiao-widget .pdf-status', { hasText: '未能生成' });
  await status.waitFor({ timeout: 60_000 });
  const text = await status.innerText();
  assert.match(text, /网站的配置问题，不是您的网络问题/, text);
  assert.doesNotMatch(text, /请再试一次/, text);
  assert.match(text, /您填写的内容都已保留/, text);
  await context.close();
});

test('the element and mount() work side by side: several widgets, independent', async () => {
  const { page, context } = await openPage();
  await page.evaluate(async () => {
    const extra = document.createElement('div');
    extra.id = 'second';
    document.querySelector('article').append(extra);
    const { mount } = await import('/pkg/chanjiao.js');
    window.second = await mount(extra, { lang: 'en', types: 'IND-WORKER', date: '2025-06-30', draftKeyPrefix: 'second.' });
  });
  await settle(page);
  await page.locator('#second >> text=Start now').click();
  await settle(page);
  // The second widget offers only workers, so it skips the type question and asks the other roles.
  assert.match(await page.locator('#second h1').textContent(), /Your other roles/);
  assert.match(await page.locator('chanjiao-widget h1').first().textContent(), /产教融合政策申报测算/);
  await page.evaluate(() => window.second.unmount());
  await settle(page);
  assert.equal(await page.locator('#second h1').count(), 0);
  await context.close();
});

for (const lang of ['zh-CN', 'en']) {
  test(`axe-core finds no WCAG 2.1 A/AA violation on any step (${lang})`, async () => {
    const answers = enterpriseAsAsked();
    const { page, context } = await openPage({ lang, bypassCSP: true });
    const found = [];
    const check = async (name) => {
      const v = await axe(page, 'chanjiao-widget');
      if (v.length) found.push(`${name}: ${v.join(' | ')}`);
    };
    await walk(page, answers, lang === 'en' ? EN : ZH, check);
    await tabToButton(page, lang === 'en' ? 'See the results' : '查看结果');
    await page.keyboard.press('Enter');
    await settle(page);
    await check('results');
    if (lang === 'en') await shot(page, 'enterprise-en-results');
    // The forms page, plain and with its errors shown.
    await page.locator('chanjiao-widget .apply-block button').click();
    await settle(page);
    await check('forms');
    await page.locator('chanjiao-widget button[type=submit]').click();
    await settle(page);
    await check('forms with errors');
    if (lang === 'en') await shot(page, 'enterprise-en-forms-errors');
    await page.locator('chanjiao-widget button.secondary', { hasText: lang === 'en' ? 'Back to the results' : '返回结果' }).click();
    await settle(page);
    // An error state too.
    await page.getByText(lang === 'en' ? 'Start again' : '重新开始').click();
    await settle(page);
    await page.locator('chanjiao-widget button[type=submit]').click();
    await settle(page);
    await check('error');
    assert.deepEqual(found, []);
    await context.close();
  });
}
