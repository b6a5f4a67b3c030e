/**
 * The popup's self-check for site adapters (issue 13): on a site with an adapter, how many of the
 * tab's judged pictures had their post understood (permalink or author found). When a site
 * changes its markup the figure drops at once, where a person can see it; the generic scanner
 * keeps badging the pictures whatever the adapter finds.
 *
 * The figures come from the content script, in a page we do not trust: the popup takes them only
 * through `parseSiteCheck` (bounded counts, a short single-line site name).
 */
import * as v from 'valibot';

/** Below this share (with enough pictures to judge), the popup says the site may have changed. */
export const WEAK_SHARE = 0.5;
export const WEAK_MIN_MEDIA = 4;
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));

const SiteCheck = v.pipe(
  v.object({
    /** Adapter id, e.g. `x`. */
    site: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,32}$/)),
    /** Name shown to the person ("X", "Facebook"): a brand, not translated. */
    siteName: v.pipe(v.string(), v.regex(/^[^\n\r\u0000-\u001f]{1,40}$/)),
    /** Pictures and videos judged on this tab (not too small, not failed). */
    media: count,
    /** Of those, the ones whose post was understood. */
    withPost: count,
  }),
  v.check((c) => c.withPost <= c.media),
);
export type SiteCheck = v.InferOutput<typeof SiteCheck>;

export function parseSiteCheck(value: unknown): SiteCheck | undefined {
  const res = v.safeParse(SiteCheck, value);
  return res.success ? res.output : undefined;
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
