/**
 * No console errors and no uncaught exceptions in any extension context during a normal scan:
 * the service worker, the offscreen document (engine), the popup, the options page, and our content
 * script in the page. Playwright drives the browser; a second DevTools client (puppeteer-core over
 * `--remote-debugging-port`) attaches to the worker and the offscreen document, which Playwright
 * does not expose as pages. `Runtime.enable` replays what a context logged before we attached.
 *
 * What counts: console.error/console.assert, uncaught exceptions and unhandled rejections
 * (Runtime.exceptionThrown), and browser log entries of level error (failed loads, CSP, …).
 * In the page, only what our content script's isolated world or our extension URLs produced.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { CDPSession as PwSession } from 'playwright-core';
import puppeteer, { type Browser as PBrowser, type CDPSession, type Target } from 'puppeteer-core';
import { CHROME_PATH, launchWithExtension, OverlayProbe, tabIdOf, waitForBand, type ExtensionBrowser } from './support/chromium';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const skip = existsSync(CHROME_PATH) ? false : `Chromium not found at ${CHROME_PATH} (apt-get install chromium, or set CHROME_PATH)`;

/**
 * Messages that are expected and not a fault, each with its reason. Matched against
 * `<context>: <text>`. Keep this list short and specific.
 */
const BENIGN: { pattern: RegExp; reason: string }[] = [];

interface Problem {
  context: string;
  kind: 'console' | 'exception' | 'log';
  text: string;
}

let ext: ExtensionBrowser;
let devtools: PBrowser;
let site: StaticServer;
let other: StaticServer;
const problems: Problem[] = [];
const attached = new Set<string>();
const sessions = new Map<string, CDPSession>();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Targets show up to the second client a moment after they start. */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what} (attached: ${[...attached].join(', ') || 'nothing'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type RuntimeEvents = {
  consoleAPICalled: { type: string; args: { value?: unknown; description?: string }[]; executionContextId: number; stackTrace?: { callFrames: { url: string }[] } };
  exceptionThrown: { exceptionDetails: { text: string; url?: string; executionContextId?: number; exception?: { description?: string }; stackTrace?: { callFrames: { url: string }[] } } };
  entryAdded: { entry: { level: string; text: string; url?: string; source: string } };
  executionContextCreated: { context: { id: number; origin: string; name: string; auxData?: { type?: string } } };
};

const argText = (args: RuntimeEvents['consoleAPICalled']['args']) => args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? ''))).join(' ');

/**
 * Records errors from one CDP session. `fromUs` decides, for a page, whether a message came from
 * the extension (isolated world of the content script, or a chrome-extension:// script).
 */
async function watch(session: CDPSession | PwSession, context: string, fromUs?: (contextId: number | undefined, urls: string[]) => boolean): Promise<void> {
  const s = session as unknown as { on(e: string, f: (p: never) => void): void; send(m: string, p?: object): Promise<unknown> };
  const ours = (id: number | undefined, urls: string[]) => !fromUs || fromUs(id, urls);
  s.on('Runtime.consoleAPICalled', (p: RuntimeEvents['consoleAPICalled']) => {
    if ((p.type === 'error' || p.type === 'assert') && ours(p.executionContextId, p.stackTrace?.callFrames.map((f) => f.url) ?? [])) problems.push({ context, kind: 'console', text: argText(p.args) });
  });
  s.on('Runtime.exceptionThrown', ({ exceptionDetails: d }: RuntimeEvents['exceptionThrown']) => {
    if (ours(d.executionContextId, [d.url ?? '', ...(d.stackTrace?.callFrames.map((f) => f.url) ?? [])])) problems.push({ context, kind: 'exception', text: d.exception?.description ?? d.text });
  });
  s.on('Log.entryAdded', ({ entry }: RuntimeEvents['entryAdded']) => {
    if (entry.level === 'error' && ours(undefined, [entry.url ?? ''])) problems.push({ context, kind: 'log', text: `${entry.source}: ${entry.text} ${entry.url ?? ''}`.trim() });
  });
  await s.send('Runtime.enable');
  await s.send('Log.enable');
}

/** Attaches to the worker and the offscreen document as they appear. */
async function attachExtensionTarget(target: Target): Promise<void> {
  const url = target.url();
  if (!url.startsWith(`chrome-extension://${ext.extensionId}/`)) return;
  const type = target.type();
  const context = type === 'service_worker' ? 'service worker' : /offscreen/.test(url) ? 'offscreen document' : undefined;
  if (!context || attached.has(url)) return;
  attached.add(url);
  const session = await target.createCDPSession();
  sessions.set(context, session);
  await watch(session, context);
}

