/**
 * The shape of a site adapter: one small module per site (see ./README.md). An adapter only reads
 * the page: it finds the post around a media element, the post's permalink and author, the
 * platform's own AI disclosure, and which of the post's buttons reshare or like it. Everything it
 * returns is untrusted page text; `describePost` (post-context.ts) bounds it before use.
 *
 * Adapters must never throw into the scanner: post-context.ts calls them inside try/catch, and a
 * selector that matches nothing simply yields `undefined` (the generic scanner keeps working).
 */
export type PostAction = 'share' | 'repost' | 'like';

export interface SiteAdapter {
  /** Short stable id, e.g. `x`, `youtube` (also the value of the loopback test hook). */
  id: string;
  /** Name shown on the card ("Post on X"). Not translated: it is a brand. */
  name: string;
  /** Hostnames this adapter serves; a listed name also matches its subdomains. */
  hosts: readonly string[];
  /** Sites without a fixed host (Mastodon instances) recognise their page instead. */
  detect?(doc: Document): boolean;
  /** The platform's policy / reporting page for synthetic or manipulated media. */
  policyUrl: string | ((loc: Location) => string);
  /** The post (tweet, reel, video page, thumbnail card...) around a media element, or null. */
  findPost(media: Element): Element | null;
  /** Absolute permalink of the post (any http(s) URL; bounded by the caller). */
  permalink(post: Element, media: Element): string | undefined;
  /** Author handle or name, as shown. */
  author(post: Element): string | undefined;
  /** The platform's own AI / manipulated-media label on this post, as its text. */
  platformLabel(post: Element): string | undefined;
  /**
   * Buttons that reshare or like a post: CSS selectors checked on each element of a click's
   * composed path inside the post. Generic aria-label rules (label-rules.ts) apply as well.
   */
  actions?: readonly { selector: string; action: PostAction }[];
}
