/**
 * The card's line about the post around the media ("Post by @alice on X · Open the post"), from a
 * site adapter. Author and permalink are page text: set as text, the link only if http(s).
 */
import { t } from '../../shared/i18n';
import type { PostContext } from '../sites/post-context';
import { el, externalLink } from './el';

export function postLine(post: PostContext): HTMLElement {
  const p = el('p', 'post');
  p.dataset.site = post.site;
  p.append(el('span', 'post-by', post.author ? t('cardPostBy', post.author, post.siteName) : t('cardPostOn', post.siteName)));
  if (post.permalink && /^https?:\/\//i.test(post.permalink)) {
    const a = externalLink('permalink', post.permalink, t('cardPostOpen'));
    a.title = post.permalink;
    p.append(' · ', a);
  }
  if (post.label) p.append(el('br'), el('span', 'post-label', t('cardPostLabel', post.label)));
  return p;
}
