#!/usr/bin/env -S node --import tsx
/**
 * `npm start`: builds the extension, serves the demo feed on 127.0.0.1 (with some media from a
 * second origin, 127.0.0.2) and opens Debian's Chromium with the extension loaded.
 * With a display: a real window, until you close it. Without one (or with --headless): headless,
 * saves screenshots to out/ and prints each media item's verdict.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { badgeOver, CHROME_PATH, launchWithExtension, OverlayProbe, tabIdOf } from '../test/e2e/support/chromium';
import { eventually } from '../test/e2e/support/eventually';
import { ROOT, serveStatic } from '../test/e2e/support/server';

const args = process.argv.slice(2);
const headless = args.includes('--headless') || !process.env.DISPLAY;

if (!args.includes('--no-build')) {
  const r = spawnSync('node', ['scripts/build.mjs', '--only', 'chrome'], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const roots = { '': `${ROOT}/demo`, fixtures: `${ROOT}/test/fixtures` };
const site = await serveStatic(roots, '127.0.0.1', Number(process.env.DEMO_PORT ?? 8787)).catch(() => serveStatic(roots));
const cdn = await serveStatic(roots, '127.0.0.2', site.port).catch(() => serveStatic(roots, '127.0.0.2'));
const feedUrl = `${site.origin}/index.html?x=${cdn.port}`;
console.log(`Demo feed: ${feedUrl}`);

if (!headless) {
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROME_PATH,
    headless: false,
    viewport: null,
    args: [
      `--disable-extensions-except=${ROOT}/dist/chrome`,
      `--load-extension=${ROOT}/dist/chrome`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(feedUrl);
  console.log('Close the browser window to stop.');
  await new Promise((r) => context.on('close', r));
  await Promise.all([site.close(), cdn.close()]);
  process.exit(0);
}

const out = `${ROOT}/out`;
mkdirSync(out, { recursive: true });
const ext = await launchWithExtension('dist/chrome');
try {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.goto(feedUrl);
  const probe = await OverlayProbe.attach(page);
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 360, height: 620 });
  await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/popup.html?tab=${await tabIdOf(ext, page)}`);

  // Scroll through the first page of posts so every item is seen, then wait for the engine.
  const ids = await page.$$eval('#feed .media', (els) => els.slice(0, 9).map((e) => e.id));
  for (const id of ids) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForTimeout(150);
  }
  await popup.waitForFunction(() => document.querySelector('[data-stat="scanned"]') && !/still being checked/.test(document.body.textContent ?? ''), undefined, { timeout: 60_000 });
  await page.bringToFront();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/demo-feed.png` });

  // The card of the first flagged item, the model's own verdict first: bring its picture into view,
  // click its badge, and shoot once the card is open (clicking a badge outside the viewport, as the
  // first badge in page order often is, opens nothing).
  const bandOf = new Map<string, string>();
  for (const id of ids) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    // Badges follow their media in the next frames; an item without a visible badge has none.
    const badge = await eventually(
      async () => badgeOver(page, await probe.visibleBadges(), `#${id}`),
      (b) => !!b,
      `badge over #${id}`,
      1500,
    ).catch(() => undefined);
    if (badge) bandOf.set(id, badge.band);
  }
  const flaggedId = ['likely-synthetic', 'declared-ai'].map((band) => ids.find((id) => bandOf.get(id) === band)).find(Boolean);
  if (flaggedId) {
    // Its post at the top, just under the sticky header, so no other post's badge sits over the shot.
    await page.evaluate((id) => {
      const post = document.getElementById(id)!.closest('article') ?? document.getElementById(id)!;
      const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
      window.scrollTo(0, post.getBoundingClientRect().top + window.scrollY - header - 12);
    }, flaggedId);
    const badge = await eventually(
      async () => badgeOver(page, await probe.visibleBadges(), `#${flaggedId}`),
      (b) => !!b,
      `badge over #${flaggedId}`,
    );
    await probe.click(badge!);
    await eventually(
      () => probe.card(),
      (c) => !!c,
      `card of #${flaggedId} open`,
    );
    await page.waitForTimeout(300); // the card's opening transition
    await page.screenshot({ path: `${out}/demo-card.png` });
    console.log(`Card shown: #${flaggedId} (${bandOf.get(flaggedId)})`);
    // "Check more closely": the bigger model on demand, its answer on the same card.
    const card = await probe.card();
    if (card?.links.some((l) => l.id === 'closer-look')) {
      const box = await probe.linkBox('closer-look');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const looked = await eventually(
        () => probe.card(),
        (c) => /Closer look:|did not work/.test(c?.text ?? ''),
        'closer look answered',
        60_000,
      );
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/demo-closer.png` });
      console.log(`Checked more closely: ${looked?.text.match(/Closer look: [^.]*?(?= Score| The| On |$)/)?.[0] ?? looked?.text.match(/did not work[^.]*/)?.[0]}`);
    }
    await page.keyboard.press('Escape');
    await eventually(
      () => probe.card(),
      (c) => !c,
      'card closed',
    );
  } else {
    console.log('No flagged item in the feed: out/demo-card.png not written.');
  }
  await popup.bringToFront();
  await popup.screenshot({ path: `${out}/demo-popup.png` });

  // Show every badge (also "no evidence" and "not checked") to print a verdict for each item.
  await popup.locator('#showall').click();
  await page.bringToFront();
  console.log('\nVerdicts (first page of the feed):');
  for (const id of ids) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    const badge = await badgeOver(page, await probe.visibleBadges(), `#${id}`);
    if (!badge) {
      console.log(`  ${id.padEnd(18)} (no badge)`);
      continue;
    }
    await probe.click(badge);
    const card = await probe.card();
    await page.keyboard.press('Escape');
    const top = card?.findings[0];
    // Lines of a finding: name, result, explanation, evidence…; print the result and the key evidence.
    // Not checked by the models (too small, a graphic, a drawing): say why rather than what found nothing.
    const finding = top
      ? `${top.detector}: ${[top.lines[1], ...top.lines.slice(3, 5)].join(' · ')}`
      : (card?.text.match(/Not applicable: .*?\)\./)?.[0] ?? card?.text.match(/Also checked, nothing found[^.]*\./)?.[0] ?? '');
    console.log(`  ${id.padEnd(18)} ${badge.band.padEnd(16)} ${finding.slice(0, 140)}`);
  }
  await popup.locator('#showall').click(); // leave the profile as found
  console.log(`\nScreenshots: out/demo-feed.png, out/demo-card.png, out/demo-closer.png, out/demo-popup.png`);
} finally {
  await ext.close();
  await Promise.all([site.close(), cdn.close()]);
}
