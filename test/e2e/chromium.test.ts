/**
 * End to end in Debian's Chromium with the built extension (dist/chrome-e2e, which adds the
 * test-only fixture model: red scores ~1, blue ~0, "mixed" ~0.85). Checks what a person sees.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { eventually } from './support/eventually';
import { badgeOver, CHROME_PATH, launchWithExtension, OverlayProbe, PAINTED, tabIdOf, waitForBand, type ExtensionBrowser } from './support/chromium';
import { ROOT, serveStatic, type StaticServer } from './support/server';

let ext: ExtensionBrowser;
let site: StaticServer;
let other: StaticServer;

const skip = existsSync(CHROME_PATH) ? false : `Chromium not found at ${CHROME_PATH} (apt-get install chromium, or set CHROME_PATH)`;

before(async () => {
  if (skip) return;
  const pages = `${ROOT}/test/pages`;
  site = await serveStatic({ '': pages });
  other = await serveStatic({ '': pages }, '127.0.0.2');
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
  await site?.close();
  await other?.close();
});

async function openFeed(path = 'feed.html'): Promise<{ page: Page; probe: OverlayProbe }> {
  const page = await ext.context.newPage();
  await page.goto(`${site.origin}/${path}?x=${other.port}`);
  return { page, probe: await OverlayProbe.attach(page) };
}

async function setSetting(page: Page, selector: string) {
  await page.locator(selector).click();
}

describe('Chromium: page to badge', { skip }, () => {
  test('flags same-origin, cross-origin, <picture> images and both kinds of video', async () => {
    const { page, probe } = await openFeed();
    const badges = await probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 5, 40_000);
    for (const sel of ['#same-red', '#cross-red', '#picture', '#same-video', '#cross-video']) {
      // Per element, waiting: a video's box moves when its metadata loads, and its badge follows
      // a frame later, so a one-shot look at the badges can catch it in between.
      const badge = await waitForBand(page, probe, sel, 'likely-synthetic', { timeoutMs: 30_000 });
      assert.ok(badge, `badge over ${sel}`);
      assert.equal(badge.band, 'likely-synthetic', sel);
      assert.equal(badge.label, 'Likely AI');
      assert.match(badge.ariaLabel, /^Deepfake Radar: Likely AI-generated or manipulated\. Open the evidence\.$/);
    }
    // Blue (no evidence) and the tiny image (not applicable) carry no visible badge by default.
    assert.equal(await badgeOver(page, badges, '#same-blue'), undefined);
    assert.equal(await badgeOver(page, badges, '#tiny'), undefined);
    // The cross-origin image was fetched by the engine once, without cookies, and never again.
    await page.mouse.wheel(0, 2000);
    await page.mouse.wheel(0, -2000);
    await page.waitForTimeout(500);
    const crossFetches = other.requests.filter((r) => r.path === '/media/red.png');
    assert.ok(crossFetches.length <= 2, `cross-origin red fetched ${crossFetches.length} times (page + engine at most)`);
    assert.ok(
      crossFetches.every((r) => !r.cookie),
      'no cookie sent',
    );
    await page.close();
  });

  test('the badge follows its media when the page scrolls', async () => {
    const { page, probe } = await openFeed();
    await page.setViewportSize({ width: 1280, height: 500 });
    const badges = await probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'), 30_000);
    const before = await badgeOver(page, badges, '#same-red');
    assert.ok(before?.box);
    await page.evaluate(() => window.scrollBy(0, 50));
    const moved = (b?: { box?: { y: number } }) => !!b?.box && Math.abs(b.box.y - (before.box!.y - 50)) <= 2;
    const afterScroll = await eventually(async () => badgeOver(page, await probe.visibleBadges(), '#same-red'), moved, 'the badge moved with the page');
    assert.ok(moved(afterScroll), `moved with the page: ${before.box.y} → ${afterScroll?.box?.y}`);
    await page.close();
  });

  test('clicking a badge opens the evidence card with context links', async () => {
    const { page, probe } = await openFeed();
    const badges = await probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 4, 30_000);
    const badge = await badgeOver(page, badges, '#cross-red');
    assert.ok(badge);
    await probe.click(badge);
    const card = await probe.card();
    assert.ok(card, 'card is open');
    assert.equal(card.band, 'likely-synthetic');
    assert.match(card.text, /Likely AI-generated or manipulated/);
    assert.match(card.text, /Fixture: redness/);
    assert.match(card.text, /test fixture — not a detector/, 'a fixture model is labelled as such');
    assert.match(card.text, /No pixel model is installed yet|Detection models make mistakes/);
    const mediaUrl = encodeURIComponent(`http://127.0.0.2:${other.port}/media/red.png`);
    const byId = Object.fromEntries(card.links.map((l) => [l.id, l]));
    assert.ok(byId['google-lens']?.href.includes(mediaUrl), 'Google Lens link carries the media URL');
    assert.ok(byId['bing']?.href.startsWith('https://www.bing.com/images/search'));
    assert.ok(byId['tineye']?.href.startsWith('https://tineye.com/search?url='));
    assert.ok(byId['yandex']?.href.startsWith('https://yandex.com/images/search'));
    assert.ok(byId['fact-check']?.href.startsWith('https://toolbox.google.com/factcheck/explorer/search/'));
    assert.ok(byId['explainer'], 'explainer button');

    // The explainer opens in a new tab, only on click.
    const opened = ext.context.waitForEvent('page');
    const link = await probe.linkBox('explainer');
    await page.mouse.click(link.x + link.width / 2, link.y + link.height / 2);
    const explainer = await opened;
    await explainer.waitForLoadState();
    assert.match(explainer.url(), new RegExp(`^chrome-extension://${ext.extensionId}/explainer/en\\.html$`));
    assert.match(await explainer.title(), /Deepfakes and how to verify media/);
    await explainer.close();

    // Escape closes the card.
    await page.bringToFront();
    await page.keyboard.press('Escape');
    assert.equal(
      await eventually(
        () => probe.card(),
        (c) => c === undefined,
        'Escape closed the card',
      ),
      undefined,
    );
    await page.close();
  });

  test('a revisit is served from the cache (by URL and by content hash)', async () => {
    const first = await openFeed();
    await first.probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 4, 30_000);
    await first.page.close();
    const engineFetchesBefore = other.requests.filter((r) => r.path === '/media/red.png').length;
    const { page, probe } = await openFeed();
    const badges = await probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 4, 30_000);
    // Cross-origin: the engine answered from its URL cache, so it fetched nothing more (the page's own <img> load is the only new request).
    assert.ok(other.requests.filter((r) => r.path === '/media/red.png').length <= engineFetchesBefore + 1);
    for (const sel of ['#cross-red', '#same-red']) {
      const badge = await badgeOver(page, badges, sel);
      assert.ok(badge, sel);
      await probe.click(badge);
      assert.match((await probe.card())?.text ?? '', /Analysed on this device earlier \(cached/, `${sel} came from the cache`);
      await page.keyboard.press('Escape');
    }
    await page.close();
  });

  test('new posts appended by the page get badges (infinite scroll)', async () => {
    const { page, probe } = await openFeed();
    await probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 4, 30_000);
    await page.click('#more');
    await page.locator('#appended').scrollIntoViewIfNeeded();
    await waitForBand(page, probe, '#appended', 'likely-synthetic', { timeoutMs: 15_000 });
    await page.close();
  });

  test('popup switches take effect on the open tab without reload', async () => {
    const { page, probe } = await openFeed();
    await probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 5, 30_000);
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/popup.html?tab=${await tabIdOf(ext, page)}`);
    await popup.waitForSelector('[data-stat="flagged"]');
    await popup.waitForFunction(() => Number(document.querySelector('[data-stat="flagged"]')?.textContent) >= 5);
    assert.match((await popup.textContent('body')) ?? '', /Fixture: redness/);

    // Show all badges: the blue image's "No evidence" and the tiny image's "Not checked" appear.
    await setSetting(popup, '#showall');
    const badges = await probe.waitForBadges((b) => b.some((x) => x.band === 'no-evidence') && b.some((x) => x.band === 'not-applicable'));
    assert.equal((await badgeOver(page, badges, '#same-blue'))?.band, 'no-evidence');
    assert.equal((await badgeOver(page, badges, '#tiny'))?.band, 'not-applicable');

    // Sensitivity: "mixed" scores between the fixture's thresholds.
    await popup.locator('input[value="aggressive"]').check({ force: true });
    await waitForBand(page, probe, '#same-mixed', 'likely-synthetic', { timeoutMs: 15_000 });
    await popup.locator('input[value="conservative"]').check({ force: true });
    await waitForBand(page, probe, '#same-mixed', 'uncertain', { timeoutMs: 15_000 });

    // Off for this site: every badge goes; back on: they return.
    await setSetting(popup, '#site');
    await probe.waitForBadges((b) => b.length === 0);
    assert.equal(await probe.overlayHosts(), 0, 'overlay removed from the page');
    await setSetting(popup, '#site');
    await probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'));
    await popup.close();
    await page.close();
  });

  test('in dark mode the chosen segment and the primary button stay readable (WCAG AA, 4.5:1)', async () => {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    // Colours are read in the page and compared here (WCAG 2 relative luminance).
    const luminance = (css: string) =>
      (css.match(/[\d.]+/g) ?? []).slice(0, 3).reduce((sum, v, i) => {
        const c = Number(v) / 255;
        return sum + (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4) * [0.2126, 0.7152, 0.0722][i]!;
      }, 0);
    const contrastOf = async (selector: string) => {
      const [fg, bg] = await page
        .locator(selector)
        .first()
        .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
      const [a, b] = [luminance(fg!), luminance(bg!)];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    for (const path of ['src/popup/popup.html', 'src/options/options.html#settings']) {
      await page.goto(`chrome-extension://${ext.extensionId}/${path}`);
      const ratio = await contrastOf('.seg input:checked + span');
      assert.ok(ratio >= 4.5, `${path}: chosen segment contrast ${ratio.toFixed(2)}:1`);
    }
    await page.goto(`chrome-extension://${ext.extensionId}/src/options/options.html#welcome`);
    const primary = await contrastOf('button.primary');
    assert.ok(primary >= 4.5, `options: primary button contrast ${primary.toFixed(2)}:1`);
    await page.close();
  });

  test('the badge-position setting moves badges to another corner', async () => {
    const { page, probe } = await openFeed();
    await probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 4, 30_000);
    const setCorner = (corner: string) =>
      ext.worker.evaluate(async (c) => {
        const { settings } = await chrome.storage.sync.get('settings');
        await chrome.storage.sync.set({ settings: { ...(settings ?? {}), badgePosition: c } });
      }, corner);
    await setCorner('bottom-left');
    try {
      const img = (await page.locator('#same-red').boundingBox())!;
      const deadline = Date.now() + 10_000;
      let found: Awaited<ReturnType<OverlayProbe['visibleBadges']>>[number] | undefined;
      while (!found && Date.now() < deadline) {
        found = (await probe.visibleBadges()).find((b) => b.box && Math.abs(b.box.x - (img.x + 6)) <= 2 && Math.abs(b.box.y + b.box.height - (img.y + img.height - 6)) <= 2);
        if (!found) await page.waitForTimeout(200);
      }
      assert.equal(found?.band, 'likely-synthetic', 'badge in the bottom-left corner of its image');
    } finally {
      await setCorner('top-right');
      await page.close();
    }
  });

  test('page CSS cannot hide, move or cover the badge', async () => {
    const { page, probe } = await openFeed('hostile-css.html');
    const [badge] = await probe.waitForBadges((b) => b.some((x) => x.band === 'likely-synthetic'), 30_000);
    assert.ok(badge?.box);
    const img = await page.locator('#same-red').boundingBox();
    assert.ok(img && badge.box.x > img.x && badge.box.y >= img.y && badge.box.y < img.y + 40, 'badge sits on its image');
    assert.ok(await probe.isOnTop(badge), 'nothing covers the badge');
    const style = await probe.effectiveStyle(badge);
    assert.deepEqual(style, PAINTED);
    await page.close();
  });
});
