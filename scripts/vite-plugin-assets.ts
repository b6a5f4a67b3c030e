/**
 * Bundles what the engine loads at run time: the model cards (as a virtual module), the model
 * files beside them, and the onnxruntime-web WASM runtime. Nothing is ever fetched from a CDN.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parseModelCard, type ModelCard } from '../src/shared/model-card';

const VIRTUAL = 'virtual:model-cards';
// The WASM build (every model by default) and the JSPI WebGPU build (loaded only on a real GPU that
// passed the self-test: src/engine/ort-backend.ts).
const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.jspi.mjs', 'ort-wasm-simd-threaded.jspi.wasm'];

function readCards(dirs: string[]): { card: ModelCard; dir: string }[] {
  const found: { card: ModelCard; dir: string }[] = [];
  for (const root of dirs) {
    if (!existsSync(root)) continue;
    for (const id of readdirSync(root).sort()) {
      const cardPath = join(root, id, 'model.json');
      if (!existsSync(cardPath)) continue;
      const parsed = parseModelCard(JSON.parse(readFileSync(cardPath, 'utf8')));
      if ('errors' in parsed) throw new Error(`${cardPath}: ${parsed.errors.join('; ')}`);
      const { card } = parsed;
      const file = readFileSync(join(root, id, card.file));
      const digest = createHash('sha256').update(file).digest('hex');
      if (digest !== card.sha256) throw new Error(`${cardPath}: sha256 of ${card.file} is ${digest}, card says ${card.sha256}`);
      found.push({ card, dir: join(root, id) });
    }
  }
  return found;
}

export function engineAssets(opts: { modelDirs: string[] }): Plugin {
  let cards: { card: ModelCard; dir: string }[] = [];
  return {
    name: 'deepfake-radar:engine-assets',
    buildStart() {
      cards = readCards(opts.modelDirs);
      for (const { dir, card } of cards) this.addWatchFile(join(dir, 'model.json')), this.addWatchFile(join(dir, card.file));
    },
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : undefined;
    },
    load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      return `export default ${JSON.stringify(cards.map((c) => c.card))};`;
    },
    generateBundle() {
      for (const { card, dir } of cards) {
        this.emitFile({ type: 'asset', fileName: `models/${card.id}/${card.file}`, source: readFileSync(join(dir, card.file)) });
      }
      for (const f of ORT_FILES) {
        this.emitFile({ type: 'asset', fileName: `ort/${f}`, source: readFileSync(join('node_modules/onnxruntime-web/dist', f)) });
      }
    },
  };
}
