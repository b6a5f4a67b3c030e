/**
 * The popup's self-check for site adapters (issue 13): how many judged pictures had their post
 * understood, so a markup change shows at once. The figures come from the page: only through `parseSiteCheck`.
 */
import * as v from 'valibot';

/** Below this share of enough pictures, the site may have changed. */
const WEAK_SHARE = 0.5;
const WEAK_MIN_MEDIA = 4;
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));

const SiteCheck = v.pipe(
  v.object({
    site: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,32}$/)),
    /** A brand, not translated. */
    siteName: v.pipe(v.string(), v.regex(/^[^\n\r\u0000-\u001f]{1,40}$/)),
    /** Judged on this tab (not too small, not failed). */
    media: count,
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
  weak: boolean;
}

export function siteCheckLine(check: SiteCheck): SiteCheckLine {
  if (check.media === 0) return { key: 'popupSiteCheckNone', args: [check.siteName], weak: false };
  const weak = check.media >= WEAK_MIN_MEDIA && check.withPost / check.media < WEAK_SHARE;
  return { key: 'popupSiteCheck', args: [String(check.withPost), String(check.media), check.siteName], weak };
}
