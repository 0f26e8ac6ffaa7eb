// <chanjiao-office>: the officer's workbench, for an office's intranet page.
// An officer drops or chooses a list (.xlsx, .xls, .ods or CSV); a Web Worker
// screens it with the same rules as the citizen's widget (office-worker.js),
// with progress and a way to cancel; the page shows a summary per entry and a
// table of applicants, a page at a time, to filter by entry and status, search
// by id or name, and sort by amount; and the results download as .xlsx or CSV.
// The applicants ticked in the table (or every one the filters show) get their
// application forms as one ZIP, each applicant's block read from an applicant
// sheet (the list's workbook's 申请人信息, or another file), in a third worker.
// With `policy` (and its `policy-integrity`) naming a pack, as the citizen
// widget takes it, the list is screened under the plan followed by that pack
// (a successor in force); with `compare-policy` naming a pack, the list is also
// compared under that policy and the plan with the other pack, in a worker of its own. The list never leaves the computer:
// the only requests are for this package's own files (and the pack named).
// The citizen widget's first load does not include any of this.
//
// One state object and one render, as the widget's Yew apps have: events
// change the state, and `render` redraws what depends on it. Every text the
// list brings (names, ids, reasons) is set as text, never as markup.

import { loadPolicy } from './policy-pack.js';

/** A policy pack this page names that cannot be used: why, for the web team. */
class PackRefused extends Error {
  constructor(message) {
    super(message);
    this.name = 'PolicyRefused';
  }
}

