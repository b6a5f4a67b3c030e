/** An element with an optional class and text, set as text (never HTML): the overlay builds its views with it. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function setAttrs<E extends Element>(target: E, attrs: Record<string, string>): E {
  for (const [k, v] of Object.entries(attrs)) target.setAttribute(k, v);
  return target;
}

/** A button that is never a form's submit. */
export const button = (cls?: string, text?: string): HTMLButtonElement => Object.assign(el('button', cls, text), { type: 'button' as const });

/** An id for aria-labelledby, unique in our shadow root. */
export const uniqueId = (prefix: string) => `dfr-${prefix}-${Math.random().toString(36).slice(2)}`;

/** A link out of the page: a new tab, no opener, no referrer; `id` names it for tests and settings. */
export function externalLink(id: string, href: string, text: string): HTMLAnchorElement {
  const a = Object.assign(el('a', undefined, text), { href, target: '_blank', rel: 'noopener noreferrer', referrerPolicy: 'no-referrer' });
  a.dataset.link = id;
  return a;
}
