/**
 * Lightboxes and players often live in the top layer (modal <dialog>, fullscreen, popovers), above
 * any z-index. A modal dialog makes the rest inert, so while one is open our host moves inside it
 * (fixed positioning then still refers to the viewport, unless the page transforms its dialog);
 * above fullscreen elements and popovers it joins the top layer as a manual popover, shown last
 * (Popover API: Chrome 114+, Firefox 125+).
 */
import type { ContentContext } from '../context';

function query(sel: string): Element[] {
  try {
    return Array.from(document.querySelectorAll(sel));
  } catch {
    return []; // an engine without :modal / :popover-open
  }
}

export function keepAboveTopLayer(host: HTMLElement, ctx: ContentContext): void {
  let frame = 0;
  /** Only a dialog we moved the host into is left again (never fight the page). */
  let movedInto: Element | undefined;
  const setPopover = (on: boolean) => {
    if (typeof host.showPopover !== 'function' || (!on && !host.hasAttribute('popover'))) return;
    // Re-shown when on: the newest top-layer entry stacks above what just opened.
    if (host.matches(':popover-open')) host.hidePopover();
    if (!on) return host.removeAttribute('popover');
    if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
    host.showPopover();
  };
  const restack = () => {
    frame = 0;
    if (!host.isConnected || ctx.signal.aborted) return;
    try {
      const modal = query('dialog:modal').at(-1);
      if (modal) {
        setPopover(false);
        if (host.parentElement !== modal) modal.append(host);
        movedInto = modal;
        return;
      }
      if (movedInto && host.parentElement === movedInto) document.documentElement.append(host);
      movedInto = undefined;
      const others = !!document.fullscreenElement || query(':popover-open').some((p) => p !== host);
      setPopover(others);
    } catch {
      // InvalidStateError (host moved, engine quirks): the badges stay where they are.
    }
  };
  const schedule = () => void (frame ||= requestAnimationFrame(restack));
  // showModal() and close() flip the `open` attribute; fullscreen and popovers fire events.
  const mo = new MutationObserver((records) => {
    if (records.some((r) => r.target !== host)) schedule();
  });
  mo.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['open'] });
  ctx.on(document, 'fullscreenchange', schedule);
  ctx.on(document, 'toggle', schedule, { capture: true });
  ctx.on(document, 'close', schedule, { capture: true });
  ctx.signal.addEventListener('abort', () => (mo.disconnect(), cancelAnimationFrame(frame)), { once: true });
  schedule();
}
