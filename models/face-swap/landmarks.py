"""Facial landmarks for making training fakes: MediaPipe FaceMesh (468 points) as shipped in
@vladmandic/human (models/facemesh.json, MIT; weights from Google MediaPipe, Apache-2.0), run in
PyTorch by the shared TF.js graph interpreter. Used offline only (to shape blending masks and warp
faces); the extension does not ship it.

Input as @vladmandic/human feeds it: a square crop around the detector's face box, resized to
192x192, RGB in [0,1]. Output: 468 (x, y, z) in the crop's pixels, and a face-presence score."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'face-detector'))
from tfjs_graph import TfjsGraph  # noqa: E402

SIZE = 192
# Face-oval contour of the 468-point mesh, in order around the face (MediaPipe's FACEMESH_FACE_OVAL).
FACE_OVAL = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148,
             176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109]


class FaceMesh(TfjsGraph):
    def __init__(self):
        super().__init__('facemesh')

    def forward(self, image):
        t = super().forward(image)
        return t['Identity_2'].reshape(-1, 468, 3), t['Identity_1'].reshape(-1)


def mesh_crop(box, W, H, scale):
    """Square crop (x, y, side) around a face box (x0, y0, x1, y1), may extend past the image."""
    x0, y0, x1, y1 = box
    side = max(x1 - x0, y1 - y0) * scale
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - side / 2, cy - side / 2, side


def landmarks(net, rgb, box, passes=2):
    """rgb: HxWx3 uint8. box: detector face box in image pixels. Returns (468x2 image coords, score).
    The second pass re-crops around the first pass's mesh, as a tracker would: closer to the crops
    FaceMesh was trained on than the detector's box."""
    t = torch.from_numpy(np.ascontiguousarray(rgb)).permute(2, 0, 1).float().unsqueeze(0) / 255.0
    for _ in range(passes):
        pts, score = _mesh_pass(net, t, box)
        box = (*pts.min(0), *pts.max(0))
    return pts, score


def _mesh_pass(net, t, box, scale=1.5):
    H, W = t.shape[2:]
    x, y, side = mesh_crop(box, W, H, scale)
    # Sample the crop with zero padding outside the image (affine grid), bilinear like cropAndResize.
    theta = torch.tensor([[[side / W, 0, (2 * x + side) / W - 1], [0, side / H, (2 * y + side) / H - 1]]], dtype=torch.float32)
    grid = F.affine_grid(theta, (1, 3, SIZE, SIZE), align_corners=False)
    crop = F.grid_sample(t, grid, mode='bilinear', padding_mode='zeros', align_corners=False)
    with torch.no_grad():
        mesh, score = net(crop)
    pts = mesh[0, :, :2].numpy() / SIZE * side + np.array([x, y], np.float32)
    return pts.astype(np.float32), float(score[0])
