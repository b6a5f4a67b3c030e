/**
 * The content gate in the shipped build (dist/chrome, no test fixture model): a screenshot of a
 * social post — rendered here by Chromium, so no third-party image is involved — and a flat drawing
 * get "not checked" with the reason on the card; a photo-like picture is judged by the models.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CHROME_PATH, launchWithExtension, OverlayProbe, type ExtensionBrowser } from './support/chromium';
import { ROOT, servePages, type StaticServer } from './support/server';

const skip = !existsSync(CHROME_PATH) ? `Chromium not found at ${CHROME_PATH}` : !existsSync(join(ROOT, 'dist/chrome/manifest.json')) ? 'dist/chrome not built' : false;

let ext: ExtensionBrowser;
let site: StaticServer;
before(async () => {
  if (skip) return;
  ext = await launchWithExtension('dist/chrome');
  // A screenshot of a post: avatar, name, text, icons on a white page.
  const render = await ext.context.newPage();
  await render.setViewportSize({ width: 560, height: 360 });
  await render.setContent(`<body style="margin:0;font:15px sans-serif;background:#fff;color:#0f1419">
    ${[0, 1]
      .map(
        (
          i,
        ) => `<div style="display:flex;gap:10px;padding:14px;border-bottom:1px solid #e6e6e6"><div style="flex:none;width:44px;height:44px;border-radius:50%;background:${i ? '#1d9bf0' : '#f91880'}"></div>
    <div><b>Ada Example</b> <span style="color:#536471">@ada · ${i + 2}h</span><p style="margin:4px 0">Breaking: the river flooded the old bridge this morning, everyone is safe. More pictures later today, stay tuned!</p>
    <div style="color:#536471;word-spacing:40px">♡ 1.2K ↻ 311 ✉</div></div></div>`,
      )
      .join('')}</body>`);
  const screenshot = await render.screenshot({ type: 'png' });
  await render.close();
  site = await servePages({
    'post-screenshot.png': screenshot,
    'index.html': `<!doctype html><title>gate</title><body style="margin:0">
     <img id="shot" src="/post-screenshot.png" style="display:block;width:560px;margin:10px">
     <img id="drawing" src="/media/portrait.jpg" style="display:block;width:400px;margin:10px">
     <img id="photo" src="/media/portrait-photo.jpg" style="display:block;width:400px;margin:10px"></body>`,
  });
  await ext.worker.evaluate(() => chrome.storage.sync.set({ settings: { showAllBadges: true } }));
});
after(async () => {
  await ext?.close();
  await site?.close();
});

test('screenshots and drawings are not checked by the photo models; a photo is', { skip }, async () => {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.goto(`${site.origin}/index.html`);
  const probe = await OverlayProbe.attach(page);
  const badges = await probe.waitForBadges((b) => b.length === 3 && b.every((x) => x.band !== 'pending'), 90_000);
  const byTop = [...badges].sort((a, b) => (a.box?.y ?? 0) - (b.box?.y ?? 0));
  const [shot, drawing, photo] = byTop;
  assert.equal(shot!.band, 'not-applicable', 'the screenshot is not checked');
  assert.equal(drawing!.band, 'not-applicable', 'the flat drawing is not checked');
  assert.notEqual(photo!.band, 'not-applicable', 'the photo-like portrait is judged');

  await probe.click(shot!);
  const shotCard = await probe.card();
  assert.match(shotCard?.text ?? '', /Looks like a screenshot, text or graphic/);
  assert.doesNotMatch(shotCard?.text ?? '', /No pixel model is installed/, 'the card must not claim no model is installed');
  assert.equal(
    shotCard?.findings.some((f) => f.detector.startsWith('model:')),
    false,
    'no model score on a screenshot',
  );
  await page.keyboard.press('Escape');

  await probe.click(photo!);
  const photoCard = await probe.card();
  assert.ok(
    photoCard?.findings.some((f) => f.detector === 'model:whole-image-mnv2' && f.score !== undefined),
    'the whole-image model scored the photo',
  );
  assert.ok(
    photoCard?.findings.some((f) => f.detector === 'model:face-mnv2'),
    'the face model looked at the photo',
  );
  await page.screenshot({ path: join(ROOT, 'test-results/content-gate.png') });
});
