/**
 * Static file servers for e2e tests and the demo: loopback only. Two hosts (127.0.0.1 and
 * 127.0.0.2) give two origins, so tests see same-origin and cross-origin media.
 * Extra routes: `/slow/...` never finishes, `/private/...` needs a cookie (to prove we send none).
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

export interface RequestLog {
  host: string;
  path: string;
  /** The query string, with its `?` (empty when none). */
  search?: string;
  cookie?: string;
  referer?: string;
}

export interface StaticServer {
  origin: string;
  port: number;
  requests: RequestLog[];
  close(): Promise<void>;
}

export async function serveStatic(roots: Record<string, string>, host = '127.0.0.1', port = 0): Promise<StaticServer> {
  const requests: RequestLog[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    requests.push({ host: req.headers.host ?? '', path: url.pathname, search: url.search, cookie: req.headers.cookie, referer: req.headers.referer });
    if (url.pathname.startsWith('/slow/')) return; // never answers: the extension must give up
    const [, mount = '', ...rest] = url.pathname.split('/');
    const root = roots[mount] ?? roots[''];
    const relative = roots[mount] ? rest.join('/') : url.pathname.slice(1);
    if (!root) return res.writeHead(404).end();
    const file = normalize(join(root, decodeURIComponent(relative) || 'index.html'));
    if (!file.startsWith(resolve(root)) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end('not found');
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    // Cross-origin images without CORS headers: the page canvas is tainted, as on real sites.
    if (url.searchParams.has('csp')) headers['content-security-policy'] = "default-src 'self' http://127.0.0.2:*; style-src 'self'; script-src 'self'";
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(port, host, r));
  const actual = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${actual}`,
    port: actual,
    requests,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

export const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Pages written by a test (name → HTML or bytes) served at `/`, with the demo media at `/media/`;
 * `close()` also removes them.
 */
export async function servePages(pages: Record<string, string | Uint8Array>): Promise<StaticServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dfr-pages-'));
  for (const [name, body] of Object.entries(pages)) writeFileSync(join(dir, name), body);
  const server = await serveStatic({ '': dir, media: join(ROOT, 'demo/media') });
  return { ...server, close: async () => (await server.close(), rmSync(dir, { recursive: true, force: true })) };
}
