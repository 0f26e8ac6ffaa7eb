// A successor policy in the widget, as a web team adds it: a same-origin policy
// pack with a Subresource Integrity hash. Results follow the pack; a pack that
// fails its hash, or its checks, shows the citizen a bilingual notice and no
// results at all; nothing is fetched from another origin; the CSP holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, settle } from '../shared/chromium.mjs';
import { start } from '../../scripts/serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const PACKS = join(ARTIFACTS, 'packs');

const original = readFileSync(join(ROOT, 'examples/policy/example-successor-2026.json'));
const newIncentive = readFileSync(join(ROOT, 'examples/policy/example-new-incentive-2026.json'));
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

let server;
let browser;

before(async () => {
  mkdirSync(PACKS, { recursive: true });
  writeFileSync(join(PACKS, 'successor.json'), original);
  // One byte changed: the figure 1500 becomes 1600 where it is the value.
  writeFileSync(join(PACKS, 'tampered.json'), original.toString('utf8').replace('"value": "1500"', '"value": "1600"'));
  // A pack whose hash is right but which fails the rules' checks (the value is not its figure).
  writeFileSync(join(PACKS, 'unchecked.json'), readFileSync(join(PACKS, 'tampered.json')));
  // Answers with a graduate hired in 2026, under the pack.
  const answers = JSON.parse(readFileSync(join(ROOT, 'examples/enterprise.json'), 'utf8'));
  answers.graduates_hired_on = '2026-03-02';
  writeFileSync(join(PACKS, 'enterprise-2026.json'), JSON.stringify(answers));
  writeFileSync(join(PACKS, 'new-incentive.json'), newIncentive);
  server = await start(0, [['/packs/', PACKS]]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The demo page with its widget replaced by one that loads `policy` under `integrity`. */
/** Imports an answers file, starts, and presses 继续 page by page (after
 *  `onPage` answers what the file lacks) until the check page. */
async function importAndWalk(page, answersFile, onPage) {
  await page.locator('chanjiao-widget #cj-import').setInputFiles(answersFile);
  await page.locator('chanjiao-widget .notice', { hasText: '已导入答案' }).waitFor();
  await settle(page);
  for (let guard = 0; guard < 40; guard++) {
    await onPage();
    const submit = page.locator('chanjiao-widget button[type=submit]', { hasText: '继续' });
    if ((await submit.count()) === 0) return;
    await submit.click();
    await settle(page);
  }
}

async function openWithPolicy(policy, integrity) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const record = { requests: [], errors: [], console: [] };
  page.on('request', (r) => record.requests.push(r.url()));
  page.on('pageerror', (e) => record.errors.push(e.message));
  page.on('console', (m) => record.console.push(m.text()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url);
  await page.evaluate(([p, i]) => {
    const old = document.querySelector('chanjiao-widget');
    const w = document.createElement('chanjiao-widget');
    w.setAttribute('lang', 'zh-CN');
    w.setAttribute('date', '2026-06-30');
    w.setAttribute('draft-key-prefix', 'policy-test.');
    w.setAttribute('policy', p);
    w.setAttribute('policy-integrity', i);
    old.replaceWith(w);
  }, [policy, integrity]);
  return { page, context, record };
}

/** The results open with the illustration's banner, before any total or
 *  badge, and their caption names the illustration as one. */
async function illustrationSaidFirst(page) {
  const order = await page.evaluate(() => {
    const root = document.querySelector('chanjiao-widget').shadowRoot;
    const all = [...root.querySelectorAll('.cj-root h1, .cj-root .warning.illustrative, .cj-root .caption, .cj-root .totals, .cj-root .tag')];
    return all.slice(0, 4).map((el) => el.className || el.tagName);
  });
  assert.deepEqual(order, ['H1', 'warning illustrative', 'caption', 'totals'], 'the banner comes right after the heading');
  const banner = await page.locator('chanjiao-widget .warning.illustrative').innerText();
  assert.match(banner, /示例政策，非真实结果/);
  assert.match(banner, /示例〔2026〕1号[\s\S]*过渡规定[\s\S]*不能用于申请/);
  assert.match(await page.locator('chanjiao-widget .cj-root p.caption').first().innerText(), /按 泉政办规〔2022〕8号、示例〔2026〕1号（示例，非真实政策） 测算/);
}

/** From the results, makes the form of the result headed `id` for the example
 *  enterprise, in the browser, and saves it to `path`; the download. */
async function downloadForm(page, id, path) {
  await page.locator(`chanjiao-widget section.result:has(#${id}) button`, { hasText: '准备此项申请表' }).click();
  await settle(page);
  await page.locator('chanjiao-widget #cj-applicant-name').fill('泉州市恒达鞋业有限公司');
  await page.locator('chanjiao-widget #cj-applicant-id_number').fill('91330100799655058B');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.locator('chanjiao-widget button[type=submit]', { hasText: '生成申请表' }).click(),
  ]);
  await download.saveAs(path);
  return download;
}

async function checkNothingElse(page, record) {
  const origin = new URL(server.url).origin;
  for (const url of record.requests) {
    assert.ok(url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'), `request to another origin: ${url}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation events');
}

test('a same-origin pack with its integrity hash: results follow it and cite it', async () => {
  const { page, context, record } = await openWithPolicy('/packs/successor.json', sri(original));
  await page.locator('chanjiao-widget h1').first().waitFor();
  await settle(page);
  const start = await page.locator('chanjiao-widget .cj-root').innerText();
  assert.match(start, /示例〔2026〕1号/, 'the start page says which document applies');
  assert.match(start, /非真实政策/, 'and that it is an illustration');
  await page.locator('chanjiao-widget #cj-import').setInputFiles(join(PACKS, 'enterprise-2026.json'));
  await page.locator('chanjiao-widget .notice', { hasText: '已导入答案' }).waitFor();
  await settle(page);
  for (let guard = 0; guard < 40; guard++) {
    const submit = page.locator('chanjiao-widget button[type=submit]', { hasText: '继续' });
    if ((await submit.count()) === 0) break;
    await submit.click();
    await settle(page);
  }
  await page.locator('chanjiao-widget button', { hasText: '查看结果' }).click();
  await settle(page);
  // textContent: the clause is inside a closed disclosure, which innerText skips.
  const a11 = await page.locator('chanjiao-widget section.result:has(#cj-r-graduate-hiring-subsidy)').textContent();
  assert.match(a11, /34,500 元/, 'the pack figure: 23 hires at CNY 1,500');
  assert.match(a11, /示例〔2026〕1号（示例，非真实政策） 四\(一\)/, 'the clause cited is the pack\'s');
  await illustrationSaidFirst(page);
  await page.screenshot({ path: join(ARTIFACTS, 'policy-pack-results.png'), fullPage: true });
  // The host hears which pack the results rest on, and that it is an illustration.
  const [event] = await page.evaluate(() => window.chanjiaoResults ?? []);
  const id = createHash('sha256').update(original).digest('hex').slice(0, 8);
  assert.deepEqual(event.packs, [{ id, number: '示例〔2026〕1号（示例，非真实政策）', illustrative: true }]);
  assert.equal(event.illustrative, true);
  // The pack was fetched once, from this origin.
  assert.equal(record.requests.filter((u) => u.includes('/packs/successor.json')).length, 1);
  await checkNothingElse(page, record);
  assert.deepEqual(record.errors, []);
  await context.close();
});

for (const [name, file, reason] of [
  ['a tampered pack fails its integrity hash', 'tampered.json', /integrity hash/],
  ['a pack that fails the rules\u2019 checks', 'unchecked.json', /values\.a11_sme_per_hire\.value/],
]) {
  test(`${name}: a notice, no results, the reason in the console`, async () => {
    // The unchecked pack carries its own, correct hash: only the rules can refuse it.
    const integrity = file === 'unchecked.json' ? sri(readFileSync(join(PACKS, file))) : sri(original);
    const { page, context, record } = await openWithPolicy(`/packs/${file}`, integrity);
    const notice = page.locator('chanjiao-widget .cj-notice');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /政策文件未通过核验/);
    assert.match(text, /results are unavailable/);
    assert.equal(await page.locator('chanjiao-widget h1').count(), 0, 'no half-loaded widget');
    assert.equal(await page.locator('chanjiao-widget button').count(), 0, 'and no useless "try again"');
    assert.ok(record.console.some((m) => /policy pack refused/.test(m) && reason.test(m)), `the reason is logged: ${record.console.join(' | ')}`);
    await page.screenshot({ path: join(ARTIFACTS, `policy-pack-refused-${file.replace('.json', '')}.png`), fullPage: true });
    await checkNothingElse(page, record);
    await context.close();
  });
}

test('evaluate() with a pack that fails the rules\u2019 checks rejects with PolicyRefused, naming the key', async () => {
  const { page, context } = await openWithPolicy('/packs/successor.json', sri(original));
  const got = await page.evaluate(async (integrity) => {
    const { evaluate, PolicyRefused } = await import('/pkg/chanjiao.js');
    try {
      await evaluate({ applicant_type: 'ENT' }, { date: '2026-06-30', policy: '/packs/unchecked.json', policyIntegrity: integrity });
      return null;
    } catch (e) {
      return { refused: e instanceof PolicyRefused, message: String(e.message) };
    }
  }, sri(readFileSync(join(PACKS, 'unchecked.json'))));
  assert.equal(got?.refused, true, JSON.stringify(got));
  assert.match(got.message, /values\.a11_sme_per_hire\.value/);
  await context.close();
});

test('a pack from another origin, or without an integrity hash, is refused', async () => {
  for (const [policy, integrity] of [
    ['https://example.invalid/pack.json', sri(original)],
    ['/packs/successor.json', ''],
  ]) {
    const { page, context, record } = await openWithPolicy(policy, integrity);
    await page.locator('chanjiao-widget .cj-notice').waitFor();
    assert.ok(!record.requests.some((u) => u.includes('example.invalid')), 'nothing is fetched from another origin');
    await context.close();
  }
});

test('a pack that adds an incentive on a new question: asked in its place, claimed, and its form made', async () => {
  const { page, context, record } = await openWithPolicy('/packs/new-incentive.json', sri(newIncentive));
  await page.locator('chanjiao-widget h1').first().waitFor();
  await settle(page);
  // An enterprise's facts under the plan, without the pack's question: the
  // interview asks it, on the page of the recognitions it follows.
  let askedOn = null;
  await importAndWalk(page, join(ROOT, 'examples/enterprise.json'), async () => {
    const field = page.locator('chanjiao-widget input[name="cj-shared_workshop_recognised"][value="是"]');
    if (askedOn === null && (await field.count()) > 0) {
      askedOn = await page.locator('chanjiao-widget h1').first().textContent();
      await field.check();
      await settle(page);
      // Yes reveals the date it was recognised, asked right after it.
      await page.locator('chanjiao-widget #cj-shared_workshop_recognised_on').fill('2026-03-01');
      await settle(page);
    }
  });
  assert.match(askedOn ?? '', /认定与入库情况/, 'the new question is asked on the page of the question it follows');
  // The check page lists the answer beside the plan's own.
  assert.match(await page.locator('chanjiao-widget .cj-root').innerText(), /共享车间认定日期（示例）[\s\S]*2026-03-01/);
  await page.locator('chanjiao-widget button', { hasText: '查看结果' }).click();
  await settle(page);
  const f1 = await page.locator('chanjiao-widget section.result:has(#cj-r-shared-workshop-grant)').textContent();
  assert.match(f1, /产教融合共享车间一次性补助（示例）/);
  assert.match(f1, /50,000 元/);
  assert.match(f1, /示例〔2026〕2号（示例，非真实政策） 二/, 'the clause cited is the pack\'s');
  await page.screenshot({ path: join(ARTIFACTS, 'policy-pack-new-incentive.png'), fullPage: true });

  // Its form, made in the browser under the pack.
  const pdf = join(ARTIFACTS, 'widget-f1.pdf');
  const download = await downloadForm(page, 'cj-r-shared-workshop-grant', pdf);
  assert.equal(download.suggestedFilename(), '产教融合-产教融合共享车间一次性补助（示例）-泉州市恒达鞋业有限公司.pdf');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.match(text, /产教融合共享车间一次性补助申请表（示例，非真实政策）/);
  assert.match(text, /50,000 元/);
  // The CLI verifies the browser's form under the same pack.
  const verified = JSON.parse(
    execFileSync(join(ROOT, 'target/debug/chanjiao'), ['verify', pdf, '--policy', join(PACKS, 'new-incentive.json'), '--format', 'json'], { encoding: 'utf8' }),
  );
  assert.equal(verified.all_match, true);
  await checkNothingElse(page, record);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('a pack that restates an entry: graduates paid by degree, the degree questions asked after the hiring date', async () => {
  const { page, context, record } = await openWithPolicy('/packs/new-incentive.json', sri(newIncentive));
  await page.locator('chanjiao-widget h1').first().waitFor();
  await settle(page);
  // The enterprise's facts with its 23 graduates hired in March 2026, under the pack.
  let askedOn = null;
  await importAndWalk(page, join(PACKS, 'enterprise-2026.json'), async () => {
    const bachelor = page.locator('chanjiao-widget #cj-graduates_hired_bachelor');
    if ((await bachelor.count()) > 0 && (await bachelor.inputValue()) === '') {
      askedOn = await page.locator('chanjiao-widget h1').first().textContent();
      await bachelor.fill('10');
      await settle(page);
      await page.locator('chanjiao-widget #cj-graduates_hired_postgraduate').fill('3');
      await settle(page);
    }
    const workshop = page.locator('chanjiao-widget input[name="cj-shared_workshop_recognised"][value="否"]');
    if ((await workshop.count()) > 0) await workshop.check();
  });
  assert.ok(askedOn, 'the degree questions are asked');
  // They follow the hiring date on the check page, as they do in the interview.
  assert.match(
    await page.locator('chanjiao-widget .cj-root').innerText(),
    /吸纳日期[^\n]*\n?[^\n]*2026-03-02[\s\S]*其中本科毕业生人数（示例）[\s\S]*10[\s\S]*其中硕士研究生及以上学历人数（示例）[\s\S]*3/,
  );
  await page.locator('chanjiao-widget button', { hasText: '查看结果' }).click();
  await settle(page);
  // 10 associate × 1,000 + 10 bachelor's × 1,500 + 3 postgraduates × 3,000 = 34,000, under clause 三.
  const a11 = await page.locator('chanjiao-widget section.result:has(#cj-r-graduate-hiring-subsidy)').textContent();
  assert.match(a11, /企业吸纳应届高校毕业生一次性补贴（按学历，示例）/);
  assert.match(a11, /34,000 元/);
  assert.match(a11, /示例〔2026〕2号（示例，非真实政策） 三/, 'the clause cited is the pack\'s');
  await page.screenshot({ path: join(ARTIFACTS, 'policy-pack-restated-a11.png'), fullPage: true });
  await checkNothingElse(page, record);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test('a 2024 hire claimed in 2026 through the illustration\u2019s transition clause: banner, and a form marked on page 1', async () => {
  const { page, context, record } = await openWithPolicy('/packs/successor.json', sri(original));
  await page.locator('chanjiao-widget h1').first().waitFor();
  await settle(page);
  const start = await page.locator('chanjiao-widget .cj-root').innerText();
  assert.match(start.split('\n').find((l) => l.startsWith('根据')) ?? '', /泉政办规〔2022〕8号）及 示例〔2026〕1号（示例，非真实政策）/, 'the first sentence names the illustration');
  await importAndWalk(page, join(ROOT, 'examples/enterprise.json'), async () => {});
  await page.locator('chanjiao-widget button', { hasText: '查看结果' }).click();
  await settle(page);
  await illustrationSaidFirst(page);
  const a11 = await page.locator('chanjiao-widget section.result:has(#cj-r-graduate-hiring-subsidy)').textContent();
  assert.match(a11, /23,000 元/, 'the plan\'s figure for a 2024 hire');
  await page.screenshot({ path: join(ARTIFACTS, 'illustrative-results.png'), fullPage: false });
  const pdf = join(ARTIFACTS, 'widget-illustrative-a11.pdf');
  await downloadForm(page, 'cj-r-graduate-hiring-subsidy', pdf);
  const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s/g, '');
  assert.match(first, /【示例，非真实政策】本表依据示例〔2026〕1号/, 'page 1 carries the mark');
  execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', '1', '-l', '1', pdf, join(ARTIFACTS, 'illustrative-form-page1')]);
  const verified = JSON.parse(execFileSync(join(ROOT, 'target/debug/chanjiao'), ['verify', pdf, '--policy', join(PACKS, 'successor.json'), '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(verified.all_match, true, 'the watermark is part of what verify remakes');
  await checkNothingElse(page, record);
  assert.deepEqual(record.errors, []);
  await context.close();
});
