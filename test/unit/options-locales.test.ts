/** The options page (issue 7): every literal t('key') it uses exists in English and French. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = join(import.meta.dirname, '../..');
const load = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

test("every literal t('key') of the options page and the card's feedback exists in en and fr", () => {
  const en = load('en');
  const fr = load('fr');
  const files = [
    ...readdirSync(join(root, 'src/options'))
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => join(root, 'src/options', f)),
    join(root, 'src/content/overlay/feedback.ts'),
  ];
  const used = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
  // Keys built from a prefix: every value they can take.
  for (const tab of ['settings', 'history', 'models', 'welcome']) used.add(`optionsTab_${tab}`);
  for (const a of ['blur', 'label', 'hide']) used.add(`optAction_${a}`), used.add(`optActionHint_${a}`);
  expect(used.size).toBeGreaterThan(80);
  for (const k of used) {
    expect(en[k], `en ${k}`).toBeDefined();
    expect(fr[k], `fr ${k}`).toBeDefined();
  }
});
