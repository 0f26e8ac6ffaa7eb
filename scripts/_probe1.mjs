import { chromium } from 'playwright-core';
const URL = 'http://127.0.0.1:8123/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', deviceScaleFactor: 2, isMobile: true, hasTouch: true });
const page = await ctx.newPage();
const logs = [];
page.on('console', m => logs.push(`[${m.type()}] ${m.text()}`));
page.on('pageerror', e => logs.push(`[pageerror] ${e}`));
const cdp = await ctx.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6/8, uploadThroughput: 0.75e6/8 });
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const t0 = Date.now();
const reqs = [];
page.on('requestfinished', r => reqs.push(`${Date.now()-t0}ms ${r.url().replace(URL,'')}`));
await page.goto(URL, { waitUntil: 'commit' });
// Poll state
const snap = async (label) => {
  const s = await page.evaluate(() => {
    const w = document.querySelector('chanjiao-widget');
    const r = w?.shadowRoot;
    const ae = r?.activeElement;
    const rect = w?.getBoundingClientRect();
    return { text: r ? r.textContent.replace(/\s+/g,' ').slice(0,300) : null, h: rect?.height, y: rect?.y, ae: ae ? ae.outerHTML.slice(0,150) : null, docAe: document.activeElement?.tagName };
  }).catch(e => String(e));
  console.log(`${Date.now()-t0}ms ${label}`, JSON.stringify(s));
};
for (let i=0;i<40;i++) { await snap('poll'); const has = await page.evaluate(()=>!!document.querySelector('chanjiao-widget')?.shadowRoot?.querySelector('button')).catch(()=>false); if (i===1) await page.screenshot({ path: '/tmp/walk/1a-placeholder.png' }); if (has) break; await page.waitForTimeout(100); }
await page.screenshot({ path: '/tmp/walk/1b-start.png' });
// dump the start page's html
console.log(await page.evaluate(() => document.querySelector('chanjiao-widget').shadowRoot.innerHTML.slice(0,6000)));
// layout shift observer
await page.evaluate(() => { window.__ls = []; new PerformanceObserver(l => { for (const e of l.getEntries()) window.__ls.push({v:e.value, t:e.startTime, src: e.sources?.map(s=>s.node?.nodeName + ' ' + (s.node?.className||''))}); }).observe({ type: 'layout-shift', buffered: true }); });
const start = page.getByRole('button', { name: '开始' });
console.log('start count', await start.count());
await start.first().tap().catch(async e => { console.log('tap failed', e.message); await start.first().click(); });
for (let i=0;i<60;i++) { await snap('after-start'); if (i===2) await page.screenshot({ path: '/tmp/walk/1c-waiting.png' }); const q = await page.evaluate(()=>!!document.querySelector('chanjiao-widget').shadowRoot.querySelector('fieldset, input[type=radio]')); if (q) break; await page.waitForTimeout(100); }
await page.waitForTimeout(300);
await snap('final');
await page.screenshot({ path: '/tmp/walk/1d-first-question.png' });
await page.screenshot({ path: '/tmp/walk/1d-first-question-full.png', fullPage: true });
console.log('layout shifts', JSON.stringify(await page.evaluate(() => window.__ls)));
console.log('csp/errors', JSON.stringify(await page.evaluate(() => [window.__csp, window.__errors])));
console.log(reqs.join('\n'));
console.log(logs.join('\n'));
await browser.close();
