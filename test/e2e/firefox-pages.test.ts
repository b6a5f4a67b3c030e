/**
 * Firefox beyond the smoke test (Debian's Firefox ESR, puppeteer-core over WebDriver BiDi):
 * - the options page and the popup open at their moz-extension:// URLs, render their main
 *   controls, and log no error;
 * - a same-origin video on a page is scanned and gets a verdict: the content script reports it
 *   (tab:stats, asked from an extension page as the popup does), the popup shows it flagged, and
 *   the badge is painted over the video;
 * - the shipped photo models (whole-image and face, not only the test fixture) run in Firefox's
 *   background page on a photo-like picture (engine:status, asked as the popup does);
 * - the card's "Check more closely", reached by keyboard, runs the closer-look model there.
 *
 * moz-extension:// URLs use a per-profile internal UUID. BiDi's `webExtension.install` returns the
 * add-on id, not that UUID, so the test chooses it: the `extensions.webextensions.uuids` pref maps
 * add-on ids to UUIDs and Firefox uses the mapping when it installs the add-on (the welcome tab the
 * add-on opens on install proves it). Puppeteer's `page.url()` stays `about:blank` for
 * moz-extension:// tabs (no BiDi navigation events reach it), so pages are told apart by their own
 * `location.href`. WebDriver BiDi refuses `browsingContext.navigate` to
 * moz-extension:// ("not allowed in this context": only http(s), file, blob and about:blank are
 * safe without `--remote-allow-system-access`), so extension pages are opened the way the add-on
 * opens them: `browser.tabs.create` from one of its own pages (script evaluation in an extension
 * page is allowed: it is a content-process page, not a parent-process one).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';
import sharp from 'sharp';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';
const DIST = resolve(ROOT, 'dist/firefox-e2e');
const skip = !existsSync(FIREFOX)
  ? `Firefox not found at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX_PATH)`
  : !existsSync(DIST)
    ? 'dist/firefox-e2e missing (node scripts/build.mjs --e2e)'
    : false;
const SHOTS = join(ROOT, 'test-results');

let browser: Browser | undefined;
let site: StaticServer;
let profile: string;
const uuid = randomUUID();
const base = `moz-extension://${uuid}`;
const errors: string[] = [];
let opener: Page;

before(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  site = await serveStatic({ '': `${ROOT}/test/pages`, demo: `${ROOT}/demo/media` });
  profile = mkdtempSync(join(tmpdir(), 'dfr-ff-pages-'));
  const geckoId = (JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id;
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      'network.proxy.type': 0,
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      // Our add-on's internal UUID, so its pages have a known moz-extension:// origin.
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    },
  });
  // Console errors and uncaught exceptions of every tab (extension pages, and the test page with
  // our content script), from the tab's first script on.
  browser.on(
    'targetcreated',
    (t: Target) =>
      void t.page().then((p) => {
        if (!p) return;
        p.on('console', (m) => m.type() === 'error' && errors.push(`${m.location().url ?? ''}: ${m.text()}`));
        p.on('pageerror', (e) => errors.push(String(e)));
      }),
  );
  const id = await browser.installExtension(DIST);
  assert.equal(id, geckoId);
  opener = await findPage(`${base}/src/options/options.html#welcome`, 30_000);
});

/** The tab showing `url` (by its own location.href; see above). */
async function findPage(url: string, timeoutMs = 20_000): Promise<Page> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const p of await browser!.pages()) if ((await p.evaluate(() => location.href).catch(() => '')) === url) return p;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no tab shows ${url} (the add-on's welcome tab opens on install)`);
}
after(async () => {
  await browser?.close();
  await site?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens an extension page in a new tab, as the add-on would (tabs.create from its welcome page). */
async function openExtensionPage(path: string): Promise<Page> {
  const url = `${base}/${path}`;
  await opener.evaluate((u) => (globalThis as unknown as { browser: { tabs: { create(o: object): Promise<unknown> } } }).browser.tabs.create({ url: u }), url);
  const page = await findPage(url);
  await page.setViewport({ width: 960, height: 1000 });
  return page;
}

/** Share of pixels in the box close to `rgb`. */
async function colourShare(png: Uint8Array, box: { x: number; y: number; width: number; height: number }, rgb: [number, number, number]) {
  const { data, info } = await sharp(png)
    .extract({ left: Math.round(box.x), top: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let hits = 0;
  for (let i = 0; i < data.length; i += info.channels) if (Math.abs(data[i]! - rgb[0]) < 24 && Math.abs(data[i + 1]! - rgb[1]) < 24 && Math.abs(data[i + 2]! - rgb[2]) < 24) hits++;
  return hits / (data.length / info.channels);
}

describe('Firefox: extension pages and a video', { skip }, () => {
  test('the options page renders its tabs and settings controls, without errors', async () => {
    const page = await openExtensionPage('src/options/options.html#settings');
    await page.waitForSelector('[role="tabpanel"]:not([hidden]) input');
    const tabs = await page.$$eval('[role="tablist"] [role="tab"]', (els) => els.map((e) => e.id));
    assert.deepEqual(tabs, ['tab-settings', 'tab-history', 'tab-models', 'tab-welcome']);
    const controls = await page.$$eval('[role="tabpanel"]:not([hidden])', ([panel]) => ({
      switches: panel!.querySelectorAll('input[role="switch"]').length,
      sensitivity: panel!.querySelectorAll('input[type="radio"][value="balanced"]').length,
      text: (panel as HTMLElement).innerText,
    }));
    assert.ok(controls.switches >= 3, `switches: ${controls.switches}`);
    assert.equal(controls.sensitivity, 1, 'a sensitivity choice');
    assert.doesNotMatch(controls.text, /\b(opt|popup|badge)[A-Z]\w+/, 'no untranslated message key');
    // The models tab asks the engine (Firefox: the background page) for its models.
    await page.click('#tab-models');
    await page.waitForFunction(() => /Fixture: redness/.test(document.querySelector('[role="tabpanel"]:not([hidden])')?.textContent ?? ''), { timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'firefox-options.png') as `${string}.png`, fullPage: true });
    await page.close();

    // A model added from an extension page reaches the engine in the background page in chunks; the engine stores, lists and removes it.
    const fixture = join(ROOT, 'test/fixtures/models/fixture-redness');
    const onnx = readFileSync(join(fixture, 'model.onnx'));
    const card = JSON.stringify({ ...JSON.parse(readFileSync(join(fixture, 'model.json'), 'utf8')), id: 'my-model', fixture: undefined });
    type Ext = { browser: { runtime: { sendMessage(m: object): Promise<{ ok?: boolean; done?: boolean; models?: { card: { id: string } }[] }> } } };
    const ask = (name: string, payload: object) =>
      opener.evaluate((name, payload) => (globalThis as unknown as Ext).browser.runtime.sendMessage({ dfr: 1, target: 'background', name, payload }), name, payload);
    const chunk = (from: number, to?: number) => ({ card, size: onnx.length, offset: from, base64: onnx.subarray(from, to).toString('base64') });
    assert.deepEqual(await ask('models:add', chunk(0, 100)), { ok: true, done: false });
    assert.deepEqual(await ask('models:add', chunk(100)), { ok: true, done: true });
    assert.deepEqual(
      (await ask('models:list', {})).models?.map((m) => m.card.id),
      ['my-model'],
    );
    assert.deepEqual(await ask('models:remove', { id: 'my-model' }), { ok: true });
    assert.deepEqual((await ask('models:list', {})).models, []);
    assert.deepEqual(errors, []);
  });

  test('a same-origin video gets a verdict; the popup shows its controls and the flagged video', async () => {
    // An extension page to ask the tab's content script for its counts, as the popup does. Opened
    // first: the video's tab must stay the active one (hidden tabs are not sampled).
    const probe = await openExtensionPage('src/popup/popup.html');
    const page = await browser!.newPage();
    await page.setViewport({ width: 1000, height: 800 });
    await page.goto(`${site.origin}/video/index.html?src=media/red.webm`);
    await page.bringToFront();
    await page.waitForSelector('#media');
    await page.waitForFunction(() => (document.querySelector('#media') as HTMLVideoElement).readyState >= 2);
    const pageUrl = page.url();
    const tabId = await probe.evaluate(async (u) => {
      const tabs = await (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } } }).browser.tabs.query({});
      return tabs.find((t) => t.url === u)?.id;
    }, pageUrl);
    assert.ok(tabId !== undefined, `a tab for ${pageUrl}`);
    type Stats = { scanned: number; flagged: number; byBand: Record<string, number> };
    let stats: Stats | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      stats = await probe.evaluate(
        (id) =>
          (globalThis as unknown as { browser: { tabs: { sendMessage(id: number, m: object, o: object): Promise<Stats> } } }).browser.tabs
            .sendMessage(id, { dfr: 1, target: 'content', name: 'tab:stats', payload: {} }, { frameId: 0 })
            .catch(() => undefined),
        tabId!,
      );
      if (stats?.byBand['likely-synthetic']) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(stats?.byBand['likely-synthetic'], 1, `the red video is flagged by the fixture model: ${JSON.stringify(stats)}`);
    await probe.close();

    // The badge is painted over the video's top-right corner: the likely-synthetic red (#b91c1c)
    // with its white text, and that red nowhere else on the (blurred) video.
    await page.bringToFront();
    const box = (await (await page.$('#media'))!.boundingBox())!;
    const shot = await page.screenshot({ type: 'png' });
    await page.screenshot({ path: join(SHOTS, 'firefox-video-badge.png') as `${string}.png` });
    const corner = { x: box.x + box.width - 130, y: box.y + 2, width: 126, height: 40 };
    const lowerLeft = { x: box.x + 4, y: box.y + box.height - 44, width: 126, height: 40 };
    const badgeRed = await colourShare(shot, corner, [0xb9, 0x1c, 0x1c]);
    const white = await colourShare(shot, corner, [255, 255, 255]);
    assert.ok(badgeRed > 0.1, `badge red covers ${(badgeRed * 100).toFixed(1)}% of the corner`);
    assert.ok(white > 0.01, `badge text in the corner (${(white * 100).toFixed(1)}% white)`);
    assert.ok((await colourShare(shot, lowerLeft, [0xb9, 0x1c, 0x1c])) < 0.01, 'no badge red away from the corner');

    // The popup for that tab: its main controls, and the flagged count.
    const popup = await openExtensionPage(`src/popup/popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid="stats"] [data-stat="flagged"]');
    const ui = await popup.evaluate(() => ({
      enabled: !!document.querySelector('#enabled[role="switch"]'),
      sensitivity: document.querySelectorAll('input[name="sensitivity"]').length,
      showAll: !!document.querySelector('#showall'),
      flagged: document.querySelector('[data-stat="flagged"]')?.textContent,
      options: document.querySelector('[data-testid="open-options"]')?.textContent ?? '',
    }));
    assert.deepEqual({ ...ui, options: ui.options.length > 0 }, { enabled: true, sensitivity: 3, showAll: true, flagged: '1', options: true });
    await popup.waitForFunction(() => /Fixture: redness/.test(document.querySelector('.models')?.textContent ?? ''), { timeout: 20_000 });
    // Models ran, so the engine chose its backend: WASM here, with the reason (issue 8; no WebGPU in this Firefox).
    const backend = await popup.$eval('[data-testid="backend"]', (e) => [e.getAttribute('data-ep'), e.getAttribute('data-reason')]);
    assert.equal(backend[0], 'wasm');
    assert.match(backend[1] ?? '', /^(no-webgpu-api|no-adapter)$/);
    await popup.screenshot({ path: join(SHOTS, 'firefox-popup.png') as `${string}.png`, fullPage: true });
    await popup.close();
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('the shipped photo models run in the background page on a photo', async () => {
    const page = await browser!.newPage();
    await page.goto(`${site.origin}/demo/portrait-photo.jpg`);
    await page.bringToFront();
    type Status = { backend: string; models: { id: string; fixture: boolean; runs: number; meanMs: number }[] };
    const status = async () =>
      opener.evaluate(() =>
        (globalThis as unknown as { browser: { runtime: { sendMessage(m: object): Promise<Status> } } }).browser.runtime.sendMessage({
          dfr: 1,
          target: 'background',
          name: 'engine:status',
          payload: {},
        }),
      );
    let s: Status | undefined;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      s = await status().catch(() => undefined);
      const runs = (id: string) => s?.models.find((m) => m.id === id)?.runs ?? 0;
      if (runs('whole-image-mnv2') > 0 && runs('face-mnv2') > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const model = (id: string) => s?.models.find((m) => m.id === id);
    assert.ok((model('whole-image-mnv2')?.runs ?? 0) > 0, `the whole-image model ran in Firefox: ${JSON.stringify(s?.models)}`);
    assert.ok((model('face-mnv2')?.runs ?? 0) > 0, 'the face model ran in Firefox (the portrait has a face)');
    assert.equal(model('whole-image-mnv2')?.fixture, false);
    assert.equal(s?.backend, 'wasm');
    console.log(`Firefox: whole-image ${model('whole-image-mnv2')!.meanMs.toFixed(1)} ms, face ${model('face-mnv2')!.meanMs.toFixed(1)} ms a run (WASM)`);
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('"Check more closely" on the card, by keyboard, runs the closer-look model in the background page', async () => {
    const page = await browser!.newPage();
    await page.setViewport({ width: 1000, height: 900 });
    await page.goto(`${site.origin}/demo/neon-drive-sana.jpg`);
    await page.bringToFront();
    type Status = { models: { id: string; runs: number }[] };
    const runs = async (id: string) =>
      (
        (await opener
          .evaluate(() =>
            (globalThis as unknown as { browser: { runtime: { sendMessage(m: object): Promise<Status> } } }).browser.runtime.sendMessage({
              dfr: 1,
              target: 'background',
              name: 'engine:status',
              payload: {},
            }),
          )
          .catch(() => undefined)) as Status | undefined
      )?.models.find((m) => m.id === id)?.runs ?? 0;
    const until = async (ok: () => Promise<boolean>, timeoutMs: number) => {
      for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) if (await ok()) return true;
      return false;
    };
    assert.ok(await until(async () => (await runs('whole-image-mnv2')) > 0, 90_000), 'the quick check ran');
    await new Promise((r) => setTimeout(r, 1000)); // the badge and the blur cover are drawn
    // The page has nothing focusable: the blur cover's "show" button, then the badge, then the card (close, then the closer look).
    for (const key of ['Tab', 'Enter', 'Tab', 'Enter', 'Tab', 'Tab', 'Enter'] as const) await page.keyboard.press(key);
    assert.ok(await until(async () => (await runs('closer-look-inception')) === 1, 60_000), 'the closer-look model ran once');
    await new Promise((r) => setTimeout(r, 500));
    await page.screenshot({ path: join(SHOTS, 'firefox-closer-look.png') });
    await page.close();
    assert.deepEqual(errors, []);
  });
});
