// Workbooks as the suites read them back: by openpyxl, software no one here
// wrote, and the results workbook `chanjiao batch` writes for the same list.
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** A workbook's sheets, by title, as lists of rows of cell values. */
export function readBook(path) {
  const script = `import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(json.dumps({ws.title: [[c for c in row] for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}, default=str, ensure_ascii=False))`;
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

/**
 * `chanjiao batch` of `list` into the workbook `out`, as of `on`: the counts it
 * prints (records, evaluated, failed). Exit 3 is expected where rows fail, as
 * the example list means some to.
 */
export function cliWorkbook(list, out, on) {
  const run = spawnSync(join(ROOT, 'target/debug/chanjiao'), ['batch', '--input', list, '--output', out, '--on', on], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 3) throw new Error(`chanjiao batch exited ${run.status}: ${run.stderr}`);
  const m = (run.stdout + run.stderr).match(/读入 (\d+) 条记录[^：]*：(\d+) 条得出结果，(\d+) 条为错误行/);
  if (!m) throw new Error(run.stdout + run.stderr);
  return m.slice(1, 4).map(Number);
}
