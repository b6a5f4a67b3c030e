#!/usr/bin/env python3
"""
Makes the project's own provenance fixtures under test/fixtures/provenance/ (all content is
synthetic and generated here; nothing comes from ../shared/data):

- wm-sdv1.png, wm-sdxl.png: synthetic images carrying the open Stable Diffusion invisible
  watermark, embedded with our own implementation of the published DWT-DCT ("dwtDct") algorithm of
  ShieldMnt/invisible-watermark (MIT; used as an algorithm reference, no code copied):
  U channel of YUV (OpenCV coefficients), one-level Haar DWT, LL band cut in 4x4 blocks, per block
  the largest-magnitude AC coefficient of the orthonormal DCT is quantised to encode one bit
  (scale 36), bits repeat in row-major block order.
    SD v1 message: the bytes "StableDiffusionV1" (136 bits, MSB first).
    SDXL message: the 48-bit constant 0b101100111110110010010000011110111011000110011110.
- wm-sdxl-rgb-order.png: SDXL message embedded with R and B swapped, as pipelines that pass RGB
  arrays to the BGR encoder do.
- clean-*.png: the same kind of synthetic images without any watermark (false-positive checks).
- params-appended-after-iend.png / params-appended-after-eoi.jpg: clean images with AUTOMATIC1111
  parameters placed AFTER the image end (must NOT count), and params-inside.png with the same text
  in a proper tEXt chunk before IEND (must count).

Run: /usr/bin/python3 scripts/make-watermark-fixtures.py   (numpy + Pillow; deterministic)
"""
import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "provenance"
SCALE = 36.0
BLOCK = 4

SDV1_BITS = np.unpackbits(np.frombuffer(b"StableDiffusionV1", dtype=np.uint8)).astype(int).tolist()
SDXL_BITS = [int(b) for b in bin(0b101100111110110010010000011110111011000110011110)[2:]]
PARAMS = (
    "a photo of a lighthouse at dawn\nNegative prompt: blurry\n"
    "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 384x320, Model: fixture-model, Version: v1.10.0"
)


