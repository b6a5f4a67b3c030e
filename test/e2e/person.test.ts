/**
 * The person's side end to end (issue 7): options, history, feedback, the memory that recognises
 * a recompressed and a cropped copy on another site, adding a model from a file, keyboard-only
 * use, and screenshots of every options page in English and French (test-results/person-*.png).
 * Media is made at test time with sharp: a textured, mostly red picture (the fixture model flags
 * red) and its copies, so the memory has structure to hash.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { CHROME_PATH, launchWithExtension, OverlayProbe, waitForBand, type ExtensionBrowser } from './support/chromium';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const skip = existsSync(CHROME_PATH) ? false : `Chromium not found at ${CHROME_PATH} (apt-get install chromium, or set CHROME_PATH)`;
const SHOTS = join(ROOT, 'test-results');

let ext: ExtensionBrowser;
let site: StaticServer;
let other: StaticServer;
let dir: string;

/** Mostly red shapes on red: flagged by the fixture model, with structure for the perceptual hash. */
function redScene(seed: number, w = 480, h = 360): Buffer {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const shapes: string[] = [];
  for (let i = 0; i < 30; i++) {
    const fill = `rgb(${150 + Math.floor(rnd() * 105)},${Math.floor(rnd() * 40)},${Math.floor(rnd() * 40)})`;
    shapes.push(
      rnd() < 0.5
        ? `<circle cx="${rnd() * w}" cy="${rnd() * h}" r="${15 + rnd() * 70}" fill="${fill}"/>`
        : `<rect x="${rnd() * w}" y="${rnd() * h}" width="${30 + rnd() * 120}" height="${30 + rnd() * 120}" fill="${fill}"/>`,
    );
  }
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="rgb(230,20,20)"/>${shapes.join('')}</svg>`);
}

const page = (title: string, imgs: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="margin:0;font:16px sans-serif"><h1>${title}</h1>${imgs.map((src, i) => `<p><img id="m${i}" src="${src}" width="480" alt="picture ${i}"></p>`).join('')}</body></html>`;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'dfr-person-'));
  const original = await sharp(redScene(7)).png().toBuffer();
  writeFileSync(join(dir, 'original.png'), original);
  writeFileSync(join(dir, 'recompressed.jpg'), await sharp(original).resize(400).jpeg({ quality: 45 }).toBuffer());
  writeFileSync(join(dir, 'cropped.png'), await sharp(original).extract({ left: 20, top: 16, width: 440, height: 328 }).png().toBuffer());
  writeFileSync(join(dir, 'reported.png'), await sharp(redScene(11)).png().toBuffer());
  writeFileSync(join(dir, 'reported-copy.jpg'), await sharp(join(dir, 'reported.png')).jpeg({ quality: 50 }).toBuffer());
  writeFileSync(join(dir, 'fresh.png'), await sharp(redScene(23)).png().toBuffer());
  writeFileSync(join(dir, 'a.html'), page('Original post', ['original.png']));
  writeFileSync(join(dir, 'b.html'), page('Reposts elsewhere', ['recompressed.jpg', 'cropped.png']));
  writeFileSync(join(dir, 'r.html'), page('To report', ['reported.png']));
  writeFileSync(join(dir, 'r2.html'), page('Reported copy', ['reported-copy.jpg']));
  writeFileSync(join(dir, 'fresh.html'), page('Fresh', ['fresh.png']));
  writeFileSync(join(dir, 'kbd.html'), page('Keyboard', ['original.png']));
  // Declared by the file itself (generator settings in a PNG text chunk; an SD watermark): the card's evidence comes from detectors.
  writeFileSync(join(dir, 'params.png'), readFileSync(join(ROOT, 'test/fixtures/provenance/params-inside.png')));
  writeFileSync(join(dir, 'watermarked.png'), readFileSync(join(ROOT, 'test/fixtures/provenance/wm-sdxl.png')));
  // Signed Content Credentials that name their generator without a source type (issue 13's Bing Image Creator case).
  writeFileSync(join(dir, 'bing.jpg'), readFileSync(join(ROOT, 'test/fixtures/provenance/c2pa-signed/bing-image-creator.jpg')));
  writeFileSync(join(dir, 'declared.html'), page('Declared', ['params.png', 'watermarked.png', 'bing.jpg']));
  site = await serveStatic({ '': dir });
  other = await serveStatic({ '': dir }, '127.0.0.2');
  mkdirSync(SHOTS, { recursive: true });
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
  await site?.close();
  await other?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(url: string): Promise<{ page: Page; probe: OverlayProbe }> {
  const p = await ext.context.newPage();
  await p.goto(url);
  return { page: p, probe: await OverlayProbe.attach(p) };
}

