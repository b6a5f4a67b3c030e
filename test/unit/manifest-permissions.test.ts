/**
 * Permissions, checked on the BUILT manifests (what the browser really gets — crxjs adds fields):
 * the smallest set (each justified in the README), no externally_connectable, no web-accessible
 * resources (or, if one ever appears, a narrow list with use_dynamic_url), an extension-page CSP
 * with no remote source, content scripts only on web pages. And the built code names no remote
 * host beyond the card's context links and a reviewed list. Skips when dist/ was not built.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILDS = ['dist/chrome', 'dist/firefox', 'dist/chrome-e2e', 'dist/firefox-e2e'].filter((d) => existsSync(path.join(ROOT, d, 'manifest.json')));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Each permission we hold, and the README's word for why. */
const ALLOWED_PERMISSIONS: Record<string, RegExp> = {
  storage: /`storage`/,
  offscreen: /`offscreen`/,
};
const ALLOWED_HOST_PERMISSIONS = ['<all_urls>'];

/**
 * Remote hosts that may appear in built code, and why. Anything new fails here until a reviewer
 * adds it (the privacy e2e test proves at run time that none is contacted without a click).
 */
const KNOWN_HOSTS: Record<string, string> = {
  'lens.google.com': 'context link (reverse image search), opened only on click',
  'www.bing.com': 'context link',
  'tineye.com': 'context link',
  'yandex.com': 'context link',
  'toolbox.google.com': 'context link (fact-check search)',
  'help.x.com': 'context link (platform policy page)',
  'transparency.meta.com': 'context link (platform policy page)',
  'help.instagram.com': 'context link (platform policy page)',
  'support.tiktok.com': 'context link (platform policy page)',
  'support.google.com': 'context link (platform policy page)',
  'support.reddithelp.com': 'context link (platform policy page)',
  'www.reddit.com': 'context link (platform policy page)',
  'www.linkedin.com': 'context link (platform policy page)',
  'bsky.social': 'context link (platform policy page)',
  'bsky.app': 'context link (platform policy page)',
  'www.w3.org': 'XML/SVG namespace identifiers, never fetched',
  'ns.adobe.com': 'XMP namespace identifiers, never fetched',
  'rolldown.rs': 'a URL inside a bundler runtime error message',
  'web.dev': 'a URL inside an onnxruntime-web error message',
  'github.com': 'URLs inside library error messages',
};
/** Hosts a browser contacts on its own; our code must never name them (see test/e2e/privacy.test.ts). */
const BROWSER_SERVICE_HOSTS = ['update.googleapis.com', 'accounts.google.com', 'clients2.google.com'];

const manifest = (dir: string) => JSON.parse(readFileSync(path.join(ROOT, dir, 'manifest.json'), 'utf8'));

function builtText(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m?js|html|css|json)$/.test(f) && !p.includes(`${path.sep}_locales${path.sep}`)) out.push({ file: path.relative(ROOT, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(ROOT, dir));
  return out;
}

describe.skipIf(BUILDS.length === 0)('built manifests', () => {
  for (const dir of BUILDS) {
    describe(dir, () => {
      const m = manifest(dir);
      const firefox = dir.includes('firefox');

      it('holds only the permissions we justify in the README', () => {
        for (const p of m.permissions ?? []) {
          expect(Object.keys(ALLOWED_PERMISSIONS), `permission ${p}`).toContain(p);
          expect(README).toMatch(ALLOWED_PERMISSIONS[p]!);
        }
        if (firefox) expect(m.permissions ?? []).not.toContain('offscreen');
        expect(m.optional_permissions ?? []).toEqual([]);
        for (const h of m.host_permissions ?? []) expect(ALLOWED_HOST_PERMISSIONS).toContain(h);
        expect(README).toMatch(/`host_permissions: <all_urls>`/);
      });

      it('has no externally_connectable and no web-accessible resources (or narrow, dynamic ones)', () => {
        expect(m.externally_connectable).toBeUndefined();
        for (const entry of m.web_accessible_resources ?? []) {
          for (const r of entry.resources) expect(r, 'no wildcard resources').not.toMatch(/\*/);
          if (!firefox) expect(entry.use_dynamic_url, 'Chrome: use_dynamic_url').toBe(true);
          for (const match of entry.matches ?? []) expect(match).not.toBe('<all_urls>');
        }
        expect(m.web_accessible_resources ?? []).toEqual([]);
      });

      it('has an extension-page CSP with no remote source and no unsafe-eval/inline', () => {
        const csp: string = m.content_security_policy?.extension_pages ?? '';
        expect(csp).toMatch(/script-src 'self'/);
        expect(csp).not.toMatch(/https?:|wss?:|\*|'unsafe-eval'|'unsafe-inline'/);
        for (const directive of csp
          .split(';')
          .map((d) => d.trim())
          .filter(Boolean)) {
          for (const source of directive.split(/\s+/).slice(1)) expect(["'self'", "'wasm-unsafe-eval'", "'none'", 'data:', 'blob:']).toContain(source);
        }
        expect(m.content_security_policy?.sandbox).toBeUndefined();
      });

      it('runs content scripts only on web pages and files', () => {
        for (const cs of m.content_scripts ?? []) for (const match of cs.matches) expect(['http://*/*', 'https://*/*', 'file:///*']).toContain(match);
      });

      it('names no remote host in built code beyond the reviewed list', () => {
        const unknown = new Map<string, string>();
        for (const { file, text } of builtText(dir)) {
          for (const host of BROWSER_SERVICE_HOSTS) expect(text.includes(host), `${file} names ${host}`).toBe(false);
          for (const match of text.matchAll(/\b(?:https?|wss?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) {
            const host = match[1]!.toLowerCase();
            if (!KNOWN_HOSTS[host] && !/^127\.|^localhost$/.test(host)) unknown.set(host, file);
          }
        }
        expect(Object.fromEntries(unknown)).toEqual({});
      });
    });
  }
});
