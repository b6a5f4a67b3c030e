/** Context links on the card: nothing is sent until a click; only http(s) media URLs go to reverse search (blob:/data: may be private). */
interface ContextLink {
  id: string;
  labelKey: string;
  href: string;
}

export const isHttp = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

/** Providers the person hid (options page, issue 7). */
let hidden = new Set<string>();

export function setHiddenLinks(ids: readonly string[]): void {
  hidden = new Set(ids);
}

export function isLinkShown(id: string): boolean {
  return !hidden.has(id);
}

export function reverseSearchLinks(mediaUrl: string | undefined): ContextLink[] {
  if (!isHttp(mediaUrl)) return [];
  const u = encodeURIComponent(mediaUrl);
  return [
    { id: 'google-lens', labelKey: 'linkGoogleLens', href: `https://lens.google.com/uploadbyurl?url=${u}` },
    { id: 'bing', labelKey: 'linkBing', href: `https://www.bing.com/images/search?view=detailv2&iss=sbi&form=SBIVSP&q=imgurl:${u}` },
    { id: 'tineye', labelKey: 'linkTinEye', href: `https://tineye.com/search?url=${u}` },
    { id: 'yandex', labelKey: 'linkYandex', href: `https://yandex.com/images/search?rpt=imageview&url=${u}` },
  ];
}

/** Fact-check search on the post's permalink when a site adapter found one, else the page's title. */
export function factCheckLink(pageTitle: string, permalink?: string): ContextLink {
  const q = (isHttp(permalink) ? permalink.slice(0, 500) : pageTitle.replace(/\s+/g, ' ').trim().slice(0, 120)) || 'deepfake';
  return { id: 'fact-check', labelKey: 'linkFactCheck', href: `https://toolbox.google.com/factcheck/explorer/search/${encodeURIComponent(q)}` };
}

/** The platform's policy / reporting page for synthetic or manipulated media. */
export function platformPolicyLink(policyUrl: string | undefined): ContextLink[] {
  return isHttp(policyUrl) ? [{ id: 'platform-policy', labelKey: 'linkPlatformPolicy', href: policyUrl }] : [];
}
