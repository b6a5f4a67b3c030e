/** The faces a face model scored: the engine's small JPEG of each (anything but a `data:image/jpeg` URL is ignored), place and score. */
import type { Region } from '../../shared/types';
import { t } from '../../shared/i18n';
import { el } from './el';

const SAFE_IMAGE = /^data:image\/jpeg;base64,[A-Za-z0-9+/=]{1,200000}$/;

export function faceRegionList(regions: Region[]): HTMLUListElement {
  const ul = el('ul', 'faces');
  for (const r of regions.slice(0, 3)) {
    const li = el('li');
    if (r.image && SAFE_IMAGE.test(r.image)) li.append(Object.assign(el('img'), { src: r.image, alt: t('faceCropAlt'), width: 32, height: 32 }));
    li.append(el('span', undefined, t('faceRegion', (r.score ?? 0).toFixed(2), String(Math.round(r.width)), String(Math.round(r.height)), String(Math.round(r.x)), String(Math.round(r.y)))));
    ul.append(li);
  }
  return ul;
}
