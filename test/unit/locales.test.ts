/** Every string exists in English and French, and every key the code uses is defined. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../..');
const load = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const en = load('en');
const fr = load('fr');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('locales', () => {
  test('en and fr have the same keys, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of [...Object.entries(en), ...Object.entries(fr)]) expect(v.message.trim(), k).not.toBe('');
  });

  test('placeholders match between languages', () => {
    for (const k of Object.keys(en)) {
      const ph = (s: string) => (s.match(/\$\d/g) ?? []).sort().join();
      expect(ph(fr[k]!.message), k).toBe(ph(en[k]!.message));
    }
  });

  test("every literal t('key') in UI code exists", () => {
    const used = new Set<string>();
    for (const file of [...sources(join(root, 'src/content')), ...sources(join(root, 'src/popup'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const k of used) expect(en[k], k).toBeDefined();
  });
});
