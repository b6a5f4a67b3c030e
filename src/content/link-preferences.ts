/** Which context-link providers the person wants on the card (options page, issue 7). */
let hidden = new Set<string>();

export function setHiddenLinks(ids: readonly string[]): void {
  hidden = new Set(ids);
}

export function isLinkShown(id: string): boolean {
  return !hidden.has(id);
}
