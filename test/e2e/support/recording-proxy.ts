/**
 * A recording HTTP proxy for privacy tests. Chromium is started with `--proxy-server` pointing here
 * and `--proxy-bypass-list=<-loopback>` (so even loopback traffic goes through it), which makes it
 * see every network request of every context: pages, the extension's service worker, its offscreen
 * document, and the browser itself. Loopback requests are forwarded to our static servers; any
 * other destination is refused (HTTP 403, or the CONNECT tunnel is closed) and recorded, so a test
 * can fail on it. Nothing ever leaves the machine.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Absolute URL (http) or `host:port` for a CONNECT (https, wss). */
  url: string;
  host: string;
  headers: IncomingHttpHeaders;
  /** Forwarded to a loopback server, or refused. */
  forwarded: boolean;
  at: number;
}

export interface RecordingProxy {
  /** `--proxy-server` value. */
  address: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

const isLoopback = (host: string) => /^127\.\d+\.\d+\.\d+$/.test(host) || host === 'localhost' || host === '[::1]';

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const forwarded = target.protocol === 'http:' && isLoopback(target.hostname);
    requests.push({ method: req.method ?? 'GET', url: target.href, host: target.hostname, headers: req.headers, forwarded, at: Date.now() });
    if (!forwarded) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('blocked by the e2e privacy proxy');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: target.hostname, port: target.port || 80, path: target.pathname + target.search, method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  // A browser may reset a refused connection: that is not an error of the test (it once surfaced as an uncaught ECONNRESET after the test).
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s)), s.on('error', () => undefined)));
  // HTTPS and secure WebSockets arrive as CONNECT host:port: record and refuse.
  server.on('connect', (req, socket: Socket) => {
    const [host = ''] = (req.url ?? '').split(':');
    requests.push({ method: 'CONNECT', url: req.url ?? '', host, headers: req.headers, forwarded: false, at: Date.now() });
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
