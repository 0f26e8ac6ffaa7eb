// The workbench's worker: it screens the list with the batch engine
// (crates/office-wasm) off the page's thread, keeps the screened table, and
// answers the page with one page of it at a time, so that the page stays
// responsive whatever the list's length. Cancelling a run ends this worker
// (office.js starts another), since a running WebAssembly call cannot be
// interrupted from inside. Nothing here touches the network but the module's
// own file, fetched from beside this script.
import init, { screen } from './office/chanjiao_office.js';

let ready = null;
let screening = null;
let comparison = null;

/** A failure as the page shows it: the engine's `{ kind, zh, en }`, or the exception in both languages. */
function plain(error) {
  if (error && typeof error === 'object' && 'zh' in error) return { kind: error.kind, zh: error.zh, en: error.en };
  const text = String(error?.message ?? error);
  return { kind: 'internal', zh: `内部错误：${text}`, en: `internal error: ${text}` };
}

const progress = (read, rows, total) => postMessage({ type: 'progress', read, rows, total });

self.onmessage = async ({ data }) => {
  try {
    ready ??= init({ module_or_path: new URL('./office/chanjiao_office_bg.wasm', import.meta.url) });
    await ready;
    if (data.type === 'screen') {
      comparison?.free();
      comparison = null;
      screening?.free();
      screening = null;
      screening = screen(new Uint8Array(data.bytes), data.name, data.on, data.lang, progress);
      postMessage({ type: 'screened', summary: JSON.parse(screening.summary()) });
    } else if (data.type === 'compare') {
      comparison?.free();
      comparison = null;
      comparison = screening.compare(data.packText, progress);
      postMessage({ type: 'compared', summary: JSON.parse(comparison.summary()), chart: comparison.chart() });
    } else if (data.type === 'page') {
      postMessage({ type: 'page', id: data.id, page: JSON.parse(screening.page(JSON.stringify(data.query))) });
    } else if (data.type === 'download') {
      const bytes = data.format === 'csv' ? screening.csv(progress) : data.format === 'comparison' ? comparison.workbook() : screening.workbook();
      postMessage({ type: 'file', format: data.format, bytes: bytes.buffer }, [bytes.buffer]);
    }
  } catch (error) {
    postMessage({ type: 'error', during: data.type, error: plain(error) });
  }
};
