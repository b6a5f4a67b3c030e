/**
 * Evaluation on labelled folders (labels from `real/` and `fake/` path segments):
 *
 *   npm run eval -- --data DIR [--json] [--scores FILE] [--pixels-only] [--sensitivity S]
 *       The product as shipped (scripts/eval/product.ts): one band per file from the extension's
 *       pipeline, flagged shares on real and fake at each sensitivity, pooled and per source.
 *       --scores FILE: one line per file (.csv for CSV, JSON lines otherwise).
 *       --concurrency N: files in flight at once (2).
 *
 *   npm run eval -- --data DIR --model models/whole-image [--json] [--scores FILE] [--pixels-only]
 *       One model's own scores (scripts/eval/single-model.ts), as the model cards report them.
 *
 * Both: --limit N keeps the first N files of each folder and label. Progress goes to stderr.
 */
import { SENSITIVITIES, type Sensitivity } from '../src/shared/types';
import { evalProduct } from './eval/product';
import { evalSingleModel } from './eval/single-model';

const USAGE = 'usage: eval --data DIR [--json] [--scores FILE] [--pixels-only] [--sensitivity S] [--concurrency N] [--limit N] [--model DIR]';

function parseArgs(argv: string[]) {
  const a = { data: '', json: false, pixelsOnly: false, model: '', scores: '', limit: 0, sensitivity: undefined as Sensitivity | undefined, concurrency: 2 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--data') a.data = argv[++i] ?? '';
    else if (k === '--json') a.json = true;
    else if (k === '--pixels-only') a.pixelsOnly = true;
    else if (k === '--model') a.model = argv[++i] ?? '';
    else if (k === '--scores') a.scores = argv[++i] ?? '';
    else if (k === '--limit') a.limit = Number(argv[++i]);
    else if (k === '--concurrency') a.concurrency = Math.max(1, Number(argv[++i]) || 1);
    else if (k === '--sensitivity') {
      const v = argv[++i] as Sensitivity;
      if (!SENSITIVITIES.includes(v)) throw new Error(`--sensitivity needs one of ${SENSITIVITIES.join(', ')}`);
      a.sensitivity = v;
    } else if (k !== '--') throw new Error(`unknown argument ${k}\n${USAGE}`);
  }
  if (!a.data) throw new Error(USAGE);
  if (a.model && a.sensitivity) throw new Error('--sensitivity applies to the product view (without --model)');
  return a;
}

const args = parseArgs(process.argv.slice(2));
(args.model ? evalSingleModel(args) : evalProduct(args)).catch((e) => {
  console.error(e);
  process.exit(1);
});
