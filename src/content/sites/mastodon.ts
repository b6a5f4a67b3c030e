/** Mastodon (any instance: `#mastodon` + `body.app-body`). Relies on: `.status`, its time link, `.display-name__account`, content warnings. */
import { findLabel, hrefAt, textAt } from './dom';
import { GENERIC_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

registerSite({
  id: 'mastodon',
  name: 'Mastodon',
  hosts: ['mastodon.social', 'mastodon.online', 'mstdn.social'],
  detect: (doc) => !!doc.getElementById('mastodon') && !!doc.body?.classList.contains('app-body'),
  policyUrl: (loc) => `${loc.origin}/about`,
  findPost: (media) => media.closest('.status, .detailed-status, article[data-id]'),
  permalink: (post) => hrefAt(post, 'a.status__relative-time, a.detailed-status__datetime'),
  author: (post) => textAt(post, '.display-name__account'),
  platformLabel: (post) => findLabel(post, '.spoiler-text, .content-warning, .status__content__spoiler, .status__content__spoiler-text, .media-gallery__alt__label', GENERIC_AI_LABEL, 80),
});
