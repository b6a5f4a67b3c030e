/** Read-only DOM helpers for the adapters: every string leaves collapsed and bounded, every URL http(s). */
const MAX_LABEL = 200;
export const MAX_AUTHOR = 80;
const MAX_URL = 2048;
/** Elements examined per post for a label (feeds are large). */
const MAX_SCANNED = 400;

export function cleanText(s: string | null | undefined, max = MAX_LABEL): string | undefined {
  if (!s) return undefined;
  // Bidi overrides and zero-width characters can disguise a label; control characters (refused by the protocol) become spaces.
  const text = s
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An absolute http(s) URL from a (possibly relative) href, or undefined. */
export function httpUrl(href: string | null | undefined, base: string = location.href): string | undefined {
  if (!href || href.length > MAX_URL) return undefined;
  try {
    const u = new URL(href, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.href.length <= MAX_URL ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** `httpUrl`, parsed. */
export function parseHttpUrl(href: string | null | undefined, base?: string): URL | undefined {
  const url = httpUrl(href, base);
  return url ? new URL(url) : undefined;
}

/** `closest` that also climbs out of shadow roots (Reddit's shreddit-post, YouTube's components). */
export function closestAcross(el: Element, selector: string): Element | null {
  let node: Element | null = el;
  for (let hops = 0; node && hops < 64; hops++) {
    const hit = node.closest(selector);
    if (hit) return hit;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** Text of an element with a space between its text nodes ("Readers added context" + note). */
export function spacedText(el: Element | null | undefined, max = MAX_LABEL): string | undefined {
  if (!el) return undefined;
  const parts: string[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let length = 0;
  for (let n = walker.nextNode(); n && length < max * 4; n = walker.nextNode()) {
    const text = n.nodeValue ?? '';
    parts.push(text);
    length += text.length;
  }
  return cleanText(parts.join(' '), max);
}

export function textAt(root: ParentNode, selector: string, max = MAX_AUTHOR): string | undefined {
  return cleanText(root.querySelector(selector)?.textContent, max);
}

export function hrefAt(root: ParentNode, selector: string, base?: string): string | undefined {
  const a = root.querySelector<HTMLAnchorElement>(selector);
  return httpUrl(a?.getAttribute('href'), base);
}

/** The first aria-label or text under `selector` matching `patterns`; longer texts are skipped (a post body that mentions "AI" is no label). */
export function findLabel(root: ParentNode, selector: string, patterns: readonly RegExp[], maxLength = 300): string | undefined {
  const els = root.querySelectorAll(selector);
  const n = Math.min(els.length, MAX_SCANNED);
  for (let i = 0; i < n; i++) {
    const el = els[i]!;
    for (const raw of [el.getAttribute('aria-label'), el.textContent]) {
      if (!raw || raw.length > maxLength) continue;
      const text = cleanText(raw);
      if (text && patterns.some((p) => p.test(text))) return text;
    }
  }
  return undefined;
}

/** The first non-empty text among `selectors`, tried in priority order (not document order). */
export function firstText(root: ParentNode, selectors: readonly string[], max = MAX_AUTHOR): string | undefined {
  for (const selector of selectors) {
    for (const el of root.querySelectorAll(selector)) {
      const text = cleanText(el.textContent, max);
      if (text) return text;
    }
  }
  return undefined;
}

/** The first link among `selectors`, tried in priority order, whose address passes `accept`. */
export function firstHref(root: ParentNode, selectors: readonly string[], accept: (u: URL) => boolean = () => true): URL | undefined {
  for (const selector of selectors) {
    for (const a of root.querySelectorAll(selector)) {
      const u = parseHttpUrl(a.getAttribute('href'));
      if (u && accept(u)) return u;
    }
  }
  return undefined;
}

/** A URL without its tracking (`__cft__[0]`, `utm_*`…): only the query parameters in `keep` survive. */
export function withoutTracking(href: string | null | undefined, keep: readonly string[] = []): string | undefined {
  const u = parseHttpUrl(href);
  if (!u) return undefined;
  for (const key of [...u.searchParams.keys()]) if (!keep.includes(key)) u.searchParams.delete(key);
  return u.href;
}

/** The closest ancestor link of `el` (at most `levels` up) whose address passes `accept`. */
export function enclosingLink(el: Element, accept: (u: URL) => boolean, levels = 12): { link: Element; url: URL } | undefined {
  let n: Element | null = el;
  for (let i = 0; i <= levels && n; i++, n = n.parentElement) {
    if (n.tagName !== 'A' || !n.hasAttribute('href')) continue;
    const url = parseHttpUrl(n.getAttribute('href'));
    if (url && accept(url)) return { link: n, url };
  }
  return undefined;
}