def synthetic_image(seed: int, h: int = 320, w: int = 384) -> np.ndarray:
    """A photo-like synthetic RGB image: smooth colour fields, edges and mild texture."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.zeros((h, w, 3))
    for _ in range(6):
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        s = rng.uniform(40, 160)
        blob = np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * s * s))
        img += blob[..., None] * rng.uniform(-90, 120, 3)
    for _ in range(3):  # a few hard-edged shapes
        cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(20, 70)
        img[(y - cy) ** 2 + (x - cx) ** 2 < r * r] += rng.uniform(-60, 60, 3)
    img += 110 + 30 * np.sin(x / rng.uniform(20, 60))[..., None] * rng.uniform(0.2, 1, 3)
    img += rng.normal(0, 1.5, img.shape)  # sensor-like noise (mild: keeps the PNGs small)
    return np.clip(img, 0, 255).round().astype(np.uint8)


def dct_matrix(n: int = BLOCK) -> np.ndarray:
    c = np.zeros((n, n))
    for k in range(n):
        a = np.sqrt(1 / n) if k == 0 else np.sqrt(2 / n)
        for i in range(n):
            c[k, i] = a * np.cos(np.pi * (2 * i + 1) * k / (2 * n))
    return c


C = dct_matrix()


def rgb_to_yuv(rgb: np.ndarray) -> np.ndarray:
    r, g, b = (rgb[..., i].astype(np.float64) for i in range(3))
    yy = 0.299 * r + 0.587 * g + 0.114 * b
    return np.stack([yy, 0.492 * (b - yy) + 128, 0.877 * (r - yy) + 128], axis=-1)


def yuv_to_rgb(yuv: np.ndarray) -> np.ndarray:
    yy, u, v = yuv[..., 0], yuv[..., 1] - 128, yuv[..., 2] - 128
    r = yy + 1.140 * v
    g = yy - 0.395 * u - 0.581 * v
    b = yy + 2.032 * u
    return np.stack([r, g, b], axis=-1)


def haar_dwt2(a: np.ndarray):
    p, q, r, s = a[0::2, 0::2], a[0::2, 1::2], a[1::2, 0::2], a[1::2, 1::2]
    return (p + q + r + s) / 2, (p - q + r - s) / 2, (p + q - r - s) / 2, (p - q - r + s) / 2


def haar_idwt2(ll, d1, d2, d3):
    out = np.zeros((ll.shape[0] * 2, ll.shape[1] * 2))
    out[0::2, 0::2] = (ll + d1 + d2 + d3) / 2
    out[0::2, 1::2] = (ll - d1 + d2 - d3) / 2
    out[1::2, 0::2] = (ll + d1 - d2 - d3) / 2
    out[1::2, 1::2] = (ll - d1 - d2 + d3) / 2
    return out


def embed(rgb: np.ndarray, bits: list, swap_rb: bool = False) -> np.ndarray:
    src = rgb[..., ::-1] if swap_rb else rgb
    yuv = rgb_to_yuv(src)
    h, w = (rgb.shape[0] // 4) * 4, (rgb.shape[1] // 4) * 4
    ll, d1, d2, d3 = haar_dwt2(yuv[:h, :w, 1])
    num = 0
    for i in range(ll.shape[0] // BLOCK):
        for j in range(ll.shape[1] // BLOCK):
            blk = ll[i * BLOCK:(i + 1) * BLOCK, j * BLOCK:(j + 1) * BLOCK]
            d = C @ blk @ C.T
            flat = d.flatten()
            pos = int(np.argmax(np.abs(flat[1:]))) + 1
            val = flat[pos]
            bit = bits[num % len(bits)]
            mag = (abs(val) // SCALE + 0.25 + 0.5 * bit) * SCALE
            flat[pos] = mag if val >= 0 else -mag
            ll[i * BLOCK:(i + 1) * BLOCK, j * BLOCK:(j + 1) * BLOCK] = C.T @ flat.reshape(BLOCK, BLOCK) @ C
            num += 1
    yuv[:h, :w, 1] = haar_idwt2(ll, d1, d2, d3)
    out = np.clip(yuv_to_rgb(yuv), 0, 255).round().astype(np.uint8)
    return out[..., ::-1] if swap_rb else out


def png_bytes(rgb: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def user_comment_app1(text: str) -> bytes:
    """A minimal APP1 Exif segment whose Exif IFD holds UserComment (UNICODE, UTF-16BE)."""
    comment = b"UNICODE\0" + text.encode("utf-16-be")
    # TIFF header (big endian) + IFD0 with one entry (ExifIFD pointer) + Exif IFD with UserComment.
    ifd0_off = 8
    exif_ifd_off = ifd0_off + 2 + 12 + 4
    data_off = exif_ifd_off + 2 + 12 + 4
    tiff = b"MM\0*" + struct.pack(">I", ifd0_off)
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 0x8769, 4, 1, exif_ifd_off) + struct.pack(">I", 0)
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 0x9286, 7, len(comment), data_off) + struct.pack(">I", 0)
    tiff += comment
    payload = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    written = {}
    written["wm-sdv1.png"] = png_bytes(embed(synthetic_image(1), SDV1_BITS))
    written["wm-sdxl.png"] = png_bytes(embed(synthetic_image(2), SDXL_BITS))
    written["wm-sdxl-rgb-order.png"] = png_bytes(embed(synthetic_image(3), SDXL_BITS, swap_rb=True))
    for k in (4, 5):
        written[f"clean-{k - 3}.png"] = png_bytes(synthetic_image(k))

    clean = png_bytes(synthetic_image(6, 160, 192))
    iend = clean.rindex(b"IEND") - 4
    text_chunk = png_chunk(b"tEXt", b"parameters\0" + PARAMS.encode("latin-1"))
    written["params-inside.png"] = clean[:iend] + text_chunk + clean[iend:]
    written["params-appended-after-iend.png"] = clean + text_chunk

    buf = io.BytesIO()
    Image.fromarray(synthetic_image(7, 160, 192)).save(buf, format="JPEG", quality=85)
    jpeg = buf.getvalue()
    written["params-appended-after-eoi.jpg"] = jpeg + b"\xff\xd8" + user_comment_app1(PARAMS) + b"\xff\xd9"
    written["params-inside.jpg"] = jpeg[:2] + user_comment_app1(PARAMS) + jpeg[2:]

    for name, data in written.items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
