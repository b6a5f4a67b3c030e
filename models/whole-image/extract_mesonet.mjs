// Dumps the MesoNet Meso-4 Keras weights (../shared/data/weights/mesonet/*.h5, Apache-2.0) to
// work/mesonet/<name>.json with jsfive (pure-JS HDF5), for the baseline in mesonet_baseline.py.
// Baseline only: never shipped. Usage: node models/whole-image/extract_mesonet.mjs
import * as hdf5 from 'jsfive';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '../../../shared/data/weights/mesonet');
const out = path.join(here, 'work/mesonet');
mkdirSync(out, { recursive: true });
for (const name of readdirSync(src).filter((n) => /^Meso4_.*\.h5$/.test(n))) {
  const f = new hdf5.File(readFileSync(path.join(src, name)).buffer, name);
  const layers = f.attrs.layer_names.map((s) => s.replace(/\0+$/, ''));
  const weights = {};
  const walk = (g, p) => {
    for (const k of g.keys) {
      const c = g.get(k);
      if (c instanceof hdf5.Group) walk(c, `${p}/${k}`);
      else weights[`${p}/${k}`.slice(1)] = { shape: c.shape, value: Array.from(c.value) };
    }
  };
  walk(f, '');
  writeFileSync(path.join(out, name.replace('.h5', '.json')), JSON.stringify({ layers, weights }));
  console.log(`${name}: ${Object.keys(weights).length} tensors`);
}
