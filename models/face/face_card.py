"""Step 5: writes MODEL_CARD.md from model.json, metrics.json, bench.json and (when present) the
Node evaluation of each LOSO fold model (work/loso/<folder>/eval.json, from run.sh)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
card = json.load(open(os.path.join(HERE, 'model.json')))
m = json.load(open(os.path.join(HERE, 'metrics.json')))
bench = json.load(open(os.path.join(HERE, 'bench.json'))) if os.path.exists(os.path.join(HERE, 'bench.json')) else {}
det = json.load(open(os.path.join(HERE, '..', 'face-detector', 'model.json')))
size = os.path.getsize(os.path.join(HERE, 'model.onnx')) / 1e6
f3 = lambda v: '–' if v is None else f'{v:.3f}'  # noqa: E731


def table(t):
    rows = ['| source (held out) | real | fake | AUC | TPR@1% | TPR@2% | TPR@5% | FPR / TPR cons. | FPR / TPR bal. | FPR / TPR aggr. |',
            '|---|---:|---:|---:|---:|---:|---:|---|---|---|']
    for f, r in t.items():
        name = '**pooled**' if f == 'POOLED' else f
        lv = ' | '.join(f"{f3(r[k + '_fpr'])} / {f3(r[k + '_tpr'])}" for k in ('conservative', 'balanced', 'aggressive'))
        rows.append(f"| {name} | {r['n_real']} | {r['n_fake']} | {f3(r['auc'])} | {f3(r['tpr@fpr1'])} | {f3(r['tpr@fpr2'])} | {f3(r['tpr@fpr5'])} | {lv} |")
    return '\n'.join(rows)


recall = '\n'.join(f"| {f} | " + '; '.join(f"{l}: {v['stored']:.3f} / {v.get('degraded', float('nan')):.3f}" for l, v in r.items()) + ' |'
                   for f, r in m['detector_recall'].items())
node_rows = []
for f in sorted(m['tables']['stored']):
    p = os.path.join(HERE, 'work', 'loso', f, 'eval.json')
    if f == 'POOLED' or not os.path.exists(p) or not os.path.getsize(p):
        continue
    e = json.load(open(p))
    r = e['table']['.']
    lv = ' | '.join(f"{f3(r['atThreshold'][k]['fprReal'])} / {f3(r['atThreshold'][k]['tprFake'])}" for k in ('conservative', 'balanced', 'aggressive'))
    node_rows.append(f"| {f} | {r['nReal']} | {r['nFake']} | {f3(r['notApplicable'])} | {f3(r['auc'])} | {lv} | {e['msPerImage']:.0f} |")
th = card['thresholds']
S = card['input']['width']
stage_name = {'full': 'out_relu (the whole network)', 'b15': 'block_15_add (blocks 16 and Conv_1 dropped)', 'b12': 'block_12_add (blocks 13-16 and Conv_1 dropped)'}
chrome2 = {k.split(': ', 1)[0]: v for k, v in bench.items() if 'Chromium' in k and '2 thread' in k}
path_ms = next((v for k, v in chrome2.items() if k.startswith('face path')), None)
var_rows = ['| crop | backbone to | features | ' + ' | '.join(f for f in sorted(k for k in m['tables']['stored'] if k != 'POOLED')) + ' | mean (3 paired folders) stored / degraded | Chromium 2 threads, median ms |',
            '|---|---|---:|' + '---:|' * (len(m['tables']['stored']) - 1) + '---|---:|']
for name, v in m.get('variants', {}).items():
    a = v['auc']
    shipped = ' **(shipped)**' if (v['size'], v['stage']) == (m['size'], m['stage']) else (' (v1.0.0)' if (v['size'], v['stage']) == (224, 'full') else '')
    ms = chrome2.get(f'variant {name}', {}).get('medianMs')
    var_rows.append(f"| {v['size']}{shipped} | {v['stage']} | {v['n_features']} | " + ' | '.join(f"{f3(a['stored'][f])} / {f3(a['degraded'][f])}" for f in sorted(k for k in a['stored'] if k != 'MEAN_PAIRED'))
                    + f" | {f3(a['stored']['MEAN_PAIRED'])} / {f3(a['degraded']['MEAN_PAIRED'])} | {'–' if ms is None else ms} |")
LV = ('conservative', 'balanced', 'aggressive')
cal_rows = ['| held-out real folder | view | real crops | FPR cons. (≤ 0.010) | FPR bal. (≤ 0.020) | FPR aggr. (≤ 0.050) |', '|---|---|---:|---:|---:|---:|']
for view in ('stored', 'degraded'):
    for f, r in m['tables'][view].items():
        if f != 'POOLED' and r['n_real']:
            cal_rows.append(f"| {f} | {view} | {r['n_real']} | " + ' | '.join(f3(r[k + '_fpr']) for k in LV) + ' |')
set_by = m['calibration']['set_by']['likely']
wi = json.load(open(os.path.join(HERE, '..', 'whole-image', 'model.json')))['metrics']['looAucStoredView']
meso_path = os.path.join(HERE, '..', 'whole-image', 'metrics-mesonet.json')
meso = json.load(open(meso_path)) if os.path.exists(meso_path) else {}
brows = ['| folder | this face model (crops, LOSO) | whole-image model (whole picture, LOSO over all 13 folders) | ' + ' | '.join(f'MesoNet {k} (whole picture, pretrained)' for k in meso) + ' | trivial (constant) |',
         '|---|---:|---:|' + '---:|' * len(meso) + '---:|']
for f in sorted(k for k in m['tables']['stored'] if k != 'POOLED'):
    brows.append(f"| {f} | {f3(m['tables']['stored'][f]['auc'])} | {f3(wi.get(f))} | " + ' | '.join(f3(meso[k].get(f, {}).get('auc')) for k in meso) + ' | 0.500 |')
baselines = '\n'.join(brows) + '''

faces-sd21 has no reals: its AUC is against the other folders' real crops here, against all 13
folders' reals for the whole-image model and MesoNet (models/whole-image/MODEL_CARD.md), so that row
compares loosely. MesoNet (../shared/data/weights, not shipped) reads "sigmoid ≈ 1 = real"; its
scores are flipped before the AUC.'''

def choice_text():
    v = m.get('variants', {})
    new, old = v.get(f"{m['stage']}@{m['size']}"), v.get('full@224')
    if not new or not old:
        return ''
    ms = lambda k: chrome2.get(f'variant {k}', {}).get('medianMs')  # noqa: E731
    det_ms = next((x['medianMs'] for k, x in chrome2.items() if k.startswith('face-detector')), None)
    shipped_key = f"{m['stage']}@{m['size']}"
    deltas = sorted((new['auc'][view][f] - old['auc'][view][f], f'{f} {view}') for view in ('stored', 'degraded')
                    for f in (g.split('/')[0] for g in m['calibration']['groups'] if g.endswith('/' + view)))
    lo, hi = deltas[0], deltas[-1]
    d = lambda view: new['auc'][view]['MEAN_PAIRED'] - old['auc'][view]['MEAN_PAIRED']  # noqa: E731
    return (f"Shipped: **{m['size']} px, backbone to {m['stage']}** ({m['n_features']} features). Chosen as the fastest variant whose "
            f"mean paired-folder AUC stays within about 0.01 of v1.0.0 on both views (AUC standard error on ~400+400 crops is about 0.02): "
            f"{d('stored'):+.3f} on stored crops, {d('degraded'):+.3f} on degraded ones (per paired folder and view: "
            f"from {lo[1]} {lo[0]:+.3f} to {hi[1]} {hi[0]:+.3f}; faces-sd21 stays inverted, less so). The classifier went from {ms('full@224')} ms "
            f"to {ms(shipped_key)} ms in this run (same session, round-robin); the detector, unchanged, took {det_ms} ms, and a one-face "
            f"picture (detector + classifier, run by run) {path_ms['medianMs']} ms median, p90 {path_ms['p90Ms']} ms at 1-min load "
            f"{path_ms['loadAvg1m']} (v1.0.0: 44.6 ms = 16.2 + 28.4 in its own run, 49.4 ms median beside the variants at load 5.1). "
            f"The file shrank from 4.50 MB to {size:.2f} MB. A 128 px crop keeps less fine detail: artefacts finer than that "
            "(high-resolution fakes seen at full size) are not measured by these folders.")


CHOICE = choice_text()
fs_path = os.path.join(HERE, 'faceswap.json')
faceswap_md = 'Not measured (`sh models/face/faceswap_frames.sh` then `npx tsx models/face/faceswap_eval.ts`).'
if os.path.exists(fs_path):
    fs = json.load(open(fs_path))
    rows = ['| clip | kind | frames (with a face) | median score | max score | frames likely-synthetic (cons. / bal. / aggr.) |', '|---|---|---:|---:|---:|---|']
    for k, v in fs['clips'].items():
        fl = v['flaggedLikely']
        rows.append(f"| {k} | {v['kind']} | {v['frames']} ({v['withFace']}) | {v['median']} | {v['max']} | {fl['conservative']} / {fl['balanced']} / {fl['aggressive']} |")
    faceswap_md = (f"Frames of the sber-swap demo clips ({fs['source']}: one original video, three swaps of it with other people's "
                   f"faces, three unswapped target videos), scored by {fs['model']} through the engine in Node "
                   "(`sh models/face/faceswap_frames.sh <repo>` then `npx tsx models/face/faceswap_eval.ts`):\n\n" + '\n'.join(rows) +
                   "\n\nThe swapped frames score like the originals and none is flagged at any sensitivity: this model does not "
                   "detect face swaps. Only seven clips exist in the allowed data, far too few to train on. Training on swaps "
                   "made from real faces (self-blends, two-person swaps; models/face-swap/README.md) did not beat it on these "
                   "clips either. In videos the engine follows each face across frames (src/shared/face-tracks.ts): the card "
                   "names the face and the frames where it was flagged.")
text = f"""# Face synthesis / composite detector (not a face-swap detector) — `{card['id']}` v{card['version']}

