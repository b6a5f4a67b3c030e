/**
 * Launches Debian's Chromium with a built extension (Playwright's launchPersistentContext) and
 * gives tests a view of our closed shadow root through the DevTools protocol, the only honest way
 * to see inside it from outside (page scripts cannot).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { attrs, isOurHost, textOf, textParts, walk, type DomNode } from './cdp-dom';
import { ROOT } from './server';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
}

export async function launchWithExtension(dist = 'dist/chrome-e2e', opts: { locale?: string; args?: string[] } = {}): Promise<ExtensionBrowser> {
  const extPath = resolve(ROOT, dist);
  const userDataDir = mkdtempSync(join(tmpdir(), 'dfr-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROME_PATH,
    headless: true,
    locale: opts.locale ?? 'en-US',
    // On Linux, Chromium's UI language (what chrome.i18n uses) comes from the environment, not --lang.
    env: { ...process.env, LANGUAGE: (opts.locale ?? 'en-US').replace('-', '_'), LANG: `${(opts.locale ?? 'en-US').replace('-', '_')}.UTF-8` } as Record<string, string>,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extPath}`,
      `--load-extension=${extPath}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--lang=${opts.locale ?? 'en-US'}`,
      ...(opts.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface BadgeInfo {
  band: string;
  label: string;
  ariaLabel: string;
  hidden: boolean;
  /** Centre in CSS pixels of the page viewport, when rendered. */
  box?: { x: number; y: number; width: number; height: number };
  backendNodeId: number;
}

/** Reads our overlay through CDP (pierces closed shadow roots). */
/** `OverlayProbe.effectiveStyle` of a badge that is painted, with our host untouched by the page. */
export const PAINTED = {
  display: 'flex',
  visibility: 'visible',
  opacity: '1',
  hostDisplay: 'block',
  hostOpacity: '1',
  hostVisibility: 'visible',
  hostTransform: 'none',
  hostClipPath: 'none',
  hostFilter: 'none',
};

