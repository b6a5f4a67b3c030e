/**
 * Privacy, verified. Chromium runs behind a recording proxy (support/recording-proxy.ts) that sees
 * every network request of every context — pages, our service worker, our offscreen document, the
 * browser — and refuses anything not on loopback. While the extension scans a feed with same- and
 * cross-origin images and videos and the person opens an evidence card:
 *  - the only requests are the page's own loads and the media it shows;
 *  - the extension fetches only those media files, never with cookies (a cookie is set for both
 *    origins; a control fetch WITH credentials proves the cookie would have been sent);
 *  - nothing goes to any other host; a context link (reverse image search) is requested only after
 *    the person clicks it.
 * Any other request fails the test.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { CHROME_PATH, launchWithExtension, OverlayProbe, type ExtensionBrowser } from './support/chromium';
import { startRecordingProxy, type ProxiedRequest, type RecordingProxy } from './support/recording-proxy';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const skip = existsSync(CHROME_PATH) ? false : `Chromium not found at ${CHROME_PATH} (apt-get install chromium, or set CHROME_PATH)`;

let ext: ExtensionBrowser;
let site: StaticServer;
let other: StaticServer;
let proxy: RecordingProxy;
/** What Playwright attributes to pages (and, where it can, workers): for the report only. */
const pageRequests: string[] = [];

before(async () => {
  if (skip) return;
  const pages = `${ROOT}/test/pages`;
  site = await serveStatic({ '': pages });
  other = await serveStatic({ '': pages }, '127.0.0.2');
  proxy = await startRecordingProxy();
  ext = await launchWithExtension('dist/chrome-e2e', {
    // <-loopback> removes Chromium's implicit proxy bypass for 127.0.0.0/8 and localhost.
    args: [
      `--proxy-server=${proxy.address}`,
      '--proxy-bypass-list=<-loopback>',
      '--disable-default-apps',
      '--disable-component-extensions-with-background-pages',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--no-pings',
      '--disable-features=OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,SafeBrowsingEnhancedProtection',
      '--extensions-update-frequency=999999',
    ],
  });
  ext.context.on('request', (r) => pageRequests.push(`${r.method()} ${r.url()}`));
  await ext.context.addCookies([
    { name: 'session', value: 'site-secret', domain: '127.0.0.1', path: '/', sameSite: 'Lax' },
    { name: 'session', value: 'other-secret', domain: '127.0.0.2', path: '/', sameSite: 'Lax' },
  ]);
});
after(async () => {
  await ext?.close();
  await site?.close();
  await other?.close();
  await proxy?.close();
});

/**
 * Chromium's own services, contacted by every fresh profile whatever extension is loaded (time,
 * component/extension update checks, Google account cookies). They are refused by the proxy like
 * everything else; the test only tolerates them, and checks they carry nothing of the page.
 * Nothing in our built code names these hosts (test/unit/manifest-permissions.test.ts).
 */
const BROWSER_OWN_HOSTS = new Set([
  'clients2.google.com',
  'update.googleapis.com',
  'accounts.google.com',
  'clients1.google.com',
  'safebrowsing.googleapis.com',
  'optimizationguide-pa.googleapis.com',
  'content-autofill.googleapis.com',
  'www.google.com',
  'android.clients.google.com',
]);
/** Hosts of the card's context links: contacted only when the person clicks one. */
const CONTEXT_HOSTS = new Set(['lens.google.com', 'www.bing.com', 'tineye.com', 'yandex.com', 'toolbox.google.com']);

/** Requests made with fetch() (our content script and engine), as opposed to the page's own loads. */
const isFetch = (r: ProxiedRequest) => r.headers['sec-fetch-dest'] === 'empty';
const fmt = (r: ProxiedRequest) => `${r.method} ${r.url} [dest=${r.headers['sec-fetch-dest'] ?? '-'} site=${r.headers['sec-fetch-site'] ?? '-'} cookie=${r.headers.cookie ?? '-'}]`;

/** Loads of the page itself: its document, script, favicon and the media it displays. */
function isPageOwnLoad(r: ProxiedRequest, page: string): boolean {
  const u = new URL(r.url);
  const dest = r.headers['sec-fetch-dest'];
  if (u.origin === site.origin && (u.pathname === page || u.pathname === '/pages.js' || u.pathname === '/favicon.ico')) return true;
  return (dest === 'image' || dest === 'video') && u.pathname.startsWith('/media/');
}

