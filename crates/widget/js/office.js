// <chanjiao-office>: the officer's workbench, for an office's intranet page.
// An officer drops or chooses a list (.xlsx, .xls, .ods or CSV); a Web Worker
// screens it with the same rules as the citizen's widget (office-worker.js),
// with progress and a way to cancel; the page shows a summary per entry and a
// table of applicants, a page at a time, to filter by entry and status, search
// by id or name, and sort by amount; and the results download as .xlsx or CSV.
// The list never leaves the computer: the only requests are for this package's
// own files. The citizen widget's first load does not include any of this.
//
// One state object and one render, as the widget's Yew apps have: events
// change the state, and `render` redraws what depends on it. Every text the
// list brings (names, ids, reasons) is set as text, never as markup.

const TEXT = {
  zh: {
    title: '名单筛查（免申即享）',
    intro: '选择或拖入申请人名单：.xlsx、.xls、.ods 或 CSV 文件，表头为中文或字段名（见 docs/batch.md）。名单只在本机处理，不会上传。',
    choose: '选择名单文件',
    drop: '或把文件拖到这里',
    on: '评估日期',
    reading: (pct, rows) => `正在筛查：已读 ${pct}%，已得出 ${rows} 条`,
    cancel: '取消',
    cancelled: '已取消筛查。',
    done: (s, name) => `已筛查 ${name} 中的 ${s.records} 条记录：${s.evaluated} 条得出结果，${s.failed} 条为错误行。`,
    summary: '各条目汇总',
    chart: '各条目可申请、需人工认定和暂无法确定的人数',
    entry: '条目',
    cash: '可申请金额合计（元）',
    results: '筛查结果',
    anyEntry: '全部条目',
    anyStatus: '全部状态',
    status: '状态',
    search: '按编号或名称查找',
    errorsOnly: '只看错误行',
    order: '排序',
    byRow: '按行号',
    amountDown: '金额从高到低',
    amountUp: '金额从低到高',
    row: '行号',
    id: '编号',
    name: '名称',
    amount: '金额',
    most: '最高合计（元）',
    claims: '可申请、待确认的条目',
    error: '错误',
    range: (a, b, n) => `第 ${a}–${b} 条，共 ${n} 条`,
    none: '没有符合条件的记录。',
    prev: '上一页',
    next: '下一页',
    downloads: '下载结果',
    xlsx: '下载结果（.xlsx 工作簿）',
    csv: '下载结果（CSV）',
    preparing: '正在准备文件…',
    failed: '无法筛查：',
    compare: (b) => `与 ${b} 对比`,
    comparing: '正在按两项政策逐一测算…',
    comparison: '政策对比',
    sides: (a, b) => `A = ${a}；B = ${b}。`,
    changes: (c) => `申请人：金额增加 ${c.gains} 人，减少 ${c.loses} 人，不变 ${c.unchanged} 人，区间一增一减 ${c.mixed} 人。`,
    eligibleAB: '可申请人数（A → B）',
    rangeAB: '金额合计（A；B，元）',
    maxChange: '最高合计变化（元）',
    chartAlt: (a, b) => `各条目在 A（${a}）与 B（${b}）下的金额合计对比图；数字见上表。`,
    comparisonXlsx: '下载对比结果（.xlsx 工作簿）',
    packFailed: '无法读取对比用的政策包：',
  },
  en: {
    title: 'Screen a list (no application needed)',
    intro: 'Choose or drop a list of applicants: an .xlsx, .xls, .ods or CSV file, headed in Chinese or by field ids (see docs/batch.md). The list is processed on this computer only and is never uploaded.',
    choose: 'Choose a list',
    drop: 'or drop the file here',
    on: 'Evaluation date',
    reading: (pct, rows) => `Screening: ${pct}% read, ${rows} rows done`,
    cancel: 'Cancel',
    cancelled: 'Screening cancelled.',
    done: (s, name) => `${s.records} records of ${name} screened: ${s.evaluated} evaluated, ${s.failed} error rows.`,
    summary: 'Summary per entry',
    chart: 'Applicants eligible, for an officer to decide, and undetermined, per entry',
    entry: 'Entry',
    cash: 'Cash of eligible results (CNY)',
    results: 'Results',
    anyEntry: 'All entries',
    anyStatus: 'All statuses',
    status: 'Status',
    search: 'Find by id or name',
    errorsOnly: 'Error rows only',
    order: 'Order',
    byRow: 'By row',
    amountDown: 'Amount, largest first',
    amountUp: 'Amount, smallest first',
    row: 'Row',
    id: 'Id',
    name: 'Name',
    amount: 'Amount',
    most: 'Most in all (CNY)',
    claims: 'Entries eligible or open',
    error: 'Error',
    range: (a, b, n) => `${a}–${b} of ${n}`,
    none: 'No record matches.',
    prev: 'Previous',
    next: 'Next',
    downloads: 'Download the results',
    xlsx: 'Download the results (.xlsx workbook)',
    csv: 'Download the results (CSV)',
    preparing: 'Preparing the file…',
    failed: 'Could not screen the list: ',
    compare: (b) => `Compare with ${b}`,
    comparing: 'Evaluating every record under both policies…',
    comparison: 'Policy comparison',
    sides: (a, b) => `A = ${a}; B = ${b}.`,
    changes: (c) => `Applicants: ${c.gains} gain, ${c.loses} lose, ${c.unchanged} unchanged, ${c.mixed} mixed (a range that moves both ways).`,
    eligibleAB: 'Eligible (A → B)',
    rangeAB: 'Cash (A; B, CNY)',
    maxChange: 'Change in the most (CNY)',
    chartAlt: (a, b) => `Cash per entry under A (${a}) and B (${b}); the figures are in the table above.`,
    comparisonXlsx: 'Download the comparison (.xlsx workbook)',
    packFailed: 'The policy pack to compare with could not be read: ',
  },
};

