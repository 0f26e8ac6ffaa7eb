import { chromium } from 'playwright-core';
const URL = 'http://127.0.0.1:8123/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', deviceScaleFactor: 2, isMobile: true, hasTouch: true });
const page = await ctx.newPage();
page.on('console', m => console.log(`[console ${m.type()}] ${m.text()}`));
page.on('pageerror', e => console.log(`[pageerror] ${e}`));
const cdp = await ctx.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6/8, uploadThroughput: 0.75e6/8 });
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.addInitScript(() => {
  window.__frames = [];
  let last = '';
  const tick = () => {
    const w = document.querySelector('chanjiao-widget');
    const r = w?.shadowRoot;
    if (r) {
      const h1 = r.querySelector('h1')?.textContent ?? r.querySelector('.cj-title')?.textContent;
      const status = r.querySelector('[role=status]')?.textContent;
      const ae = r.activeElement; const aes = ae ? ae.tagName + (ae.textContent||'').slice(0,10) : 'none/' + document.activeElement?.tagName;
      const start = [...r.querySelectorAll('button')].find(b => b.textContent === '开始' || b.textContent === 'Start');
      const s = `h1=${h1} status=${status} ae=${aes} start.aria-disabled=${start?.getAttribute('aria-disabled')} roots=${r.children.length} h=${Math.round(w.getBoundingClientRect().height)} scrollY=${scrollY}`;
      if (s !== last) { window.__frames.push(Math.round(performance.now()) + ' ' + s); last = s; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
await page.goto(URL);
const start = page.getByRole('button', { name: '开始' });
await start.waitFor();
await start.scrollIntoViewIfNeeded();
await start.tap();
await page.waitForFunction(() => document.querySelector('chanjiao-widget').shadowRoot.querySelector('input[type=radio]'), null, { timeout: 20000 });
await page.waitForTimeout(500);
console.log((await page.evaluate(() => window.__frames)).join('\n'));
const info = await page.evaluate(() => {
  const r = document.querySelector('chanjiao-widget').shadowRoot;
  const en = [...r.querySelectorAll('button')].find(b => b.textContent==='English');
  return { scrollW: document.documentElement.scrollWidth, en: en?.getBoundingClientRect().toJSON(), widget: document.querySelector('chanjiao-widget').getBoundingClientRect().toJSON(), url: location.href, hist: history.length };
});
console.log(JSON.stringify(info));
await browser.close();
