/**
 * Where the shared third-party data lives (../shared/data from the repository root). Tests that
 * need it skip with a clear message when it is absent, so the project builds without it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');
export const PROVENANCE = path.join(SHARED_DATA, 'provenance');

export function sharedDataMissing(sub = ''): string | undefined {
  const p = path.join(SHARED_DATA, sub);
  if (existsSync(p)) return undefined;
  const message = `skipped: shared data not found at ${p} (tests that read ../shared/data run only where it is present)`;
  console.warn(message);
  return message;
}

/** Files under `dir`, recursively, sorted, filtered by extension. */
export function listFiles(dir: string, extensions: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, extensions));
    else if (extensions.test(name)) out.push(p);
  }
  return out;
}
