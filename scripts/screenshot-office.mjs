// Renders the README's screenshot of the officer's workbench: the demo
// intranet page (www/office.html) with the example list of docs/batch.md
// screened as of 2025-06-30, the summary per entry and the table filtered on
// A11's applicants, largest first, all of them chosen for the forms' ZIP.
// Needs a built pkg/ and Debian's
// Chromium: node scripts/screenshot-office.mjs
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/shared/chromium.mjs';
import { start } from './serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const server = await start(0);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1100, height: 2350 } });
await page.goto(new URL('office.html', server.url).href);
const office = page.locator('chanjiao-office');
await office.locator('#file').setInputFiles(join(ROOT, 'docs/batch/applicants.xlsx'));
await office.locator('#results-table').waitFor({ timeout: 60_000 });
await office.locator('#entry').selectOption('A11');
await office.locator('#order').selectOption('amount-down');
await office.locator('#results-table thead th', { hasText: 'A11 ' }).first().waitFor();
await office.locator('#select-all').click();
await office.locator('#forms-count', { hasText: /已选 [1-9]/ }).waitFor();
await page.waitForTimeout(300);
await page.screenshot({ path: join(ROOT, 'docs/screenshot-office.png') });
await browser.close();
await server.close();
console.log('docs/screenshot-office.png');
