/**
 * Context links on the card. Nothing is sent anywhere until the person clicks one; only http(s)
 * media URLs are offered to reverse-search services (blob:/data: would not work and may be private).
 */
export interface ContextLink {
  id: string;
  /** i18n key of the label. */
  labelKey: string;
  href: string;
}

export function reverseSearchLinks(mediaUrl: string | undefined): ContextLink[] {
  if (!mediaUrl || !/^https?:\/\//i.test(mediaUrl)) return [];
  const u = encodeURIComponent(mediaUrl);
  return [
    { id: 'google-lens', labelKey: 'linkGoogleLens', href: `https://lens.google.com/uploadbyurl?url=${u}` },
    { id: 'bing', labelKey: 'linkBing', href: `https://www.bing.com/images/search?view=detailv2&iss=sbi&form=SBIVSP&q=imgurl:${u}` },
    { id: 'tineye', labelKey: 'linkTinEye', href: `https://tineye.com/search?url=${u}` },
    { id: 'yandex', labelKey: 'linkYandex', href: `https://yandex.com/images/search?rpt=imageview&url=${u}` },
  ];
}

/** Fact-check search on the page's own words (its title), trimmed. */
export function factCheckLink(pageTitle: string): ContextLink {
  const q = pageTitle.replace(/\s+/g, ' ').trim().slice(0, 120) || 'deepfake';
  return { id: 'fact-check', labelKey: 'linkFactCheck', href: `https://toolbox.google.com/factcheck/explorer/search/${encodeURIComponent(q)}` };
}
