// The workbench's worker: it screens the list with the batch engine
// (crates/office-wasm) off the page's thread, keeps the screened table, and
// answers the page with one page of it at a time, so that the page stays
// responsive whatever the list's length. A comparison runs in a second worker
// of the same script. Cancelling a run ends its worker (office.js starts
// another), since a running WebAssembly call cannot be interrupted from
// inside. Every reply carries the run it answers, so that the page can set
// aside what a replaced run says. Nothing here touches the network but the
// module's own file and the forms' font, fetched from beside this script.
// The forms of chosen applicants are made in a third worker, so that the
// table can still be read while a thousand forms are drawn.
import init, { compare, forms, screen, sheets } from './office/chanjiao_office.js';

let ready = null;
let screening = null;
let comparison = null;

/** A failure as the page shows it: the engine's `{ kind, zh, en }`, or the exception in both languages. */
function plain(error) {
  if (error && typeof error === 'object' && 'zh' in error) return { kind: error.kind, zh: error.zh, en: error.en };
  const text = String(error?.message ?? error);
  return { kind: 'internal', zh: `内部错误：${text}`, en: `internal error: ${text}` };
}

self.onmessage = async ({ data }) => {
  const run = data.run;
  const progress = (read, rows, total) => postMessage({ type: 'progress', run, read, rows, total });
  try {
    ready ??= init({ module_or_path: new URL('./office/chanjiao_office_bg.wasm', import.meta.url) });
    await ready;
    if (data.type === 'screen') {
      screening?.free();
      screening = null;
      const bytes = new Uint8Array(data.bytes);
      // A workbook's sheets first, so that the page can offer another when this one is not the list.
      postMessage({ type: 'sheets', run, sheets: sheets(bytes) });
      screening = screen(bytes, data.name, data.sheet ?? undefined, data.on, data.lang, data.packs, progress);
      postMessage({ type: 'screened', run, summary: JSON.parse(screening.summary()) });
    } else if (data.type === 'compare') {
      comparison?.free();
      comparison = null;
      comparison = compare(new Uint8Array(data.bytes), data.name, data.sheet ?? undefined, data.on, data.lang, data.packs, data.packText, progress);
      postMessage({ type: 'compared', run, summary: JSON.parse(comparison.summary()) });
    } else if (data.type === 'page') {
      postMessage({ type: 'page', run, id: data.id, page: JSON.parse(screening.page(JSON.stringify(data.query))) });
    } else if (data.type === 'rows') {
      postMessage({ type: 'rows', run, rows: Array.from(screening.rows(JSON.stringify(data.query))) });
    } else if (data.type === 'forms') {
      const font = await fetch(new URL('./fonts/NotoSansCJKsc-Regular-chanjiao.otf', import.meta.url));
      if (!font.ok) throw { kind: 'read', zh: `无法取得申请表所用的字体（${font.status}）`, en: `the forms' font could not be fetched (${font.status})` };
      const fontBytes = new Uint8Array(await font.arrayBuffer());
      const blocks = data.blocks ? new Uint8Array(data.blocks) : undefined;
      const made = forms(new Uint8Array(data.bytes), data.name, data.sheet ?? undefined, blocks, data.blocksName, data.blocksSheet ?? undefined, new Float64Array(data.rows), data.on, data.today, data.lang, data.packs, fontBytes, progress);
      const zip = made.zip();
      postMessage({ type: 'forms', run, summary: JSON.parse(made.summary()), bytes: zip.buffer }, [zip.buffer]);
      made.free();
    } else if (data.type === 'download') {
      const bytes = data.format === 'csv' ? screening.csv(progress) : data.format === 'comparison' ? comparison.workbook() : screening.workbook();
      postMessage({ type: 'file', run, format: data.format, bytes: bytes.buffer }, [bytes.buffer]);
    }
  } catch (error) {
    postMessage({ type: 'error', run, during: data.type, error: plain(error) });
  }
};
