// Answers the browser tests walk with, in every engine.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * The example enterprise as the interview asks it: the file gives the
 * surcharges payable (a file-only fact), the interview asks the taxes they are
 * computed from, here the VAT that makes the same 268,000 at 3% + 2%.
 */
export function enterpriseAsAsked() {
  const answers = JSON.parse(readFileSync(join(ROOT, 'examples/enterprise.json'), 'utf8'));
  if (answers.b1_surcharge_payable !== '268000') throw new Error('examples/enterprise.json changed its surcharges; change the VAT here with it');
  return { ...answers, b1_vat_paid: '5360000', b1_consumption_tax_paid: '0', b1_surcharge_reliefs: '0' };
}
