"""The face-swap classifier: nsfwjs MobileNetV2 (MIT; models/whole-image/backbone.py) run to
block_15_add on the 128 px face crop, every layer trainable, global average pool, one linear logit.
Same input as the face model (RGB in [0,1], NCHW, area-resized crop)."""
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'whole-image'))
from backbone import KerasGraph  # noqa: E402

SIZE = 128
LAST = 'block_15_add'


class FaceSwapNet(torch.nn.Module):
    def __init__(self, last=LAST):
        super().__init__()
        self.g = KerasGraph(last=last)
        self.last = last
        self.drop = torch.nn.Dropout(0.2)
        self.head = torch.nn.Linear(160, 1)

    def forward(self, image):
        (x,) = self.g(image, taps=(self.last,))
        return self.head(self.drop(x.mean(dim=(2, 3))))

    def freeze_bn(self):
        """Keep the pretrained batch-norm statistics (batches of 32 on a CPU are too small to re-estimate them)."""
        for m in self.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.eval()
