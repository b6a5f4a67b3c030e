/** Our one element in the page: a host with a closed shadow root, `!important` inline styles, and a bounded repair of removal or restyling. */
import type { ContentContext } from '../context';
import { OVERLAY_CSS } from './styles';

const HOST_STYLE = (
  'position: fixed; top: 0; left: 0; width: 0; height: 0; overflow: visible; display: block; visibility: visible; opacity: 1; transform: none; filter: none; ' +
  'clip-path: none; translate: none; scale: none; rotate: none; mix-blend-mode: normal; margin: 0; padding: 0; border: 0; contain: none; pointer-events: none; z-index: 2147483647'
)
  .split('; ')
  .map((declaration) => declaration.split(': ') as [string, string]);
const MAX_REPAIRS = 100;
/** Events that must not reach the page from our UI (the page could read or block them). */
const ISOLATED_EVENTS = 'click dblclick mousedown mouseup pointerdown pointerup keydown keyup keypress focusin focusout input touchstart touchend contextmenu wheel'.split(' ');

/** `popover="manual"` is ours too: top-layer.ts lifts the host above modal dialogs and fullscreen. */
const isOwnAttr = (a: Attr) => a.name === 'style' || (a.name === 'popover' && a.value === 'manual');

function randomTag(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `dfr-${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
}

/** Sets the host's style; returns it as the browser reads it back ('0' reads back as '0px'). */
function applyHostStyle(host: HTMLElement): [string, string][] {
  for (const [k, v] of HOST_STYLE) host.style.setProperty(k, v, 'important');
  return HOST_STYLE.map(([k]) => [k, host.style.getPropertyValue(k)]);
}

function adoptStyles(root: ShadowRoot) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(OVERLAY_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Older engines (or Firefox content-script compartments) may refuse constructed sheets.
    const style = document.createElement('style');
    style.textContent = OVERLAY_CSS;
    root.append(style);
  }
}

export class OverlayRoot {
  readonly root: ShadowRoot;
  readonly layer: HTMLElement;
  private readonly host: HTMLElement;
  /** Compared with the browser's own serialisation: against HOST_STYLE every repair would restyle, retrigger itself and use up MAX_REPAIRS. */
  private appliedStyle: [string, string][];
  private repairs = 0;

  constructor(ctx: ContentContext) {
    this.host = document.createElement(randomTag());
    this.appliedStyle = applyHostStyle(this.host);
    this.root = this.host.attachShadow({ mode: 'closed' });
    adoptStyles(this.root);
    this.layer = document.createElement('div');
    this.root.append(this.layer);
    for (const type of ISOLATED_EVENTS) this.root.addEventListener(type, (e) => e.stopPropagation(), { signal: ctx.signal });
    document.documentElement.append(this.host);

    const watcher = new MutationObserver(() => this.repair());
    watcher.observe(this.host, { attributes: true });
    watcher.observe(document.documentElement, { childList: true });
    ctx.signal.addEventListener('abort', () => (watcher.disconnect(), this.host.remove()), { once: true });
  }

  private repair() {
    const detached = !this.host.isConnected;
    const restyled = this.appliedStyle.some(([k, v]) => this.host.style.getPropertyValue(k) !== v || this.host.style.getPropertyPriority(k) !== 'important');
    const extraAttrs = Array.from(this.host.attributes).some((a) => !isOwnAttr(a));
    if (!detached && !restyled && !extraAttrs) return;
    if (++this.repairs > MAX_REPAIRS) return;
    for (const a of Array.from(this.host.attributes)) if (!isOwnAttr(a)) this.host.removeAttribute(a.name);
    if (restyled) {
      this.host.removeAttribute('style');
      this.appliedStyle = applyHostStyle(this.host);
    }
    if (detached) document.documentElement.append(this.host);
  }
}