const CSS = `
:host { display: block; font: 15px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1a1a1a; }
* { box-sizing: border-box; }
h2 { font-size: 1.3em; margin: 0 0 .4em; }
h3 { font-size: 1.1em; margin: 1.2em 0 .4em; }
.drop { border: 2px dashed #8a8a8a; border-radius: 8px; padding: 1em; display: flex; flex-wrap: wrap; gap: .6em; align-items: center; }
.drop.over { border-color: #0b57d0; background: #eef3fd; }
label { font-weight: 600; }
input, select, button { font: inherit; min-height: 44px; }
button { padding: .3em 1em; border: 1px solid #0b57d0; background: #0b57d0; color: #fff; border-radius: 6px; cursor: pointer; }
button.quiet { background: #fff; color: #0b57d0; }
button:disabled { opacity: .5; cursor: default; }
:focus-visible { outline: 3px solid #f9ab00; outline-offset: 2px; }
.row { display: flex; flex-wrap: wrap; gap: .8em; align-items: end; margin: .6em 0; }
.row > label { display: flex; flex-direction: column; font-weight: 600; }
.row > label.check { flex-direction: row; align-items: center; gap: .4em; min-height: 44px; }
input[type=checkbox] { min-height: 0; width: 1.3em; height: 1.3em; margin: 0; }
progress { width: min(100%, 24em); height: 1.2em; }
.alert { color: #a50e0e; font-weight: 600; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { border: 1px solid #c4c4c4; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f1f3f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-eligible { color: #137333; font-weight: 600; }
.status-not-eligible { color: #5f6368; }
[hidden] { display: none !important; }
img.chart { display: block; max-width: 100%; height: auto; margin: .4em 0 1em; }
svg.chart { display: block; max-width: 100%; height: auto; margin: .4em 0 1em; }
svg.chart text { font: 12px system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; fill: #1a1a1a; }
`;

/** An element with attributes (`on…` as listeners) and children (text set as text). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** An SVG element (the chart), attributes set as given. */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (k === 'text') el.textContent = v;
  else el.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) if (c) el.append(c);
  return el;
}

/** The colours of the chart's three statuses: eligible, for an officer, undetermined. */
const BARS = [
  ['eligible', '#137333'],
  ['manual-review', '#b06000'],
  ['undetermined', '#5f6368'],
];

/**
 * A bar per entry with anyone eligible, for an officer to decide, or
 * undetermined: the three counts stacked. The table beside it holds the same
 * figures for a screen reader, so the chart is one image with a title.
 */
