/**
 * The popup's self-check for site adapters (issue 13): on a site with an adapter, how many of the
 * tab's judged pictures had their post understood (permalink or author found). When a site
 * changes its markup the figure drops at once, where a person can see it; the generic scanner
 * keeps badging the pictures whatever the adapter finds.
 *
 * The figures come from the content script, in a page we do not trust: the popup takes them only
 * through `parseSiteCheck` (bounded counts, a short single-line site name).
 */
export interface SiteCheck {
  /** Adapter id, e.g. `x`. */
  site: string;
  /** Name shown to the person ("X", "Facebook"): a brand, not translated. */
  siteName: string;
  /** Pictures and videos judged on this tab (not too small, not failed). */
  media: number;
  /** Of those, the ones whose post was understood. */
  withPost: number;
}

/** Below this share (with enough pictures to judge), the popup says the site may have changed. */
export const WEAK_SHARE = 0.5;
export const WEAK_MIN_MEDIA = 4;
const MAX_COUNT = 1_000_000;

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT;

export function parseSiteCheck(v: unknown): SiteCheck | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.site !== 'string' || !/^[a-z0-9-]{1,32}$/.test(o.site)) return undefined;
  if (typeof o.siteName !== 'string' || !/^[^\n\r\u0000-\u001f]{1,40}$/.test(o.siteName)) return undefined;
  if (!count(o.media) || !count(o.withPost) || o.withPost > o.media) return undefined;
  return { site: o.site, siteName: o.siteName, media: o.media, withPost: o.withPost };
}

export interface SiteCheckLine {
  key: 'popupSiteCheck' | 'popupSiteCheckNone';
  args: string[];
  /** Few posts understood: the site may have changed (the popup adds a hint). */
  weak: boolean;
}

/** What the popup says, as a message key and its arguments. */
export function siteCheckLine(check: SiteCheck): SiteCheckLine {
  if (check.media === 0) return { key: 'popupSiteCheckNone', args: [check.siteName], weak: false };
  const weak = check.media >= WEAK_MIN_MEDIA && check.withPost / check.media < WEAK_SHARE;
  return { key: 'popupSiteCheck', args: [String(check.withPost), String(check.media), check.siteName], weak };
}