before(async () => {
  if (skip) return;
  const pages = `${ROOT}/test/pages`;
  site = await serveStatic({ '': pages });
  other = await serveStatic({ '': pages }, '127.0.0.2');
  const port = await freePort();
  ext = await launchWithExtension('dist/chrome-e2e', { args: [`--remote-debugging-port=${port}`] });
  devtools = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${port}`,
    defaultViewport: null,
    // Not the tabs: those stay Playwright's. (A target's URL may still be empty when this is asked.)
    targetFilter: (t) => t.type() !== 'page',
  });
  devtools.on('targetcreated', (t: Target) => void attachExtensionTarget(t).catch(() => undefined));
  devtools.on('targetchanged', (t: Target) => void attachExtensionTarget(t).catch(() => undefined));
  for (const t of devtools.targets()) await attachExtensionTarget(t);
});
after(async () => {
  await devtools?.disconnect();
  await ext?.close();
  await site?.close();
  await other?.close();
});

describe('Chromium: no errors in any extension context', { skip }, () => {
  test('a normal scan, the card, the popup and the options page log no error', async () => {
    await until(() => attached.has(ext.worker.url()), 'attached to the service worker');

    // The page: same- and cross-origin images and videos; our content script's errors only.
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    const ourContexts = new Set<number>();
    (cdp as unknown as { on(e: string, f: (p: RuntimeEvents['executionContextCreated']) => void): void }).on('Runtime.executionContextCreated', ({ context }) => {
      if (context.origin.startsWith(`chrome-extension://${ext.extensionId}`)) ourContexts.add(context.id);
    });
    const extUrl = (u: string) => u.startsWith(`chrome-extension://${ext.extensionId}/`);
    await watch(cdp, 'content script', (id, urls) => (id !== undefined && ourContexts.has(id)) || urls.some(extUrl));
    await page.goto(`${site.origin}/feed.html?x=${other.port}`);
    const probe = await OverlayProbe.attach(page);
    await probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 5, 60_000);
    const badge = await waitForBand(page, probe, '#same-red', 'likely-synthetic');
    await probe.click(badge);
    assert.ok(await probe.card(), 'card open');
    await until(() => [...attached].some((u) => /offscreen/.test(u)), 'attached to the offscreen document');

    // The watchers really see each context: a marked console.error in each is caught, then dropped.
    const MARK = 'dfr-console-self-check';
    const contentContext = [...ourContexts][0];
    assert.ok(contentContext !== undefined, 'saw the content script’s isolated world');
    await cdp.send('Runtime.evaluate', { expression: `console.error('${MARK}')`, contextId: contentContext });
    for (const context of ['service worker', 'offscreen document'])
      await sessions.get(context)!.send('Runtime.evaluate', { expression: `console.error('${MARK}'); setTimeout(() => { throw new Error('${MARK}') })` });
    await until(() => ['content script', 'service worker', 'offscreen document'].every((c) => problems.some((p) => p.context === c && p.text === MARK)), 'self-check messages caught in every context');
    await until(() => problems.filter((p) => p.kind === 'exception' && p.text.includes(MARK)).length === 2, 'self-check exceptions caught in the worker and the offscreen document');
    problems.splice(0, problems.length, ...problems.filter((p) => !p.text.includes(MARK)));

    // The popup for this tab, and every tab of the options page.
    const tab = await tabIdOf(ext, page);
    for (const [name, url, ready] of [
      ['popup', `chrome-extension://${ext.extensionId}/src/popup/popup.html?tab=${tab}`, '[data-testid="open-options"]'],
      ...['settings', 'history', 'models', 'welcome'].map((h) => [`options#${h}`, `chrome-extension://${ext.extensionId}/src/options/options.html#${h}`, '[role="tabpanel"]:not([hidden]) *'] as const),
    ] as const) {
      const p = await ext.context.newPage();
      p.on('console', (m) => (m.type() === 'error' || m.type() === 'assert') && problems.push({ context: name, kind: 'console', text: m.text() }));
      p.on('pageerror', (e) => problems.push({ context: name, kind: 'exception', text: String(e) }));
      await p.goto(url);
      await p.locator(ready).first().waitFor();
      await p.waitForTimeout(500);
      await p.close();
    }
    // Let late messages (engine status, cache writes, a video's later frames) arrive.
    await page.waitForTimeout(1500);
    await page.close();

    const unexplained = problems.filter((p) => !BENIGN.some((b) => b.pattern.test(`${p.context}: ${p.text}`)));
    assert.deepEqual(unexplained, [], `errors in extension contexts:\n${unexplained.map((p) => `- ${p.context} [${p.kind}] ${p.text}`).join('\n')}`);
  });
});