Scores each face the face detector (`models/face-detector`, BlazeFace) finds for "this face was made
by a generator (GAN/diffusion) or composited" (face swaps score like chance: see below). Output: one logit; `sigmoid(logit)` is the
score, higher = more likely synthetic. The engine emits one `model:{card['id']}` signal: the score
of the most suspicious face, every scored face as a region (source pixels), and a 64 px JPEG crop
of that face for the evidence card. No face found → `not-applicable`. **Evidence, not proof.**

*Generated by `face_card.py` from `model.json`, `metrics.json`, `bench.json` and the Node evaluation.*

## Reproduce

```sh
npm install && node models/whole-image/extract_nsfwjs.cjs   # backbone weights out of nsfwjs
sh models/face/run.sh     # ~20 min on 2 CPU cores, no GPU, no downloads
```

`run.sh`: `face-detector/blazeface.py --export` + `verify_port.mjs` (the detector) →
`face_features.py` (detect with the same decoding as `src/engine/face-detect.ts`, crop, frozen
features at the shipped crop size; stored view + 1 degraded view per image) → `face_train.py` (LOSO,
calibration, final head, `metrics.json`) → `face_export.py --loso` (ONNX, card, one model per fold) → `scripts/eval.ts` on each
face folder with the fold model that never saw it (the engine in Node) → `bench.mjs` → `face_card.py`.
The size/depth comparison below: `face_features.py --views 1 --sizes 224 160 128`, then
`face_train.py --compare`, and `face_net.py` (timing copies) before `bench.mjs`.

