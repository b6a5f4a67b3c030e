/** The files an evaluation runs on: labels from `real/` and `fake/` path segments, and their source. */
import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.avif', '.bmp']);
/** Judged as clips (several frames), as the extension judges them. GIF and WebP are in both lists. */
export const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.mov', '.webm']);

export interface Item {
  path: string;
  /** Path relative to the data folder. */
  rel: string;
  /** Top-level folder; for files directly in real/ and fake/ (folder '.'), see `sourceOf`. */
  folder: string;
  label: 0 | 1;
}

/**
 * Where a file comes from: its top-level folder, or, for files directly in `real/` and `fake/`,
 * the file-name prefix before the first `_` (`ffhq_00012.jpg` → `ffhq`).
 */
export function sourceOf(rel: string): string {
  const parts = rel.split(/[\\/]/);
  if (parts[0] !== 'real' && parts[0] !== 'fake') return parts[0]!;
  const name = parts[parts.length - 1]!;
  const cut = name.indexOf('_');
  return cut > 0 ? name.slice(0, cut) : '.';
}

export function listItems(root: string, extensions: Set<string>, limitPerGroup = 0): Item[] {
  const out: Item[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (extensions.has(extname(name).toLowerCase())) {
        const rel = relative(root, p);
        const parts = rel.split(sep);
        const label = parts.includes('fake') ? 1 : parts.includes('real') ? 0 : undefined;
        if (label === undefined) continue;
        out.push({ path: p, rel, folder: parts[0] === 'real' || parts[0] === 'fake' ? '.' : parts[0]!, label });
      }
    }
  };
  visit(root);
  if (!limitPerGroup) return out;
  const seen = new Map<string, number>();
  return out.filter((it) => {
    const k = `${it.folder}/${it.label}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
    return seen.get(k)! <= limitPerGroup;
  });
}
