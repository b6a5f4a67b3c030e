"""Baseline (never shipped): MesoNet Meso-4 (Afchar et al. 2018, Apache-2.0 weights from
../shared/data/weights/mesonet, read by extract_mesonet.mjs). Rebuilt from the published
architecture (conv-relu-BN-maxpool x4, Dense 16 + LeakyReLU 0.1, Dense 1 sigmoid; sigmoid ≈ 1 means
REAL, so score = 1 - sigmoid). Input: the stored image, center-crop, area resize to 256², [0,1].
It was trained on face crops of video deepfakes, so scenes are outside its domain; no training
here, so every folder is unseen. Writes metrics-mesonet.json."""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, WORK, load_rgb, preprocess  # noqa: E402
from train import LEVELS, folder_table, print_table, thresholds_from_reals  # noqa: E402


class Meso4(nn.Module):
    def __init__(self, path):
        super().__init__()
        d = json.load(open(path))['weights']
        w = {k.split('/')[0] + '/' + k.split('/')[-1].split(':')[0]: np.array(v['value'], np.float32).reshape(v['shape']) for k, v in d.items()}
        self.convs, self.bns = nn.ModuleList(), nn.ModuleList()
        for i, (c, b) in enumerate(zip(('conv2d_5', 'conv2d_6', 'conv2d_7', 'conv2d_8'), ('batch_normalization_5', 'batch_normalization_6', 'batch_normalization_7', 'batch_normalization_8'))):
            k = w[f'{c}/kernel']
            conv = nn.Conv2d(k.shape[2], k.shape[3], k.shape[:2], padding=k.shape[0] // 2)
            conv.weight.data = torch.from_numpy(k.transpose(3, 2, 0, 1).copy())
            conv.bias.data = torch.from_numpy(w[f'{c}/bias'])
            bn = nn.BatchNorm2d(k.shape[3], eps=1e-3)
            bn.weight.data, bn.bias.data = torch.from_numpy(w[f'{b}/gamma']), torch.from_numpy(w[f'{b}/beta'])
            bn.running_mean.data, bn.running_var.data = torch.from_numpy(w[f'{b}/moving_mean']), torch.from_numpy(w[f'{b}/moving_variance'])
            self.convs.append(conv)
            self.bns.append(bn)
        self.d1 = nn.Linear(1024, 16)
        self.d1.weight.data, self.d1.bias.data = torch.from_numpy(w['dense_3/kernel'].T.copy()), torch.from_numpy(w['dense_3/bias'])
        self.d2 = nn.Linear(16, 1)
        self.d2.weight.data, self.d2.bias.data = torch.from_numpy(w['dense_4/kernel'].T.copy()), torch.from_numpy(w['dense_4/bias'])
        self.eval()

    def forward(self, x):
        for i, (c, b) in enumerate(zip(self.convs, self.bns)):
            x = F.max_pool2d(b(F.relu(c(x))), 4 if i == 3 else 2)
        x = x.permute(0, 2, 3, 1).flatten(1)  # Keras flattens NHWC
        return torch.sigmoid(self.d2(F.leaky_relu(self.d1(x), 0.1)))[:, 0]


def main():
    torch.set_num_threads(2)
    items = json.load(open(os.path.join(WORK, 'items.json')))['items']
    labels = np.array([it['label'] for it in items])
    folders = np.array([it['folder'] for it in items])
    names = ('Meso4_DF', 'Meso4_F2F')
    nets = {n: Meso4(os.path.join(WORK, 'mesonet', f'{n}.json')) for n in names}
    scores = {n: [] for n in names}
    for i in range(0, len(items), 128):
        xs = torch.stack([preprocess(load_rgb(it['path']), size=256) for it in items[i:i + 128]])
        with torch.no_grad():
            for n in names:
                scores[n].append((1 - nets[n](xs)).numpy())
    out = {}
    real_folders = sorted(set(folders[labels == 0]))
    for name in names:
        s = np.concatenate(scores[name])
        th = thresholds_from_reals({f: s[(folders == f) & (labels == 0)] for f in real_folders}, LEVELS)
        out[name] = folder_table(s, labels, folders, th)
        print(f'== {name}')
        print_table(out[name])
    json.dump(out, open(os.path.join(HERE, 'metrics-mesonet.json'), 'w'), indent=1)


if __name__ == '__main__':
    main()