## Model

| | |
|---|---|
| file | `model.onnx`, {size:.2f} MB, opset 13, float16 conv weights cast to float32 at load; self-contained (its own copy of the backbone) |
| backbone | nsfwjs 4.3.0 MobileNetV2 (MIT), frozen, the PyTorch rebuild of `models/whole-image` (checked against TF.js there) |
| features | {m['n_features']} pooled multi-stage features of the **face crop**: global mean of blocks 2, 5, 9, 12, 15 and out_relu up to the last stage run, spatial std of blocks 2, 5, 9 (`face_net.py`); backbone run to {stage_name[m['stage']]} |
| head | logistic regression on standardised features, L2 = {m['l2']} (fixed a priori: the whole-image model's choice on other data; not tuned on these folds), real/fake balanced by sample weights |
| input | `image` NCHW [1,3,{S},{S}] RGB in [0,1]; the crop is a square {det['detector']['cropScale']} × the face box's longest side, centred on the face and kept inside the image (`faceCropRect`), area-resized to {S} (v1.0.0: 224) |
| output | `logit` [1,1], `sigmoid-logit`, synthetic = high |
| thresholds | likely: conservative {th['likely']['conservative']:.4f}, balanced {th['likely']['balanced']:.4f}, aggressive {th['likely']['aggressive']:.4f}; uncertain: {th['uncertain']['conservative']:.4f} / {th['uncertain']['balanced']:.4f} / {th['uncertain']['aggressive']:.4f} |

Speed (batch 1, 2-core machine shared with other jobs, so upper bounds; a picture costs one detector
run plus one classifier run per face; "face path" = detector + one face, run by run):

{chr(10).join(f'- {k}: median {v["medianMs"]} ms, p90 {v["p90Ms"]} ms (1-min load {v["loadAvg1m"]})' for k, v in bench.items() if not k.startswith('variant'))}

## Input size and backbone depth

v1.0.0 ran the whole backbone on a 224 px crop: 28.4 ms in Chromium (2 threads) on top of the
detector's 16.2 ms (v1.0.0's bench.json), over the 30 ms budget. MobileNetV2's cost scales with the pixels and with the
stages run, and the frozen backbone accepts any size, so each variant below was extracted from the
same crops (same detections, same degraded views), trained and evaluated with the same LOSO folds.
AUC per held-out folder, stored / degraded view (faces-sd21: against all out-of-fold reals); time
of the classifier alone (timing copies, `face_net.py`; same Chromium session as the figures above).

