/**
 * The DOM as the DevTools protocol returns it (DOM.getDocument with pierce: true), which includes
 * closed shadow roots: the only honest way for a test to look inside our overlay from outside.
 */
export interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  localName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  nodeValue?: string;
  contentDocument?: DomNode;
  shadowRootType?: string;
}

/** Our overlay host: a `dfr-` element with a CLOSED shadow root (a page can fake the name, not that). */
export const isOurHost = (n: DomNode) => !!n.localName?.startsWith('dfr-') && !!n.shadowRoots?.some((s) => s.shadowRootType === 'closed');

export const attrs = (n: DomNode) => {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < (n.attributes?.length ?? 0); i += 2) out[n.attributes![i]!] = n.attributes![i + 1]!;
  return out;
};

/** Visits every node; `inOverlay` is true inside our host's shadow root. `frames` also enters iframes. */
export function walk(n: DomNode, visit: (n: DomNode, inOverlay: boolean) => void, inOverlay = false, frames = false) {
  visit(n, inOverlay);
  for (const c of n.children ?? []) walk(c, visit, inOverlay, frames);
  if (frames && n.contentDocument) walk(n.contentDocument, visit, inOverlay, frames);
  for (const s of n.shadowRoots ?? []) walk(s, visit, inOverlay || isOurHost(n), frames);
}

export const textOf = (n: DomNode): string => (n.nodeValue ?? '') + (n.children ?? []).map(textOf).join('');
/** Text nodes one by one (the lines a person reads). */
export const textParts = (n: DomNode): string[] => (n.nodeName === '#text' && n.nodeValue?.trim() ? [n.nodeValue.trim()] : []).concat(...(n.children ?? []).map(textParts));
