"""Step 2: fine-tune the face-swap classifier (net.py) on real faces and fakes made from them
(fakes.py), every layer trained, at the face sizes of feeds and videos (degrade_view).

Each batch holds B real faces and, for each, a fake made from that same face (self-blend with
probability 1 - --pair, else a swap with a similar-pose real person), both degraded alike; pairs
make the network look at what the blending changed, not at who is in the picture.

Every --eval-every steps: AUC on the evaluation crops (engine_crops.py: the swap demo clips'
frames, the faces-* folders, none of them trained on), appended to work/<run>/curve.jsonl, and a
checkpoint. Usage: python3 finetune.py --run NAME [--steps N] [--pair 0.4] [--threads 2]
       python3 finetune.py --score work/NAME/stepN.pt OUT.json   (every engine crop, for evaluate.py)"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fakes import degrade_view, pair_swap, pose_key, self_blend  # noqa: E402
from net import SIZE, FaceSwapNet  # noqa: E402

WORK = os.path.join(HERE, 'work')


def to_input(crops):
    """uint8 HxWx3 crops of any size -> [N,3,SIZE,SIZE] in [0,1], area-resized as the engine does."""
    return torch.cat([F.interpolate(torch.from_numpy(c).permute(2, 0, 1).float().unsqueeze(0), size=(SIZE, SIZE), mode='area') for c in crops]) / 255.0


class Faces:
    def __init__(self, path, rng):
        d = np.load(path)
        self.crops, self.pts, self.boxes, self.sides = d['crops'], d['pts'], d['boxes'], d['sides']
        self.paths = d['paths']
        keys = np.stack([pose_key(p) for p in self.pts])
        # For each face, its 20 nearest faces in pose from other pictures: swap partners.
        dist = ((keys[:, None, :] - keys[None, :, :]) ** 2).sum(-1)
        dist[self.paths[:, None] == self.paths[None, :]] = np.inf
        self.partners = np.argsort(dist, axis=1)[:, :20]
        self.rng = rng

    def __len__(self):
        return len(self.crops)

    def pair(self, i, p_pair):
        img, pts = self.crops[i], self.pts[i]
        if self.rng.random() < p_pair:
            j = self.rng.choice(self.partners[i])
            fake = pair_swap(img, pts, self.crops[j], self.pts[j], self.rng)
        else:
            fake = self_blend(img, pts, self.rng)
        out = []
        for x in (img, fake):
            v = degrade_view(x, self.boxes[i], self.sides[i], self.rng)
            out.append(np.ascontiguousarray(v[:, ::-1]) if self.rng.random() < 0.5 else v)
        return out


def eval_subset(e, per_group, rng):
    """Every clip frame, and at most per_group crops of each folder x label x view (a fixed draw):
    the learning curve's yardstick, cheap enough to run often. Final figures use every crop."""
    meta = json.loads(str(e['meta']))
    groups = {}
    for i, m in enumerate(meta):
        groups.setdefault(m['set'] if m['set'].startswith('clip:') else (m['set'], m['label'], m['view']), []).append(i)
    keep = sorted(i for k, idx in groups.items() for i in (idx if isinstance(k, str) or len(idx) <= per_group else rng.choice(idx, per_group, replace=False)))
    return {'crops': e['crops'][keep], 'meta': [meta[i] for i in keep]}


def evaluate(net, ev, batch=128):
    net.eval()
    with torch.no_grad():
        s = np.concatenate([net(to_input(ev['crops'][i:i + batch])).numpy()[:, 0] for i in range(0, len(ev['crops']), batch)])
    net.train()
    net.freeze_bn()
    meta = ev['meta']
    res = {}
    has = np.array([m['face'] for m in meta])
    sets = np.array([m['set'] for m in meta])
    lab = np.array([m['label'] for m in meta])
    view = np.array([m['view'] for m in meta])
    clip = np.char.startswith(sets.astype(str), 'clip:') & has
    res['clips_frames'] = roc_auc_score(lab[clip], s[clip])
    real_pool = has & ~clip & (lab == 0)
    for f in ('faces-ffhq-stylegan', 'faces-unsplash-tpdne', 'faces-photoshop', 'faces-sd21'):
        for v in (0, 1):
            m = has & (sets == f) & (view == v)
            reals = m & (lab == 0) if (m & (lab == 0)).any() else real_pool & (view == v)
            sel = reals | (m & (lab == 1))
            res[f'{f}/{v}'] = roc_auc_score(lab[sel], s[sel])
    return res, s


