// Renders the README's screenshot: the demo page, with the example small
// manufacturer's answers filled in, at the top of its results after the plan's
// expiry (as of 2026-06-30). Needs a built pkg/ and Debian's Chromium:
// node scripts/screenshot-demo.mjs
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from './serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const answers = JSON.parse(readFileSync(join(ROOT, 'examples/small-manufacturer.json'), 'utf8'));
const typed = (v) => (v === true ? '是' : v === false ? '否' : String(v));
const server = await start(0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 1500 } });
await page.goto(server.url);
await page.evaluate(() => document.querySelector('chanjiao-widget').setAttribute('date', '2026-06-30'));
const w = (sel) => page.locator(`chanjiao-widget ${sel}`);
await w('button.button').first().click();
for (let guard = 0; guard < 30; guard++) {
  const ids = await page.evaluate(() => [...document.querySelector('chanjiao-widget').shadowRoot.querySelectorAll('.field [id^="cj-"]:not([id$="-hint"]):not([id$="-error"])')].map((e) => e.id).filter((id) => !/-\d+$/.test(id)));
  if (!ids.length) break;
  for (const id of ids) {
    const q = id.slice(3);
    const el = w(`#${id}`);
    const tag = await el.evaluate((e) => `${e.tagName}:${e.type}`);
    if (tag === 'INPUT:radio') await w(`input[name="${id}"][value="${typed(answers[q])}"]`).check();
    else if (tag.startsWith('SELECT')) await el.selectOption(typed(answers[q]));
    else await el.fill(typed(answers[q]));
  }
  await w('button[type=submit]').click();
}
await w('button.button:has-text("查看结果")').click(); // check your answers → results
await page.locator('chanjiao-widget .totals').waitFor();
await page.evaluate(() => window.scrollTo(0, document.querySelector('chanjiao-widget').getBoundingClientRect().top + window.scrollY - 260));
await page.screenshot({ path: join(ROOT, 'docs/screenshot-demo.png'), fullPage: false });
await browser.close();
await server.close();
console.log('wrote docs/screenshot-demo.png');