describe('Privacy: every request the browser makes', { skip }, () => {
  test('scanning a feed and opening the card sends nothing anywhere but the page’s own media', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.origin}/feed.html?x=${other.port}`);
    const probe = await OverlayProbe.attach(page);
    const badges = await probe.waitForBadges((b) => b.filter((x) => x.band === 'likely-synthetic').length >= 5, 40_000);
    await probe.click(badges.find((b) => b.band === 'likely-synthetic')!);
    const card = await probe.card();
    assert.ok(card && card.links.length >= 4, 'card with context links is open');
    await page.waitForTimeout(1500); // anything sent on opening the card would show by now

    const seen = [...proxy.requests];
    const loopback = seen.filter((r) => r.forwarded);
    const elsewhere = seen.filter((r) => !r.forwarded);
    const pageMedia = new Set(loopback.filter((r) => !isFetch(r) && new URL(r.url).pathname.startsWith('/media/')).map((r) => r.url));

    // 1. Nothing leaves for a remote host, apart from the browser's own services.
    const strangers = elsewhere.filter((r) => !BROWSER_OWN_HOSTS.has(r.host));
    assert.deepEqual(strangers.map(fmt), [], 'no request to any other host');
    for (const r of elsewhere) {
      assert.ok(!r.headers['sec-fetch-site'] && !r.headers.origin, `browser service request comes from no page or extension context: ${fmt(r)}`);
      assert.ok(!/127\.0\.0\.|media%2F|media\//.test(r.url), `browser service request carries nothing of the page: ${fmt(r)}`);
    }

    // 2. On loopback: the page's own loads, and fetches only of media the page itself showed.
    const fetches = loopback.filter(isFetch);
    const unexpected = loopback.filter((r) => !isFetch(r) && !isPageOwnLoad(r, '/feed.html'));
    assert.deepEqual(unexpected.map(fmt), [], 'no other page-context request');
    for (const r of fetches) assert.ok(pageMedia.has(r.url), `extension fetched only media the page showed: ${fmt(r)}`);
    assert.ok(
      fetches.some((r) => r.url.startsWith(other.origin)),
      'the engine fetched the cross-origin media (so the check saw it)',
    );
    assert.ok(
      fetches.some((r) => r.url.startsWith(site.origin)),
      'the content script read same-origin media (so the check saw it)',
    );

    // 3. Never with cookies or a referrer, on either origin.
    for (const r of fetches) {
      assert.equal(r.headers.cookie, undefined, `no cookie on ${fmt(r)}`);
      assert.equal(r.headers.referer, undefined, `no referrer on ${fmt(r)}`);
      assert.equal(r.headers.authorization, undefined, `no credentials on ${fmt(r)}`);
    }
    // Control: the same fetch WITH credentials from our service worker would carry the cookie,
    // so the absence above is the extension's doing, not the browser's cookie policy.
    const control = `${other.origin}/media/blue.png?control`;
    await ext.worker.evaluate((u) => fetch(u, { credentials: 'include' }).then((r) => r.status), control);
    const controlSeen = proxy.requests.find((r) => r.url === control);
    assert.match(controlSeen?.headers.cookie ?? '', /session=other-secret/, 'a credentialed fetch would have carried the cookie');

    // 4. Context links: contacted only on click.
    assert.deepEqual(seen.filter((r) => CONTEXT_HOSTS.has(r.host)).map(fmt), [], 'no context-link host contacted before a click');
    const opened = ext.context.waitForEvent('page');
    const lens = await probe.linkBox('google-lens');
    await page.mouse.click(lens.x + lens.width / 2, lens.y + lens.height / 2);
    const tab = await opened;
    await tab.waitForLoadState().catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (!proxy.requests.some((r) => r.host === 'lens.google.com') && Date.now() < deadline) await page.waitForTimeout(100);
    const afterClick = proxy.requests.filter((r) => CONTEXT_HOSTS.has(r.host));
    assert.ok(afterClick.length >= 1 && afterClick.every((r) => r.host === 'lens.google.com'), `only the clicked link's host: ${afterClick.map(fmt).join(', ')}`);
    await tab.close();

    console.log(
      `privacy: ${proxy.requests.length} requests seen by the proxy (${loopback.length} loopback, ${fetches.length} extension fetches, ${elsewhere.length} browser-own services refused: ${[...new Set(elsewhere.map((r) => r.host))].join(', ') || 'none'}); Playwright saw ${pageRequests.length} page requests`,
    );
    await page.close();
  });
});
