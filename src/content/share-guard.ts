/** Issue 6: a click (capture phase, before the page's handlers) on a reshare/like control of a post with flagged media is stopped and warned about. */
import type { Feature, Page } from './features';
import { buildShareWarning, type ShareWarningOptions } from './overlay/share-warning';
import { actionOfClick, describePost } from './sites/post-context';
import type { SiteAdapter } from './sites/site-adapter';

export const shareGuard: Feature = {
  reads: ['warnBeforeSharing'],
  enabled: (settings, page) => settings.warnBeforeSharing && !!page.adapter,
  start: (page, _settings, signal) => void new ShareGuard(page, page.adapter!, signal),
};

class ShareGuard {
  private passing = false;
  private open?: { scrim: HTMLElement; dialog: HTMLElement; restore?: HTMLElement };

  constructor(
    private readonly page: Page,
    private readonly adapter: SiteAdapter,
    signal: AbortSignal,
  ) {
    window.addEventListener('click', (e) => this.onClick(e), { capture: true, signal });
    signal.addEventListener('abort', () => this.close(), { once: true });
  }

  private onClick(e: MouseEvent) {
    if (this.passing || !this.page.ctx.isValid) return;
    const hit = actionOfClick(this.adapter, e.composedPath());
    if (!hit) return;
    const flagged = this.page.view.flaggedIn(hit.post);
    if (!flagged.length) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this.show(hit.control, { action: hit.action, post: describePost(this.adapter, flagged[0]!.media), models: flagged.map((f) => f.model) });
  }

  private show(control: Element, warning: Omit<ShareWarningOptions, 'onCancel' | 'onConfirm'>) {
    this.close();
    const { scrim, dialog, focusFirst } = buildShareWarning({
      ...warning,
      onCancel: () => this.close(),
      onConfirm: () => {
        this.close();
        this.replay(control);
      },
    });
    this.page.view.layer.append(scrim, dialog);
    this.open = { scrim, dialog, restore: control instanceof HTMLElement ? control : undefined };
    focusFirst();
  }

  /** "Do it anyway": the same click again, let through once. */
  private replay(control: Element) {
    this.passing = true;
    try {
      if (control instanceof HTMLElement) control.click();
      else control.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    } finally {
      this.passing = false;
    }
  }

  private close() {
    if (!this.open) return;
    const { scrim, dialog, restore } = this.open;
    this.open = undefined;
    scrim.remove();
    dialog.remove();
    if (restore?.isConnected) restore.focus({ preventScroll: true });
  }
}
