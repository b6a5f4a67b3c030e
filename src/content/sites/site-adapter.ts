/** One small read-only module per site (./README.md); what it returns is untrusted page text that post-context.ts guards and bounds. */
export type PostAction = 'share' | 'repost' | 'like';

export interface SiteAdapter {
  /** Short stable id (also the value of the loopback test hook). */
  id: string;
  /** Shown on the card ("Post on X"); a brand, not translated. */
  name: string;
  /** A listed host also matches its subdomains. */
  hosts: readonly string[];
  /** Sites without a fixed host (Mastodon instances) recognise their page instead. */
  detect?(doc: Document): boolean;
  /** The platform's policy / reporting page for synthetic or manipulated media. */
  policyUrl: string | ((loc: Location) => string);
  findPost(media: Element): Element | null;
  permalink(post: Element, media: Element): string | undefined;
  author(post: Element): string | undefined;
  /** The platform's own AI / manipulated-media label on this post, as its text. */
  platformLabel(post: Element): string | undefined;
  /** Reshare/like buttons, checked on each element of a click's path; label-rules.ts adds aria-label rules. */
  actions?: readonly { selector: string; action: PostAction }[];
}
