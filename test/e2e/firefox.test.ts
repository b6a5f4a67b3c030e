/**
 * Firefox smoke test: Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi, installs
 * dist/firefox-e2e as a temporary add-on and must paint a "Likely AI" badge on the fixture's red
 * image. Our shadow root is closed, so the test looks at the screenshot, as a person would: the
 * badge's red (#b91c1c) must appear over the image's white top band, where the page has none.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';
const skip = existsSync(FIREFOX) ? false : `Firefox not found at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX_PATH)`;

let browser: Browser | undefined;
let site: StaticServer;
let profile: string;

before(async () => {
  if (skip) return;
  site = await serveStatic({ '': `${ROOT}/test/pages` });
  profile = mkdtempSync(join(tmpdir(), 'dfr-ff-'));
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false, 'datareporting.policy.dataSubmissionEnabled': false },
  });
});
after(async () => {
  await browser?.close();
  await site?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Share of pixels in the box whose colour is the likely-synthetic badge red. */
async function badgeRedShare(png: Uint8Array, box: { x: number; y: number; width: number; height: number }) {
  const { data, info } = await sharp(png)
    .extract({ left: Math.round(box.x), top: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) })
    .raw()
    .toBuffer({ resolveWithObject: true });
  let hits = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (Math.abs(r - 0xb9) < 24 && Math.abs(g - 0x1c) < 24 && Math.abs(b - 0x1c) < 24) hits++;
  }
  return hits / (data.length / info.channels);
}

test('Firefox: the add-on loads and paints a badge', { skip }, async () => {
  const id = await browser!.installExtension(resolve(ROOT, 'dist/firefox-e2e'));
  assert.ok(id, 'installed');
  const page = await browser!.newPage();
  await page.setViewport({ width: 1200, height: 800 });
  await page.goto(`${site.origin}/feed.html`);
  const img = await page.$('#same-red');
  const box = await img!.boundingBox();
  assert.ok(box);
  // The white band at the top right of the image, where the badge goes.
  const corner = { x: box.x + box.width - 130, y: box.y + 2, width: 126, height: 40 };
  let share = 0;
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    share = await badgeRedShare(await page.screenshot({ type: 'png' }), corner);
    if (share > 0.1) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.ok(share > 0.1, `badge red covers ${(share * 100).toFixed(1)}% of the corner`);
  await page.screenshot({ path: join(ROOT, 'test-results', 'firefox-badge.png') as `${string}.png` }).catch(() => undefined);
});
