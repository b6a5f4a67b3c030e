/** Open shadow roots (Reddit's shreddit-*, YouTube's players) hide media from `querySelectorAll` and the document's MutationObserver. Closed roots stay out of reach by design. */
/** Elements examined per call: a page of 100k nodes must not cost a long task. */
const MAX_WALK = 50_000;

export function newOpenShadowRoots(root: Node, seen: WeakSet<ShadowRoot>): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let n: Node | null = walker.currentNode;
  for (let i = 0; n && i < MAX_WALK; i++, n = walker.nextNode()) {
    const shadow = n instanceof Element ? n.shadowRoot : null;
    if (shadow && !seen.has(shadow)) {
      seen.add(shadow);
      out.push(shadow);
    }
  }
  return out;
}
