// A cross-origin-isolated page in headless Chromium (so onnxruntime-web may use WASM threads) that
// can import files of this repository by path: the model benchmarks' shared harness.
//   const { page, close } = await openIsolatedPage();  ...  await close();
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TYPES = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream', '.html': 'text/html', '.json': 'application/json' };

export async function openIsolatedPage({ chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium', root = ROOT } = {}) {
  const { chromium } = await import('playwright-core');
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    if (url.pathname === '/') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html' });
      return res.end('<!doctype html><title>bench</title>');
    }
    const file = path.join(root, path.normalize(url.pathname));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  return {
    page,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
