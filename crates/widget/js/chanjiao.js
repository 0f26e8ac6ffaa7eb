// The embedding entry of the chanjiao widget. Load it as a module, then use the
// element:
//   <script type="module" src="…/chanjiao.js"></script>
//   <chanjiao-widget lang="zh-CN"></chanjiao-widget>
// or call mount(element, options) yourself. The WebAssembly module is fetched
// once, from beside this file, however many widgets the page has.
import init, { mount as mountInWasm } from './chanjiao_widget.js';

let loading = null;

function load() {
  loading ??= init({ module_or_path: new URL('./chanjiao_widget_bg.wasm', import.meta.url) });
  return loading;
}

// The application forms: a second WebAssembly module and the font, fetched from
// beside this file the first time someone asks for a form, never before. The
// font is kept in the Cache Storage, so it downloads once per browser.
const FONT = new URL('./fonts/NotoSansCJKsc-Regular-chanjiao.otf', import.meta.url);
const FONT_CACHE = 'chanjiao-font-1';
let pdfLoading = null;

async function fetchFont(onProgress) {
  const cache = 'caches' in globalThis ? await caches.open(FONT_CACHE).catch(() => null) : null;
  let response = cache ? await cache.match(FONT).catch(() => undefined) : undefined;
  if (!response) {
    response = await fetch(FONT);
    if (!response.ok) throw new Error(`字体下载失败 / the font could not be downloaded (HTTP ${response.status})`);
    if (cache) await cache.put(FONT, response.clone()).catch(() => {});
  }
  const total = Number(response.headers.get('content-length')) || 0;
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
      onProgress(received, total);
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

/** Loads the forms module and the font once; reports font bytes as they arrive. */
export function loadPdf(onProgress = () => {}) {
  pdfLoading ??= (async () => {
    const [forms, font] = await Promise.all([
      import('./pdf/chanjiao_pdf.js').then(async (m) => {
        await m.default({ module_or_path: new URL('./pdf/chanjiao_pdf_bg.wasm', import.meta.url) });
        return m;
      }),
      fetchFont(onProgress),
    ]);
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
  return pdfLoading;
}

/** Mounts a widget on `element`; options: { lang, types, date, draftKeyPrefix }. */
export async function mount(element, options = {}) {
  await load();
  return mountInWasm(element, { loadPdf, ...options });
}

const ATTRIBUTES = ['lang', 'types', 'date', 'draft-key-prefix'];

function optionsOf(element) {
  return {
    lang: element.getAttribute('lang') || 'zh-CN',
    types: element.getAttribute('types') || '',
    date: element.getAttribute('date') || '',
    draftKeyPrefix: element.getAttribute('draft-key-prefix') || '',
  };
}

// After a panic the WebAssembly instance cannot run again; the panel's "try
// again" reloads the page, and the draft in storage keeps every answer.
function retryOnClick(event) {
  const target = event.composedPath()[0];
  if (target instanceof Element && target.hasAttribute('data-chanjiao-retry')) {
    window.location.reload();
  }
}

// If the module cannot load at all (blocked, offline), say so instead of
// leaving an empty box.
function showLoadError(element, error) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const panel = document.createElement('div');
  panel.setAttribute('role', 'alert');
  const title = document.createElement('p');
  title.textContent = '计算器无法加载 · The calculator could not load.';
  const detail = document.createElement('p');
  detail.textContent = String(error?.message ?? error);
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('data-chanjiao-retry', '');
  button.textContent = '重试 · Try again';
  panel.append(title, detail, button);
  root.append(panel);
  console.error('chanjiao:', error);
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
      this.widget?.unmount();
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
      this.widget = null;
      if (this.isConnected) this.widget = await mount(this, optionsOf(this));
    });
  }

  // Mounting waits for the module, so changes are applied one after another.
  #enqueue(task) {
    this.queue = (this.queue ?? Promise.resolve()).then(task).catch((error) => showLoadError(this, error));
  }
}

if (!customElements.get('chanjiao-widget')) {
  customElements.define('chanjiao-widget', ChanjiaoWidget);
}