/** A count and its noun, in English: 1 record, 2 records. */
const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const TEXT = {
  zh: {
    title: '名单筛查（免申即享）',
    intro: '选择或拖入申请人名单：.xlsx、.xls、.ods 或 CSV 文件，第一行为表头，可写问题的中文（如“从业人员（年末人数）”）或字段名（如 ent_employees）。名单只在本机处理，不会上传。',
    choose: '选择名单文件',
    drop: '或把文件拖到这里',
    on: '评估日期',
    sheet: '工作表',
    inSheet: (name, sheet) => `${name}（工作表“${sheet}”）`,
    reading: (pct, rows) => `正在筛查：已读 ${pct}%，已得出 ${rows} 条`,
    comparing: (pct) => `正在按两项政策逐一测算：已读 ${pct}%`,
    cancel: '取消',
    cancelled: '已取消筛查。',
    cancelledComparison: '已取消对比；筛查结果仍在下方。',
    done: (s, name, on) => `已按 ${on} 筛查 ${name}，共 ${s.records} 条记录：${s.evaluated} 条得出结果，${s.failed} 条为错误行。`,
    summary: '各条目汇总',
    chart: '各条目可申请、需人工认定和暂无法确定的人数',
    entry: '条目',
    cash: '可申请现金合计（元）',
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
    most: '现金最高合计（元）',
    claims: '可申请、待确认的条目',
    withStatus: (st) => `状态为“${st}”的条目`,
    error: '错误',
    sep: '：',
    list: '；',
    cell: (code, status, amount) => `${code} ${status}${amount ? ` ${amount}` : ''}`,
    range: (a, b, n) => `第 ${a}–${b} 条，共 ${n} 条`,
    none: '没有符合条件的记录。',
    prev: '上一页',
    next: '下一页',
    downloads: '下载结果',
    xlsx: '下载全部结果（.xlsx 工作簿）',
    csv: '下载全部结果（CSV）',
    preparing: '正在准备文件…',
    failed: '无法筛查：',
    compare: (b) => `与 ${b} 对比`,
    comparison: '政策对比',
    sides: (a, b) => `A = ${a}；B = ${b}。`,
    changes: (c) => `申请人的现金合计：增加 ${c.gains} 人，减少 ${c.loses} 人，不变 ${c.unchanged} 人，最低与最高合计一增一减 ${c.mixed} 人。`,
    eligibleAB: '可申请人数（A → B）',
    rangeAB: '现金合计（A；B，元）',
    maxChange: '现金最高合计的变化（元）',
    compareChart: (a, b) => `各条目现金最高合计：A（${a}）与 B（${b}）`,
    comparisonXlsx: '下载对比结果（.xlsx 工作簿）',
    packFailed: '无法读取对比用的政策包：',
    under: (number) => `依据：${number}。`,
    policyFailed: '本页指定的政策包无法使用，未筛查（请告知网站管理员）：',
    forms: '申请表（ZIP）',
    formsIntro: '勾选表中的申请人，或选择筛选出的全部，再生成申请表：每位申请人一个 PDF，含其可申请、待确认条目的全部申请表。申请单位名称、统一社会信用代码（或身份证号）、地址、开户银行等取自申请人信息表，按“申请人编号”与名单对应。一次最多 2,000 位。',
    pick: '选择',
    pickRow: (row, name) => `选择第 ${row} 行 ${name}`,
    blocksSheet: '申请人信息所在工作表',
    blocksFile: '或选择申请人信息表文件',
    blocksFileOnly: '申请人信息表文件',
    noBlocksSheet: '（无）',
    selectAll: '选择筛选出的全部',
    selectNone: '清除选择',
    selected: (n) => `已选 ${n} 位申请人。`,
    tooMany: (n) => `已选 ${n} 位，超过一次可生成的 2,000 位：请分批选择。`,
    needBlocks: '请选择申请人信息所在的工作表或文件。',
    needBlocksFile: '请选择申请人信息表文件。',
    makeForms: (n) => (n ? `生成所选 ${n} 位申请人的申请表（ZIP）` : '生成所选申请人的申请表（ZIP）'),
    noneToChoose: '筛选结果中没有可生成申请表的申请人（错误行除外）。',
    sentences: (...parts) => parts.filter(Boolean).join(''),
    noResults: '没有得出结果的记录：请查看下方的错误行。',
    making: (done, of) => `正在生成申请表：第 ${done} / ${of} 位`,
    made: (m) =>
      `已生成 ${m.applicants} 位申请人的 ${m.forms} 份申请表${m.roster_rows ? `，名册 ${m.roster_rows} 行取自“名册”工作表` : ''}${m.without ? `；${m.without} 位没有申请表，原因见压缩包中的“清单.csv”` : ''}。`,
    cancelledForms: '已取消生成申请表。',
    formsFailed: '无法生成申请表：',
    compareFailed: '无法对比：',
  },
  en: {
    title: 'Screen a list of applicants',
    intro: 'Choose or drop a list of applicants: an .xlsx, .xls, .ods or CSV file whose first row names the columns, by the questions in Chinese (such as “从业人员（年末人数）”) or by field ids (such as ent_employees). The list is processed on this computer only and is never uploaded.',
    choose: 'Choose a list',
    drop: 'or drop the file here',
    on: 'Evaluation date',
    sheet: 'Sheet',
    inSheet: (name, sheet) => `${name} (sheet “${sheet}”)`,
    reading: (pct, rows) => `Screening: ${pct}% read, ${rows} rows done`,
    comparing: (pct) => `Evaluating every record under both policies: ${pct}% read`,
    cancel: 'Cancel',
    cancelled: 'Screening cancelled.',
    cancelledComparison: 'Comparison cancelled; the screening results are still below.',
    done: (s, name, on) => `${plural(s.records, 'record')} of ${name} screened as of ${on}: ${s.evaluated} evaluated, ${plural(s.failed, 'error row')}.`,
    summary: 'Summary per entry',
    chart: 'Applicants eligible, for an officer to decide, and undetermined, per entry',
    entry: 'Entry',
    cash: 'Cash for eligible applicants (CNY)',
    results: 'Results',
    anyEntry: 'All entries',
    anyStatus: 'All statuses',
    status: 'Status',
    search: 'Find by ID or name',
    errorsOnly: 'Error rows only',
    order: 'Order',
    byRow: 'By row',
    amountDown: 'Amount, largest first',
    amountUp: 'Amount, smallest first',
    row: 'Row',
    id: 'ID',
    name: 'Name',
    amount: 'Amount',
    most: 'Maximum cash in all (CNY)',
    claims: 'Entries eligible or pending',
    withStatus: (st) => `Entries with the status “${st}”`,
    error: 'Error',
    sep: ': ',
    list: '; ',
    cell: (code, status, amount) => `${code}: ${status}${amount ? ` (${amount})` : ''}`,
    range: (a, b, n) => `${a}–${b} of ${n}`,
    none: 'No record matches.',
    prev: 'Previous',
    next: 'Next',
    downloads: 'Download the results',
    xlsx: 'Download all results (.xlsx workbook)',
    csv: 'Download all results (CSV)',
    preparing: 'Preparing the file…',
    failed: 'Could not screen the list: ',
    compare: (b) => `Compare with ${b}`,
    comparison: 'Policy comparison',
    sides: (a, b) => `A = ${a}; B = ${b}.`,
    changes: (c) => `Applicants' cash in all: ${c.gains} gain, ${c.loses} lose, ${c.unchanged} unchanged, ${c.mixed} whose lowest and highest totals move in opposite directions.`,
    eligibleAB: 'Eligible (A → B)',
    rangeAB: 'Cash (A; B, CNY)',
    maxChange: 'Change in the maximum cash (CNY)',
    compareChart: (a, b) => `Maximum cash per entry: A (${a}) and B (${b})`,
    comparisonXlsx: 'Download the comparison (.xlsx workbook)',
    packFailed: 'The policy pack to compare with could not be read: ',
    under: (number) => `Under ${number}.`,
    policyFailed: 'The policy pack this page names cannot be used, so nothing was screened (tell the site’s web team): ',
    forms: 'Application forms (ZIP)',
    formsIntro: 'Tick applicants in the table, or choose every one the filters show, then make their forms: one PDF per applicant, holding every form of the entries they are eligible for or that are pending. Each applicant’s name, credit code (or ID number), address, bank and so on come from the applicant sheet, matched to the list by 申请人编号 (applicant_id). At most 2,000 at a time.',
    pick: 'Choose',
    pickRow: (row, name) => `Choose row ${row}, ${name}`,
    blocksSheet: 'Sheet with the applicants’ details',
    blocksFile: 'or choose a file with them',
    blocksFileOnly: 'File with the applicants’ details',
    noBlocksSheet: '(none)',
    selectAll: 'Choose everyone the filters show',
    selectNone: 'Clear the choice',
    selected: (n) => (n === 1 ? '1 applicant chosen.' : `${n} applicants chosen.`),
    tooMany: (n) => `${n} chosen, more than the 2,000 one ZIP holds: choose them in parts.`,
    needBlocks: 'Choose the sheet or the file with the applicants’ details.',
    needBlocksFile: 'Choose the file with the applicants’ details.',
    makeForms: (n) => (n ? `Make the forms of the ${n} chosen (ZIP)` : 'Make the forms of those chosen (ZIP)'),
    noneToChoose: 'The filters show no applicant with results to choose (error rows have no forms).',
    sentences: (...parts) => parts.filter(Boolean).join(' '),
    noResults: 'No record has results: see the error rows below.',
    making: (done, of) => `Making the forms: applicant ${done} of ${of}`,
    made: (m) =>
      `Forms made for ${m.applicants === 1 ? '1 applicant' : `${m.applicants} applicants`} (${m.forms === 1 ? '1 form' : `${m.forms} forms`})${m.roster_rows ? `, with ${m.roster_rows === 1 ? '1 roster row' : `${m.roster_rows} roster rows`} from the 名册 sheet` : ''}${m.without ? `; ${m.without === 1 ? '1 has' : `${m.without} have`} none, and index.csv in the ZIP says why` : ''}.`,
    cancelledForms: 'Making the forms was cancelled.',
    formsFailed: 'Could not make the forms: ',
    compareFailed: 'Could not compare: ',
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
input, select, button { font: inherit; min-height: 44px; max-width: 100%; }
button { padding: .3em 1em; border: 1px solid #0b57d0; background: #0b57d0; color: #fff; border-radius: 6px; cursor: pointer; }
button.quiet { background: #fff; color: #0b57d0; }
button:disabled { opacity: .5; cursor: default; }
:focus-visible { outline: 3px solid #f9ab00; outline-offset: 2px; }
.row { display: flex; flex-wrap: wrap; gap: .8em; align-items: end; margin: .6em 0; }
.row > label { display: flex; flex-direction: column; font-weight: 600; max-width: 100%; }
.row > label.check { flex-direction: row; align-items: center; gap: .4em; min-height: 44px; }
input[type=checkbox] { min-height: 0; width: 1.4em; height: 1.4em; margin: 0; }
progress { width: min(100%, 24em); height: 1.2em; }
.alert { color: #a50e0e; font-weight: 600; overflow-wrap: anywhere; }
.note { font-weight: 600; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; min-width: 36em; margin: .4em 0; }
th, td { border: 1px solid #c4c4c4; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f1f3f4; }
thead th { white-space: nowrap; }
td.name { min-width: 9em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status-eligible { color: #137333; font-weight: 600; }
.status-not-eligible { color: #5f6368; }
[hidden] { display: none !important; }
svg.chart { display: block; margin: .4em 0 1em; }
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

/** An SVG element (the charts), attributes set as given. */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (k === 'text') el.textContent = v;
  else el.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) if (c) el.append(c);
  return el;
}

/**
 * A horizontal bar chart: per row a label and one or more bars (stacked, or
 * side by side with `grouped`), each bar's figure written after it, and a
 * legend, one item a line. The tables beside the charts hold the same figures
 * for a screen reader, so each chart is one image with a title. It keeps its
 * width and scrolls on a narrow screen rather than shrinking its text.
 */
function barChart({ title, rows, series, grouped = false }) {
  if (!rows.length) return null;
  const totals = rows.map((r) => (grouped ? Math.max(...r.values) : r.values.reduce((a, b) => a + b, 0)));
  const most = Math.max(1, ...totals);
  const [label, bar, line] = [60, 460, grouped ? 14 * series.length + 10 : 22];
  const legend = series.length * 18 + 8;
  const width = label + bar + 150;
  const height = rows.length * line + legend;
  const body = rows.map((r, i) => {
    const y = i * line;
    if (grouped) {
      return [
        svg('text', { x: 0, y: y + 16, text: r.label }),
        r.values.map((v, k) => {
          const w = (bar * v) / most;
          return [svg('rect', { x: label, y: y + 4 + k * 14, width: Math.max(w, v ? 1 : 0), height: 11, fill: series[k].colour }), svg('text', { x: label + w + 6, y: y + 14 + k * 14, text: r.words[k] })];
        }),
      ];
    }
    let x = label;
    const parts = r.values.map((v, k) => {
      const w = (bar * v) / most;
      const rect = v ? svg('rect', { x, y: y + 4, width: Math.max(w, 1), height: line - 8, fill: series[k].colour }) : null;
      x += w;
      return rect;
    });
    return [svg('text', { x: 0, y: y + line - 7, text: r.label }), parts, svg('text', { x: x + 6, y: y + line - 7, text: r.words[0] })];
  });
  const key = series.map((s, k) => {
    const y = rows.length * line + 8 + k * 18;
    return [svg('rect', { x: label, y, width: 12, height: 12, fill: s.colour }), svg('text', { x: label + 18, y: y + 11, text: s.name })];
  });
  return scroller(title, svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title }, svg('title', { text: title }), body, key));
}

/**
 * A box that scrolls sideways on a narrow screen, named, and reachable by
 * keyboard so that its hidden part can be scrolled to without a mouse.
 */
function scroller(label, ...children) {
  return h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': label }, ...children);
}

/** The colours of the summary chart's three statuses: eligible, for an officer, undetermined. */
const BARS = [
  ['eligible', '#137333'],
  ['manual-review', '#b06000'],
  ['undetermined', '#5f6368'],
];

/** Today in China Standard Time, as YYYY-MM-DD. */
function todayInChina() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** A sum of yuan as the tables show it: the figure, or — where there is none. */
const cash = (words) => (words && words !== '0' ? words : '—');

const PAGE = 50;

/** The most applicants one ZIP of forms holds (the engine's MAX_FORM_APPLICANTS). */
const MOST_FORMS = 2000;

/** The sheet an applicant sheet is looked for on first, as the worked example names it. */
const BLOCKS_SHEET = '申请人信息';

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
    this.state = {
      sheets: [],
      sheet: null,
      phase: 'idle',
      read: 0,
      total: 0,
      rows: 0,
      error: null,
      summary: null,
      query: this.noFilter(),
      page: null,
      preparing: false,
      pack: null,
      comparing: false,
      comparison: null,
      // The forms: the rows ticked, where the blocks come from, and the run making them.
      selected: new Set(),
      blocksSheet: null,
      blocksFile: null,
      making: false,
      made: null,
    };
    // Each run is numbered; a reply from an earlier run (one replaced or cancelled) is ignored.
    this.run = 0;
    this.pageId = 0;
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    this.build(root);
    this.render();
    // The pack screened under, when the page names one: every run waits for it.
    this.policyReady = this.loadScreeningPolicy();
    this.loadPack();
  }

  /**
   * The pack the host names to screen under (`policy`, on the page's origin,
   * held to `policy-integrity` as the citizen widget holds it): `null` when
   * none is named, `undefined` when it is refused (the page says why).
   */
  async loadScreeningPolicy() {
    const url = this.getAttribute('policy');
    if (!url) return null;
    try {
      const { text } = await loadPolicy(url, this.getAttribute('policy-integrity') ?? '', PackRefused);
      let number = url;
      try {
        number = String(JSON.parse(text)?.document?.number ?? url);
      } catch {
        // The rules say why a pack is not JSON when it is screened under.
      }
      const policy = { text, number };
      this.set({ policy });
      return policy;
    } catch (error) {
      const why = String(error?.message ?? error);
      this.set({ policyError: { zh: why, en: why } });
      return undefined;
    }
  }

  /** The packs a run is screened under, for the worker. */
  packs() {
    return this.state.policy ? [this.state.policy.text] : [];
  }

  disconnectedCallback() {
    for (const w of [this.worker, this.compareWorker, this.formsWorker]) w?.terminate();
    this.worker = this.compareWorker = this.formsWorker = null;
  }

  noFilter() {
    return { entry: '', status: '', search: '', errors: false, order: 'row', offset: 0 };
  }

  /** A worker, started on first use and again after a cancel. */
  startWorker(key) {
    if (this[key]) return this[key];
    const worker = new Worker(new URL('./office-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => this.heard(data);
    worker.onerror = (event) => this.heard({ type: 'error', run: this.run, error: { zh: `筛查模块未能运行：${event.message ?? ''}`, en: `the screening module did not run: ${event.message ?? ''}` } });
    this[key] = worker;
    return worker;
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

  build(root) {
    const t = this.t;
    const file = h('input', { type: 'file', id: 'file', accept: '.xlsx,.xls,.ods,.csv,.jsonl,.txt', onchange: () => file.files[0] && this.screen(file.files[0]) });
    const drop = h('div', { class: 'drop' }, h('label', { for: 'file', text: t.choose }), file, h('span', { text: t.drop }));
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      if (!this.busy()) drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      // A file dropped while a list is being screened waits: Cancel first.
      const f = e.dataTransfer?.files?.[0];
      if (f && !this.busy()) this.screen(f);
    });
    this.el = {
      file,
      on: h('input', { type: 'date', id: 'on', value: this.getAttribute('on') ?? todayInChina(), onchange: () => this.lastFile && !this.busy() && this.screen(this.lastFile, this.state.sheet) }),
      // A workbook's sheets, offered when it has more than one: choosing one screens it.
      sheet: h('select', { id: 'sheet', onchange: () => this.lastFile && !this.busy() && this.screen(this.lastFile, this.el.sheet.value) }),
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
      h('div', { class: 'row' }, h('label', { for: 'on' }, t.on, this.el.on), (this.el.sheetLabel = h('label', { for: 'sheet' }, t.sheet, this.el.sheet))),
      this.el.busy,
      this.el.status,
      this.el.alert,
      this.el.summary,
      this.el.results,
      this.el.comparison,
    );
  }

  busy() {
    return this.state.phase === 'screening' || this.state.comparing || this.state.making;
  }

  async screen(file, sheet = null) {
    this.dropComparison();
    this.run += 1;
    // The same list screened again (another date) keeps the applicants chosen: their rows are the same.
    const kept = file === this.lastFile && sheet === this.state.sheet ? this.state.selected : new Set();
    // Another file starts at its first sheet, and offers its own.
    if (file !== this.lastFile) this.state.sheets = [];
    this.lastFile = file;
    // Cleared, so that the same file, saved again after a correction, can be chosen again
    // (a file input tells nothing when the file chosen is the one it holds).
    this.el.file.value = '';
    if (file.size > MOST_BYTES) {
      const mb = Math.round(file.size / 1048576);
      this.set({
        phase: 'failed',
        summary: null,
        page: null,
        error: { kind: 'bad-input', zh: `${file.name} 有 ${mb} MB，超过本页可读的 256 MB：请把名单分成几个文件，或用 chanjiao batch 筛查`, en: `${file.name} is ${mb} MB, more than the 256 MB this page reads: split the list into several files, or screen it with chanjiao batch` },
      });
      return;
    }
    const on = this.el.on.value || todayInChina();
    const run = this.run;
    const policy = await this.policyReady;
    if (run !== this.run) return;
    if (policy === undefined) {
      this.set({ phase: 'failed', summary: null, page: null, error: { kind: 'policy-refused-here', ...this.state.policyError } });
      return;
    }
    // A new list starts with no filter: the controls are drawn afresh for it.
    this.set({ phase: 'screening', name: file.name, sheet, on, read: 0, total: file.size, rows: 0, error: null, summary: null, page: null, query: this.noFilter(), selected: kept, made: null, cancelledForms: false });
    const bytes = await this.read(file, { phase: 'failed' }, 'screen');
    if (!bytes) return;
    this.startWorker('worker').postMessage({ type: 'screen', run: this.run, bytes, name: file.name, sheet, on, lang: this.lang_ === 'en' ? 'en' : 'zh-CN', packs: this.packs() }, [bytes]);
  }

  /**
   * A chosen file's bytes; `null` when it can no longer be read (saved again
   * or moved since it was chosen), the page then saying so, as a failure
   * `during` that step, and setting `after`.
   */
  async read(file, after, during) {
    try {
      return await file.arrayBuffer();
    } catch {
      this.set({
        ...after,
        error: {
          kind: 'read',
          during,
          zh: `无法再次读取 ${file.name}（选择后文件可能已被修改或移动），请重新选择该文件`,
          en: `${file.name} can no longer be read (it may have been changed or moved since it was chosen): choose it again`,
        },
      });
      return null;
    }
  }

  cancel() {
    if (this.state.making) {
      // The forms are made in a worker of their own: the screening stays.
      this.formsWorker?.terminate();
      this.formsWorker = null;
      this.set({ making: false, cancelledForms: true });
      // The Cancel button has gone: the focus goes back to the forms' button.
      this.formsEl?.make.focus();
      return;
    }
    if (this.state.comparing) {
      // The comparison runs in a worker of its own: the screening stays.
      this.compareWorker?.terminate();
      this.compareWorker = null;
      this.set({ comparing: false, cancelledComparison: true });
      return;
    }
    this.run += 1;
    this.worker?.terminate();
    this.worker = null;
    this.dropComparison();
    this.set({ phase: 'cancelled', preparing: false, summary: null, page: null });
  }

  heard(data) {
    if (data.run !== undefined && data.run !== this.run) return;
    if (data.type === 'progress') this.set({ read: data.read, total: data.total, rows: data.rows });
    else if (data.type === 'rows') this.set({ selected: new Set([...this.state.selected, ...data.rows]), noneToChoose: data.rows.length === 0 });
    else if (data.type === 'forms') {
      this.set({ making: false, made: data.summary });
      this.save('forms', data.bytes);
    }
    else if (data.type === 'sheets') this.set({ sheets: data.sheets });
    else if (data.type === 'screened') {
      this.set({ phase: 'done', summary: data.summary });
      this.ask();
    } else if (data.type === 'compared') this.set({ comparing: false, comparison: { summary: data.summary } });
    else if (data.type === 'page') {
      if (data.id === this.pageId) this.set({ page: data.page });
    } else if (data.type === 'file') this.save(data.format, data.bytes);
    else if (data.type === 'error') this.set({ phase: this.state.summary ? 'done' : 'failed', error: { ...data.error, during: data.during }, preparing: false, comparing: false, making: false });
  }

  /** Asks the worker for the page the query names. */
  ask() {
    const q = this.state.query;
    this.pageId += 1;
    this.worker?.postMessage({
      type: 'page',
      run: this.run,
      id: this.pageId,
      query: { entry: q.entry, status: q.status, search: q.search, errors: q.errors ? true : undefined, order: q.order, offset: q.offset, limit: PAGE },
    });
  }

  query(change) {
    this.state.query = { ...this.state.query, offset: 0, ...change };
    this.state.noneToChoose = false;
    this.ask();
  }

  async compare() {
    this.dropComparison();
    this.set({ comparing: true, cancelledComparison: false, read: 0, total: this.lastFile.size, rows: 0, error: null });
    const bytes = await this.read(this.lastFile, { comparing: false }, 'compare');
    if (!bytes) return;
    this.startWorker('compareWorker').postMessage(
      { type: 'compare', run: this.run, bytes, name: this.lastFile.name, sheet: this.state.sheet, on: this.state.on, lang: this.lang_ === 'en' ? 'en' : 'zh-CN', packs: this.packs(), packText: this.state.pack.text },
      [bytes],
    );
  }

  /** Chooses every applicant with results that the filters show (on every page). */
  selectAll() {
    const q = this.state.query;
    this.worker?.postMessage({ type: 'rows', run: this.run, query: { entry: q.entry, status: q.status, search: q.search, errors: q.errors ? true : undefined, order: 'row' } });
  }

  /** The applicant sheet's source: a file chosen for it, or a sheet of the list's workbook. */
  blocksSource() {
    const s = this.state;
    if (s.blocksFile) return { file: s.blocksFile };
    const sheet = s.blocksSheet ?? this.blocksSheets().find((n) => n === BLOCKS_SHEET) ?? null;
    return sheet ? { sheet } : null;
  }

  /** The list's workbook's sheets other than the list's own, to offer for the blocks. */
  blocksSheets() {
    const s = this.state;
    const list = s.sheet ?? s.sheets[0];
    return s.sheets.filter((n) => n !== list);
  }

  async makeForms() {
    const s = this.state;
    const source = this.blocksSource();
    if (s.making || !source || !s.selected.size || s.selected.size > MOST_FORMS) return;
    this.set({ making: true, made: null, cancelledForms: false, read: 0, total: s.selected.size, rows: 0, error: null });
    const bytes = await this.read(this.lastFile, { making: false }, 'forms');
    const blocks = source.file ? await this.read(source.file, { making: false }, 'forms') : undefined;
    if (!bytes || (source.file && !blocks)) return;
    const transfer = blocks ? [bytes, blocks] : [bytes];
    this.startWorker('formsWorker').postMessage(
      {
        type: 'forms',
        run: this.run,
        bytes,
        name: this.lastFile.name,
        sheet: s.sheet,
        blocks,
        blocksName: source.file ? source.file.name : this.lastFile.name,
        blocksSheet: source.sheet,
        rows: [...s.selected].sort((a, b) => a - b),
        on: s.on,
        today: todayInChina(),
        lang: this.lang_ === 'en' ? 'en' : 'zh-CN',
        packs: this.packs(),
      },
      transfer,
    );
  }

  dropComparison() {
    this.state.comparison = null;
    this.state.cancelledComparison = false;
  }

  download(format) {
    this.set({ preparing: true });
    (format === 'comparison' ? this.compareWorker : this.worker)?.postMessage({ type: 'download', run: this.run, format });
  }

  save(format, bytes) {
    this.set({ preparing: false });
    const en = this.lang_ === 'en';
    const [type, name] = {
      csv: ['text/csv;charset=utf-8', en ? 'results.csv' : '筛查结果.csv'],
      xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', en ? 'results.xlsx' : '筛查结果.xlsx'],
      comparison: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', en ? 'comparison.xlsx' : '政策对比.xlsx'],
      forms: ['application/zip', en ? `forms-${this.state.on}.zip` : `申请表-${this.state.on}.zip`],
    }[format];
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = h('a', { href: url, download: name });
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
    const busy = this.busy();
    el.busy.hidden = !busy;
    // Under a pack the page names but cannot use, nothing is screened: no list can be chosen.
    el.file.disabled = busy || Boolean(s.policyError);
    el.on.disabled = busy;
    el.sheet.disabled = busy;
    el.sheetLabel.hidden = s.sheets.length < 2;
    if (el.sheet.options.length !== s.sheets.length || [...el.sheet.options].some((o, i) => o.value !== s.sheets[i])) {
      el.sheet.replaceChildren(...s.sheets.map((name) => h('option', { value: name, text: name })));
    }
    el.sheet.value = s.sheet ?? s.sheets[0] ?? '';
    const listName = s.sheets.length > 1 ? t.inSheet(s.name, s.sheet ?? s.sheets[0]) : s.name;
    if (busy) {
      const pct = s.total ? Math.min(100, Math.floor((100 * s.read) / s.total)) : 0;
      const words = s.making ? t.making(s.read, s.total) : s.comparing ? t.comparing(pct) : t.reading(pct, s.rows);
      el.progress.max = 100;
      el.progress.value = pct;
      el.progress.setAttribute('aria-label', words);
      el.progressText.textContent = words;
    }
    el.status.textContent =
      s.phase === 'cancelled'
        ? t.cancelled
        : s.cancelledComparison
          ? t.cancelledComparison
          : s.cancelledForms
            ? t.cancelledForms
            : s.made
              ? t.made(s.made)
              : s.phase === 'done' && s.summary
                ? t.sentences(t.done(s.summary, listName, s.on), s.policy ? t.under(s.policy.number) : '')
                : s.preparing
                  ? t.preparing
                  : '';
    const said = (e) => (this.lang_ === 'en' ? e.en : e.zh);
    // A pack refused while screening is the page's own (`policy`); while comparing, the one compared with.
    const failedAt = (e) =>
      e.kind === 'policy-refused-here' || (e.kind === 'policy-refused' && e.during === 'screen') ? t.policyFailed : e.kind === 'policy-refused'
          ? t.packFailed
          : e.during === 'forms'
            ? t.formsFailed
            : e.during === 'compare'
              ? t.compareFailed
              : t.failed;
    el.alert.textContent = s.error
      ? failedAt(s.error) + said(s.error)
      : s.policyError
        ? t.policyFailed + said(s.policyError)
        : s.packError
          ? t.packFailed + said(s.packError)
          : '';
    this.renderSummary();
    this.renderResults();
    this.renderComparison();
  }

  renderSummary() {
    const { t, state: s, el } = this;
    el.summary.replaceChildren();
    if (!s.summary || s.phase !== 'done') return;
    const shown = s.summary.entries.filter((e) => e.counts.some((c) => c.count > 0));
    const names = Object.fromEntries(s.summary.statuses.map((st) => [st.code, st.name]));
    const rows = shown
      .map((e) => ({ label: e.code, values: BARS.map(([code]) => e.counts.find((c) => c.status === code)?.count ?? 0) }))
      .filter((r) => r.values.some((n) => n > 0))
      .map((r) => ({ ...r, words: [String(r.values.reduce((a, b) => a + b, 0))] }));
    // A chart with no bars is none (and the DOM would write a null as text).
    el.summary.append(
      ...[
      h('h3', { id: 'summary-title', text: t.summary }),
      rows.length ? null : h('p', { text: t.noResults }),
      barChart({ title: t.chart, rows, series: BARS.map(([code, colour]) => ({ name: names[code] ?? code, colour })) }),
      shown.length &&
        scroller(
        t.summary,
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
                h('td', { class: 'num', text: e.cash_min_words === e.cash_max_words ? cash(e.cash_max_words) : `${e.cash_min_words}–${e.cash_max_words}` }),
              ),
            ),
          ),
        ),
      ),
      ].filter(Boolean),
    );
  }

  renderResults() {
    const { t, state: s, el } = this;
    // The filters and the pager are drawn once per list, so that the focus
    // stays where it is while the table between them changes.
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
      const move = (by) => {
        this.state.query = { ...this.state.query, offset: Math.max(0, this.state.query.offset + by) };
        this.ask();
      };
      this.table = scroller(t.results);
      this.pager = {
        prev: h('button', { type: 'button', class: 'quiet', id: 'prev', text: t.prev, onclick: () => move(-PAGE) }),
        where: h('span'),
        next: h('button', { type: 'button', class: 'quiet', id: 'next', text: t.next, onclick: () => move(PAGE) }),
      };
      this.filters = h(
        'div',
        { class: 'row' },
        h('label', { for: 'entry' }, t.entry, entry),
        h('label', { for: 'status' }, t.status, status),
        h('label', { for: 'search' }, t.search, search),
        h('label', { for: 'order' }, t.order, order),
        h('label', { for: 'errors', class: 'check' }, errors, t.errorsOnly),
      );
      const blocksSheet = h('select', {
        id: 'blocks-sheet',
        onchange: () => {
          blocksFile.value = '';
          this.set({ blocksSheet: blocksSheet.value, blocksFile: null });
        },
      });
      // Another file for the details sets aside what the last one was refused for.
      const blocksFile = h('input', {
        type: 'file',
        id: 'blocks-file',
        accept: '.xlsx,.xls,.ods,.csv',
        onchange: () => this.set({ blocksFile: blocksFile.files[0] ?? null, ...(this.state.error?.during === 'forms' ? { error: null } : {}) }),
      });
      this.formsEl = {
        blocksSheet,
        blocksSheetLabel: h('label', { for: 'blocks-sheet' }, t.blocksSheet, blocksSheet),
        count: h('p', { id: 'forms-count', 'aria-live': 'polite' }),
        // What the forms' run says, beside its button (the page's status and alert say it too, at the top).
        note: h('p', { id: 'forms-note', class: 'note' }),
        blocksFile,
        blocksFileWords: h('span', { text: t.blocksFile }),
        selectAll: h('button', { type: 'button', class: 'quiet', id: 'select-all', text: t.selectAll, onclick: () => !this.state.making && this.selectAll() }),
        selectNone: h('button', { type: 'button', class: 'quiet', id: 'select-none', text: t.selectNone, onclick: () => !this.state.making && this.set({ selected: new Set(), noneToChoose: false }) }),
        make: h('button', { type: 'button', id: 'download-forms', onclick: () => this.makeForms() }),
      };
      const f = this.formsEl;
      el.results.replaceChildren(
        h('h3', { id: 'results-title', text: t.results }),
        this.filters,
        this.table,
        h('div', { class: 'row' }, this.pager.prev, this.pager.where, this.pager.next),
        h('h3', { text: t.downloads }),
        h('div', { class: 'row' }, h('button', { type: 'button', id: 'download-xlsx', text: t.xlsx, onclick: () => this.download('xlsx') }), h('button', { type: 'button', class: 'quiet', id: 'download-csv', text: t.csv, onclick: () => this.download('csv') })),
        h('h3', { id: 'forms-title', text: t.forms }),
        h('p', { text: t.formsIntro }),
        h('div', { class: 'row' }, f.blocksSheetLabel, h('label', { for: 'blocks-file' }, f.blocksFileWords, blocksFile)),
        h('div', { class: 'row' }, f.selectAll, f.selectNone),
        f.count,
        h('div', { class: 'row' }, f.make),
        f.note,
      );
    }
    for (const b of el.results.querySelectorAll('#download-xlsx, #download-csv')) b.disabled = s.preparing;
    this.renderForms();
    const page = s.page;
    if (!page) return;
    const { entry, status } = s.query;
    const statusName = s.summary.statuses.find((st) => st.code === status)?.name;
    const head = entry ? [t.pick, t.row, t.id, t.name, `${entry} ${t.status}`, `${entry} ${t.amount}`] : [t.pick, t.row, t.id, t.name, status ? t.withStatus(statusName) : t.claims, t.most];
    const open = (c) => (status ? c.status === status : c.status === 'eligible' || c.status === 'manual-review' || c.status === 'undetermined');
    const rows = page.lines.map((l) => {
      // Only an applicant with results can have forms: an error row has no box to tick.
      const pick = l.error
        ? h('td')
        : h(
            'td',
            {},
            h('input', {
              type: 'checkbox',
              class: 'pick',
              'data-row': l.row,
              'aria-label': t.pickRow(l.row, l.name || l.id),
              checked: s.selected.has(l.row),
              // While the forms are made, the choice they are made of stays as it is.
              disabled: s.making,
              onchange: (e) => {
                const selected = new Set(this.state.selected);
                if (e.target.checked) selected.add(l.row);
                else selected.delete(l.row);
                this.set({ selected, noneToChoose: false });
              },
            }),
          );
      const first = [pick, h('td', { class: 'num', text: String(l.row) }), h('td', { text: l.id }), h('td', { class: 'name', text: l.name })];
      if (l.error) return h('tr', {}, first, h('td', { colspan: 2, class: 'alert', text: `${t.error}${t.sep}${l.error.reason}` }));
      if (entry) {
        const c = l.cells.find((x) => x.code === entry);
        return h('tr', {}, first, h('td', { class: `status-${c?.status ?? ''}`, text: c?.status_name ?? '' }), h('td', { class: 'num', text: c?.amount ?? '' }));
      }
      const cells = l.cells.filter(open).map((c) => t.cell(c.code, c.status_name, c.amount));
      return h('tr', {}, first, h('td', { text: cells.join(t.list) }), h('td', { class: 'num', text: l.most ? Number(l.most).toLocaleString('zh-CN') : '—' }));
    });
    const where = page.total ? t.range(page.offset + 1, page.offset + page.lines.length, page.total) : '';
    // The table is drawn afresh: a box that had the focus gives it to its successor.
    const ticked = this.shadowRoot.activeElement?.classList?.contains('pick') ? this.shadowRoot.activeElement.dataset.row : null;
    this.table.replaceChildren(
      page.total === 0
        ? h('p', { text: t.none })
        : h('table', { id: 'results-table' }, h('caption', { text: where }), h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col', text: x })))), h('tbody', {}, rows)),
    );
    if (ticked) this.table.querySelector(`input.pick[data-row="${ticked}"]`)?.focus();
    const { prev, next } = this.pager;
    const focused = this.shadowRoot.activeElement;
    prev.disabled = page.offset === 0;
    next.disabled = page.offset + page.lines.length >= page.total;
    this.pager.where.textContent = where;
    // A pager button that has just become disabled hands the focus to the other one.
    if (focused === prev && prev.disabled && !next.disabled) next.focus();
    if (focused === next && next.disabled && !prev.disabled) prev.focus();
  }

  /** The forms' controls: where the blocks come from, how many are chosen, and the button. */
  renderForms() {
    const { t, state: s } = this;
    const f = this.formsEl;
    if (!f) return;
    const offered = this.blocksSheets();
    if (f.blocksSheet.options.length !== offered.length + 1 || [...f.blocksSheet.options].slice(1).some((o, i) => o.value !== offered[i])) {
      f.blocksSheet.replaceChildren(h('option', { value: '', text: t.noBlocksSheet }), ...offered.map((name) => h('option', { value: name, text: name })));
    }
    f.blocksSheetLabel.hidden = offered.length === 0;
    f.blocksSheet.value = s.blocksFile ? '' : (this.blocksSource()?.sheet ?? '');
    const n = s.selected.size;
    const source = this.blocksSource();
    // A CSV list has no other sheet: the details can only be another file.
    f.blocksFileWords.textContent = offered.length ? t.blocksFile : t.blocksFileOnly;
    const need = offered.length ? t.needBlocks : t.needBlocksFile;
    f.count.textContent = n > MOST_FORMS ? t.tooMany(n) : n && !source ? t.sentences(t.selected(n), need) : s.noneToChoose ? t.sentences(t.noneToChoose, t.selected(n)) : t.selected(n);
    f.make.textContent = t.makeForms(n);
    // While the forms are made, the buttons keep the focus (a disabled
    // button drops it to the page): they say they are unavailable instead.
    f.make.disabled = !n || n > MOST_FORMS || !source;
    f.make.setAttribute('aria-disabled', String(s.making));
    f.selectAll.setAttribute('aria-disabled', String(s.making));
    f.selectNone.setAttribute('aria-disabled', String(s.making || !n));
    f.blocksSheet.disabled = s.making;
    f.blocksFile.disabled = s.making;
    f.note.textContent = s.making ? t.making(s.read, s.total) : s.cancelledForms ? t.cancelledForms : s.made ? t.made(s.made) : s.error?.during === 'forms' ? t.formsFailed + (this.lang_ === 'en' ? s.error.en : s.error.zh) : '';
  }

  renderComparison() {
    const { t, state: s, el } = this;
    el.comparison.replaceChildren();
    if (!s.pack || !s.summary || s.phase !== 'done') return;
    el.comparison.append(h('h3', { id: 'comparison-title', text: t.comparison }), h('button', { type: 'button', id: 'compare', text: t.compare(s.pack.number), disabled: s.comparing, onclick: () => this.compare() }));
    const c = s.comparison;
    if (!c) return;
    const sum = c.summary;
    const both = (a, b) => (a === '0' && b === '0' ? '—' : `${cash(a)}${t.list}${cash(b)}`);
    const chartRows = sum.entries
      .filter((e) => Number(e.a.max) || Number(e.b.max))
      .map((e) => ({ label: e.code, values: [Number(e.a.max), Number(e.b.max)], words: [cash(e.a.range), cash(e.b.range)] }));
    el.comparison.append(
      ...[
      h('p', { text: t.sides(sum.a, sum.b) }),
      h('p', { text: t.changes(sum.change) }),
      scroller(
        t.comparison,
        h(
          'table',
          { id: 'comparison-table' },
          h('thead', {}, h('tr', {}, [t.entry, t.eligibleAB, t.rangeAB, t.maxChange].map((x) => h('th', { scope: 'col', text: x })))),
          h(
            'tbody',
            {},
            sum.entries.map((e) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row', text: `${e.code} ${e.name}` }),
                h('td', { class: 'num', text: `${e.a.eligible} → ${e.b.eligible}` }),
                h('td', { class: 'num', text: both(e.a.range, e.b.range) }),
                h('td', { class: 'num', text: e.a.max === e.b.max ? '—' : e.max_change }),
              ),
            ),
          ),
        ),
      ),
      barChart({ title: t.compareChart(sum.a, sum.b), rows: chartRows, grouped: true, series: [{ name: `A ${sum.a}`, colour: '#9aa0a6' }, { name: `B ${sum.b}`, colour: '#1a56b0' }] }),
      h('div', { class: 'row' }, h('button', { type: 'button', id: 'download-comparison', text: t.comparisonXlsx, disabled: s.preparing, onclick: () => this.download('comparison') })),
      ].filter(Boolean),
    );
  }
}

if (!customElements.get('chanjiao-office')) customElements.define('chanjiao-office', ChanjiaoOffice);
