/**
 * Reads the protective layer (blur/hide covers, the share warning) inside our closed shadow root
 * through the DevTools protocol, like OverlayProbe does for badges and cards.
 */
import type { CDPSession, Page } from 'playwright-core';
import { attrs, textOf, walk as walkAll, type DomNode } from './cdp-dom';

/** The protective layer can live in same-origin iframes too: walk into them. */
const walk = (n: DomNode, visit: (n: DomNode, inOverlay: boolean) => void) => walkAll(n, visit, false, true);

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class ProtectProbe {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async attach(page: Page) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    return new ProtectProbe(page, cdp);
  }

  private async find(pred: (a: Record<string, string>, n: DomNode) => boolean): Promise<DomNode[]> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const out: DomNode[] = [];
    walk(root, (n, inOverlay) => inOverlay && n.nodeName !== '#text' && pred(attrs(n), n) && out.push(n));
    return out;
  }

  private async box(n: DomNode): Promise<Box | undefined> {
    try {
      const { model } = (await this.cdp.send('DOM.getBoxModel', { backendNodeId: n.backendNodeId })) as { model: { border: number[]; width: number; height: number } };
      return { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height };
    } catch {
      return undefined;
    }
  }

  /** Rendered badges in every frame (iframes included), with their band and box. */
  async badges(): Promise<{ band: string; box: Box; node: DomNode }[]> {
    const out = [];
    for (const n of await this.find((a) => a.class === 'badge')) {
      const box = await this.box(n);
      if (box && box.width > 0 && !('hidden' in attrs(n))) out.push({ band: attrs(n)['data-band'] ?? '', box, node: n });
    }
    return out;
  }

  /** The badge in the top-right corner of `box` (media in any frame, given in page coordinates). */
  async waitForBadgeAt(box: () => Promise<Box | null>, band: string, timeoutMs = 30_000) {
    const end = Date.now() + timeoutMs;
    let seen: string[] = [];
    while (Date.now() < end) {
      const b = await box();
      if (b) {
        const right = b.x + b.width;
        const hit = (await this.badges()).filter((x) => Math.abs(x.box.x + x.box.width - (right - 6)) <= 3 && x.box.y >= b.y - 1 && x.box.y <= Math.max(b.y, 0) + 9);
        seen = hit.map((h) => h.band);
        const found = hit.find((h) => h.band === band);
        if (found) return found;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const all = [];
    for (const n of await this.find((a) => a.class === 'badge'))
      all.push([attrs(n)['data-band'], 'hidden' in attrs(n) ? 'hidden' : '', await this.box(n).then((b) => b && [Math.round(b.x), Math.round(b.y)])]);
    throw new Error(`no ${band} badge at the media (saw ${JSON.stringify(seen)}; all badges ${JSON.stringify(all)}; media ${JSON.stringify(await box())})`);
  }

  /** Whether the element hit at the centre of `box` is inside our overlay (not under the page). */
  async isOnTop(box: Box): Promise<boolean> {
    // The page sees our closed shadow root as its host element: that is what a click would hit.
    const hit = await this.page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.localName ?? '', [box.x + box.width / 2, box.y + box.height / 2]);
    return hit.startsWith('dfr-');
  }

  /** Rendered covers: their mode, box and text. */
  async covers(): Promise<{ mode: string; box: Box; text: string; node: DomNode }[]> {
    const out = [];
    for (const n of await this.find((a) => a.class === 'cover')) {
      const box = await this.box(n);
      if (box && !('hidden' in attrs(n))) out.push({ mode: attrs(n)['data-mode'] ?? '', box, text: textOf(n).trim(), node: n });
    }
    return out;
  }

  async coverOver(selector: string): Promise<{ mode: string; box: Box; text: string; node: DomNode } | undefined> {
    const media = await this.page.locator(selector).boundingBox();
    if (!media) return undefined;
    return (await this.covers()).find((c) => Math.abs(c.box.x - media.x) <= 2 && Math.abs(c.box.y - media.y) <= 2 && Math.abs(c.box.width - media.width) <= 2);
  }

  async waitForCover(selector: string, want: boolean, timeoutMs = 20_000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (!!(await this.coverOver(selector)) === want) return this.coverOver(selector);
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`cover over ${selector} should be ${want ? 'present' : 'absent'}`);
  }

  /** Clicks the centre of an overlay node (or its reveal button). */
  async clickNode(n: DomNode) {
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: n.backendNodeId }).catch(() => undefined);
    const box = await this.box(n);
    if (!box) throw new Error('node not rendered');
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  async focusNode(n: DomNode) {
    await this.cdp.send('DOM.focus', { backendNodeId: n.backendNodeId });
  }

  async revealButton(cover: { node: DomNode }): Promise<DomNode> {
    let button: DomNode | undefined;
    walk(cover.node, (n) => attrs(n).class === 'reveal' && (button = n));
    if (!button) throw new Error('no reveal button');
    return button;
  }

  /** The open share warning: its text, action, links and buttons. */
  async warning(): Promise<{ action: string; text: string; links: Record<string, string>; cancel: DomNode; confirm: DomNode; focused?: string } | undefined> {
    const [dialog] = await this.find((a) => a.class === 'warn');
    if (!dialog) return undefined;
    const links: Record<string, string> = {};
    let cancel: DomNode | undefined, confirm: DomNode | undefined;
    walk(dialog, (n) => {
      const a = attrs(n);
      if (a['data-link']) links[a['data-link']] = a.href ?? '';
      if (a['data-warn'] === 'cancel') cancel = n;
      if (a['data-warn'] === 'confirm') confirm = n;
    });
    const parts: string[] = [];
    walk(dialog, (n) => void (n.nodeName === '#text' && n.nodeValue && parts.push(n.nodeValue)));
    return { action: attrs(dialog)['data-action'] ?? '', text: parts.join(' '), links, cancel: cancel!, confirm: confirm! };
  }

  async waitForWarning(want: boolean, timeoutMs = 5000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const w = await this.warning();
      if (!!w === want) return w;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`share warning should be ${want ? 'open' : 'closed'}`);
  }
}
