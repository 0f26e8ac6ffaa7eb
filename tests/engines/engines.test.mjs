// The widget in the other two browser engines citizens use: Firefox (ESR, driven
// by puppeteer-core over WebDriver BiDi) and WebKit (WebKitGTK's MiniBrowser,
// driven by WebKitWebDriver on Xvfb through selenium-webdriver), all from
// Debian's packages. Chromium runs the full suite in tests/browser/; here each
// engine runs what must hold everywhere: a keyboard walkthrough with the totals
// of `chanjiao evaluate`, no CSP violation and no request off the origin, a
// draft that survives a reload, the host's hostile CSS kept out, and a PDF that
// downloads and verifies. Each test's name starts with its engine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { Builder, Key } from 'selenium-webdriver';
import { start } from '../../scripts/serve.mjs';
import { enterpriseAsAsked } from '../shared/answers.mjs';
import { readFields } from '../shared/fields.mjs';
import { cliWorkbook, readBook } from '../shared/workbook.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const ON = '2025-06-30';
const CHANJIAO = join(ROOT, 'target/debug/chanjiao');
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
mkdirSync(ARTIFACTS, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` is true, polling; fails naming `what`. */
async function until(what, check, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Firefox through puppeteer-core: one browser, a fresh context per page. */
async function firefox(downloads) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/pdf,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv',
      'pdfjs.disabled': true,
      // The downloads panel opens over the page after a download and takes the
      // keys a later test presses there.
      'browser.download.alwaysOpenPanel': false,
      'browser.download.panel.shown': true,
    },
  });
  return {
    async open(url) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1100, height: 1000 });
      await page.goto(url);
      return {
        eval: (fn, arg) => page.evaluate(fn, arg),
        press: async (key) => {
          if (key !== 'Shift+Tab') return page.keyboard.press(key === 'Space' ? ' ' : key);
          await page.keyboard.down('Shift');
          await page.keyboard.press('Tab');
          await page.keyboard.up('Shift');
        },
        type: (text) => page.keyboard.type(text),
        reload: () => page.reload(),
        shot: (path) => page.screenshot({ path, fullPage: true }),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

const SELENIUM_KEYS = { Tab: Key.TAB, Enter: Key.ENTER, Space: Key.SPACE, ArrowDown: Key.ARROW_DOWN, Home: Key.HOME };

/** WebKitGTK: Xvfb, WebKitWebDriver and a MiniBrowser session per page. */
async function webkit(downloads) {
  const display = `:${90 + Math.floor(Math.random() * 9)}`;
  const home = mkdtempSync(join(tmpdir(), 'chanjiao-webkit-'));
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1100x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const port = 4400 + Math.floor(Math.random() * 500);
  await sleep(500);
  // MiniBrowser saves downloads to the XDG download folder, which is set here.
  const env = { ...process.env, DISPLAY: display, HOME: home, XDG_DOWNLOAD_DIR: downloads, XDG_CONFIG_HOME: join(home, '.config') };
  mkdirSync(join(home, '.config'), { recursive: true });
  writeFileSync(join(home, '.config', 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], { env, stdio: 'ignore' });
  await sleep(1000);
  const caps = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } };
  return {
    async open(url) {
      const d = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(caps).build();
      await d.manage().window().setRect({ width: 1100, height: 1000 });
      await d.get(url);
      return {
        eval: (fn, arg) => d.executeScript(`return (${fn})(arguments[0]);`, arg),
        press: (key) =>
          key === 'Shift+Tab' ? d.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform() : d.actions().sendKeys(SELENIUM_KEYS[key] ?? key).perform(),
        type: (text) => d.actions().sendKeys(text).perform(),
        reload: () => d.navigate().refresh(),
        shot: async (path) => writeFileSync(path, Buffer.from(await d.takeScreenshot(), 'base64')),
        close: () => d.quit(),
      };
    },
    close: async () => {
      driver.kill();
      xvfb.kill();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A frame and a moment, for Yew to render after an event. */
const settle = (page) => page.eval(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 40))));

/** Opens the demo page with the widget evaluating as of ON, its start page shown. */
async function openDemo(engine, url) {
  const page = await engine.open(url);
  await page.eval((on) => document.querySelector('chanjiao-widget').setAttribute('date', on), ON);
  await until('the start page', () => page.eval(() => !!document.querySelector('chanjiao-widget')?.shadowRoot?.querySelector('.cj-root h1')));
  await settle(page);
  return page;
}

/** Opens the demo page with its widget replaced by one with these attributes (a
 *  policy pack is read when the element connects), its start page shown. */
async function openWith(engine, url, attributes) {
  const page = await engine.open(url);
  await page.eval((attrs) => {
    const old = document.querySelector('chanjiao-widget');
    const w = document.createElement('chanjiao-widget');
    for (const [k, v] of Object.entries(attrs)) w.setAttribute(k, v);
    old.replaceWith(w);
  }, attributes);
  await until('the start page', () => page.eval(() => !!document.querySelector('chanjiao-widget')?.shadowRoot?.querySelector('.cj-root h1')));
  await settle(page);
  return page;
}

/** The results page's text as shown (innerText skips closed disclosures). */
const shownText = (page, selector) =>
  page.eval((sel) => [...document.querySelector('chanjiao-widget').shadowRoot.querySelectorAll(sel)].map((el) => el.innerText).join('\n'), selector);

const heading = (page) => page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.querySelector('.cj-root h1')?.textContent.trim() ?? '');

/**
 * Imports an answers file on the start page as the file chooser would: a File
 * set on the widget's file input, then its change event. (Each engine's driver
 * uploads into a shadow root differently; this is the same in all three.)
 */
async function importFile(page, path) {
  await page.eval(
    ({ text, name }) => {
      const input = document.querySelector('chanjiao-widget').shadowRoot.querySelector('#cj-import');
      const files = new DataTransfer();
      files.items.add(new File([text], name, { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { text: readFileSync(path, 'utf8'), name: path.replace(/^.*\//, '') },
  );
  await until('the import', () => page.eval(() => /已导入答案/.test(document.querySelector('chanjiao-widget').shadowRoot.querySelector('.notice')?.textContent ?? '')));
  // Pages the file fills are continued through to the check page.
  for (let guard = 0; guard < 40 && !/核对您的回答/.test(await heading(page)); guard++) {
    await clickButton(page, '继续');
  }
}

/** Clicks the widget's button that starts with `text`, and waits a frame. */
async function clickButton(page, text) {
  const found = await page.eval((label) => {
    const button = [...document.querySelector('chanjiao-widget').shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim().startsWith(label));
    button?.click();
    return Boolean(button);
  }, text);
  assert.ok(found, `a button "${text}"`);
  await settle(page);
}

/**
 * Presses Tab until the focus in the widget passes `check` (given the active
 * element's id and text); Shift+Tab instead when `id` names an element above
 * the focus, as a keyboard user goes back up rather than round the window.
 */
async function tabTo(page, what, check, id = null) {
  const above = id
    ? await page.eval((target) => {
        const root = document.querySelector('chanjiao-widget').shadowRoot;
        const el = root.getElementById(target);
        const active = root.activeElement;
        return Boolean(el && active && el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
      }, id)
    : false;
  for (let i = 0; i < 80; i++) {
    await page.press(above ? 'Shift+Tab' : 'Tab');
    const active = await page.eval(() => {
      const el = document.querySelector('chanjiao-widget').shadowRoot.activeElement;
      return el ? { id: el.id, tag: el.tagName, text: el.textContent.trim() } : null;
    });
    if (active && check(active)) return;
  }
  throw new Error(`could not reach ${what} with Tab`);
}

const tabToId = (page, id) => tabTo(page, `#${id}`, (a) => a.id === id, id);
const tabToButton = (page, text) => tabTo(page, `button "${text}"`, (a) => a.tag === 'BUTTON' && a.text.startsWith(text));

/** The fields on the page: id, kind, options, the checked radio and the value. */
const fieldsOnPage = (page) => page.eval(readFields);

/** An answer as typed: 是/否, and money in plain digits (typing 万 differs between engines' drivers). */
function asTyped(value) {
  if (value === true) return '是';
  if (value === false) return '否';
  const text = String(value);
  const wan = /^(\d+)万$/.exec(text);
  return wan ? String(Number(wan[1]) * 10_000) : text;
}

/** Answers one field by keyboard alone, then checks the widget holds it. */
async function answer(page, field, value) {
  const text = asTyped(value);
  await tabToId(page, `cj-${field.id}`);
  if (field.kind === 'text') {
    await page.type(text);
  } else {
    const index = field.options.indexOf(text);
    assert.ok(index >= 0, `${field.id}: no option ${text}`);
    if (field.kind === 'radio') {
      // Tab enters the group at its first radio; Space checks it, arrows move and check.
      if (index === 0) await page.press('Space');
      for (let i = 0; i < index; i++) await page.press('ArrowDown');
    } else {
      await page.press('Home');
      await settle(page);
      for (let i = 0; i < index; i++) {
        await page.press('ArrowDown');
        await settle(page);
      }
    }
  }
  await settle(page);
  const now = (await fieldsOnPage(page)).find((f) => f.id === field.id);
  assert.equal(now?.value, text, `${field.id} answered by keyboard`);
}

/** From the start page, answers every page by keyboard until the check page,
 *  or until the field `stop` is next to answer. */
async function walk(page, answers, shots, stop = null) {
  const onStart = await page.eval(() => [...document.querySelector('chanjiao-widget').shadowRoot.querySelectorAll('button')].some((b) => b.textContent.trim() === '开始'));
  if (onStart) {
    await page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.querySelector('.cj-root h1').focus());
    await tabToButton(page, '开始');
    await page.press('Enter');
    await settle(page);
  }
  for (let step = 1; step < 40; step++) {
    const done = new Set();
    for (;;) {
      const next = (await fieldsOnPage(page)).find((f) => !done.has(f.id));
      if (!next) break;
      if (next.id === stop) return;
      done.add(next.id);
      assert.ok(next.id in answers, `asked ${next.id}, which the answers do not hold`);
      // A field answered on an earlier visit of the same topic keeps its answer.
      if (next.value !== asTyped(answers[next.id])) await answer(page, next, answers[next.id]);
    }
    if (done.size === 0) return;
    if (shots) await shots(step);
    await tabToButton(page, '继续');
    await settle(page);
    await page.press('Enter');
    await settle(page);
    const problem = await page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.querySelector('.error-summary')?.textContent ?? '');
    assert.equal(problem, '', `Continue was refused on step ${step}`);
  }
  throw new Error('the walk did not end');
}

