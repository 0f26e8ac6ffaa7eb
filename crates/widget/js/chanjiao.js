// The embedding entry of the chanjiao widget. Load it as a module, then use the
// element:
//   <script type="module" src="…/chanjiao.js"></script>
//   <chanjiao-widget lang="zh-CN"></chanjiao-widget>
// or call mount(element, options) yourself.
//
// The widget arrives in two parts, each fetched once from beside this file
// however many widgets the page has: the first screen (a small WebAssembly
// module that shows the start page), then, fetched while the user reads it,
// the whole widget, which takes over when the user starts, resumes or imports.
// Both are imported when first needed, not at the top: the element is defined,
// and its placeholder shows, as soon as this file has run.

// Every file the package loads is named below by a literal
// `new URL('./…', import.meta.url)` or a literal `import('./…')`, never by a
// variable: that is the form bundlers (Vite, webpack 5, Rollup) look for, so
// they copy each file into their output and rewrite the address. A host that
// serves the files from elsewhere (a CDN path) names that folder with the
// `assets` option; it is read by the first widget that loads a file.
const FILES = {
  first: () => new URL('./chanjiao_first_bg.wasm', import.meta.url),
  whole: () => new URL('./chanjiao_widget_bg.wasm', import.meta.url),
  forms: () => new URL('./pdf/chanjiao_pdf_bg.wasm', import.meta.url),
  font: () => new URL('./fonts/NotoSansCJKsc-Regular-chanjiao.otf', import.meta.url),
};
// The same files' places under an `assets` folder: the package's own layout.
const UNDER_ASSETS = {
  first: 'chanjiao_first_bg.wasm',
  whole: 'chanjiao_widget_bg.wasm',
  forms: 'pdf/chanjiao_pdf_bg.wasm',
  font: 'fonts/NotoSansCJKsc-Regular-chanjiao.otf',
};
let assetsBase = null;

/** Takes the host's `assets` folder, if it names one, for the files not yet loaded. */
function useAssets(assets) {
  if (!assets) return;
  const folder = new URL(assets, document.baseURI);
  if (!folder.pathname.endsWith('/')) folder.pathname += '/';
  assetsBase = folder;
}

/** Where one of the package's files is fetched from. */
function fileUrl(name) {
  return assetsBase ? new URL(UNDER_ASSETS[name], assetsBase) : FILES[name]();
}

/**
 * A file of the widget that did not arrive. `setup` is true when the server
 * answered with something else (an error status, the site's HTML page, bytes
 * that are not WebAssembly): the site's configuration, which trying again
 * cannot fix. Otherwise the connection failed. `url` names the file.
 */
export class LoadError extends Error {
  constructor(url, problem, setup, cause) {
    super(`${url}: ${problem}`, cause ? { cause } : undefined);
    this.name = 'LoadError';
    this.url = String(url);
    this.setup = setup;
  }
}

/** Fetches one of the package's files, telling a server's wrong answer from a dropped connection. */
async function fetchFile(name) {
  const url = fileUrl(name);
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new LoadError(url, `the request failed (${error?.message ?? error})`, false, error);
  }
  if (!response.ok) throw new LoadError(url, `the server answered HTTP ${response.status}`, true);
  const type = response.headers.get('content-type') ?? '';
  // A single-page app's server answers every unknown path with its index.html.
  if (/^text\/html/i.test(type)) throw new LoadError(url, `the server answered with an HTML page (${type}), not the file`, true);
  return response;
}

/** Starts a wasm-bindgen module on its WebAssembly (a response or bytes). */
async function start(m, source, url) {
  try {
    await m.default({ module_or_path: source });
  } catch (error) {
    // Bytes that do not compile came whole from the server: not the
    // WebAssembly this package built (a wrong file, or a proxy that rewrote it).
    if (error instanceof WebAssembly.CompileError && !blockedByCsp(error)) throw new LoadError(url, `the file is not this package's WebAssembly (${error.message})`, true, error);
    throw error;
  }
}