{chr(10).join(var_rows) if len(var_rows) > 2 else '(comparison not run)'}

{CHOICE}

## Training data

The four `faces-*` folders of `../shared/data/train` (never committed): faces-ffhq-stylegan (FFHQ
vs StyleGAN, BY-NC-SA), faces-unsplash-tpdne (Unsplash vs StyleGAN2, research use), faces-photoshop
(real vs expert Photoshop face composites, research use), faces-sd21 (Stable Diffusion 2.1
portraits, fake only, research use). {m['n_images']} images after de-duplication, {m['n_crops']} face crops
(stored + degraded views). The head inherits the non-commercial/research terms in practice.
**There is no face-swap source in the training data** (the data README lists face-swap video as
absent), so face swaps are claimed by the task, not demonstrated by these numbers.

Detector recall (share of images with a face found, stored / degraded view):

| folder | recall |
|---|---|
{recall}

## Evaluation: leave-one-source-out over the face folders

For each face folder, a head trained on the other three scores its crops, so every number is for a
source the model never saw. A fake-only folder (faces-sd21) is ranked against all out-of-fold real
crops. TPR@x% = detection rate at the score where x% of the compared reals are flagged; the FPR/TPR
columns use the shipped thresholds. Images where no face was found are not in these tables (see recall).

### Crops of the images as stored

{table(m['tables']['stored'])}

### Crops of the images degraded alike (random crop, rescale, blur, JPEG; both classes)

{table(m['tables']['degraded'])}

### The same fold models through the engine in Node (`scripts/eval.ts`, sharp decoding, detector + crop in TypeScript)

| held-out folder | real | fake | no face (N/A) | AUC (own reals) | FPR / TPR cons. | FPR / TPR bal. | FPR / TPR aggr. | ms/image |
|---|---:|---:|---:|---:|---|---|---|---:|
{chr(10).join(node_rows) if node_rows else '| (not run) |'}

Reproduce one row: `npx tsx scripts/eval.ts --data ../shared/data/train/faces-photoshop --model models/face/work/loso/faces-photoshop/face`.
The shipped model: `npx tsx scripts/eval.ts --data ../shared/data/train --model models/face` (in-sample for these folders).

## Baselines on the same folders (AUC, each source held out / never trained on)

{baselines}

## Calibration

Rule (`face_train.py`, `thresholds_every_group`): the out-of-fold scores of real face crops are
split into one group per real folder × view (stored, degraded): {len(m['calibration']['groups'])} groups. For each target rate
(likely: 1% / 2% / 5% at conservative / balanced / aggressive; `uncertain`: 5% / 10% / 20%), each group
gets the lowest threshold that flags at most ⌊rate × n⌋ of its n crops (midway between the last
unflagged and the first flagged score), and the shipped threshold is the **maximum over the groups**;
`uncertain` is then capped at `likely`. So on held-out reals no folder and no view exceeds the target
(v1.0.0 pooled both views per folder and took the 'higher' quantile: faces-ffhq-stylegan's stored
crops got 1.3% at conservative). Card thresholds are rounded up to 6 decimals. The likely thresholds
were set by: conservative {set_by['conservative']}, balanced {set_by['balanced']}, aggressive {set_by['aggressive']}.

{chr(10).join(cal_rows)}

These rates are measured on the same out-of-fold scores the thresholds were chosen on, so they
hold by construction; only three real face sources exist, so on other photos they are estimates
with wide error bars. The engine in Node (table above: sharp decoding, the TypeScript detector) can land a crop or
two on the other side of a threshold.

## Known failure cases and gaps

- Weak generalisation to unseen generators/edits (see the AUCs): the head learns source-specific cues.
- Composites (faces-photoshop) edit parts of a face; a crop-level score barely separates them.
- Trained on tight portrait datasets: small faces in group photos, profiles and occluded faces are
  missed by the detector (no score) or fall outside the training distribution.
- The face model and the whole-image model both run on portraits; "either flags it" went over the
  targets, so the engine applies a jointly fitted pair of thresholds when both score one picture
  (models/joint/README.md).
- No face-swap training data, and it does not detect face swaps (next section); no video-specific
  training (video frames are scored like images).
- The detector (BlazeFace full-range, 256 px) is now most of the face path's time; it was not changed.

## Face swaps (never trained on)

{faceswap_md}
"""
open(os.path.join(HERE, 'MODEL_CARD.md'), 'w').write(text)  # noqa
print('MODEL_CARD.md written')
