"""Issue 16, lever 3 on a CPU budget: does fine-tuning the nsfwjs MobileNetV2 beat the frozen head on
sources it never saw? One split, not 13 folds (a fold costs ~30 min here): four held-out folders
(a paired face folder, a paired mixed folder, a modern generator, a real-only scene folder) against
the frozen head fitted on the same nine training folders.

  prepare  the model's input (centre crop, area resize to 224²) of the stored view and one degraded
           view per picture, cached as uint8 (work/ft/inputs.npy, 1.6 GB)
  train    every layer trainable (batch-norm statistics kept), today's feature taps + a linear head,
           AdamW one-cycle; held-out AUC every --eval-every steps to work/ft/curve.jsonl
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import WORK, degrade, load_rgb, preprocess, seeded_rng  # noqa: E402
from features import FeatureNet  # noqa: E402
from train import auc, fit_logreg, predict, sample_weights  # noqa: E402

FT = os.path.join(WORK, 'ft')
HELD_OUT = ('faces-photoshop', 'genimage-mini', 'gen-gpt4o', 'scenes-imagenet')


def items():
    meta = json.load(open(os.path.join(WORK, 'items.json')))  # features.py's deduplicated list
    its = meta['items']
    return its, np.array([i['label'] for i in its]), np.array([i['folder'] for i in its]), np.array([i['content'] for i in its])


def prepare(_):
    os.makedirs(FT, exist_ok=True)
    its, *_ = items()
    x = np.zeros((len(its), 2, 224, 224, 3), np.uint8)
    t0 = time.time()
    for i, it in enumerate(its):
        im = load_rgb(it['path'])
        for v in range(2):
            view = im if v == 0 else degrade(im, seeded_rng(it['path'], v))  # the same view 1 as features.py
            x[i, v] = (preprocess(view).permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
        if i % 1000 == 0:
            print(f'{i}/{len(its)} {time.time() - t0:.0f}s', flush=True)
    np.save(os.path.join(FT, 'inputs.npy'), x)


class TunedNet(torch.nn.Module):
    """Today's features (features.FeatureNet: mean of six stages, spread of three early ones), now trainable."""

    def __init__(self):
        super().__init__()
        self.f = FeatureNet()
        self.head = torch.nn.Linear(1776, 1)

    def forward(self, x):
        return self.head(self.f(x)).squeeze(1)


def frozen_baseline(labels, folders, contents, tr, te):
    z = np.load(os.path.join(WORK, 'features.npz'))['feats']
    d = z.shape[2]
    head = fit_logreg(z[tr].reshape(-1, d), np.repeat(labels[tr], 2).astype(np.float32), np.repeat(sample_weights(labels[tr], contents[tr]), 2), 0.1)
    return head, predict(head, z[te].reshape(-1, d)).reshape(-1, 2)


def held_out_report(s, labels, folders, te):
    """Pooled AUC over the held-out pictures (stored, degraded), per folder against the held-out
    pictures of the other class, and the share of held-out AI pictures above the 98th percentile
    of every held-out real folder (the balanced rule, on the held-out reals)."""
    y, f = labels[te], folders[te]
    r = {'auc_stored': auc(s[y == 1, 0], s[y == 0, 0]), 'auc_degraded': auc(s[y == 1, 1], s[y == 0, 1])}
    for name in HELD_OUT:
        m = f == name
        pos = s[m & (y == 1), 0] if (m & (y == 1)).any() else s[y == 1, 0]
        neg = s[m & (y == 0), 0] if (m & (y == 0)).any() else s[y == 0, 0]
        r[name] = auc(pos, neg)
    th = max(np.quantile(s[(f == name) & (y == 0)].ravel(), 0.98) for name in HELD_OUT if ((f == name) & (y == 0)).any())
    r['ai_flagged_at_2pct_every_real_folder'] = float((s[y == 1].ravel() > th).mean())
    return r


def train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    its, labels, folders, contents = items()
    x = np.load(os.path.join(FT, 'inputs.npy'), mmap_mode='r')
    held = np.isin(folders, HELD_OUT)
    tr, te = np.flatnonzero(~held), np.flatnonzero(held)
    head, base = frozen_baseline(labels, folders, contents, tr, te)
    log = open(os.path.join(FT, 'curve.jsonl'), 'w')
    base = np.log(base / (1 - base))
    rep = {'step': 0, 'model': 'frozen head (today\'s recipe, same training folders), all held-out pictures', **held_out_report(base, labels, folders, te)}
    print(json.dumps(rep), flush=True)
    log.write(json.dumps(rep) + '\n')
    net = TunedNet()
    with torch.no_grad():  # start from the frozen head's solution, in the net's own units
        sd = torch.from_numpy(head['sd'])
        net.head.weight.copy_(torch.from_numpy(head['w'])[None] / sd[None])
        net.head.bias.fill_(float(head['b'] - (head['w'] * head['mu'] / head['sd']).sum()))
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.eval()
    opt = torch.optim.AdamW([{'params': net.f.parameters(), 'lr': args.lr}, {'params': net.head.parameters(), 'lr': args.lr * 10}], weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[args.lr, args.lr * 10], total_steps=args.steps, pct_start=0.1)
    p = sample_weights(labels[tr], contents[tr])
    p = p / p.sum()
    ev = np.sort(np.random.default_rng(1).choice(te, min(args.eval_n, len(te)), replace=False))
    in_ev = np.isin(te, ev)
    rep = {'step': 0, 'model': 'frozen head, the evaluation sample', 'eval_pictures': int(len(ev)), **held_out_report(base[in_ev], labels, folders, ev)}
    print(json.dumps(rep), flush=True)
    log.write(json.dumps(rep) + '\n')
    t0, losses = time.time(), []

    def to_t(a):
        return torch.from_numpy(np.ascontiguousarray(a)).permute(0, 3, 1, 2).float() / 255.0

    for step in range(1, args.steps + 1):
        pick = rng.choice(tr, size=args.batch, p=p)
        b = np.stack([x[i, rng.integers(0, 2)] for i in pick])
        flip = rng.random(args.batch) < 0.5
        b[flip] = b[flip, :, ::-1]
        loss = F.binary_cross_entropy_with_logits(net(to_t(b)), torch.from_numpy(labels[pick].astype(np.float32)))
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        losses.append(float(loss))
        if step % args.eval_every == 0 or step == args.steps:
            with torch.no_grad():
                s = np.stack([np.concatenate([net(to_t(x[ev[k:k + 32], v])).numpy() for k in range(0, len(ev), 32)]) for v in range(2)], 1)
            rep = {'step': step, 'crops_seen': step * args.batch, 'loss': round(float(np.mean(losses[-args.eval_every:])), 4),
                   'seconds': round(time.time() - t0), 'eval_pictures': int(len(ev)), **held_out_report(s, labels, folders, ev)}
            print(json.dumps(rep), flush=True)
            log.write(json.dumps(rep) + '\n')
            log.flush()
            torch.save(net.state_dict(), os.path.join(FT, 'last.pt'))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['prepare', 'train'])
    ap.add_argument('--steps', type=int, default=600)
    ap.add_argument('--batch', type=int, default=16)
    ap.add_argument('--lr', type=float, default=1e-4)
    ap.add_argument('--eval-every', type=int, default=100)
    ap.add_argument('--eval-n', type=int, default=600)
    ap.add_argument('--threads', type=int, default=2)
    args = ap.parse_args()
    {'prepare': prepare, 'train': train}[args.step](args)


if __name__ == '__main__':
    main()
