/** "Post by @alice on X · Open the post": page text, set as text, the link only if http(s). */
import { t } from '../../shared/i18n';
import { isHttp } from '../context-links';
import type { PostContext } from '../sites/post-context';
import { el, externalLink } from './el';

export function postLine(post: PostContext): HTMLElement {
  const p = el('p', 'post');
  p.dataset.site = post.site;
  p.append(el('span', 'post-by', post.author ? t('cardPostBy', post.author, post.siteName) : t('cardPostOn', post.siteName)));
  if (isHttp(post.permalink)) {
    const a = externalLink('permalink', post.permalink, t('cardPostOpen'));
    a.title = post.permalink;
    p.append(' · ', a);
  }
  if (post.label) p.append(el('br'), el('span', 'post-label', t('cardPostLabel', post.label)));
  return p;
}
