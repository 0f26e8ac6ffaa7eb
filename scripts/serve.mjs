// Serves the demo page (www/) and the widget package (pkg/, at /pkg/) on
// 127.0.0.1 with the strict Content-Security-Policy a government site would
// send. Usage: node scripts/serve.mjs [--port 8080]. Tests import start().
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const MOUNTS = [
  ['/pkg/', join(ROOT, 'pkg')],
  // The example lists of docs/batch.md, for the workbench's demo page (office.html).
  ['/samples/', join(ROOT, 'docs/batch')],
  ['/', join(ROOT, 'www')],
];
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

function locate(urlPath, mounts) {
  for (const [prefix, dir] of mounts) {
    if (urlPath.startsWith(prefix)) {
      const rest = decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html';
      const file = normalize(join(dir, rest));
      // Never serve anything outside the mounted folder.
      if (file !== dir && !file.startsWith(dir + sep)) return null;
      return file;
    }
  }
  return null;
}

async function handle(req, res, mounts, csp) {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  // The widget's own files are cached and revalidated (below); the page is not.
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  let file = locate(path, mounts);
  try {
    if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
    if (!file) throw new Error('not found');
    // The widget's files as a host should serve them: the precompressed copy the
    // browser accepts (brotli, else gzip), revalidated by its tag on every use.
    const accepts = String(req.headers['accept-encoding'] ?? '');
    let body = null;
    let encoding = null;
    for (const [name, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      if (body || !new RegExp(`\\b${name}\\b`).test(accepts)) continue;
      body = await readFile(file + suffix).catch(() => null);
      if (body) encoding = name;
    }
    body ??= await readFile(file);
    const tag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const caching = path.startsWith('/pkg/') ? { 'Cache-Control': 'no-cache', ETag: tag, Vary: 'Accept-Encoding' } : {};
    if (caching.ETag && req.headers['if-none-match'] === tag) {
      res.writeHead(304, { ...headers, ...caching }).end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      ...caching,
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
  }
}

/**
 * Starts the server; resolves to { url, close }. Port 0 picks a free port.
 * `extra` mounts more folders, as [urlPrefix, folder] pairs (the benchmark's);
 * `csp` replaces the policy (a test's host page that forgot a directive).
 */
export function start(port = 0, extra = [], csp = CSP) {
  const mounts = [...extra, ...MOUNTS];
  return new Promise((done, fail) => {
    const server = createServer((req, res) => {
      handle(req, res, mounts, csp).catch(() => res.writeHead(500).end());
    });
    server.on('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      done({ url: `http://127.0.0.1:${actual}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT ?? 8080);
  const { url } = await start(port);
  console.log(`chanjiao demo: ${url}  (Content-Security-Policy: ${CSP})`);
  console.log('Press Ctrl+C to stop.');
}