function chart(summary, title) {
  const rows = summary.entries
    .map((e) => ({ e, counts: BARS.map(([code]) => e.counts.find((c) => c.status === code)?.count ?? 0) }))
    .filter((r) => r.counts.some((n) => n > 0));
  if (!rows.length) return null;
  const most = Math.max(...rows.map((r) => r.counts.reduce((a, b) => a + b, 0)));
  const [label, bar, line] = [80, 560, 22];
  const names = Object.fromEntries(summary.statuses.map((st) => [st.code, st.name]));
  const height = rows.length * line + 30;
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${label + bar + 60} ${height}`, width: label + bar + 60, height, role: 'img', 'aria-label': title },
    svg('title', { text: title }),
    rows.map((r, i) => {
      let x = label;
      const y = i * line;
      const parts = r.counts.map((n, k) => {
        const w = (bar * n) / most;
        const rect = n ? svg('rect', { x, y: y + 4, width: Math.max(w, 1), height: line - 8, fill: BARS[k][1] }) : null;
        x += w;
        return rect;
      });
      const total = r.counts.reduce((a, b) => a + b, 0);
      return [svg('text', { x: 0, y: y + line - 7, text: r.e.code }), parts, svg('text', { x: x + 6, y: y + line - 7, text: String(total) })];
    }),
    BARS.map(([code, colour], k) => [
      svg('rect', { x: label + k * 180, y: height - 18, width: 12, height: 12, fill: colour }),
      svg('text', { x: label + k * 180 + 18, y: height - 7, text: names[code] ?? code }),
    ]),
  );
}

/** Today in China Standard Time, as YYYY-MM-DD. */
function todayInChina() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

const PAGE = 50;

/**
 * The largest list the workbench reads (256 MB, the engine's cap on a
 * workbook): the file is held in memory while it is screened, and a larger one
 * could end the page's tab. Larger lists are split, or screened with `chanjiao batch`.
 */
const MOST_BYTES = 256 * 1024 * 1024;

class ChanjiaoOffice extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.lang_ = String(this.getAttribute('lang') ?? document.documentElement.lang ?? 'zh-CN').startsWith('en') ? 'en' : 'zh';
    this.t = TEXT[this.lang_];
    this.state = { phase: 'idle', read: 0, total: 0, rows: 0, error: null, summary: null, query: { entry: '', status: '', search: '', errors: false, order: 'row', offset: 0 }, page: null, preparing: false, pack: null, comparing: false, comparison: null };
    this.pageId = 0;
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    this.build(root);
    this.render();
    this.loadPack();
  }

  /**
   * The pack the host names to compare with (`compare-policy`, a URL on the
   * page's origin): fetched once, its number read for the button. The rules
   * check it when the comparison runs, and refuse it there with the reason.
   */
  async loadPack() {
    const url = this.getAttribute('compare-policy');
    if (!url) return;
    try {
      const response = await fetch(new URL(url, document.baseURI), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const text = await response.text();
      const number = JSON.parse(text)?.document?.number;
      this.set({ pack: { text, number: String(number ?? url) } });
    } catch (error) {
      this.set({ packError: { zh: `${url}：${error.message ?? error}`, en: `${url}: ${error.message ?? error}` } });
    }
  }

  disconnectedCallback() {
    this.worker?.terminate();
    this.worker = null;
  }

  /** The worker, started on first use and again after a cancel. */
  startWorker() {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./office-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => this.heard(data);
    worker.onerror = (event) => this.heard({ type: 'error', error: { zh: `筛查模块未能运行：${event.message ?? ''}`, en: `the screening module did not run: ${event.message ?? ''}` } });
    this.worker = worker;
    return worker;
  }

  build(root) {
    const t = this.t;
    const file = h('input', { type: 'file', id: 'file', accept: '.xlsx,.xls,.ods,.csv,.jsonl,.txt', onchange: () => file.files[0] && this.screen(file.files[0]) });
    const drop = h('div', { class: 'drop' }, h('label', { for: 'file', text: t.choose }), file, h('span', { text: t.drop }));
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer?.files?.[0];
      if (f) this.screen(f);
    });
    this.el = {
      file,
      on: h('input', { type: 'date', id: 'on', value: this.getAttribute('on') ?? todayInChina() }),
      progress: h('progress', { max: 1, value: 0, 'aria-label': t.reading(0, 0) }),
      progressText: h('span'),
      cancel: h('button', { type: 'button', class: 'quiet', text: t.cancel, onclick: () => this.cancel() }),
      status: h('p', { role: 'status', 'aria-live': 'polite' }),
      alert: h('p', { role: 'alert', class: 'alert' }),
      summary: h('section', { 'aria-labelledby': 'summary-title' }),
      results: h('section', { 'aria-labelledby': 'results-title' }),
      comparison: h('section', { 'aria-labelledby': 'comparison-title' }),
    };
    this.el.busy = h('div', { class: 'row' }, this.el.progress, this.el.progressText, this.el.cancel);
    root.append(
      h('h2', { text: t.title }),
      h('p', { text: t.intro }),
      drop,
      h('div', { class: 'row' }, h('label', { for: 'on', text: t.on }), this.el.on),
      this.el.busy,
      this.el.status,
      this.el.alert,
      this.el.summary,
      this.el.results,
      this.el.comparison,
    );
  }

  async screen(file) {
    if (file.size > MOST_BYTES) {
      const mb = Math.round(file.size / 1048576);
      this.dropComparison();
      this.set({
        phase: 'failed',
        summary: null,
        page: null,
        error: { kind: 'bad-input', zh: `${file.name} 有 ${mb} MB，超过本页可读的 256 MB：请把名单分成几个文件，或用 chanjiao batch 筛查`, en: `${file.name} is ${mb} MB, more than the 256 MB this page reads: split the list into several files, or screen it with chanjiao batch` },
      });
      this.el.file.value = '';
      return;
    }
    const bytes = await file.arrayBuffer();
    this.dropComparison();
    // A new list starts with no filter: the controls are drawn afresh for it.
    const query = { entry: '', status: '', search: '', errors: false, order: 'row', offset: 0 };
    this.set({ phase: 'screening', name: file.name, read: 0, total: bytes.byteLength, rows: 0, error: null, summary: null, page: null, query });
    // Cleared, so that the same file, saved again after a correction, can be chosen again
    // (a file input tells nothing when the file chosen is the one it holds).
    this.el.file.value = '';
    this.startWorker().postMessage({ type: 'screen', bytes, name: file.name, on: this.el.on.value || todayInChina(), lang: this.lang_ === 'en' ? 'en' : 'zh-CN' }, [bytes]);
  }

  cancel() {
    this.worker?.terminate();
    this.worker = null;
    this.dropComparison();
    this.set({ phase: 'cancelled', preparing: false, comparing: false });
    this.el.file.value = '';
  }

  heard(data) {
    if (data.type === 'progress') this.set({ read: data.read, total: data.total, rows: data.rows });
    else if (data.type === 'screened') {
      this.set({ phase: 'done', summary: data.summary, query: { ...this.state.query, offset: 0 } });
      this.ask();
    } else if (data.type === 'compared') {
      const chart = data.chart ? URL.createObjectURL(new Blob([data.chart], { type: 'image/svg+xml' })) : null;
      this.set({ comparing: false, comparison: { summary: data.summary, chart } });
    } else if (data.type === 'page') {
      if (data.id === this.pageId) this.set({ page: data.page });
    } else if (data.type === 'file') this.save(data.format, data.bytes);
    else if (data.type === 'error') this.set({ phase: this.state.summary ? 'done' : 'failed', error: data.error, preparing: false, comparing: false });
  }

  /** Asks the worker for the page the query names. */
  ask() {
    const q = this.state.query;
    this.pageId += 1;
    this.worker?.postMessage({
      type: 'page',
      id: this.pageId,
      query: { entry: q.entry, status: q.status, search: q.search, errors: q.errors ? true : undefined, order: q.order, offset: q.offset, limit: PAGE },
    });
  }

  query(change) {
    this.state.query = { ...this.state.query, offset: 0, ...change };
    this.ask();
  }

  compare() {
    this.dropComparison();
    this.set({ comparing: true, read: 0, rows: 0, error: null });
    this.worker?.postMessage({ type: 'compare', packText: this.state.pack.text });
  }

  dropComparison() {
    if (this.state.comparison?.chart) URL.revokeObjectURL(this.state.comparison.chart);
    this.state.comparison = null;
  }

  download(format) {
    this.set({ preparing: true });
    this.worker?.postMessage({ type: 'download', format });
  }

  save(format, bytes) {
    this.set({ preparing: false });
    const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const stem = format === 'comparison' ? (this.lang_ === 'en' ? 'comparison' : '政策对比') : this.lang_ === 'en' ? 'results' : '筛查结果';
    const a = h('a', { href: url, download: `${stem}.${format === 'csv' ? 'csv' : 'xlsx'}` });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  set(change) {
    Object.assign(this.state, change);
    this.render();
  }

  render() {
    const { t, state: s, el } = this;
    const busy = s.phase === 'screening' || s.comparing;
    el.busy.hidden = !busy;
    el.file.disabled = busy;
    if (busy) {
      const pct = s.total ? Math.min(100, Math.floor((100 * s.read) / s.total)) : 0;
      el.progress.max = 100;
      el.progress.value = pct;
      el.progress.setAttribute('aria-label', t.reading(pct, s.rows));
      el.progressText.textContent = s.comparing ? `${t.comparing} ${t.reading(pct, s.rows)}` : t.reading(pct, s.rows);
    }
    el.status.textContent = s.phase === 'cancelled' ? t.cancelled : s.phase === 'done' && s.summary ? t.done(s.summary, s.name) : s.preparing ? t.preparing : '';
    const said = (e) => (this.lang_ === 'en' ? e.en : e.zh);
    el.alert.textContent = s.error ? (s.error.kind === 'policy-refused' ? t.packFailed : t.failed) + said(s.error) : s.packError ? t.packFailed + said(s.packError) : '';
    this.renderSummary();
    this.renderResults();
    this.renderComparison();
  }

  renderComparison() {
    const { t, state: s, el } = this;
    el.comparison.replaceChildren();
    if (!s.pack || !s.summary || s.phase !== 'done') return;
    el.comparison.append(h('h3', { id: 'comparison-title', text: t.comparison }), h('button', { type: 'button', id: 'compare', text: t.compare(s.pack.number), disabled: s.comparing, onclick: () => this.compare() }));
    const c = s.comparison;
    if (!c) return;
    const sum = c.summary;
    el.comparison.append(
      h('p', { text: t.sides(sum.a, sum.b) }),
      h('p', { text: t.changes(sum.change) }),
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { id: 'comparison-table' },
          h('thead', {}, h('tr', {}, [t.entry, t.eligibleAB, t.rangeAB, t.maxChange].map((x) => h('th', { scope: 'col', text: x })))),
          h(
            'tbody',
            {},
            sum.entries.map((e) =>
              h('tr', {}, h('th', { scope: 'row', text: `${e.code} ${e.name}` }), h('td', { class: 'num', text: `${e.a.eligible} → ${e.b.eligible}` }), h('td', { class: 'num', text: `${e.a.range}；${e.b.range}` }), h('td', { class: 'num', text: e.max_change })),
            ),
          ),
        ),
      ),
      c.chart ? h('img', { class: 'chart', src: c.chart, alt: t.chartAlt(sum.a, sum.b) }) : null,
      h('div', { class: 'row' }, h('button', { type: 'button', id: 'download-comparison', text: t.comparisonXlsx, disabled: s.preparing, onclick: () => this.download('comparison') })),
    );
  }

  renderSummary() {
    const { t, state: s, el } = this;
    el.summary.replaceChildren();
    if (!s.summary || s.phase !== 'done') return;
    const shown = s.summary.entries.filter((e) => e.counts.some((c) => c.count > 0));
    el.summary.append(
      h('h3', { id: 'summary-title', text: t.summary }),
      chart(s.summary, t.chart),
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t.entry }), s.summary.statuses.map((st) => h('th', { scope: 'col', text: st.name })), h('th', { scope: 'col', text: t.cash }))),
          h(
            'tbody',
            {},
            shown.map((e) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row', text: `${e.code} ${e.name}` }),
                e.counts.map((c) => h('td', { class: 'num', text: String(c.count) })),
                h('td', { class: 'num', text: e.cash_min_words === e.cash_max_words ? e.cash_max_words : `${e.cash_min_words}–${e.cash_max_words}` }),
              ),
            ),
          ),
        ),
      ),
    );
  }

  renderResults() {
    const { t, state: s, el } = this;
    // Keep the filters themselves (and the focus in them) while the table below changes.
    if (!s.summary || s.phase !== 'done') {
      el.results.replaceChildren();
      this.filters = null;
      return;
    }
    if (!this.filters) {
      const q = s.query;
      const entry = h('select', { id: 'entry', onchange: () => this.query({ entry: entry.value }) }, h('option', { value: '', text: t.anyEntry }), s.summary.entries.filter((e) => e.counts.some((c) => c.count > 0)).map((e) => h('option', { value: e.code, text: `${e.code} ${e.name}` })));
      const status = h('select', { id: 'status', onchange: () => this.query({ status: status.value }) }, h('option', { value: '', text: t.anyStatus }), s.summary.statuses.map((st) => h('option', { value: st.code, text: st.name })));
      const search = h('input', { type: 'search', id: 'search', oninput: () => this.query({ search: search.value }) });
      const errors = h('input', { type: 'checkbox', id: 'errors', onchange: () => this.query({ errors: errors.checked }) });
      const order = h('select', { id: 'order', onchange: () => this.query({ order: order.value }) }, h('option', { value: 'row', text: t.byRow }), h('option', { value: 'amount-down', text: t.amountDown }), h('option', { value: 'amount-up', text: t.amountUp }));
      entry.value = q.entry;
      status.value = q.status;
      this.table = h('div', { class: 'scroll' });
      this.pager = h('div', { class: 'row' });
      this.filters = h(
        'div',
        { class: 'row' },
        h('label', { for: 'entry' }, t.entry, entry),
        h('label', { for: 'status' }, t.status, status),
        h('label', { for: 'search' }, t.search, search),
        h('label', { for: 'order' }, t.order, order),
        h('label', { for: 'errors', class: 'check' }, errors, t.errorsOnly),
      );
      el.results.replaceChildren(
        h('h3', { id: 'results-title', text: t.results }),
        this.filters,
        this.table,
        this.pager,
        h('h3', { text: t.downloads }),
        h('div', { class: 'row' }, h('button', { type: 'button', id: 'download-xlsx', text: t.xlsx, onclick: () => this.download('xlsx') }), h('button', { type: 'button', class: 'quiet', id: 'download-csv', text: t.csv, onclick: () => this.download('csv') })),
      );
    }
    for (const b of el.results.querySelectorAll('#download-xlsx, #download-csv')) b.disabled = s.preparing;
    const page = s.page;
    if (!page) return;
    const entry = s.query.entry;
    const head = entry
      ? [t.row, t.id, t.name, `${entry} ${t.status}`, `${entry} ${t.amount}`]
      : [t.row, t.id, t.name, t.claims, t.most];
    const rows = page.lines.map((l) => {
      if (l.error) return h('tr', {}, h('td', { class: 'num', text: String(l.row) }), h('td', { text: l.id }), h('td', { text: l.name }), h('td', { colspan: 2, class: 'alert', text: `${t.error}：${l.error.column ? `${l.error.column}：` : ''}${l.error.reason}` }));
      if (entry) {
        const c = l.cells.find((x) => x.code === entry);
        return h('tr', {}, h('td', { class: 'num', text: String(l.row) }), h('td', { text: l.id }), h('td', { text: l.name }), h('td', { class: `status-${c?.status ?? ''}`, text: c?.status_name ?? '' }), h('td', { class: 'num', text: c?.amount ?? '' }));
      }
      const open = l.cells.filter((c) => c.status === 'eligible' || c.status === 'manual-review' || c.status === 'undetermined');
      return h('tr', {}, h('td', { class: 'num', text: String(l.row) }), h('td', { text: l.id }), h('td', { text: l.name }), h('td', { text: open.map((c) => `${c.code} ${c.status_name}${c.amount ? ` ${c.amount}` : ''}`).join('；') }), h('td', { class: 'num', text: Number(l.most ?? 0).toLocaleString('zh-CN') }));
    });
    this.table.replaceChildren(
      page.total === 0
        ? h('p', { text: t.none })
        : h('table', { id: 'results-table' }, h('caption', { text: t.range(page.offset + 1, page.offset + page.lines.length, page.total) }), h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col', text: x })))), h('tbody', {}, rows)),
    );
    const move = (by) => {
      this.state.query = { ...this.state.query, offset: Math.max(0, this.state.query.offset + by) };
      this.ask();
    };
    this.pager.replaceChildren(
      h('button', { type: 'button', class: 'quiet', text: t.prev, disabled: page.offset === 0, onclick: () => move(-PAGE) }),
      h('span', { text: page.total ? t.range(page.offset + 1, page.offset + page.lines.length, page.total) : '' }),
      h('button', { type: 'button', class: 'quiet', text: t.next, disabled: page.offset + page.lines.length >= page.total, onclick: () => move(PAGE) }),
    );
  }
}

if (!customElements.get('chanjiao-office')) customElements.define('chanjiao-office', ChanjiaoOffice);