def score_checkpoint(path, out, batch=128):
    """Logits of a checkpoint on every engine crop (engine-crops.npz order), for evaluate.py."""
    net = FaceSwapNet()
    net.load_state_dict(torch.load(path))
    net.eval()
    crops = np.load(os.path.join(WORK, 'engine-crops.npz'))['crops']
    with torch.no_grad():
        s = np.concatenate([net(to_input(crops[i:i + batch])).numpy()[:, 0] for i in range(0, len(crops), batch)])
    json.dump([round(float(x), 5) for x in s], open(out, 'w'))


def main():
    if '--score' in sys.argv:  # finetune.py --score CHECKPOINT OUT.json
        i = sys.argv.index('--score')
        torch.set_num_threads(2)
        return score_checkpoint(sys.argv[i + 1], sys.argv[i + 2])
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', required=True)
    ap.add_argument('--steps', type=int, default=1500)
    ap.add_argument('--batch', type=int, default=16, help='real faces per batch (plus one fake each)')
    ap.add_argument('--pair', type=float, default=0.4, help='share of fakes that are swaps between two people')
    ap.add_argument('--lr', type=float, default=2e-4)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--eval-every', type=int, default=50)
    ap.add_argument('--eval-per-group', type=int, default=150)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--resume', action='store_true')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    out = os.path.join(WORK, args.run)
    os.makedirs(out, exist_ok=True)
    faces = Faces(os.path.join(WORK, 'crops-train.npz'), rng)
    ev = eval_subset(np.load(os.path.join(WORK, 'engine-crops.npz')), args.eval_per_group, rng)
    net = FaceSwapNet()
    opt = torch.optim.AdamW([{'params': net.g.parameters(), 'lr': args.lr}, {'params': net.head.parameters(), 'lr': args.lr * 5}], weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[args.lr, args.lr * 5], total_steps=args.steps, pct_start=0.1)
    step = 0
    ck = os.path.join(out, 'last.pt')
    if args.resume and os.path.exists(ck):
        st = torch.load(ck)
        net.load_state_dict(st['net']), opt.load_state_dict(st['opt']), sched.load_state_dict(st['sched'])
        step = st['step']
    net.train()
    net.freeze_bn()
    log = open(os.path.join(out, 'curve.jsonl'), 'a')
    t0, losses = time.time(), []
    if step == 0:
        res, _ = evaluate(net, ev)
        log.write(json.dumps({'step': 0, 'seen': 0, **res, 'args': vars(args)}) + '\n'), log.flush()
        print('step 0', {k: round(v, 3) for k, v in res.items()}, flush=True)
    while step < args.steps:
        idx = rng.choice(len(faces), args.batch, replace=False)
        xs, ys = [], []
        for i in idx:
            r, f = faces.pair(i, args.pair)
            xs += [r, f]
            ys += [0.0, 1.0]
        x, y = to_input(xs), torch.tensor(ys).unsqueeze(1)
        loss = F.binary_cross_entropy_with_logits(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        step += 1
        losses.append(loss.item())
        if step % 25 == 0:
            print(f'step {step} loss {np.mean(losses[-25:]):.4f} {time.time() - t0:.0f}s', flush=True)
        if step % args.eval_every == 0 or step == args.steps:
            res, _ = evaluate(net, ev)
            log.write(json.dumps({'step': step, 'seen': step * args.batch * 2, 'loss': float(np.mean(losses[-args.eval_every:])), 'secs': time.time() - t0, **res}) + '\n'), log.flush()
            print('eval', step, {k: round(v, 3) for k, v in res.items()}, flush=True)
            torch.save({'net': net.state_dict(), 'opt': opt.state_dict(), 'sched': sched.state_dict(), 'step': step}, ck)
            torch.save(net.state_dict(), os.path.join(out, f'step{step}.pt'))


if __name__ == '__main__':
    main()
