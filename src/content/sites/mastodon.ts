/**
 * Mastodon (any instance: recognised by its page, not its host). Relies on:
 * - `#mastodon` (the web app's root, with `body.app-body`): marks a Mastodon page;
 * - `.status` / `article[data-id]`: one post (`.detailed-status` in a thread, `.media-modal` for
 *   the lightbox);
 * - permalink: `a.status__relative-time` (or `.detailed-status__datetime`);
 * - author: `.display-name__account` (`@user@instance`);
 * - the content warning (`.spoiler-text`, `.content-warning`, `.status__content__spoiler`) when it
 *   says AI-generated (generic rules);
 * - buttons: `.status__action-bar` buttons with aria-label/title "Boost", "Favorite", "Share"
 *   (generic rules; French "Partager", "Ajouter aux favoris").
 */
import { findLabel, hrefAt, textAt } from './dom';
import { GENERIC_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

registerSite({
  id: 'mastodon',
  name: 'Mastodon',
  hosts: ['mastodon.social', 'mastodon.online', 'mstdn.social'],
  detect: (doc) => !!doc.getElementById('mastodon') && !!doc.body?.classList.contains('app-body'),
  policyUrl: (loc) => `${loc.origin}/about`,
  findPost(media) {
    return media.closest('.status, .detailed-status, article[data-id]');
  },
  permalink(post) {
    return hrefAt(post, 'a.status__relative-time, a.detailed-status__datetime');
  },
  author(post) {
    return textAt(post, '.display-name__account');
  },
  platformLabel(post) {
    return findLabel(post, '.spoiler-text, .content-warning, .status__content__spoiler, .status__content__spoiler-text, .media-gallery__alt__label', GENERIC_AI_LABEL, 80);
  },
});