/** A module and its WebAssembly, fetched and started once; a failed fetch can be tried again. */
function once(importGlue, wasm) {
  let loading = null;
  return () => {
    loading ??= (async () => {
      const m = await importGlue();
      const response = await fetchFile(wasm);
      await start(m, response, response.url);
      return m;
    })();
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
}

const loadFirst = once(() => import('./chanjiao_first.js'), 'first');
const loadWhole = once(() => import('./chanjiao_widget.js'), 'whole');

// The application forms: a WebAssembly module of their own and the font, fetched from
// beside this file the first time someone asks for a form, never before. The
// font is kept in the Cache Storage, so it downloads once per browser.
const FONT_CACHE = 'chanjiao-font-1';
let pdfLoading = null;

// What the first form fetches, in bytes: the forms module and the font.
// scripts/build-widget.sh writes the real figures here from the files it
// builds, so the forms page states them and the progress bar measures against
// them (a compressed transfer is smaller; the bar counts bytes as unpacked).
const FORMS_DOWNLOAD = { module: 0, font: 0 };

/** Reads a response's body whole, reporting the bytes received so far. */
async function readAll(response, onBytes) {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    try {
      onBytes(received);
    } catch {
      // The widget that asked was removed; the download goes on for the next one.
    }
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

async function fetchFont(onBytes) {
  const cache = 'caches' in globalThis ? await caches.open(FONT_CACHE).catch(() => null) : null;
  const font = fileUrl('font');
  let response = cache ? await cache.match(font).catch(() => undefined) : undefined;
  if (!response) {
    response = await fetchFile('font');
    if (cache) await cache.put(font, response.clone()).catch(() => {});
  }
  return readAll(response, onBytes);
}

let formsLoading = null;

/** The forms module, fetched and started once (without the font), reporting its bytes. */
function loadForms(onBytes = () => {}) {
  // Already fetched (or being fetched, e.g. by evaluate()): its bytes count
  // as received once it is there, so a progress bar still reaches its end.
  if (formsLoading) {
    formsLoading.then(() => onBytes(FORMS_DOWNLOAD.module)).catch(() => {});
    return formsLoading;
  }
  formsLoading = (async () => {
    const m = await import('./pdf/chanjiao_pdf.js');
    const response = await fetchFile('forms');
    await start(m, await readAll(response, onBytes), response.url);
    return m;
  })();
  formsLoading.catch(() => {
    formsLoading = null;
  });
  return formsLoading;
}

/**
 * Why the forms could not be made, as the widget shows it: Chinese, a line
 * break, English; `setup` is true when trying again cannot help. The console
 * names the file for the web team.
 */
function formsFailure(error) {
  if (!(error instanceof LoadError)) return error;
  console.error(`chanjiao: the forms could not load ${error.message}`, error);
  const failure = error.setup
    ? new Error(
        '申请表组件的文件未能正确载入，这是网站的配置问题，不是您的网络问题。请联系网站管理员。\n' +
          "the forms component's files did not load properly. This is a problem with the site's setup, not with your connection. Please tell the site's administrator.",
      )
    : new Error('申请表组件下载失败，可能是网络中断。请检查网络。\nthe forms component could not be downloaded, perhaps because the connection dropped. Check your connection.');
  failure.setup = error.setup;
  return failure;
}

/**
 * Loads the forms module and the font once; reports the bytes received of
 * both, against the total the build wrote (0 when unknown).
 */
export function loadPdf(onProgress = () => {}) {
  pdfLoading ??= (async () => {
    const got = { module: 0, font: 0 };
    const total = FORMS_DOWNLOAD.module + FORMS_DOWNLOAD.font;
    const report = (part) => (n) => {
      got[part] = n;
      onProgress(got.module + got.font, total);
    };
    const [forms, font] = await Promise.all([loadForms(report('module')), fetchFont(report('font'))]);
    try {
      forms.set_font(font);
    } catch (error) {
      // A damaged copy in the cache would fail every time: drop it, so that
      // trying again downloads the font afresh.
      if ('caches' in globalThis) await caches.delete(FONT_CACHE).catch(() => {});
      throw error;
    }
    return forms;
  })();
  // A failed load (offline, blocked) can be tried again.
  pdfLoading.catch(() => {
    pdfLoading = null;
  });
  return pdfLoading.catch((error) => {
    throw formsFailure(error);
  });
}

// A policy pack the host adds (a successor policy, as data): fetched from the
// page's own origin, held to its Subresource Integrity hash, then checked by the
// rules as every pack is. Any failure refuses the widget as a whole, with a
// notice to the citizen and the reason in the console for the web team.
export class PolicyRefused extends Error {
  constructor(message, key = '') {
    super(message);
    this.name = 'PolicyRefused';
    /** Where in the pack the rules found the fault (`values.a11_sme_per_hire`), or ''. */
    this.key = key;
  }
}

/**
 * The rules' refusal of a pack, as the WebAssembly throws it: an object
 * `{ kind: "policy-refused", key, en, zh }`. Anything else is not one.
 */
function asPolicyRefused(error) {
  if (error?.kind !== 'policy-refused') return null;
  const where = error.key ? `${error.key}: ` : '';
  return new PolicyRefused(`${where}${error.en} / ${error.zh}`, error.key ?? '');
}

/**
 * Fetches the pack at `url` and holds it to `integrity` (policy-pack.js, the
 * same for the officer's workbench); loaded only by a page that names a pack.
 */
async function loadPolicy(url, integrity) {
  const pack = await import('./policy-pack.js');
  return pack.loadPolicy(url, integrity, PolicyRefused);
}

// The elements with a widget on the page, for each one's own storage and
// history key when the host names none.
const hosts = new Set();

/**
 * The key prefix of a widget whose host set no `draftKeyPrefix`: the first
 * widget in the document has none (a draft saved before keeps resuming), and
 * each later one is numbered by its place, so that two widgets never share a
 * draft or a history mark, and a reload finds each its own.
 */
function placePrefix(element) {
  let before = 0;
  for (const other of hosts) {
    if (other !== element && other.isConnected && other.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) before += 1;
  }
  return before === 0 ? '' : `widget-${before + 1}.`;
}

/**
 * While the first screen shows on an entry of the browser's history that an
 * earlier mount of this widget marked deeper than its start (before a reload,
 * or before a single-page app re-created the element), the entries below it
 * are steps that mount had and this one has not: Back goes on past them to the
 * page before, instead of stopping on each with nothing changing. The whole
 * widget does the same for itself (app.rs). Returns the function that stops it.
 */
function skipStaleSteps(key, historyOption) {
  const kept = String(historyOption ?? '').trim() === 'off' ? undefined : history.state?.chanjiao?.[key];
  if (!Number.isInteger(kept) || kept <= 0) return () => {};
  const onPop = (event) => {
    const depth = event.state?.chanjiao?.[key];
    if (Number.isInteger(depth) && depth > 0 && depth < kept) history.go(-depth - 1);
  };
  addEventListener('popstate', onPop);
  return () => removeEventListener('popstate', onPop);
}

/**
 * A mounted widget: the first screen until the user begins, the whole widget
 * after. `unmount` removes whichever is shown.
 */
class Mounted {
  #current;
  #removed = false;
  #element;

  #leaveFirst;

  constructor(first, element, leaveFirst) {
    this.#current = first;
    this.#element = element;
    this.#leaveFirst = leaveFirst;
  }

  /** Replaces the first screen with the whole widget, unless it was removed meanwhile. */
  takeOver(mountWhole) {
    if (this.#removed) return;
    const first = this.#current;
    this.#current = mountWhole();
    this.#leaveFirst();
    first.unmount();
    first.free();
  }

  get removed() {
    return this.#removed;
  }

  unmount() {
    this.#removed = true;
    this.#leaveFirst();
    hosts.delete(this.#element);
    this.#current.unmount();
  }

  free() {
    this.#current.free();
  }
}

/**
 * Mounts a widget on `element`; options: { lang, types, date, draftKeyPrefix,
 * policy, policyIntegrity, history, assets }. Resolves to the widget once its first
 * screen shows; rejects with PolicyRefused when a policy pack fails its
 * integrity hash or its checks.
 */
export async function mount(element, options = {}) {
  useAssets(options.assets ?? element.getAttribute?.('assets'));
  // Registered before the first await, so widgets parsed together count each other in document order.
  hosts.add(element);
  const draftKeyPrefix = options.draftKeyPrefix || placePrefix(element);
  showLoading(element, options.lang ?? element.getAttribute?.('lang') ?? 'zh-CN');
  try {
    const firstScreen = await loadFirst();
    const pack = options.policy ? await loadPolicy(options.policy, options.policyIntegrity) : null;
    element.shadowRoot?.querySelector('.cj-loading')?.remove();
    const formsBytes = FORMS_DOWNLOAD.module + FORMS_DOWNLOAD.font;
    const common = { loadPdf, formsBytes, ...options, draftKeyPrefix, policyPackText: pack?.text };
    let mounted = null;
    let choice = null;
    // The first screen calls this when the user begins, and again if they clear
    // their data before the whole widget has arrived: the last call is taken,
    // in the language the first screen shows at that moment.
    const onBegin = async (detail) => {
      const loading = choice !== null;
      choice = detail;
      if (loading) return;
      let whole;
      try {
        whole = await loadWhole();
      } catch (error) {
        if (!mounted.removed) showLoadError(element, error);
        return;
      }
      const lang = element.shadowRoot?.querySelector('.cj-root .cj')?.getAttribute('lang') ?? choice.lang;
      try {
        mounted.takeOver(() => whole.mount(element, { ...common, lang, begin: choice.begin, beginAnswers: choice.beginAnswers }));
      } catch (error) {
        showLoadError(element, error);
      }
    };
    mounted = new Mounted(firstScreen.mount_first(element, { ...common, onBegin }), element, skipStaleSteps(draftKeyPrefix, options.history));
    // The rest is fetched while the user reads the start page. A failure is
    // said when they begin, and trying again then fetches it afresh.
    loadWhole().catch(() => {});
    return mounted;
  } catch (error) {
    hosts.delete(element);
    // The element shows why, whoever called mount; the promise still rejects.
    const refused = asPolicyRefused(error) ?? error;
    if (refused instanceof PolicyRefused) showPolicyNotice(element, refused);
    else if (String(error).startsWith('chanjiao: ')) showOptionsNotice(element, String(error));
    else showLoadError(element, refused);
    throw refused;
  }
}

/**
 * Answers that cannot be evaluated: `kind` (e.g. `invalid-answer`), `field`
 * (the answer's key, e.g. `ent_employees`) and the message in both languages.
 */
export class EvaluationError extends Error {
  constructor(detail) {
    super(`${detail.field ? `${detail.field}: ` : ''}${detail.message?.en ?? detail.message} / ${detail.message?.['zh-CN'] ?? ''}`);
    this.name = 'EvaluationError';
    this.kind = detail.kind;
    this.field = detail.field ?? null;
    this.messages = detail.message;
  }
}

/**
 * Evaluates an answers object (or its JSON text) with no interface, exactly as
 * `chanjiao evaluate --format json` does; options: { date, policy,
 * policyIntegrity }. Resolves to the same JSON, parsed. The rules run in the
 * forms module, fetched from beside this file on the first call (the widget's
 * first load does not carry them twice); nothing leaves the browser.
 */
export async function evaluate(answers, options = {}) {
  useAssets(options.assets);
  const [forms, pack] = await Promise.all([loadForms(), options.policy ? loadPolicy(options.policy, options.policyIntegrity) : null]);
  const text = typeof answers === 'string' ? answers : JSON.stringify(answers);
  try {
    return JSON.parse(forms.evaluate_answers(text, options.date ?? '', pack?.text));
  } catch (error) {
    if (typeof error === 'string' && error.startsWith('{')) throw new EvaluationError(JSON.parse(error));
    const refused = asPolicyRefused(error);
    if (refused) throw refused;
    throw typeof error === 'string' ? new Error(error) : error;
  }
}

const ATTRIBUTES = ['lang', 'types', 'date', 'draft-key-prefix', 'policy', 'policy-integrity', 'history', 'assets'];

function optionsOf(element) {
  return {
    lang: element.getAttribute('lang') || 'zh-CN',
    types: element.getAttribute('types') || '',
    date: element.getAttribute('date') || '',
    draftKeyPrefix: element.getAttribute('draft-key-prefix') || '',
    policy: element.getAttribute('policy') || '',
    policyIntegrity: element.getAttribute('policy-integrity') || '',
    history: element.getAttribute('history') || '',
    assets: element.getAttribute('assets') || '',
  };
}

// What the element shows before the widget and instead of it: a placeholder
// while the module loads, and a panel when it cannot run. Both are styled
// inside the shadow root (a constructed stylesheet, which a strict
// style-src allows), so the host's CSS never reaches them.
const SHELL_CSS = `
:host { display: block; }
.cj-shell { all: initial; display: block; box-sizing: border-box; max-width: 40em; padding: 12px 16px; border-radius: 6px;
  font: 16px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1a1a1a; background: #fff;
  border: 2px solid var(--chanjiao-border, #b1b4b6); }
.cj-shell p { display: block; margin: 0 0 6px; }
.cj-shell .cj-title { font-weight: 700; font-size: 1.15em; }
.cj-shell.cj-failed { border-color: #b3261e; }
.cj-shell button { font: inherit; margin-top: 4px; padding: 4px 14px; border: 2px solid #1d5aa6; border-radius: 3px; background: #1d5aa6; color: #fff; cursor: pointer; }
.cj-bar { display: block; height: 4px; margin-top: 8px; border-radius: 2px; overflow: hidden; background: #e8ecf1; }
.cj-bar::after { content: ""; display: block; height: 100%; width: 30%; background: var(--chanjiao-primary, #1d5aa6); animation: cj-slide 1.2s ease-in-out infinite; }
@keyframes cj-slide { from { transform: translateX(-100%); } to { transform: translateX(340%); } }
@media (prefers-reduced-motion: reduce) { .cj-bar::after { animation: none; width: 100%; opacity: 0.4; } }
`;

// Keys pressed inside the widget stop at its shadow root. Outside it, the
// browser retargets them to the element, so an old portal script on
// `document` that blocks Backspace unless the target is a text field, or takes
// Enter for the site's search, would take them from the widget's fields.
// The widget's own handlers, inside the root, have run by then.
const KEYS = ['keydown', 'keypress', 'keyup'];
const stopKey = (event) => event.stopPropagation();

function shell(element) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  for (const type of KEYS) root.addEventListener(type, stopKey);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(SHELL_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Without constructed stylesheets the text is plain, still readable.
  }
  return root;
}

function para(text, lang, className) {
  const p = document.createElement('p');
  p.textContent = text;
  if (lang) p.lang = lang;
  if (className) p.className = className;
  return p;
}

// The same title as the widget's first page, so nothing changes when it arrives.
const TITLE = { zh: '产教融合政策申报测算', en: 'Industry–education integration incentives: check what you can claim' };

/** The placeholder, shown within a frame of mounting, until the widget replaces it. */
function showLoading(element, lang) {
  const root = shell(element);
  if (root.querySelector('.cj-root')) return;
  const en = String(lang).startsWith('en');
  const box = document.createElement('div');
  box.className = 'cj-shell cj-loading';
  box.setAttribute('role', 'status');
  const bar = document.createElement('span');
  bar.className = 'cj-bar';
  box.append(para(en ? TITLE.en : TITLE.zh, en ? 'en' : 'zh-CN', 'cj-title'), para(en ? 'Loading the calculator…' : '正在载入测算工具……', en ? 'en' : 'zh-CN'), bar);
  root.replaceChildren(box);
}

/** A panel in both languages instead of the widget; `retry` adds a button that reloads. */
function showPanel(element, zh, en, retry) {
  const root = shell(element);
  // A keyboard or screen-reader user inside the widget is taken to the panel
  // that replaces it, rather than left on nothing.
  const hadFocus = Boolean(root.activeElement);
  const panel = document.createElement('div');
  panel.className = 'cj-shell cj-failed cj-notice';
  panel.setAttribute('role', 'alert');
  panel.append(para(zh, 'zh-CN'), para(en, 'en'));
  if (retry) {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('data-chanjiao-retry', '');
    button.textContent = '重试 · Try again';
    panel.append(button);
  }
  root.replaceChildren(panel);
  if (hadFocus) {
    panel.tabIndex = -1;
    (panel.querySelector('button') ?? panel).focus();
  }
}

// The notice when the host's policy pack is refused: no results at all rather
// than results under a policy that was not the one meant. "Try again" cannot
// help, so there is none; the web team finds the reason in the console.
function showPolicyNotice(element, error) {
  showPanel(
    element,
    '本页面载入的政策文件未通过核验，暂时无法提供测算结果。请稍后再试，或联系网站管理员。',
    'The policy file this page loads did not pass its checks, so results are unavailable. Please try again later, or tell the website administrator.',
    false,
  );
  console.error('chanjiao: policy pack refused:', error?.message ?? error);
}

// The host's options are wrong (an unknown type, a date not YYYY-MM-DD): only
// the web team can fix that, so no "try again"; the console says which option.
function showOptionsNotice(element, message) {
  showPanel(
    element,
    '本页面对测算工具的设置有误，暂时无法使用。请联系网站管理员。',
    "This page's settings for the calculator are wrong, so it is unavailable. Please tell the site's administrator.",
    false,
  );
  console.error(`${message} (check the element's attributes or mount()'s options)`);
}

// After a panic the WebAssembly instance cannot run again; the panel's "try
// again" reloads the page, and the draft in storage keeps every answer.
function retryOnClick(event) {
  const target = event.composedPath()[0];
  if (target instanceof Element && target.hasAttribute('data-chanjiao-retry')) {
    window.location.reload();
  }
}

/** True when the browser refused to compile WebAssembly under the page's CSP. */
function blockedByCsp(error) {
  const text = `${error?.name ?? ''} ${error?.message ?? error}`;
  return /Content Security Policy|Content-Security-Policy|\bCSP\b|unsafe-eval/i.test(text);
}

// If the module cannot run at all, say so in plain words instead of leaving an
// empty box. A page whose CSP forbids WebAssembly cannot be fixed by trying
// again: the citizen is told the service is unavailable here, and the web team
// the directive to add; a download that failed can be tried again.
function showLoadError(element, error) {
  if (blockedByCsp(error)) {
    showPanel(
      element,
      '本页面的安全设置不允许运行测算工具，因此在此页面无法使用。请联系网站管理员。',
      "This page's security settings do not let the calculator run, so it is unavailable here. Please tell the site's administrator.",
      false,
    );
    console.error(
      "chanjiao: the page's Content-Security-Policy blocks WebAssembly. Add 'wasm-unsafe-eval' to script-src, e.g. script-src 'self' 'wasm-unsafe-eval'.",
      error,
    );
    return;
  }
  if (error instanceof LoadError && error.setup) {
    // Trying again fetches the same wrong answer: the citizen is told it is
    // the site's to fix, and the web team which file and what came back.
    showPanel(
      element,
      '测算工具的文件未能正确载入，这是网站的配置问题，不是您的网络问题。请联系网站管理员；您已填写的内容保存在本浏览器中。',
      "The calculator's files did not load properly. This is a problem with the site's setup, not with your connection. Please tell the site's administrator; what you entered is kept in this browser.",
      false,
    );
    // Vite's dev server pre-bundles dependencies into node_modules/.vite/deps/,
    // away from the files they load: the one case with a one-line fix.
    const fix = error.url.includes('/.vite/deps/')
      ? "Vite's dev server pre-bundled chanjiao-widget away from its files: add optimizeDeps: { exclude: ['chanjiao-widget'] } to vite.config.js (the README's Vite section)."
      : "The file is not where the widget looks for it: with a bundler, see the README's section on it; a host that serves the files from another folder names that folder with the assets option.";
    console.error(`chanjiao: the widget could not load ${error.message}. ${fix}`, error);
    return;
  }
  showPanel(
    element,
    '测算工具未能载入，可能是网络中断。请检查网络后重试；您已填写的内容保存在本浏览器中。',
    'The calculator could not load, perhaps because the connection dropped. Check your connection and try again; what you entered is kept in this browser.',
    true,
  );
  console.error(`chanjiao: the widget could not load${error instanceof LoadError ? ` ${error.url}` : ''}:`, error);
}

class ChanjiaoWidget extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  connectedCallback() {
    this.addEventListener('click', retryOnClick);
    this.#enqueue(async () => {
      if (!this.widget && this.isConnected) this.widget = await mount(this, optionsOf(this));
    });
  }

  disconnectedCallback() {
    this.removeEventListener('click', retryOnClick);
    this.#enqueue(() => {
      if (this.isConnected) return; // moved, not removed
      // Freed too: until then the WebAssembly side keeps the widget's handle and
      // container, for every element a single-page app has removed.
      this.widget?.unmount();
      this.widget?.free();
      this.widget = null;
    });
  }

  // Attributes set before the element connects are read when it mounts; a
  // change afterwards remounts it with the new options.
  attributeChangedCallback(_name, before, after) {
    if (before === after) return;
    this.#enqueue(async () => {
      if (!this.widget) return;
      this.widget.unmount();
      this.widget.free();
      this.widget = null;
      if (this.isConnected) this.widget = await mount(this, optionsOf(this));
    });
  }

  // Mounting waits for the module, so changes are applied one after another.
  #enqueue(task) {
    this.queue = (this.queue ?? Promise.resolve())
      .then(task)
      .catch((error) => {
        // mount has shown its panel already; anything else failing says so too.
        if (!this.shadowRoot?.querySelector('.cj-failed')) showLoadError(this, error);
      });
  }
}

if (!customElements.get('chanjiao-widget')) {
  customElements.define('chanjiao-widget', ChanjiaoWidget);
}