/** Every resource the page fetched is the widget's origin's; no CSP violation, no script error. */
async function clean(page, origin) {
  const seen = await page.eval(() => ({
    urls: performance.getEntriesByType('resource').map((e) => e.name),
    csp: window.__csp ?? null,
    errors: window.__errors ?? null,
  }));
  assert.ok(seen.urls.length > 2, 'the resources are listed');
  for (const url of seen.urls) assert.ok(url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'), `a request to another origin: ${url}`);
  assert.deepEqual(seen.csp, [], 'no securitypolicyviolation');
  assert.deepEqual(seen.errors, [], 'no script error');
}

const ENGINES = { firefox, webkit };

for (const [name, launch] of Object.entries(ENGINES)) {
  describe(name, () => {
    let server;
    let engine;
    let downloads;
    before(async () => {
      server = await start(0, [['/packs/', join(ROOT, 'examples/policy')]]);
      downloads = mkdtempSync(join(tmpdir(), `chanjiao-${name}-downloads-`));
      engine = await launch(downloads);
    });
    after(async () => {
      await engine?.close();
      await server?.close();
      rmSync(downloads, { recursive: true, force: true });
    });

    test(`${name}: a keyboard walkthrough gives the totals of \`chanjiao evaluate\`, with no CSP violation and nothing off the origin`, async () => {
      const page = await openDemo(engine, server.url);
      try {
        await walk(page, enterpriseAsAsked());
        assert.match(await heading(page), /核对您的回答/);
        await tabToButton(page, '查看结果');
        await page.press('Enter');
        await settle(page);
        assert.match(await heading(page), /测算结果/);
        await page.shot(join(ARTIFACTS, `${name}-enterprise-results.png`));
        const cli = JSON.parse(execFileSync(CHANJIAO, ['evaluate', '--answers', join(ROOT, 'examples/enterprise.json'), '--on', ON, '--format', 'json']));
        const events = await page.eval(() => window.chanjiaoResults ?? []);
        assert.deepEqual(events.at(-1)?.totals, cli.totals, 'the widget totals equal the CLI totals');
        await clean(page, new URL(server.url).origin);
      } finally {
        await page.close();
      }
    });

    test(`${name}: results that rest on an illustrative pack open with a banner that says so, before any figure`, async () => {
      const pack = readFileSync(join(ROOT, 'examples/policy/example-successor-2026.json'));
      const page = await openWith(engine, server.url, {
        lang: 'zh-CN',
        date: '2026-06-30',
        'draft-key-prefix': `${name}-illustrative.`,
        policy: '/packs/example-successor-2026.json',
        'policy-integrity': `sha384-${createHash('sha384').update(pack).digest('base64')}`,
      });
      try {
        assert.match(await shownText(page, '.cj-root p'), /泉政办规〔2022〕8号）及 示例〔2026〕1号（示例，非真实政策）/, 'the start page names the illustration first');
        await walk(page, enterpriseAsAsked());
        await tabToButton(page, '查看结果');
        await page.press('Enter');
        await settle(page);
        assert.match(await heading(page), /测算结果/);
        const order = await page.eval(() =>
          [...document.querySelector('chanjiao-widget').shadowRoot.querySelectorAll('.cj-root h1, .cj-root .warning.illustrative, .cj-root .totals, .cj-root .tag')]
            .slice(0, 3)
            .map((el) => el.className || el.tagName),
        );
        assert.deepEqual(order, ['H1', 'warning illustrative', 'totals']);
        assert.match(await shownText(page, '.warning.illustrative'), /示例政策，非真实结果[\s\S]*示例〔2026〕1号[\s\S]*不能用于申请/);
        await page.shot(join(ARTIFACTS, `${name}-illustrative-results.png`));
        const events = await page.eval(() => window.chanjiaoResults ?? []);
        assert.equal(events.at(-1)?.illustrative, true);
      } finally {
        await page.close();
      }
    });

    test(`${name}: after expiry, only what can be claimed is "to submit"; what is open names the office to ask first`, async () => {
      const page = await openWith(engine, server.url, { lang: 'zh-CN', date: '2026-06-30', 'draft-key-prefix': `${name}-expired.` });
      try {
        await walk(page, enterpriseAsAsked());
        await tabToButton(page, '查看结果');
        await page.press('Enter');
        await settle(page);
        const block = await shownText(page, '.apply-block');
        assert.match(block, /可为 1 项生成预填好的申请表/, block);
        assert.match(block, /另有 4 项暂无法确定或需人工认定：请先向下面各项所写的受理单位咨询/, block);
        const card = await shownText(page, 'section.result:has(#cj-r-graduate-hiring-subsidy)');
        assert.match(card, /暂无法确定[\s\S]*请先向市人社局咨询能否申请/, card);
        await page.shot(join(ARTIFACTS, `${name}-after-expiry-results.png`));
      } finally {
        await page.close();
      }
    });

    test(`${name}: Enter in a field that reveals the next moves the focus to it, with no error`, async () => {
      const page = await openDemo(engine, server.url);
      try {
        const answers = enterpriseAsAsked();
        const problem = () => page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.querySelector('.error-summary')?.textContent ?? '');
        const active = () => page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.activeElement?.id ?? '');
        // Revenue reveals the employees; the graduates' count reveals the hiring date.
        for (const field of ['ent_revenue', 'graduates_hired']) {
          await walk(page, answers, null, field);
          const before = (await fieldsOnPage(page)).map((f) => f.id);
          await tabToId(page, `cj-${field}`);
          await page.type(asTyped(answers[field]));
          await settle(page);
          const fields = await fieldsOnPage(page);
          const revealed = fields.filter((f) => !before.includes(f.id));
          assert.ok(revealed.length > 0, `${field} reveals a question`);
          await page.press('Enter');
          await settle(page);
          assert.equal(await problem(), '', `Enter after ${field}: no error`);
          assert.equal(await active(), `cj-${revealed[0].id}`, `the focus is on the question ${field} revealed`);
          if (revealed[0].kind === 'text') {
            // Enter again with it still empty: now it is unanswered.
            await page.press('Enter');
            await settle(page);
            assert.match(await problem(), /请修改以下问题/);
          }
          await page.shot(join(ARTIFACTS, `${name}-enter-revealed-${field}.png`));
          // The next walk answers the rest of this page and goes on.
        }
      } finally {
        await page.close();
      }
    });

    test(`${name}: a year removed by keyboard keeps the check page whole, the focus on its heading and the step count exact`, async () => {
      const page = await openDemo(engine, server.url);
      try {
        const { years, ...given } = JSON.parse(readFileSync(join(ROOT, 'examples/enterprise-years.json'), 'utf8'));
        await walk(page, { ...enterpriseAsAsked(), ...given, ...years['2024'], b1_investment_year: 2024 });
        const caption = () => shownText(page, '.cj-root p.caption');
        await tabToButton(page, '添加此年度');
        await page.press('Enter');
        await settle(page);
        assert.match(await heading(page), /2025 年度的情况/);
        await walk(page, years['2025']);
        assert.match(await heading(page), /核对您的回答/);
        await tabTo(page, 'the remove-year button', (a) => a.tag === 'BUTTON' && a.text.startsWith('删除此年度'));
        await page.press('Enter');
        await settle(page);
        const state = await page.eval(() => {
          const root = document.querySelector('chanjiao-widget').shadowRoot;
          return {
            active: root.activeElement?.tagName ?? 'BODY',
            years: [...root.querySelectorAll('section.year h2')].map((h) => h.textContent.trim()),
            add: [...root.querySelectorAll('button')].some((b) => b.textContent.trim() === '添加此年度'),
            text: root.textContent,
          };
        });
        assert.equal(state.active, 'H1', 'the focus is on the heading, not lost');
        assert.deepEqual(state.years, ['2024 年度'], 'the year left keeps its label');
        assert.ok(state.add, 'a year can be added again');
        assert.match(state.text, /已删除 2025 年度的情况/);
        assert.doesNotMatch(state.text, /申报抵免的投资发生年度/, 'nothing of the year moves into the answers as a fact of no year');
        assert.doesNotMatch(state.text, /删除此年度/, 'the only year left cannot be removed');
        const [, step, total] = /第 (\d+) 步，共 (\d+) 步/.exec(await caption()) ?? [];
        assert.equal(Number(total), Number(step) + 1, 'an exact count, the results next');
        await page.shot(join(ARTIFACTS, `${name}-year-removed.png`));
      } finally {
        await page.close();
      }
    });

    test(`${name}: graduates hired in two years, given as two groups by keyboard: each goes to its year, the steps count on by one, the totals of the years file`, async () => {
      const file = join(ROOT, 'examples/enterprise-years.json');
      const { years, ...given } = JSON.parse(readFileSync(file, 'utf8'));
      // One year's interview, as a person starts it; 2025's hires are a second group on the hiring page.
      const answers = { ...given, ...years['2024'], b1_investment_year: 2024 };
      const page = await openDemo(engine, server.url);
      try {
        const caption = async () => (/第 (\d+) 步，共 (\d+) 步/.exec(await shownText(page, '.cj-root p.caption')) ?? []).slice(1).map(Number);
        const active = () => page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.activeElement?.id ?? '');
        const steps = [];
        let foldedAt = -1;
        let notice = '';
        await walk(page, answers, async () => {
          steps.push(await caption());
          if (foldedAt >= 0 && steps.length - 1 === foldedAt + 1) notice = await shownText(page, '.notice');
          const ids = (await fieldsOnPage(page)).map((f) => f.id);
          if (!ids.includes('graduates_hired_on') || /年度的情况/.test(await heading(page))) return;
          await tabToButton(page, '添加另一批');
          await page.press('Enter');
          await settle(page);
          assert.equal(await active(), 'cj-cohort-0-count', 'the new group takes the focus');
          await page.type(String(years['2025'].graduates_hired));
          await page.press('Tab');
          assert.equal(await active(), 'cj-cohort-0-date');
          await page.type(years['2025'].graduates_hired_on);
          await settle(page);
          await page.shot(join(ARTIFACTS, `${name}-graduates-two-groups.png`));
          // The pages after this one that ask a year's facts are 2025's.
          Object.assign(answers, years['2025']);
          foldedAt = steps.length - 1;
        });
        assert.match(await heading(page), /核对您的回答/);
        steps.push(await caption());
        // The page after the groups says where they went; the year's facts given
        // on earlier pages are now one year's page, and the steps count on from there.
        assert.match(notice, /2024 年度 23 人，2025 年度 15 人/);
        for (let i = 1; i < steps.length; i++) {
          if (i === foldedAt + 1) assert.ok(steps[i][0] <= steps[i - 1][0] + 1, `steps: ${JSON.stringify(steps)}`);
          else assert.equal(steps[i][0], steps[i - 1][0] + 1, `steps: ${JSON.stringify(steps)}`);
          if (i > foldedAt + 1) assert.equal(steps[i][1], steps[i - 1][1], `the total holds: ${JSON.stringify(steps)}`);
        }
        assert.equal(steps.at(-1)[1], steps.at(-1)[0] + 1, 'an exact count, the results next');
        assert.match(await shownText(page, 'section.year:has(#cj-check-2025)'), /吸纳应届高校毕业生人数\s*15/);
        await clickButton(page, '查看结果');
        await until('the results', async () => /测算结果/.test(await heading(page)));
        const cli = JSON.parse(execFileSync(CHANJIAO, ['evaluate', '--answers', file, '--on', ON, '--format', 'json']));
        const cash = await page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.querySelector('.totals')?.getAttribute('data-cash-exact'));
        assert.equal(cash, cli.totals.cash_exact, 'the totals of the years file');
      } finally {
        await page.close();
      }
    });

    test(`${name}: a years file with a year still to come is not refused: the year before evaluated, the later one said to be in the future`, async () => {
      const file = join(ROOT, 'examples/enterprise-years.json');
      const page = await openWith(engine, server.url, { lang: 'zh-CN', date: '2024-12-20' });
      try {
        await importFile(page, file);
        assert.match(await heading(page), /核对您的回答/, 'not refused: the check page');
        await clickButton(page, '查看结果');
        await until('the results', async () => /测算结果/.test(await heading(page)));
        assert.match(await shownText(page, 'section.year:has(#cj-year-2025)'), /2025 年度晚于评估日期 2024-12-20，尚未发生，未作测算/);
        const cli = JSON.parse(execFileSync(CHANJIAO, ['evaluate', '--answers', file, '--on', '2024-12-20', '--format', 'json']));
        assert.deepEqual(cli.future, [2025]);
        const cash = await page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.querySelector('.totals')?.getAttribute('data-cash-exact'));
        assert.equal(cash, cli.totals.cash_exact, 'the totals of the CLI, the future year left out');
        await page.shot(join(ARTIFACTS, `${name}-years-future.png`));
      } finally {
        await page.close();
      }
    });

    test(`${name}: the forms page offers every year's forms`, async () => {
      const page = await openWith(engine, server.url, { lang: 'zh-CN', date: ON });
      try {
        await importFile(page, join(ROOT, 'examples/enterprise-years.json'));
        await clickButton(page, '查看结果');
        await until('the results', async () => /测算结果/.test(await heading(page)));
        const offered = Number((await shownText(page, '.apply-block p')).match(/可为 (\d+) 项/)?.[1]);
        await clickButton(page, '准备申请表');
        await until('the forms page', async () => /准备申请表/.test(await heading(page)));
        const labels = await page.eval(() => [...document.querySelector('chanjiao-widget').shadowRoot.querySelectorAll('#cj-forms label.choice')].map((l) => l.innerText.trim()));
        assert.ok(labels.some((l) => l.startsWith('2024 年度 · ')) && labels.some((l) => l.startsWith('2025 年度 · ')), labels.join(' | '));
        assert.ok(labels.length >= offered, `at least the ${offered} forms the results offer: ${labels.join(' | ')}`);
        await page.shot(join(ARTIFACTS, `${name}-years-forms.png`));
      } finally {
        await page.close();
      }
    });

    test(`${name}: a draft survives a reload, and "continue" resumes it`, async () => {
      const page = await openDemo(engine, server.url);
      try {
        await walk(page, { applicant_type: 'IND-GRAD', also_worker: false, also_teacher: false, seeking_job_in_quanzhou: true, prep_technician_graduate: true, nights_needed: '4', from_partner_region: false });
        await page.reload();
        await page.eval((on) => document.querySelector('chanjiao-widget').setAttribute('date', on), ON);
        await until('the resume offer', () => page.eval(() => /继续上次填写/.test(document.querySelector('chanjiao-widget')?.shadowRoot?.textContent ?? '')));
        await settle(page);
        await tabToButton(page, '继续上次填写');
        await page.press('Enter');
        await settle(page);
        assert.match(await heading(page), /核对您的回答/, 'resumed where it was left');
        const text = await page.eval(() => document.querySelector('chanjiao-widget').shadowRoot.textContent);
        assert.match(text, /求职期间需要住宿的晚数\s*4/);
      } finally {
        await page.close();
      }
    });

    test(`${name}: the host's hostile CSS changes nothing inside the widget`, async () => {
      const page = await openDemo(engine, server.url);
      try {
        const styles = () =>
          page.eval(() => {
            const root = document.querySelector('chanjiao-widget').shadowRoot;
            const props = ['font-size', 'font-family', 'color', 'background-color', 'line-height', 'letter-spacing', 'text-align', 'border-top-width', 'padding-top', 'margin-top', 'text-transform'];
            return [...root.querySelectorAll('.cj, .cj h1, .cj p, .cj .button, .cj .link, .cj label')].map(
              (el) => `${el.tagName}.${el.className}: ` + props.map((p) => `${p}=${getComputedStyle(el).getPropertyValue(p)}`).join('; '),
            );
          });
        const hostile = await styles();
        const outside = () => page.eval(() => getComputedStyle(document.querySelector('h1, h2, p')).getPropertyValue('font-family'));
        const hostFont = await outside();
        await page.eval(() => document.querySelector('link[rel=stylesheet]').remove());
        await settle(page);
        assert.ok(hostile.length > 5);
        assert.deepEqual(hostile, await styles());
        assert.notEqual(hostFont, await outside(), "the host's rules do reach the page outside the widget, so the check can fail");
      } finally {
        await page.close();
      }
    });

    test(`${name}: an application form downloads as a PDF that \`chanjiao verify\` accepts`, async () => {
      const page = await openDemo(engine, server.url);
      try {
        await walk(page, enterpriseAsAsked());
        await tabToButton(page, '查看结果');
        await page.press('Enter');
        await settle(page);
        await tabTo(page, 'the A11 form button', (a) => a.tag === 'BUTTON' && a.text.startsWith('准备此项申请表') && a.text.endsWith('民营企业吸纳应届高校毕业生一次性补贴'));
        await page.press('Enter');
        await settle(page);
        assert.match(await heading(page), /准备申请表/);
        await tabToId(page, 'cj-applicant-name');
        await page.type('Quanzhou Hengda Shoes Co Ltd');
        await tabToId(page, 'cj-applicant-id_number');
        await page.type('91330100799655058B');
        const before = new Set(readdirSync(downloads));
        await tabToButton(page, '生成申请表');
        await page.press('Enter');
        let file = null;
        await until('the PDF in the downloads folder', () => {
          file = readdirSync(downloads).find((f) => !before.has(f) && f.endsWith('.pdf'));
          return Boolean(file) && !existsSync(join(downloads, `${file}.part`));
        }, 60_000);
        await until('the status "made"', () => page.eval(() => /已生成/.test(document.querySelector('chanjiao-widget').shadowRoot.textContent)));
        const pdf = join(downloads, file);
        await until('the file written whole', () => readFileSync(pdf).subarray(-6).includes('%%EOF'));
        assert.ok(readFileSync(pdf).subarray(0, 5).equals(Buffer.from('%PDF-')));
        const verified = JSON.parse(execFileSync(CHANJIAO, ['verify', pdf, '--format', 'json'], { encoding: 'utf8' }));
        assert.equal(verified.all_match, true, JSON.stringify(verified));
        assert.equal(verified.items[0].computed.amount, 'exact:23000');
      } finally {
        await page.close();
      }
    });

    test(`${name}: the officer's workbench screens a workbook in its worker, filters it, and downloads the results \`chanjiao batch\` writes and the forms as one ZIP`, async () => {
      const list = join(ROOT, 'docs/batch/applicants.xlsx');
      const [records, evaluated, failed] = cliWorkbook(list, join(ARTIFACTS, `${name}-office-cli.xlsx`), ON);
      const page = await engine.open(new URL('office.html', server.url).href);
      const office = (fn, arg) => page.eval(fn, arg);
      try {
        await until('the workbench', () => office(() => !!document.querySelector('chanjiao-office')?.shadowRoot?.querySelector('#file')));
        // The file chosen as the chooser would set it (the same in every engine).
        await office(
          ({ b64, name: file }) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const input = document.querySelector('chanjiao-office').shadowRoot.querySelector('#file');
            const files = new DataTransfer();
            files.items.add(new File([bytes], file));
            input.files = files.files;
            input.dispatchEvent(new Event('change', { bubbles: true }));
          },
          { b64: readFileSync(list).toString('base64'), name: 'applicants.xlsx' },
        );
        const said = `已按 ${ON} 筛查 applicants.xlsx（工作表“申请人”），共 ${records} 条记录：${evaluated} 条得出结果，${failed} 条为错误行`;
        await until('the list screened', () => office((text) => document.querySelector('chanjiao-office').shadowRoot.querySelector('[role=status]').textContent.includes(text), said), 60_000);
        await until('the table', () => office((n) => document.querySelector('chanjiao-office').shadowRoot.querySelectorAll('#results-table tbody tr').length === n, records));
        // A11's eligible applicants: as many rows as the summary counts.
        const counted = await office(() => {
          const root = document.querySelector('chanjiao-office').shadowRoot;
          const row = [...root.querySelectorAll('section table tr')].find((tr) => tr.querySelector('th[scope=row]')?.textContent.startsWith('A11 '));
          for (const [id, value] of [['entry', 'A11'], ['status', 'eligible']]) {
            const select = root.getElementById(id);
            select.value = value;
            select.dispatchEvent(new Event('change', { bubbles: true }));
          }
          return Number(row.querySelector('td').textContent);
        });
        assert.ok(counted > 0);
        await until('the filtered table', () => office((n) => document.querySelector('chanjiao-office').shadowRoot.querySelector('#results-table caption')?.textContent.includes(`共 ${n} 条`), counted));
        await page.shot(join(ARTIFACTS, `${name}-office.png`));
        // The workbook downloads, and reads back as the CLI's.
        const before = new Set(readdirSync(downloads));
        await office(() => document.querySelector('chanjiao-office').shadowRoot.querySelector('#download-xlsx').click());
        let file = null;
        await until('the workbook in the downloads folder', () => {
          file = readdirSync(downloads).find((f) => !before.has(f) && f.endsWith('.xlsx'));
          return Boolean(file) && !existsSync(join(downloads, `${file}.part`));
        }, 60_000);
        const saved = join(downloads, file);
        await until('the file written whole', () => {
          try {
            readBook(saved);
            return true;
          } catch {
            return false;
          }
        });
        const book = readBook(saved);
        const cli = readBook(join(ARTIFACTS, `${name}-office-cli.xlsx`));
        assert.deepEqual(book['结果'], cli['结果'], 'the same results as chanjiao batch');
        assert.deepEqual(book['错误行'], cli['错误行']);
        // The forms of every applicant the filters show, as one ZIP: a PDF each
        // that chanjiao verify accepts, and an index row for each one chosen.
        await office(() => document.querySelector('chanjiao-office').shadowRoot.querySelector('#select-all').click());
        await until('the applicants chosen', () => office((n) => document.querySelector('chanjiao-office').shadowRoot.querySelector('#forms-count').textContent === `已选 ${n} 位申请人。`, counted));
        const beforeZip = new Set(readdirSync(downloads));
        await office(() => document.querySelector('chanjiao-office').shadowRoot.querySelector('#download-forms').click());
        let zip = null;
        await until('the ZIP in the downloads folder', () => {
          zip = readdirSync(downloads).find((f) => !beforeZip.has(f) && f.endsWith('.zip'));
          return Boolean(zip) && !existsSync(join(downloads, `${zip}.part`));
        }, 120_000);
        const unpacked = join(ARTIFACTS, `${name}-office-forms`);
        rmSync(unpacked, { recursive: true, force: true });
        await until('the ZIP written whole', () => spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])', join(downloads, zip), unpacked]).status === 0);
        const index = readFileSync(join(unpacked, '清单.csv'), 'utf8').replace(/^\u{feff}/u, '').trim().split('\n').slice(1).map((l) => l.split(','));
        assert.equal(index.length, counted, 'an index row for each applicant chosen');
        const pdfs = index.filter((r) => r[3]);
        assert.ok(pdfs.length > 0, JSON.stringify(index));
        for (const r of pdfs) {
          const verified = JSON.parse(execFileSync(CHANJIAO, ['verify', join(unpacked, r[3]), '--format', 'json'], { encoding: 'utf8' }));
          assert.equal(verified.all_match, true, `${r[3]}: ${JSON.stringify(verified)}`);
          assert.ok(verified.items.some((i) => i.incentive === 'A11'), `${r[3]} holds the A11 form`);
        }
        // The workbook's 名册 sheet fills E0000001's A11 roster.
        const first = pdfs.find((r) => r[1] === 'E0000001');
        assert.ok(first, JSON.stringify(index));
        assert.ok(execFileSync('pdftotext', [join(unpacked, first[3]), '-'], { encoding: 'utf8' }).includes('林晓雯'), 'the roster of E0000001 from 名册');
        await clean(page, new URL(server.url).origin);
      } finally {
        await page.close();
      }
    });
  });
}