export class OverlayProbe {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async attach(page: Page) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    return new OverlayProbe(page, cdp);
  }

  private async tree(): Promise<DomNode> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    return root;
  }

  async overlayHosts(): Promise<number> {
    let count = 0;
    walk(await this.tree(), (n) => void (isOurHost(n) && count++));
    return count;
  }

  async badges(): Promise<BadgeInfo[]> {
    const found: DomNode[] = [];
    walk(await this.tree(), (n, inOverlay) => inOverlay && attrs(n).class === 'badge' && found.push(n));
    const out: BadgeInfo[] = [];
    for (const n of found) {
      const a = attrs(n);
      let box: BadgeInfo['box'];
      try {
        const { model } = (await this.cdp.send('DOM.getBoxModel', { backendNodeId: n.backendNodeId })) as { model: { border: number[]; width: number; height: number } };
        box = { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height };
      } catch {
        box = undefined; // not rendered (hidden)
      }
      out.push({ band: a['data-band'] ?? '', label: textOf(n).trim(), ariaLabel: a['aria-label'] ?? '', hidden: 'hidden' in a, box, backendNodeId: n.backendNodeId });
    }
    return out;
  }

  /** Visible badges, i.e. what a person sees. */
  async visibleBadges(): Promise<BadgeInfo[]> {
    return (await this.badges()).filter((b) => !b.hidden && b.box);
  }

  async waitForBadges(predicate: (b: BadgeInfo[]) => boolean, timeoutMs = 20_000): Promise<BadgeInfo[]> {
    const end = Date.now() + timeoutMs;
    let last: BadgeInfo[] = [];
    while (Date.now() < end) {
      last = await this.visibleBadges();
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`badges did not match in ${timeoutMs} ms; last seen: ${JSON.stringify(last.map((b) => [b.band, b.box && Math.round(b.box.x)]))}`);
  }

  /** The open evidence card: its text and links (or undefined). */
  async card(): Promise<
    { band: string; text: string; links: { id: string; href: string; text: string }[]; findings: { detector: string; outcome: string; lines: string[]; score?: number }[] } | undefined
  > {
    let card: DomNode | undefined;
    walk(await this.tree(), (n, inOverlay) => inOverlay && attrs(n).class === 'card' && (card = n));
    if (!card) return undefined;
    const links: { id: string; href: string; text: string }[] = [];
    walk(card, (n) => {
      const a = attrs(n);
      if (a['data-link']) links.push({ id: a['data-link'], href: a.href ?? '', text: textOf(n).trim() });
    });
    const findings: { detector: string; outcome: string; lines: string[]; score?: number }[] = [];
    walk(card, (n) => {
      const a = attrs(n);
      if (a['data-detector'])
        findings.push({ detector: a['data-detector'], outcome: a['data-outcome'] ?? '', lines: textParts(n), score: a['data-score'] === undefined ? undefined : Number(a['data-score']) });
    });
    const parts: string[] = [];
    walk(card, (n) => n.nodeName === '#text' && n.nodeValue && parts.push(n.nodeValue));
    return { band: attrs(card)['data-band'] ?? '', text: parts.join(' '), links, findings };
  }

  /** Box of a card link or button (`data-link` id). */
  async linkBox(id: string): Promise<{ x: number; y: number; width: number; height: number }> {
    let node: DomNode | undefined;
    walk(await this.tree(), (n, inOverlay) => inOverlay && attrs(n)['data-link'] === id && (node = n));
    if (!node) throw new Error(`no card link ${id}`);
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    const { model } = (await this.cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as { model: { border: number[]; width: number; height: number } };
    return { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height };
  }

  /** Computed styles that decide whether the badge and our host are really painted (`PAINTED` when they are). */
  async effectiveStyle(badge: BadgeInfo): Promise<Record<string, string>> {
    let host: DomNode | undefined;
    walk(await this.tree(), (n) => isOurHost(n) && (host = n));
    if (!host) throw new Error('no overlay host');
    await this.cdp.send('CSS.enable');
    const computed = async (backendNodeId: number) => {
      const { nodeIds } = (await this.cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [backendNodeId] })) as { nodeIds: number[] };
      const { computedStyle } = (await this.cdp.send('CSS.getComputedStyleForNode', { nodeId: nodeIds[0]! })) as { computedStyle: { name: string; value: string }[] };
      return Object.fromEntries(computedStyle.map((p) => [p.name, p.value]));
    };
    const b = await computed(badge.backendNodeId);
    const h = await computed(host.backendNodeId);
    return {
      display: b.display!,
      visibility: b.visibility!,
      opacity: b.opacity!,
      hostDisplay: h.display!,
      hostOpacity: h.opacity!,
      hostVisibility: h.visibility!,
      hostTransform: h.transform!,
      hostClipPath: h['clip-path']!,
      hostFilter: h.filter!,
    };
  }

  async click(badge: BadgeInfo) {
    if (!badge.box) throw new Error('badge is not rendered');
    await this.page.mouse.click(badge.box.x + badge.box.width / 2, badge.box.y + badge.box.height / 2);
  }

  /** The element a person would hit at the badge's centre is ours (not covered by the page). */
  async isOnTop(badge: BadgeInfo): Promise<boolean> {
    if (!badge.box) return false;
    const { backendNodeId } = (await this.cdp.send('DOM.getNodeForLocation', {
      x: Math.round(badge.box.x + badge.box.width / 2),
      y: Math.round(badge.box.y + badge.box.height / 2),
      includeUserAgentShadowDOM: false,
      ignorePointerEventsNone: false,
    })) as { backendNodeId: number };
    const ids = new Set<number>([badge.backendNodeId]);
    walk(await this.tree(), (n) => {
      if (n.backendNodeId === badge.backendNodeId) walk(n, (c) => void ids.add(c.backendNodeId));
    });
    return ids.has(backendNodeId);
  }
}

/** The Chrome tab id of `page`, as the extension sees it (for the popup's ?tab= parameter). */
export async function tabIdOf(ext: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  const id = await ext.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

/** Badges sit this many px inside the media's corner (src/content/overlay/overlay-view.ts INSET). */
const INSET = 6;

/**
 * The badge drawn in `selector`'s top-right corner (clamped to the viewport's top edge), if any.
 * Throws when the element has no box, unless `missingOk` (then: undefined).
 */
export async function badgeOver(page: Page, badges: BadgeInfo[], selector: string, opts: { missingOk?: boolean } = {}): Promise<BadgeInfo | undefined> {
  const box = await page.locator(selector).boundingBox();
  if (!box) {
    if (opts.missingOk) return undefined;
    throw new Error(`${selector} has no box`);
  }
  const right = box.x + box.width;
  return badges.find((b) => b.box && Math.abs(b.box.x + b.box.width - (right - INSET)) <= 2 && b.box.y >= box.y - 1 && b.box.y <= Math.max(box.y, 0) + INSET + 2);
}

/** Waits until the badge over `selector` shows `band`; fails with what it saw. */
export async function waitForBand(page: Page, probe: OverlayProbe, selector: string, band: string, opts: { timeoutMs?: number; missingOk?: boolean } = {}): Promise<BadgeInfo> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let last: string | undefined;
  while (Date.now() < deadline) {
    const badge = await badgeOver(page, await probe.visibleBadges(), selector, opts);
    last = badge?.band;
    if (badge && last === band) return badge;
    await page.waitForTimeout(200);
  }
  throw new Error(`${selector}: expected ${band}, saw ${last}`);
}
