/** Imports every site adapter once, so each registers itself (order does not matter). */
import './x';
import './facebook';
import './instagram';
import './threads';
import './tiktok';
import './youtube';
import './reddit';
import './linkedin';
import './bluesky';
import './mastodon';

export { adapterFor, registeredSites } from './registry';
export { describePost } from './post-context';
