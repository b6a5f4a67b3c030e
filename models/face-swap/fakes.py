"""Training fakes made from real faces, and the degradation both classes share.

- self_blend: the same face, colour/sharpness/scale-jittered, blended back through a soft mask
  shaped by its facial landmarks (self-blended images, Shiohara & Yamasaki, CVPR 2022). It leaves
  what every swap leaves: a blending boundary, and a face region whose statistics differ slightly
  from its surroundings, without any one tool's fingerprint.
- pair_swap: another real person's face of similar pose, aligned by a similarity transform fitted on
  landmarks, colour-matched to the target inside the mask, feather-blended (the classical face-swap
  pipeline, as in Face X-ray's data).

Crops come from make_crops.py: STORE px, face at the centre, landmarks in crop pixels. Everything
here is numpy/OpenCV on uint8 HxWx3 RGB; rng is a numpy Generator."""
import cv2
import numpy as np

from landmarks import FACE_OVAL

# Landmarks below the eyebrows (nose, eyes, mouth, jaw): the region most swap tools replace.
BROW_TOP = [70, 63, 105, 66, 107, 336, 296, 334, 293, 300]


def _hull_mask(shape, pts):
    m = np.zeros(shape[:2], np.float32)
    cv2.fillConvexPoly(m, cv2.convexHull(pts.astype(np.int32)), 1.0)
    return m


def landmark_mask(pts, shape, rng):
    """A soft mask from the landmarks: the whole face oval or the face below the brows, its outline
    randomly deformed, grown or shrunk, and its edge blurred by a random amount."""
    if rng.random() < 0.5:
        region = pts[FACE_OVAL]
    else:
        brow = pts[BROW_TOP][:, 1].mean()
        region = pts[pts[:, 1] >= brow - 0.02 * shape[0]]
    # Deform the outline: move each hull point a little toward or away from the centre.
    c = region.mean(0)
    region = c + (region - c) * rng.uniform(0.9, 1.1, (len(region), 1))
    m = _hull_mask(shape, region)
    k = int(rng.integers(1, 15))
    if rng.random() < 0.5:
        m = cv2.erode(m, np.ones((k, k), np.uint8))
    else:
        m = cv2.dilate(m, np.ones((k, k), np.uint8))
    blur = int(rng.integers(2, 14)) * 2 + 1
    m = cv2.GaussianBlur(m, (blur, blur), 0)
    m = m / max(m.max(), 1e-6)
    return m


def _color_jitter(img, rng):
    x = img.astype(np.float32)
    x = x * rng.uniform(0.9, 1.1) + rng.uniform(-12, 12)  # contrast, brightness
    x = x + rng.uniform(-10, 10, 3)  # RGB shift
    hsv = cv2.cvtColor(np.clip(x, 0, 255).astype(np.uint8), cv2.COLOR_RGB2HSV).astype(np.float32)
    hsv[..., 0] = (hsv[..., 0] + rng.uniform(-4, 4)) % 180
    hsv[..., 1] *= rng.uniform(0.85, 1.15)
    return cv2.cvtColor(np.clip(hsv, 0, 255).astype(np.uint8), cv2.COLOR_HSV2RGB).astype(np.float32)


def _sharpness_jitter(x, rng):
    r = rng.random()
    if r < 0.33:
        return cv2.GaussianBlur(x, (0, 0), rng.uniform(0.5, 1.5))
    if r < 0.66:
        b = cv2.GaussianBlur(x, (0, 0), 1.0)
        return x + (x - b) * rng.uniform(0.3, 1.0)
    return x


def _scale_shift(x, rng):
    h, w = x.shape[:2]
    sx, sy = rng.uniform(0.95, 1.05, 2)
    tx, ty = rng.uniform(-0.03, 0.03, 2) * w
    M = np.array([[sx, 0, (1 - sx) * w / 2 + tx], [0, sy, (1 - sy) * h / 2 + ty]], np.float32)
    return cv2.warpAffine(x, M, (w, h), borderMode=cv2.BORDER_REFLECT)


def _blend(src, tgt, mask, rng):
    ratio = rng.choice([0.5, 0.75, 1.0, 1.0, 1.0])
    m = (mask * ratio)[..., None]
    return np.clip(src * m + tgt.astype(np.float32) * (1 - m), 0, 255).astype(np.uint8)


