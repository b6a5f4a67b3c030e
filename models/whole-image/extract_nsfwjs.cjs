// Extracts nsfwjs (MIT) Keras topologies and their uint8-quantized weights from the npm package's
// bundled JS modules: MobileNetV2 into work/nsfwjs-mobilenet-v2/ (the shipped model's backbone) and
// InceptionV3 into work/nsfwjs-inception-v3/ (issue 16's "bigger network" probe), each as
// {model.json, weights.bin}. Usage: node models/whole-image/extract_nsfwjs.cjs
const fs = require('fs');
const path = require('path');
const dir = path.resolve(__dirname, '../../node_modules/nsfwjs');
const version = require(path.join(dir, 'package.json')).version;

for (const [name, outName] of [['mobilenet_v2', 'nsfwjs-mobilenet-v2'], ['inception_v3', 'nsfwjs-inception-v3']]) {
  const base = path.join(dir, 'dist/models', name);
  const model = require(path.join(base, 'model.min.js'));
  const topology = model.default ?? model;
  // Shards are listed in the manifest; their bytes are concatenated in that order.
  const shards = topology.weightsManifest.flatMap((g) => g.paths);
  const bytes = Buffer.concat(shards.map((p) => Buffer.from(require(path.join(base, `${p}.min.js`)), 'base64')));
  const out = path.join(__dirname, 'work', outName);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'model.json'), JSON.stringify(topology));
  fs.writeFileSync(path.join(out, 'weights.bin'), bytes);
  fs.writeFileSync(path.join(out, 'VERSION'), `nsfwjs ${version}\n`);
  console.log(`nsfwjs ${version} ${name}: ${bytes.length} weight bytes -> ${out}`);
}
