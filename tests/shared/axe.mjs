// axe-core over one element of a page, as every suite runs it: the WCAG 2.1 A
// and AA rules, each violation as "rule: targets". Its script is injected, so
// the page must be opened with the CSP bypassed, for this check only.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** The violations axe-core finds in the element `selector` of `page`. */
export async function axe(page, selector) {
  await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async (sel) => {
    const result = await window.axe.run(document.querySelector(sel), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}
