/** Bounded fetch against a local server: sizes, time, types and credentials. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fetchMedia } from './fetch-media';
import { MediaError } from './media-errors';

let server: Server;
let base = '';
const seen: { path: string; cookie?: string; referer?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', cookie: req.headers.cookie, referer: req.headers.referer });
    const path = req.url ?? '';
    if (path === '/small.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(1000, 1));
    if (path === '/big.png') return res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(5_000_000) }).end(Buffer.alloc(5_000_000));
    if (path === '/endless.png') {
      // No content-length, never ends: the reader must stop at the byte limit.
      res.writeHead(200, { 'content-type': 'image/png' });
      const tick = setInterval(() => res.write(Buffer.alloc(64 * 1024)), 5);
      res.on('close', () => clearInterval(tick));
      return;
    }
    if (path === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    if (path === '/gone.png') return res.writeHead(404).end();
    if (path === '/slow.png') return; // never answers
    if (path === '/video.webm') return res.writeHead(200, { 'content-type': 'video/webm' }).end(Buffer.alloc(3000, 2));
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));

const limits = { maxBytes: 1_000_000, timeoutMs: 1500 };
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof MediaError ? e.code : `unexpected ${String(e)}`;
  }
};

describe('fetchMedia', () => {
  test('fetches a small image, without cookies or referrer', async () => {
    const m = await fetchMedia(`${base}/small.png`, 'image', limits);
    expect(m.bytes.byteLength).toBe(1000);
    expect(m.mime).toBe('image/png');
    const req = seen.find((s) => s.path === '/small.png');
    expect(req?.cookie).toBeUndefined();
    expect(req?.referer).toBeUndefined();
  });

  test('refuses an image whose declared size is over the limit', async () => {
    expect(await code(fetchMedia(`${base}/big.png`, 'image', limits))).toBe('too-large');
  });

  test('stops reading an endless body at the limit', async () => {
    expect(await code(fetchMedia(`${base}/endless.png`, 'image', { maxBytes: 300_000, timeoutMs: 5000 }))).toBe('too-large');
  });

  test('a video keeps only its first bytes when too long', async () => {
    const m = await fetchMedia(`${base}/endless.png`.replace('.png', '.png'), 'video', { maxBytes: 200_000, timeoutMs: 5000 });
    expect(m.truncated).toBe(true);
    expect(m.bytes.byteLength).toBe(200_000);
  });

  test('gives up on a server that never answers', async () => {
    expect(await code(fetchMedia(`${base}/slow.png`, 'image', { maxBytes: 1000, timeoutMs: 300 }))).toBe('timeout');
  });

  test('refuses a page that is not media, and HTTP errors', async () => {
    expect(await code(fetchMedia(`${base}/page.html`, 'image', limits))).toBe('unsupported-type');
    expect(await code(fetchMedia(`${base}/gone.png`, 'image', limits))).toBe('http-error');
  });

  test('a caller abort stops the fetch', async () => {
    const c = new AbortController();
    const p = fetchMedia(`${base}/slow.png`, 'image', { maxBytes: 1000, timeoutMs: 10_000 }, c.signal);
    setTimeout(() => c.abort(), 50);
    expect(await code(p)).toBe('network');
  });
});
