/**
 * Real captures of social sites (HTML saved by other people from the live sites), loaded into a
 * DOM in Node (happy-dom) with `location` set to the page's real address, so the site adapters run
 * on markup nobody on this team wrote.
 *
 * Where they come from: ../shared/data/pages (test use only, never committed) and, when present,
 * test/real-pages-local/ (git-ignored: captures a developer found in public code and keeps
 * locally). Neither is needed to build or test the project: callers skip when the list is empty.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { listFiles, REPO_ROOT, SHARED_DATA } from '../unit/helpers/shared-data';

export const SHARED_PAGES = path.join(SHARED_DATA, 'pages');
export const LOCAL_PAGES = path.join(REPO_ROOT, 'test/real-pages-local');

export interface Capture {
  /** Path relative to its folder, e.g. `x/twitter-group-home.html`: the key of its expectations. */
  name: string;
  file: string;
  /** The address the page was saved from. */
  address: string;
}

/**
 * The page's address: `<file>.url` beside it, else Chrome's `<!-- saved from url=(N)… -->`,
 * else a leading `<!-- https://… -->` comment, else `<link rel="canonical">`.
 */
export function addressOf(file: string, html: string): string | undefined {
  const side = file.replace(/\.html?$/, '.url');
  if (side !== file && existsSync(side)) return readFileSync(side, 'utf8').trim();
  const head = html.slice(0, 4000);
  const saved = /<!--\s*saved from url=\(\d+\)(https?:\/\/\S+?)\s*-->/.exec(head);
  if (saved) return saved[1];
  const leading = /^\s*<!--\s*(https?:\/\/\S+?)\s*-->/.exec(head);
  if (leading) return leading[1];
  const canonical = /<link\b[^>]*rel="canonical"[^>]*href="(https?:\/\/[^"]+)"/.exec(html) ?? /<link\b[^>]*href="(https?:\/\/[^"]+)"[^>]*rel="canonical"/.exec(html);
  return canonical?.[1]?.replace(/&amp;/g, '&');
}

export function listCaptures(): Capture[] {
  const out: Capture[] = [];
  for (const dir of [SHARED_PAGES, LOCAL_PAGES]) {
    for (const file of listFiles(dir, /\.html?$/i)) {
      const address = addressOf(file, readFileSync(file, 'utf8'));
      if (address) out.push({ name: path.relative(dir, file), file, address });
      else console.warn(`real pages: no address for ${file} (add ${path.basename(file).replace(/\.html?$/, '.url')} beside it)`);
    }
  }
  return out;
}

export function capturesMissing(): string | undefined {
  if (existsSync(SHARED_PAGES) || existsSync(LOCAL_PAGES)) return undefined;
  const message = `skipped: no real captures (neither ${SHARED_PAGES} nor ${LOCAL_PAGES} exists); the real-page tier runs where ../shared/data is present`;
  console.warn(message);
  return message;
}

const GLOBALS = [
  'window',
  'document',
  'location',
  'Node',
  'Element',
  'HTMLElement',
  'HTMLImageElement',
  'HTMLVideoElement',
  'HTMLAnchorElement',
  'ShadowRoot',
  'NodeFilter',
  'getComputedStyle',
] as const;

export interface LoadedCapture {
  document: Document;
  window: Window;
  /** Puts the previous globals back and frees the page. */
  close(): Promise<void>;
}

/**
 * Parses a capture with scripts, styles and frames off, and installs its window as the global
 * `document`/`location`/DOM classes the adapters read (one capture at a time).
 */
export function loadCapture(capture: Capture): LoadedCapture {
  const window = new Window({
    url: capture.address,
    width: 1280,
    height: 900,
    settings: {
      disableJavaScriptFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
    },
  });
  const html = readFileSync(capture.file, 'utf8');
  window.document.write(html);
  const g = globalThis as Record<string, unknown>;
  const previous = new Map(GLOBALS.map((k) => [k, g[k]]));
  for (const k of GLOBALS) g[k] = k === 'getComputedStyle' ? window.getComputedStyle.bind(window) : (window as unknown as Record<string, unknown>)[k];
  return {
    document: window.document as unknown as Document,
    window,
    async close() {
      for (const [k, v] of previous) g[k] = v;
      await window.happyDOM.close();
    },
  };
}
