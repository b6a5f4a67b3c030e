/**
 * TikTok's embedded page state (`SIGI_STATE`: JSON, or in 2022 pages an object literal): `ItemModule`
 * maps video ids to `{ id, desc, video: { cover, playAddr, … }, author }`, which For You items' markup
 * lacks. Read only as text with bounded regexes (never evaluated; the literal form is not JSON).
 */
import { cleanText } from './dom';

interface StateItem {
  id: string;
  author: string;
  /** Description with all whitespace removed (the DOM splits it into spans). */
  desc: string;
  /** Path of every cover / play / download URL (the query carries expiring signatures). */
  mediaPaths: string[];
}

const MAX_SCRIPT = 5_000_000;
const MAX_ITEMS = 500;
const MAX_ITEM_TEXT = 64_000;
const VIDEO_ID = /^\d{15,21}$/;
/** TikTok usernames: letters, digits, `_` and `.`, at most 24. */
const UNIQUE_ID = /^[A-Za-z0-9_.]{1,24}$/;

const key = (name: string) => `(?:^|[^\\w$])["']?${name}["']?\\s*:\\s*`;
const STRING = `(["'])((?:(?!\\1)[^\\\\\\n]|\\\\.){0,4096})\\1`;
const ITEM_MODULE = new RegExp(`${key('ItemModule')}\\{`);
const ITEM_KEY = /["'](\d{15,21})["']\s*:\s*\{/g;
const FIELD = (name: string) => new RegExp(key(name) + STRING);
const ID = FIELD('id');
const AUTHOR = FIELD('author');
const AUTHOR_OBJECT = new RegExp(`${key('author')}\\{[^]{0,2000}?${key('uniqueId')}${STRING}`);
const DESC = FIELD('desc');
const MEDIA = new RegExp(key('(?:cover|originCover|dynamicCover|playAddr|downloadAddr|reflowCover)') + STRING, 'g');

/** A string literal's content as text (`\u002F`, `\/`, `\n`, quotes), the same in JSON and JS. */
function literalText(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'n' ? '\n' : e === 't' ? '\t' : e));
}

function mediaPath(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const path = new URL(url).pathname;
    return path.length > 16 ? path : undefined; // a bare "/" or short path names nothing
  } catch {
    return undefined;
  }
}

/** The items of one state script's `ItemModule`; only those whose id and author are valid. */
function parseStateItems(text: string): StateItem[] {
  const start = ITEM_MODULE.exec(text);
  if (!start) return [];
  const keys = [...text.slice(start.index).matchAll(ITEM_KEY)].slice(0, MAX_ITEMS + 1);
  const items: StateItem[] = [];
  keys.slice(0, MAX_ITEMS).forEach((k, i) => {
    const from = start.index + k.index! + k[0].length;
    const next = keys[i + 1]?.index;
    const to = next === undefined ? from + MAX_ITEM_TEXT : start.index + next;
    const body = text.slice(from, Math.min(to, from + MAX_ITEM_TEXT));
    const id = literalText(ID.exec(body)?.[2] ?? '');
    const author = literalText(AUTHOR_OBJECT.exec(body)?.[2] ?? AUTHOR.exec(body)?.[2] ?? '');
    // The object must describe itself (its id is its key), or it is not an item.
    if (id !== k[1] || !VIDEO_ID.test(id) || !UNIQUE_ID.test(author)) return;
    const mediaPaths = [...body.matchAll(MEDIA)].map((m) => mediaPath(literalText(m[2] ?? ''))).filter((p): p is string => !!p);
    items.push({ id, author, desc: literalText(DESC.exec(body)?.[2] ?? '').replace(/\s+/g, ''), mediaPaths });
  });
  return items;
}

const cache = new WeakMap<Document, StateItem[]>();

/** Every state item on the page, read once per document. */
function stateItems(doc: Document): StateItem[] {
  let items = cache.get(doc);
  if (!items) {
    items = [];
    for (const script of doc.querySelectorAll('script:not([src])')) {
      const text = script.textContent ?? '';
      if (text.length <= MAX_SCRIPT && text.includes('ItemModule')) items.push(...parseStateItems(text));
    }
    cache.set(doc, items);
  }
  return items;
}

/** The state item a feed item shows: by poster or video URL, else by a description only one item has; by the author shown, if any. */
export function stateItemFor(post: Element, domAuthor: string | undefined): StateItem | undefined {
  const items = stateItems(post.ownerDocument).filter((it) => !domAuthor || it.author.toLowerCase() === domAuthor.toLowerCase());
  if (!items.length) return undefined;
  const paths = new Set<string>();
  for (const el of [...post.querySelectorAll('img[src], video, source[src]')].slice(0, 40)) {
    for (const attr of ['src', 'poster']) {
      const p = mediaPath(el.getAttribute(attr));
      if (p) paths.add(p);
    }
  }
  const byMedia = items.find((it) => it.mediaPaths.some((p) => paths.has(p)));
  if (byMedia) return byMedia;
  const desc = cleanText(post.querySelector('[data-e2e="video-desc"]')?.textContent, 4096)?.replace(/\s+/g, '');
  const byDesc = desc ? items.filter((it) => it.desc === desc) : [];
  return byDesc.length === 1 ? byDesc[0] : undefined;
}
