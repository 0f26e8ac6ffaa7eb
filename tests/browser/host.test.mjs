// The widget on the pages web teams really have: two widgets with no key
// prefix, a single-page app that swaps its views, and an old portal's scripts
// on `document`. Driven in Debian's Chromium under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, settle } from '../shared/chromium.mjs';
import { start } from '../../scripts/serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

let server;
let browser;

before(async () => {
  server = await start(0, [['/hosts/', join(ROOT, 'tests/browser/hosts')]]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const heading = async (page, host) => (await page.locator(`${host} h1`).first().textContent()).trim();
const drafts = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('.draft')).sort());

async function openTwo() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}hosts/two.html`);
  await page.locator('#a button.button', { hasText: '开始' }).waitFor();
  await page.locator('#b button.button', { hasText: '开始' }).waitFor();
  return { page, context, errors };
}

test('two widgets with no key prefix keep their own drafts and history: starting one leaves the other, Back moves one, a reload resumes each', async () => {
  const { page, context, errors } = await openTwo();
  // Widget A: an enterprise, one answer given.
  await page.locator('#a button.button', { hasText: '开始' }).click();
  await page.locator('#a input[value="ENT"]').check();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith('.draft')));
  const afterA = await drafts(page);
  assert.equal(afterA.length, 1, afterA.join(', '));
  // Widget B starts: A's draft stays.
  await page.locator('#b button.button', { hasText: '开始' }).click();
  await settle(page);
  await page.locator('#b input[type=radio], #b input[type=checkbox]').first().check();
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.endsWith('.draft')).length === 2);
  const both = await drafts(page);
  assert.ok(both.includes(afterA[0]), `A's draft kept: ${both.join(', ')}`);
  const aHeading = await heading(page, '#a');
  const bHeading = await heading(page, '#b');
  assert.doesNotMatch(aHeading, /产教融合政策申报测算/);
  // One browser Back moves the widget that moved last, and only it.
  await page.goBack();
  await page.locator('#b button.button', { hasText: '开始' }).waitFor();
  assert.equal(await heading(page, '#a'), aHeading, 'A did not move');
  assert.notEqual(await heading(page, '#b'), bHeading);
  // A reload: each widget offers its own draft.
  await page.reload();
  await page.locator('#a button.button', { hasText: '继续上次填写' }).waitFor();
  await page.locator('#b button.button', { hasText: '继续上次填写' }).waitFor();
  // A resumes its own answers: past the type question it answered, not B's.
  await page.locator('#a button.button', { hasText: '继续上次填写' }).click();
  await page.waitForFunction(() => !document.querySelector('#a').shadowRoot.querySelector('button.button[aria-disabled]') && document.querySelector('#a').shadowRoot.querySelector('.cj-root h1')?.textContent !== '产教融合政策申报测算');
  assert.match(await page.locator('#a .cj-root').innerText(), /企业|所在地|注册/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an old portal's handlers on document take neither Backspace nor Enter from the widget's fields", async () => {
  const { page, context } = await openTwo();
  await page.locator('#a button.button', { hasText: '开始' }).click();
  await page.locator('#a input[value="ENT"]').check();
  await page.locator('#a button[type=submit]', { hasText: '继续' }).click();
  await settle(page);
  // On to the first page with a text field, taking each question's first option.
  for (let guard = 0; guard < 8 && (await page.locator('#a input[type=text]').count()) === 0; guard++) {
    const names = await page.locator('#a input[type=radio]').evaluateAll((radios) => [...new Set(radios.map((r) => r.name))]);
    for (const name of names) await page.locator(`#a input[type=radio][name="${name}"]`).first().check();
    for (const select of await page.locator('#a select').all()) await select.selectOption({ index: 1 });
    await page.locator('#a button[type=submit]', { hasText: '继续' }).click();
    await settle(page);
  }
  // A text field: typed, then corrected with Backspace.
  const field = page.locator('#a input[type=text]').first();
  await field.waitFor();
  const before = await heading(page, '#a');
  await field.focus();
  await page.keyboard.type('1234');
  await page.keyboard.press('Backspace');
  assert.equal(await field.inputValue(), '123', 'Backspace deletes in the field');
  // Enter continues the widget's step (here to its error summary, or the next page).
  await page.keyboard.press('Enter');
  await settle(page);
  const changed = (await heading(page, '#a')) !== before || (await page.locator('#a .error-summary').count()) > 0;
  assert.ok(changed, 'Enter reached the widget');
  const taken = await page.evaluate(() => [window.portalBlocked, window.portalSearches]);
  assert.deepEqual(taken, [0, 0], "the portal's handlers never saw the widget's keys");
  // Outside the widget the portal's handlers still work as before.
  await page.locator('h2').first().click();
  await page.keyboard.press('Backspace');
  assert.equal(await page.evaluate(() => window.portalBlocked), 1, 'the portal still guards its own page');
  await context.close();
});