const optionsUrl = (hash: string) => `chrome-extension://${ext.extensionId}/src/options/options.html#${hash}`;

async function openOptions(hash: string): Promise<Page> {
  const p = await ext.context.newPage();
  await p.setViewportSize({ width: 960, height: 1100 });
  await p.goto(optionsUrl(hash));
  await p.locator('[role="tabpanel"]:not([hidden])').waitFor();
  return p;
}

async function clickCardButton(p: Page, probe: OverlayProbe, id: string) {
  const box = await probe.linkBox(id);
  await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

async function storedSettings(): Promise<Record<string, unknown>> {
  return ext.worker.evaluate(async () => ((await chrome.storage.sync.get('settings')) as { settings?: Record<string, unknown> }).settings ?? {});
}

/** Settings once `predicate` holds (storage writes are asynchronous), or the last seen after 5 s. */
async function settingsWhere(predicate: (s: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const end = Date.now() + 5000;
  let s = await storedSettings();
  while (!predicate(s) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    s = await storedSettings();
  }
  return s;
}

describe('Chromium: the person’s side', { skip }, () => {
  test('the welcome page opens once on install', async () => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !ext.context.pages().some((p) => p.url().endsWith('options.html#welcome'))) await new Promise((r) => setTimeout(r, 200));
    const welcome = ext.context.pages().find((p) => p.url().endsWith('options.html#welcome'));
    assert.ok(welcome, 'welcome tab opened');
    await welcome.locator('h2.big').waitFor();
    assert.match(await welcome.locator('[role="tabpanel"]:not([hidden])').innerText(), /does not send your media/);
    await welcome.setViewportSize({ width: 960, height: 1100 });
    await welcome.screenshot({ path: join(SHOTS, 'person-welcome-en.png'), fullPage: true });
    await welcome.close();
  });

  test('options: every setting with its explanation; changes are stored and validated', async () => {
    const p = await openOptions('settings');
    const text = await p.locator('[role="tabpanel"]:not([hidden])').innerText();
    for (const s of ['Images', 'Videos', 'Minimum size', 'Conservative', 'Show all badges', 'Sites where the extension stays off', 'Keep at most this many flagged items'])
      assert.match(text, new RegExp(s), s);
    await p.screenshot({ path: join(SHOTS, 'person-settings-en.png'), fullPage: true });
    await p.locator('label', { hasText: 'Conservative' }).click();
    await p.locator('#opt-videos').click();
    await p.locator('#site-add').fill('https://News.Example.com/feed');
    await p.locator('button[type="submit"]', { hasText: 'Add' }).click();
    await p.locator('#site-add').fill('not a host!');
    await p.locator('button[type="submit"]', { hasText: 'Add' }).click();
    await p.locator('#site-err').waitFor();
    await p.locator('#opt-minsize').fill('5000');
    await p.locator('#opt-minsize').blur();
    await p.locator('#opt-minsize-err').waitFor();
    await p.locator('input[data-provider="yandex"]').uncheck();
    let s = await settingsWhere((x) => Array.isArray(x.hiddenLinks) && x.hiddenLinks.includes('yandex'));
    assert.equal(s.sensitivity, 'conservative');
    assert.equal(s.scanVideos, false);
    assert.deepEqual(s.disabledSites, ['news.example.com']);
    assert.equal(s.minShortSide, 96, 'an out-of-range number is never saved');
    await p.getByRole('button', { name: 'Switch news.example.com back on' }).click();
    await p.locator('label', { hasText: 'Balanced' }).click();
    await p.locator('#opt-videos').click();
    s = await storedSettings();
    assert.deepEqual(s.disabledSites, []);
    assert.equal(s.sensitivity, 'balanced');
    // A corrupt stored value never breaks the page: it shows the default.
    await ext.worker.evaluate(() => chrome.storage.sync.set({ settings: { version: 1, sensitivity: 'paranoid', historyMaxItems: 'lots', disabledSites: 'x' } }));
    await p.reload();
    await p.locator('#opt-hist-items').waitFor();
    assert.equal(await p.locator('#opt-hist-items').inputValue(), '500');
    assert.equal(await p.locator('input[name="sensitivity"][value="balanced"]').isChecked(), true);
    await ext.worker.evaluate(() => chrome.storage.sync.remove('settings'));
    await p.close();
  });

  test('a flagged picture goes to the history; its recompressed and cropped copies on another site are "seen before"', async () => {
    const a = await open(`${site.origin}/a.html`);
    const [badge] = await a.probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'), 40_000);
    assert.ok(badge);
    await a.page.close();

    const b = await open(`${other.origin}/b.html`);
    const badges = await b.probe.waitForBadges((x) => x.filter((y) => y.band === 'likely-synthetic').length >= 2, 40_000);
    for (const bd of badges.filter((x) => x.band === 'likely-synthetic')) {
      await b.probe.click(bd);
      const card = await b.probe.card();
      assert.ok(card);
      assert.match(card.text, new RegExp(`Seen before on 127\\.0\\.0\\.1:${site.port}`), 'the card says where it was seen');
      assert.ok(card.links.some((l) => l.id === 'feedback-wrong') && card.links.some((l) => l.id === 'feedback-right'));
      await b.page.keyboard.press('Escape');
    }
    await b.probe.click(badges.find((x) => x.band === 'likely-synthetic')!);
    await b.page.screenshot({ path: join(SHOTS, 'person-card-seen-before-en.png') });
    await b.page.close();

    const h = await openOptions('history');
    await h.locator('.hist-item').first().waitFor();
    const items = await h.locator('ul.hist').first().locator('.hist-item').count();
    assert.ok(items >= 3, `history lists the original and both copies (${items})`);
    assert.ok(
      await h
        .locator('.hist-item img.thumb')
        .first()
        .evaluate((img: HTMLImageElement) => img.src.startsWith('data:image/jpeg') && img.naturalWidth > 0),
      'thumbnail made in the engine',
    );
    await h.screenshot({ path: join(SHOTS, 'person-history-en.png'), fullPage: true });
    // Search (in the background).
    await h.locator('#hist-search').fill('127.0.0.2');
    await h.waitForFunction(() => document.querySelectorAll('ul.hist')[0]?.querySelectorAll('.hist-item').length === 2);
    await h.locator('#hist-search').fill('');
    await h.waitForFunction((n) => document.querySelectorAll('ul.hist')[0]?.querySelectorAll('.hist-item').length === n, items);
    // Exports are local downloads.
    const [json] = await Promise.all([h.waitForEvent('download'), h.getByTestId('export-json').click()]);
    const parsed = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(parsed.format, 'deepfake-radar-export');
    assert.ok(parsed.items.length >= 3);
    assert.equal(parsed.items[0].thumbnail, undefined, 'no images unless asked');
    assert.ok(parsed.items.every((i: { band: string }) => i.band === 'likely-synthetic'));
    const [csv] = await Promise.all([h.waitForEvent('download'), h.getByTestId('export-csv').click()]);
    const lines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\r\n');
    assert.match(lines[0]!, /^date,band,reason,pageUrl/);
    assert.equal(lines.length, items + 1);
    // Delete one.
    await h.locator('ul.hist').first().locator('.hist-item button', { hasText: 'Delete' }).first().click();
    await h.waitForFunction((n) => document.querySelectorAll('ul.hist')[0]!.querySelectorAll('.hist-item').length === n - 1, items);
    await h.close();
  });

  test('"this is wrong" is stored, shown in the history, exportable, and overrides the verdict on a copy', async () => {
    const r = await open(`${site.origin}/r.html`);
    const [badge] = await r.probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'), 40_000);
    await r.probe.click(badge!);
    await clickCardButton(r.page, r.probe, 'feedback-wrong');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !/Saved on this device/.test((await r.probe.card())?.text ?? '')) await new Promise((res) => setTimeout(res, 200));
    assert.match((await r.probe.card())?.text ?? '', /Saved on this device\. This picture and its copies will no longer be flagged/);
    await r.page.screenshot({ path: join(SHOTS, 'person-card-feedback-en.png') });
    await r.page.close();

    // A recompressed copy on another site: the person's report wins over the model.
    await ext.worker.evaluate(() => chrome.storage.sync.set({ settings: { version: 2, showAllBadges: true, hiddenLinks: ['tineye'] } }));
    const r2 = await open(`${other.origin}/r2.html`);
    const [copy] = await r2.probe.waitForBadges((b) => b.length > 0 && b.every((x) => x.band !== 'pending'), 40_000);
    assert.equal(copy!.band, 'no-evidence', 'overridden by the person');
    await r2.probe.click(copy!);
    const copyCard = await r2.probe.card();
    assert.match(copyCard?.text ?? '', /You said the verdict on this picture was wrong/);
    // The context links the person chose on the options page.
    assert.ok(copyCard!.links.some((l) => l.id === 'bing') && !copyCard!.links.some((l) => l.id === 'tineye'), 'TinEye removed from the card');
    await r2.page.close();
    await ext.worker.evaluate(() => chrome.storage.sync.remove('settings'));

    const h = await openOptions('history');
    await h.locator('.fb-item').first().waitFor();
    assert.match(await h.locator('ul.hist').first().innerText(), /You said: wrong/);
    const [plain] = await Promise.all([h.waitForEvent('download'), h.getByTestId('export-feedback').click()]);
    const fb = JSON.parse(readFileSync(await plain.path(), 'utf8'));
    assert.equal(fb.kind, 'feedback');
    assert.equal(fb.items[0].verdict, 'wrong');
    assert.equal(fb.items[0].thumbnail, undefined);
    await h.getByTestId('feedback-images').check();
    const [withImages] = await Promise.all([h.waitForEvent('download'), h.getByTestId('export-feedback').click()]);
    assert.match(JSON.parse(readFileSync(await withImages.path(), 'utf8')).items[0].thumbnail, /^data:image\/jpeg;base64,/);
    // Clear all (two steps, no modal).
    await h.getByTestId('clear-history').click();
    await h.getByTestId('clear-history-confirm').click();
    await h.getByText('Nothing flagged yet.').waitFor();
    // Forgetting the memory undoes the override: the copy is flagged again by the models.
    await h.getByTestId('clear-memory').click();
    await h.getByTestId('clear-memory-confirm').click();
    await h.getByText('Pictures remembered (0)').waitFor();
    await h.close();
    const again = await open(`${other.origin}/r2.html`);
    await again.probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'), 40_000);
    await again.page.close();
  });

  test('the History comes in pages of 50 with "Show more"; its search and exports cover the whole list', async () => {
    // 120 entries in place of the history, three per millisecond so that ties of `at` straddle the page boundaries.
    const n = 120;
    const url = (i: number) => `https://seed.example/${String(i).padStart(3, '0')}`;
    await ext.worker.evaluate(
      async ({ n, urls }) => {
        const db = await new Promise<IDBDatabase>((ok, no) => {
          const r = indexedDB.open('deepfake-radar-person');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => no(r.error);
        });
        const tx = db.transaction('history', 'readwrite');
        tx.objectStore('history').clear();
        for (let i = 0; i < n; i++)
          tx.objectStore('history').put({
            id: `${urls[i]}|h`,
            at: 1_700_000_000_000 + Math.floor(i / 3),
            pageUrl: urls[i],
            kind: 'image',
            band: 'likely-synthetic',
            reasonKey: 'reasonModel',
            signals: [],
          });
        await new Promise((ok, no) => ((tx.oncomplete = ok), (tx.onerror = () => no(tx.error))));
        db.close();
      },
      { n, urls: Array.from({ length: n }, (_, i) => url(i)) },
    );
    const h = await openOptions('history');
    const shown = (count: number) => h.waitForFunction((c) => document.querySelectorAll('ul.hist')[0]?.querySelectorAll('.hist-item').length === c, count);
    await shown(50);
    assert.match(await h.locator('#hist-h').innerText(), /\(120\)/);
    // The search finds an entry no page shown holds yet.
    await h.locator('#hist-search').fill('seed.example/007');
    await shown(1);
    await h.locator('#hist-search').fill('');
    await shown(50);
    await h.getByTestId('show-more').click();
    await shown(100);
    await h.getByTestId('show-more').click();
    await shown(120);
    assert.equal(await h.getByTestId('show-more').count(), 0, 'no more pages');
    const links = await h.locator('ul.hist').first().locator('.hist-links a').allInnerTexts();
    assert.deepEqual(
      links,
      Array.from({ length: n }, (_, i) => url(n - 1 - i)),
      'newest first, each entry once',
    );
    const [json] = await Promise.all([h.waitForEvent('download'), h.getByTestId('export-json').click()]);
    assert.equal(JSON.parse(readFileSync(await json.path(), 'utf8')).items.length, n);
    await h.getByTestId('clear-history').click();
    await h.getByTestId('clear-history-confirm').click();
    await h.getByText('Nothing flagged yet.').waitFor();
    await h.close();
  });

  test('add a model from a file: bad hash refused, good one listed, switchable and run by the engine', async () => {
    const fixture = join(ROOT, 'test/fixtures/models/fixture-redness');
    const card = JSON.parse(readFileSync(join(fixture, 'model.json'), 'utf8'));
    const mine = { ...card, id: 'my-redness', name: 'My redness model', fixture: undefined, trainingData: ['my own pictures'], metrics: { 'my test set': { auc: 0.91 } } };
    const cardPath = join(dir, 'my-card.json');
    const p = await openOptions('models');
    await p.locator('li.model').first().waitFor();
    // A card whose sha256 does not match the file is refused.
    writeFileSync(cardPath, JSON.stringify({ ...mine, sha256: '0'.repeat(64) }));
    await p.locator('#add-onnx').setInputFiles(join(fixture, 'model.onnx'));
    await p.locator('#add-card').setInputFiles(cardPath);
    await p.getByRole('button', { name: 'Check and add' }).click();
    await p
      .getByTestId('add-model-errors')
      .filter({ hasText: /does not match its card/ })
      .waitFor();
    // An invalid card is refused with the validator's reasons.
    writeFileSync(cardPath, JSON.stringify({ ...mine, thresholds: {} }));
    await p.locator('#add-card').setInputFiles(cardPath);
    await p.getByRole('button', { name: 'Check and add' }).click();
    await p
      .getByTestId('add-model-errors')
      .filter({ hasText: /Card: thresholds/ })
      .waitFor();
    // The real thing.
    writeFileSync(cardPath, JSON.stringify(mine));
    await p.locator('#add-onnx').setInputFiles(join(fixture, 'model.onnx'));
    await p.locator('#add-card').setInputFiles(cardPath);
    await p.getByRole('button', { name: 'Check and add' }).click();
    await p.locator('li.model[data-model="my-redness"]').waitFor();
    assert.match(await p.locator('li.model[data-model="my-redness"]').innerText(), /added by you[\s\S]*my own pictures[\s\S]*auc/);
    await p.screenshot({ path: join(SHOTS, 'person-models-en.png'), fullPage: true });

    // The engine runs it on the next media. (And the history keeps only one item from now on.)
    await ext.worker.evaluate(() => chrome.storage.sync.set({ settings: { version: 2, historyMaxItems: 1 } }));
    const f = await open(`${site.origin}/fresh.html`);
    const [badge] = await f.probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'), 40_000);
    await f.probe.click(badge!);
    const findings = (await f.probe.card())!.findings.map((x) => x.detector);
    assert.ok(findings.includes('model:my-redness'), `the added model ran (${findings.join(', ')})`);
    await f.page.close();
    const h = await openOptions('history');
    await h.locator('.hist-item').first().waitFor();
    assert.equal(await h.locator('ul.hist').first().locator('.hist-item').count(), 1, 'retention limit applied');
    assert.match(await h.locator('ul.hist').first().innerText(), /fresh\.html/);
    await h.close();
    await ext.worker.evaluate(() => chrome.storage.sync.remove('settings'));

    // Switching the built-in fixture off is stored, and the engine stops running it.
    await p.locator('#model-fixture-redness').click();
    assert.deepEqual((await settingsWhere((x) => Array.isArray(x.disabledModels) && x.disabledModels.length > 0)).disabledModels, ['fixture-redness']);
    await ext.worker.evaluate(() => chrome.storage.sync.set({ settings: { version: 2, showAllBadges: true, disabledModels: ['fixture-redness'] } }));
    const off = await open(`${site.origin}/fresh.html`);
    const [any] = await off.probe.waitForBadges((b) => b.length > 0 && b.every((x) => x.band !== 'pending'), 40_000);
    await off.probe.click(any!);
    const ran = (await off.probe.card())!.findings.map((x) => x.detector);
    assert.ok(!ran.includes('model:fixture-redness') && ran.includes('model:my-redness'), `switched-off model did not run (${ran.join(', ')})`);
    await off.page.close();
    await ext.worker.evaluate(() => chrome.storage.sync.remove('settings'));
    await p.getByRole('button', { name: 'Remove the model My redness model' }).click();
    await p.locator('li.model[data-model="my-redness"]').waitFor({ state: 'detached' });

    // A file larger than one message travels in chunks to the engine, which alone stores it: listed with its size, removable.
    const big = Buffer.alloc(20 * 1024 * 1024 + 3, 7);
    writeFileSync(join(dir, 'big.onnx'), big);
    writeFileSync(cardPath, JSON.stringify({ ...mine, id: 'my-big', name: 'My big model', sha256: createHash('sha256').update(big).digest('hex') }));
    await p.locator('#add-onnx').setInputFiles(join(dir, 'big.onnx'));
    await p.locator('#add-card').setInputFiles(cardPath);
    await p.getByRole('button', { name: 'Check and add' }).click();
    await p.locator('li.model[data-model="my-big"]').filter({ hasText: '20.0 MB' }).waitFor();
    await p.getByRole('button', { name: 'Remove the model My big model' }).click();
    await p.locator('li.model[data-model="my-big"]').waitFor({ state: 'detached' });
    await p.close();
  });

  test('keyboard only: badge, card, feedback buttons and the options tabs', async () => {
    const k = await open(`${site.origin}/kbd.html`);
    await k.probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'), 40_000);
    // Tab until the focus is inside our overlay (the page has no other focusable element).
    let opened = false;
    for (let i = 0; i < 6 && !opened; i++) {
      await k.page.keyboard.press('Tab');
      await k.page.keyboard.press('Enter');
      opened = (await k.probe.card()) !== undefined;
    }
    assert.ok(opened, 'Tab + Enter opens the card');
    // The card has focus: Tab reaches the feedback buttons.
    const focusable = await k.page.evaluate(() => document.activeElement?.localName);
    assert.match(String(focusable), /^dfr-/, 'focus is in our overlay');
    await k.page.keyboard.press('Escape');
    assert.equal(await k.probe.card(), undefined, 'Escape closes it');
    await k.page.close();

    // Popup: Tab reaches "Settings, history and models…", Enter opens the options page.
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/popup.html`);
    await popup.getByTestId('open-options').waitFor();
    let onOptions = false;
    for (let i = 0; i < 12 && !onOptions; i++) {
      await popup.keyboard.press('Tab');
      onOptions = await popup.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'open-options');
    }
    assert.ok(onOptions, 'the options button is reachable by Tab');
    const [optionsTab] = await Promise.all([ext.context.waitForEvent('page'), popup.keyboard.press('Enter')]);
    await optionsTab.waitForURL(/options\.html/);
    await optionsTab.close();
    await popup.close();

    const p = await openOptions('settings');
    await p.locator('#tab-settings').focus();
    await p.keyboard.press('ArrowRight');
    assert.equal(await p.locator('#tab-history').getAttribute('aria-selected'), 'true');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'tab-history');
    await p.keyboard.press('End');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'tab-welcome');
    await p.keyboard.press('Home');
    await p.locator('#opt-enabled').waitFor();
    await p.keyboard.press('Tab');
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'opt-enabled', 'Tab goes into the panel, to the first control');
    const outline = await p.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, 'none', 'visible focus');
    await p.keyboard.press('Space');
    assert.equal((await settingsWhere((x) => x.enabled === false)).enabled, false, 'Space toggles the switch');
    await p.keyboard.press('Space');
    await p.close();
  });
});

describe('Chromium: the person’s pages in French', { skip }, () => {
  test('every options page and the welcome page in French', async () => {
    const fr = await launchWithExtension('dist/chrome-e2e', { locale: 'fr-FR' });
    try {
      const p = await fr.context.newPage();
      await p.setViewportSize({ width: 960, height: 1100 });
      for (const tab of ['settings', 'history', 'models', 'welcome']) {
        await p.goto(`chrome-extension://${fr.extensionId}/src/options/options.html#${tab}`);
        await p.locator('[role="tabpanel"]:not([hidden]) *').first().waitFor();
        await p.waitForTimeout(300);
        await p.screenshot({ path: join(SHOTS, `person-${tab}-fr.png`), fullPage: true });
        const text = await p.locator('body').innerText();
        assert.match(text, /Réglages/, `${tab} is in French`);
        assert.doesNotMatch(text, /\b(opt|hist|models|welcome|fb)[A-Z]\w+/, `${tab}: no untranslated key`);
      }
      // The popup and the evidence card with its feedback buttons, in French.
      const popup = await fr.context.newPage();
      await popup.goto(`chrome-extension://${fr.extensionId}/src/popup/popup.html`);
      await popup.getByTestId('open-options').waitFor();
      assert.match(await popup.getByTestId('open-options').innerText(), /Réglages, historique et modèles/);
      await popup.screenshot({ path: join(SHOTS, 'person-popup-fr.png'), fullPage: true });
      await popup.close();
      const card = await fr.context.newPage();
      await card.goto(`${site.origin}/fresh.html`);
      const probe = await OverlayProbe.attach(card);
      const [badge] = await probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'), 40_000);
      await probe.click(badge!);
      const text = (await probe.card())?.text ?? '';
      assert.match(text, /Ce verdict est-il juste \?/);
      assert.ok((await probe.card())!.links.some((l) => l.id === 'feedback-wrong' && l.text === "C'est faux"));
      await card.screenshot({ path: join(SHOTS, 'person-card-fr.png') });
      await card.close();
      // Detector evidence in French: fixed phrases translated, values from the file kept as they are.
      const declared = await fr.context.newPage();
      await declared.goto(`${site.origin}/declared.html`);
      const dprobe = await OverlayProbe.attach(declared);
      for (const [selector, detector] of [
        ['#m0', 'generator-params'],
        ['#m1', 'watermark'],
        ['#m2', 'c2pa'],
      ] as const) {
        await declared.locator(selector).scrollIntoViewIfNeeded();
        const badge = await waitForBand(declared, dprobe, selector, 'declared-ai', { timeoutMs: 40_000 });
        await dprobe.click(badge);
        const finding = (await dprobe.card())?.findings.find((f) => f.detector === detector);
        assert.ok(finding, `${detector} finding on the card`);
        const lines = finding.lines.join('\n');
        if (detector === 'generator-params') {
          assert.match(lines, /Trouvé dans : bloc de texte PNG « parameters »/);
          assert.match(lines, /Outil : /);
          assert.match(lines, /il déclare avoir été généré avec l’IA/);
          assert.doesNotMatch(lines, /Found in|Tool:|it declares/);
          await declared.screenshot({ path: join(SHOTS, 'person-card-detector-fr.png') });
        } else if (detector === 'c2pa') {
          assert.match(lines, /Générateur d’IA nommé : Microsoft Image Creator \/ Designer \(agent logiciel « Image Creator from Designer »\)/);
          assert.match(lines, /Signés par Deepfake Radar test signer \(absent des listes de confiance connues\)\./);
          assert.doesNotMatch(lines, /AI generator named|not on a known trust list/);
        } else {
          assert.match(lines, /Filigrane : filigrane invisible de Stable Diffusion XL/);
          assert.match(lines, /Bits concordants : \d+\/48/);
          assert.doesNotMatch(lines, /Watermark:|Bits matching/);
        }
        await declared.keyboard.press('Escape');
      }
      await declared.close();
    } finally {
      await fr.close();
    }
  });
});