def self_blend(img, pts, rng):
    src = img.astype(np.float32)
    if rng.random() < 0.5:
        src = _color_jitter(img, rng)
    else:
        src = _sharpness_jitter(src, rng)
    if rng.random() < 0.5:  # both kinds of change at once, sometimes
        src = _sharpness_jitter(_color_jitter(np.clip(src, 0, 255).astype(np.uint8), rng), rng)
    src = _scale_shift(src, rng)
    return _blend(src, img, landmark_mask(pts, img.shape, rng), rng)


# Points that fit the similarity transform: eye corners, nose, mouth corners, chin, cheeks, brows.
ALIGN = [33, 133, 263, 362, 1, 4, 61, 291, 152, 234, 454, 10, 70, 300]


def pose_key(pts):
    """Landmarks normalised for position and scale: faces with close keys have similar pose."""
    p = pts[ALIGN] - pts[ALIGN].mean(0)
    return (p / np.sqrt((p ** 2).sum(1).mean())).ravel()


def _lab_transfer(src, tgt, mask):
    """Match src's Lab mean/std to tgt's inside the mask (Reinhard colour transfer)."""
    s = cv2.cvtColor(np.clip(src, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB).astype(np.float32)
    t = cv2.cvtColor(tgt, cv2.COLOR_RGB2LAB).astype(np.float32)
    w = mask > 0.5
    if w.sum() < 16:
        return src
    for c in range(3):
        ms, ss = s[..., c][w].mean(), s[..., c][w].std() + 1e-3
        mt, st = t[..., c][w].mean(), t[..., c][w].std() + 1e-3
        s[..., c] = (s[..., c] - ms) * (st / ss) + mt
    return cv2.cvtColor(np.clip(s, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB).astype(np.float32)


def pair_swap(tgt, tgt_pts, src, src_pts, rng):
    """src's face placed onto tgt (same-size crops)."""
    M, _ = cv2.estimateAffinePartial2D(src_pts[ALIGN], tgt_pts[ALIGN], method=cv2.LMEDS)
    if M is None:
        return self_blend(tgt, tgt_pts, rng)
    h, w = tgt.shape[:2]
    warped = cv2.warpAffine(src, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    warped_pts = src_pts @ M[:, :2].T + M[:, 2]
    # Blend only where both faces are: the target's mask cut by the warped source's face.
    mask = landmark_mask(tgt_pts, tgt.shape, rng) * cv2.GaussianBlur(_hull_mask(tgt.shape, warped_pts[FACE_OVAL]), (15, 15), 0)
    face = _lab_transfer(warped.astype(np.float32), tgt, mask)
    if rng.random() < 0.3:
        face = _sharpness_jitter(face, rng)
    return _blend(face, tgt, mask, rng)


def degrade_view(img, box, side, rng, crop_scale=1.6):
    """What the engine would see of this face in a feed or a video frame: the face shown at a random
    size (40-250 px, never much above its native size), maybe blurred, JPEG-compressed at a random
    quality, then the engine's crop (crop_scale x the face side around the face, jittered like a
    detector's box, kept inside the picture), which the caller area-resizes to the model's input as
    the engine does. The same for real and fake. box: the face box in img's pixels."""
    face_px = max(box[2] - box[0], box[3] - box[1])
    target = float(np.exp(rng.uniform(np.log(40), np.log(max(41, min(250, side * 1.1))))))
    k = target / face_px
    h, w = img.shape[:2]
    small = cv2.resize(img, (max(8, round(w * k)), max(8, round(h * k))), interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR)
    if rng.random() < 0.2:
        small = cv2.GaussianBlur(small, (0, 0), rng.uniform(0.3, 1.0))
    if rng.random() < 0.85:
        ok, buf = cv2.imencode('.jpg', np.ascontiguousarray(small[..., ::-1]), [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(50, 96))])
        small = cv2.imdecode(buf, cv2.IMREAD_COLOR)[..., ::-1]
    sh, sw = small.shape[:2]
    n = int(round(min(target * crop_scale * rng.uniform(0.9, 1.12), sw, sh)))
    cx = (box[0] + box[2]) / 2 * k + rng.uniform(-0.06, 0.06) * target
    cy = (box[1] + box[3]) / 2 * k + rng.uniform(-0.06, 0.06) * target
    x0 = int(min(max(round(cx - n / 2), 0), sw - n))
    y0 = int(min(max(round(cy - n / 2), 0), sh - n))
    return np.ascontiguousarray(small[y0:y0 + n, x0:x0 + n])