test('a single-page app that removes and adds the element 30 times keeps neither the widgets it removed nor their listeners', async () => {
  const { page, context } = await openTwo();
  const cdp = await context.newCDPSession(page);
  const cycle = (n) =>
    page.evaluate(async (times) => {
      for (let i = 0; i < times; i++) {
        const old = document.querySelector('#b');
        const next = document.createElement('chanjiao-widget');
        next.id = 'b';
        next.setAttribute('lang', 'zh-CN');
        next.setAttribute('date', '2025-06-30');
        next.setAttribute('types', 'IND-WORKER');
        old.replaceWith(next);
        // Mounted, and begun: the whole widget takes over from the first screen.
        const shown = async (test) => {
          for (let t = 0; t < 1000 && !test(); t++) await new Promise((r) => setTimeout(r, 10));
        };
        await shown(() => next.shadowRoot?.querySelector('.cj-root button.button'));
        next.shadowRoot.querySelector('.cj-root button.button').click();
        await shown(() => next.shadowRoot.querySelector('.cj-root h1')?.textContent === '您的其他身份' || next.shadowRoot.querySelector('.cj-root input[type=checkbox]'));
      }
    }, n);
  const counters = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return cdp.send('Memory.getDOMCounters');
  };
  await cycle(5);
  const early = await counters();
  await cycle(30);
  const late = await counters();
  console.log(`after 5 swaps: ${early.nodes} nodes, ${early.jsEventListeners} listeners; after 35: ${late.nodes} nodes, ${late.jsEventListeners} listeners`);
  // One widget is some hundred nodes, so thirty kept would be thousands. What
  // stays is Yew's: it keeps the element each app was mounted in (yew 0.23,
  // dom_bundle/subtree_root.rs, "this event handler is static"), empty, two per
  // swap (the first screen's and the whole widget's). Its listeners on them are
  // removed on unmount (lib.rs, Container), so none accumulate.
  assert.ok(late.nodes - early.nodes <= 30 * 2, `nodes grew from ${early.nodes} to ${late.nodes}`);
  assert.ok(late.jsEventListeners - early.jsEventListeners <= 3, `listeners grew from ${early.jsEventListeners} to ${late.jsEventListeners}`);
  await context.close();
});

test('a single-page app that leaves the widget and comes back by Back: one more Back leaves its old steps, not three', async () => {
  const { page, context } = await openTwo();
  // The app's own entries: home, then the calculator's view.
  await page.evaluate(() => {
    history.replaceState({ route: 'home' }, '');
    history.pushState({ route: 'calc' }, '');
    // The app re-creates the widget when Back returns to its view.
    addEventListener('popstate', () => {
      if (!document.querySelector('#a') && history.state?.route !== 'other') {
        const again = document.createElement('chanjiao-widget');
        again.id = 'a';
        again.setAttribute('lang', 'zh-CN');
        again.setAttribute('date', '2025-06-30');
        document.querySelector('h2').after(again);
      }
    });
  });
  // Two steps into the interview: each is an entry of the history.
  await page.locator('#a button.button', { hasText: '开始' }).click();
  await page.locator('#a input[value="ENT"]').check();
  await page.locator('#a button[type=submit]', { hasText: '继续' }).click();
  await settle(page);
  const marked = await page.evaluate(() => history.state?.chanjiao?.['']);
  assert.ok(marked >= 2, `the widget's step is marked: ${marked}`);
  // The app goes to another view, removing the widget; Back brings it back.
  await page.evaluate(() => {
    history.pushState({ route: 'other' }, '');
    document.querySelector('#a').remove();
  });
  await page.goBack();
  await page.locator('#a button.button', { hasText: '开始' }).waitFor();
  // One Back now leaves the widget's earlier steps for the app's home.
  await page.goBack();
  await page.waitForFunction(() => history.state?.route === 'home', null, { timeout: 5000 });
  await context.close();
});
