"""Hand-made forensic features of a face against its surroundings, on the engine's 128 px crop.

The engine's crop is 1.6 x the detector's face box, centred on the face, so the face sits in the
middle: an ellipse of half-axes (32, 40) px around (64, 66) covers it (checked by eye on clip frames
and faces-* crops). Regions, by the normalised elliptical radius r:
- inner (r < 0.75): eyes, nose, mouth, the part every swap tool replaces;
- band (0.85 < r < 1.15): where a swap's blending edge runs;
- near (1.15 < r < 1.5): forehead, hair, ears, jaw line, neck: the target's own pixels;
- outer (r > 1.15): everything outside the face, background included.

What a swap may leave: the pasted face went through another pipeline (a generator at 128-256 px,
a resize, a colour transfer), so its noise level, sharpness, colour and JPEG grid differ from the
pixels around it. Each feature compares inner with near or outer, as a log ratio or a difference,
so that the picture's own quality (size, blur, compression) cancels out. ABSOLUTE lists a few
level features of the inner face alone, kept apart (they mostly say which folder a crop is from)."""
import cv2
import numpy as np

S = 128
CENTRE, AXES = (64.0, 66.0), (32.0, 40.0)
_y, _x = np.mgrid[0:S, 0:S].astype(np.float32)
_R = np.sqrt(((_x - CENTRE[0]) / AXES[0]) ** 2 + ((_y - CENTRE[1]) / AXES[1]) ** 2)
REGIONS = {'inner': _R < 0.75, 'band': (_R > 0.85) & (_R < 1.15), 'near': (_R > 1.15) & (_R < 1.5), 'outer': _R > 1.15}
EPS = 1e-3

RELATIVE = [
    'noise_in_near', 'noise_in_outer',  # median |grey - median3(grey)|: sensor/compression noise
    'lap_in_near', 'lap_in_outer',  # std of the Laplacian: sharpness
    'sharp_in_near',  # 90th percentile gradient / local contrast: sharpness that ignores contrast
    'chroma_noise_in_near',  # median |a,b - median3(a,b)|: colour noise
    'L_mean_in_near', 'a_mean_in_near', 'b_mean_in_near',  # Lab means, inner - near
    'L_std_in_near', 'a_std_in_near', 'b_std_in_near',  # Lab spread, log ratio
    'block_in_outer',  # 8x8 grid strength, inner vs outer
    'edge_band',  # gradient in the blending band against the mean of inner and near
]
ABSOLUTE = ['noise_in', 'lap_in', 'block_all', 'L_std_in']
NAMES = RELATIVE + ABSOLUTE


def _blockiness(g, mask):
    """Strength of an 8-pixel grid: the mean absolute step across pixel pairs at the strongest of the
    8 phases, over the mean step at all phases (1 = no grid), horizontal and vertical averaged."""
    out = []
    for d, m in ((np.abs(np.diff(g, axis=1)), mask[:, 1:] & mask[:, :-1]), (np.abs(np.diff(g, axis=0)).T, (mask[1:] & mask[:-1]).T)):
        phase = np.arange(d.shape[1]) % 8
        tot = d[m].mean() + EPS
        per = [d[:, phase == p][m[:, phase == p]].mean() for p in range(8)]
        out.append((max(per) + EPS) / tot)
    return float(np.mean(out))


def hull_regions(pts):
    """The same regions from the crop's FaceMesh landmarks: the face-oval polygon scaled about its
    centre by 0.75 (inner), 0.9-1.1 (band), 1.1-1.4 (near), outside 1.1 (outer). Falls back to the
    ellipse when the mesh gives a degenerate face (inner under 200 px)."""
    from landmarks import FACE_OVAL
    poly = pts[FACE_OVAL]
    c = poly.mean(0)

    def fill(k):
        m = np.zeros((S, S), np.uint8)
        cv2.fillPoly(m, [np.round(c + (poly - c) * k).astype(np.int32)], 1)
        return m.astype(bool)
    inner, f09, f11, f14 = fill(0.75), fill(0.9), fill(1.1), fill(1.4)
    if inner.sum() < 200 or (f14 & ~f11).sum() < 200:
        return REGIONS
    return {'inner': inner, 'band': f11 & ~f09, 'near': f14 & ~f11, 'outer': ~f11}


def features(crop, regions=REGIONS):
    """crop: SxSx3 uint8 RGB (the engine's crop); regions: REGIONS (the central ellipse) or
    hull_regions(landmarks). Returns the NAMES features as float32."""
    grey = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    g = grey.astype(np.float32)
    lab = cv2.cvtColor(crop, cv2.COLOR_RGB2LAB).astype(np.float32)
    noise = np.abs(g - cv2.medianBlur(grey, 3).astype(np.float32))
    lap = cv2.Laplacian(g, cv2.CV_32F, ksize=1)
    gx, gy = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)
    grad = np.sqrt(gx * gx + gy * gy)
    chroma = sum(np.abs(lab[..., c] - cv2.medianBlur(lab[..., c].astype(np.uint8), 3).astype(np.float32)) for c in (1, 2))
    st = {}
    for name, m in regions.items():
        st[name] = {
            'noise': np.median(noise[m]) + np.mean(noise[m]) * 0.1 + EPS,  # the median is often 0 on smooth skin
            'lap': lap[m].std() + EPS,
            'sharp': (np.percentile(grad[m], 90) + 1.0) / (g[m].std() + 1.0),
            'chroma': np.median(chroma[m]) + np.mean(chroma[m]) * 0.1 + EPS,
            'grad': grad[m].mean() + EPS,
            'mean': lab[m].mean(0), 'std': lab[m].std(0) + 0.5,
        }
    i, n, o, b = st['inner'], st['near'], st['outer'], st['band']
    lg = np.log
    f = {
        'noise_in_near': lg(i['noise'] / n['noise']), 'noise_in_outer': lg(i['noise'] / o['noise']),
        'lap_in_near': lg(i['lap'] / n['lap']), 'lap_in_outer': lg(i['lap'] / o['lap']),
        'sharp_in_near': lg(i['sharp'] / n['sharp']),
        'chroma_noise_in_near': lg(i['chroma'] / n['chroma']),
        'block_in_outer': lg(_blockiness(g, regions['inner']) / _blockiness(g, regions['outer'])),
        'edge_band': lg(b['grad']) - 0.5 * (lg(i['grad']) + lg(n['grad'])),
        'noise_in': lg(i['noise']), 'lap_in': lg(i['lap']), 'block_all': lg(_blockiness(g, np.ones((S, S), bool))),
        'L_std_in': lg(i['std'][0]),
    }
    for c, ch in enumerate('Lab'):
        f[f'{ch}_mean_in_near'] = i['mean'][c] - n['mean'][c]
        f[f'{ch}_std_in_near'] = lg(i['std'][c] / n['std'][c])
    return np.array([f[k] for k in NAMES], np.float32)


def features_all(crops, pts=None):
    """pts: FaceMesh landmarks per crop for the hull regions, None for the ellipse."""
    return np.stack([features(c, REGIONS if pts is None else hull_regions(p)) for c, p in zip(crops, pts if pts is not None else [None] * len(crops))])
