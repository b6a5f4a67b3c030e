/**
 * The card's line about the post around the media ("Post by @alice on X · Open the post"), from a
 * site adapter. Author and permalink are page text: set as text, the link only if http(s).
 */
import { t } from '../i18n';
import type { PostContext } from '../sites/post-context';
import { externalLink } from './el';

export function postLine(post: PostContext): HTMLElement {
  const p = document.createElement('p');
  p.className = 'post';
  p.dataset.site = post.site;
  const who = document.createElement('span');
  who.className = 'post-by';
  who.textContent = post.author ? t('cardPostBy', post.author, post.siteName) : t('cardPostOn', post.siteName);
  p.append(who);
  if (post.permalink && /^https?:\/\//i.test(post.permalink)) {
    const a = externalLink('permalink', post.permalink, t('cardPostOpen'));
    a.title = post.permalink;
    p.append(' · ', a);
  }
  if (post.label) {
    const label = document.createElement('span');
    label.className = 'post-label';
    label.textContent = t('cardPostLabel', post.label);
    p.append(document.createElement('br'), label);
  }
  return p;
}
