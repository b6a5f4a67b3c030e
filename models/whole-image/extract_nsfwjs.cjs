// Extracts the nsfwjs (MIT) MobileNetV2 Keras topology and its uint8-quantized weights from the npm
// package's bundled JS modules into work/nsfwjs-mobilenet-v2/{model.json,weights.bin}.
// Usage: node models/whole-image/extract_nsfwjs.cjs
const fs = require('fs');
const path = require('path');
const dir = path.resolve(__dirname, '../../node_modules/nsfwjs');
const base = path.join(dir, 'dist/models/mobilenet_v2');
const model = require(path.join(base, 'model.min.js'));
const shard = require(path.join(base, 'group1-shard1of1.min.js'));
const out = path.join(__dirname, 'work/nsfwjs-mobilenet-v2');
fs.mkdirSync(out, { recursive: true });
const bytes = Buffer.from(shard, 'base64');
fs.writeFileSync(path.join(out, 'model.json'), JSON.stringify(model.default ?? model));
fs.writeFileSync(path.join(out, 'weights.bin'), bytes);
const version = require(path.join(dir, 'package.json')).version;
fs.writeFileSync(path.join(out, 'VERSION'), `nsfwjs ${version}\n`);
console.log(`nsfwjs ${version}: ${bytes.length} weight bytes -> ${out}`);
