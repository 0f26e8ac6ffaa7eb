// Debian's Chromium as every Chromium suite drives it (playwright-core): one
// launch line and one way to wait for Yew, so the suites cannot drift apart.
import { chromium } from 'playwright-core';

/** Headless, sandbox off (containers), and nothing the browser fetches for itself. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches Debian's Chromium. */
export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}

/** Yew renders asynchronously: waits for a frame after an event. */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30))));
}
