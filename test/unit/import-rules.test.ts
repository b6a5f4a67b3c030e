/**
 * The import rule of the README's Develop section: which folder of src/ may import which, and
 * which runtime packages each may use. Checked on every static and literal dynamic import of the
 * shipped code (tests may reach further, to build fixtures).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/** Folder → the src/ folders it may import (besides itself). Mirrors the README's table. */
const MAY_IMPORT: Record<string, string[]> = {
  shared: [],
  detectors: ['shared'],
  engine: ['detectors', 'shared'],
  node: ['engine', 'detectors', 'shared'],
  cli: ['node', 'engine', 'detectors', 'shared'],
  content: ['shared'],
  // The Firefox background page hosts the engine itself; Chrome's offscreen document does.
  background: ['engine', 'shared'],
  offscreen: ['engine', 'shared'],
  options: ['shared'],
  popup: ['shared'],
};

/** Code that runs in the browser: no Node built-ins, no Node-only packages. */
const NODE_ONLY = /^(node:|sharp$|onnxruntime-node$)/;
const RUNS_IN_NODE = new Set(['node', 'cli']);
/** Modules that call extension APIs: the engine and the detectors must stay free of them. */
const EXTENSION_API = new Set(['shared/browser', 'shared/messaging', 'shared/i18n', 'shared/settings-store']);
/** Modules that open IndexedDB: the pages ask the background or the engine by message instead (their types are fine). */
const INDEXED_DB = new Set(['shared/person-db', 'shared/history-store']);
const PAGES = new Set(['content', 'options', 'popup']);

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return codeFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function importsOf(file: string, withTypes = true): string[] {
  const source = readFileSync(file, 'utf8');
  const text = withTypes ? source : source.replace(/^\s*import type\b.*$/gm, '');
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/(?<!typeof )\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specs.map((m) => m[1]!);
}

interface Violation {
  file: string;
  spec: string;
  why: string;
}

function check(): Violation[] {
  const out: Violation[] = [];
  for (const file of codeFiles(SRC)) {
    const rel = relative(SRC, file);
    const folder = rel.split(sep)[0]!;
    const allowed = MAY_IMPORT[folder];
    if (!allowed) {
      out.push({ file: rel, spec: '', why: `folder src/${folder} is not in the import rule (README, Develop)` });
      continue;
    }
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = relative(SRC, resolve(dirname(file), spec));
        const to = target.split(sep)[0]!;
        // Fitted parameters come with the model cards the hosts load, never from a JSON file imported by path.
        if (target.startsWith('..')) out.push({ file: rel, spec, why: 'imports from outside src/' });
        else if (to !== folder && !allowed.includes(to)) out.push({ file: rel, spec, why: `src/${folder} may not import src/${to}` });
        const moduleId = target
          .split(sep)
          .join('/')
          .replace(/\.tsx?$/, '');
        if ((folder === 'engine' || folder === 'detectors') && EXTENSION_API.has(moduleId)) out.push({ file: rel, spec, why: `src/${folder} must stay free of extension APIs` });
        if (PAGES.has(folder) && INDEXED_DB.has(moduleId) && importsOf(file, false).includes(spec)) out.push({ file: rel, spec, why: `src/${folder} asks by message, never opens IndexedDB` });
      } else if (NODE_ONLY.test(spec) && !RUNS_IN_NODE.has(folder)) out.push({ file: rel, spec, why: `src/${folder} runs in the browser` });
      else if (folder === 'content' && /^onnxruntime/.test(spec)) out.push({ file: rel, spec, why: 'no model runtime in the content script' });
    }
  }
  return out;
}

describe('import rule (README, Develop)', () => {
  it('every src/ folder imports only what the rule allows', () => {
    expect(codeFiles(SRC).length).toBeGreaterThan(100);
    expect(check()).toEqual([]);
  });

  it('reads the imports it must judge', () => {
    // The parser itself: a rule checked on no imports would pass vacuously.
    const engine = importsOf(join(SRC, 'engine/pipeline.ts'));
    expect(engine).toContain('../detectors/platform/index');
    expect(importsOf(join(SRC, 'engine/browser-engine.ts'))).toContain('onnxruntime-web/jspi');
    // Type-only imports are told apart (a page may name the stored types, not open the database).
    expect(importsOf(join(SRC, 'options/history-panel.tsx'))).toContain('../shared/person-db');
    expect(importsOf(join(SRC, 'options/history-panel.tsx'), false)).not.toContain('../shared/person-db');
    expect(importsOf(join(SRC, 'background/router.ts'), false)).toContain('../shared/history-store');
  });
});
