/**
 * Step 2 of the content gate: for every picture under the given folders, the gate's inputs as the
 * engine computes them — pixel statistics (src/detectors/content-stats.ts) on the decoded pixels
 * and P(drawn) from the whole-image model's `content` output (onnxruntime-node, same runner).
 *   npx tsx models/gate/features.ts --out models/gate/work/features.json DIR...
 * Labels: `graphic` for pictures under models/gate/work/graphics, else `real`/`fake` from the path.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { contentStats } from '../../src/detectors/content-stats';
import { decodeNode } from '../../src/node/decode-node';
import { createNodeRunner, findModelCards } from '../../src/node/node-models';

const args = process.argv.slice(2);
const out = args[args.indexOf('--out') + 1]!;
const roots = args.filter((a, i) => a !== '--out' && args[i - 1] !== '--out');
const EXTS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
const model = findModelCards(resolve('models')).find((m) => m.card.id === 'whole-image-mnv2');
if (!model?.card.content) throw new Error('models/whole-image has no content output: run models/whole-image/export.py');
const runner = createNodeRunner(model, 2);

const rows: Record<string, unknown>[] = [];
for (const root of roots.map((r) => resolve(r))) {
  const files: string[] = [];
  const visit = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) visit(p);
      else if (EXTS.has(n.slice(n.lastIndexOf('.')).toLowerCase())) files.push(p);
    }
  };
  visit(root);
  for (const p of files) {
    const parts = relative(root, p).split(sep);
    const graphic = p.includes(`${sep}graphics${sep}`);
    const label = graphic ? 'graphic' : parts.includes('fake') ? 'fake' : parts.includes('real') ? 'real' : undefined;
    if (!label) continue;
    try {
      const px = await decodeNode(new Uint8Array(readFileSync(p)), undefined, { maxPixels: 50_000_000, maxSide: 2048 });
      const { score, drawn } = await runner.classify(px);
      rows.push({ path: relative(process.cwd(), p), folder: parts[0], label, w: px.width, h: px.height, score, drawn, ...contentStats(px) });
    } catch (e) {
      process.stderr.write(`skip ${p}: ${(e as Error).message}\n`);
    }
    if (rows.length % 500 === 0) process.stderr.write(`${rows.length}\n`);
  }
}
writeFileSync(out, JSON.stringify(rows));
console.log(`${rows.length} rows → ${out}`);
