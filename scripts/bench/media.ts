/** Bench media: distinct pictures drawn here (so every one is really analysed) and a clip. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';

/** A deterministic 480×360 picture: gradient, blocks and noise, different for every index. */
function raw(index: number, width = 480, height = 360): Buffer {
  let seed = index * 2654435761 + 1;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const buf = Buffer.alloc(width * height * 3);
  const [r0, g0, b0] = [rand() * 255, rand() * 255, rand() * 255];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      buf[o] = (r0 + (x * 80) / width) % 256;
      buf[o + 1] = (g0 + (y * 80) / height) % 256;
      buf[o + 2] = (b0 + ((x + y) * 40) / width) % 256;
    }
  for (let k = 0; k < 12; k++) {
    const [x0, y0, w, h] = [rand() * width, rand() * height, 20 + rand() * 120, 20 + rand() * 120];
    const c = [rand() * 255, rand() * 255, rand() * 255];
    for (let y = Math.floor(y0); y < Math.min(height, y0 + h); y++) for (let x = Math.floor(x0); x < Math.min(width, x0 + w); x++) buf.set(c, (y * width + x) * 3);
  }
  for (let i = 0; i < buf.length; i++) buf[i] = Math.max(0, Math.min(255, buf[i]! + (rand() - 0.5) * 16));
  return buf;
}

export async function makeBenchMedia(dir: string, images: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < images; i++) {
    const name = `img-${i}.jpg`;
    names.push(name);
    if (!existsSync(`${dir}/${name}`))
      writeFileSync(
        `${dir}/${name}`,
        await sharp(raw(i), { raw: { width: 480, height: 360, channels: 3 } })
          .jpeg({ quality: 85 })
          .toBuffer(),
      );
  }
  return names;
}

export function feedHtml(images: string[], videos: number, videoSrc: string): string {
  const posts: string[] = [];
  const every = Math.max(1, Math.floor(images.length / Math.max(1, videos)));
  images.forEach((name, i) => {
    posts.push(`<article><p>Post ${i + 1}</p><img src="media/${name}" width="320" height="240" alt="post ${i + 1}"></article>`);
    if (videos && i % every === every - 1 && posts.filter((p) => p.includes('<video')).length < videos)
      posts.push(`<article><p>Clip</p><video src="${videoSrc}?v=${i}" width="320" height="210" muted loop autoplay playsinline></video></article>`);
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench feed</title><style>
body{margin:0;font:14px sans-serif;background:#f0f2f5}main{display:grid;grid-template-columns:repeat(2,340px);gap:12px;justify-content:center;padding:12px}
article{background:#fff;border-radius:8px;padding:8px 10px}img,video{display:block;width:320px;height:auto}p{margin:0 0 6px}</style></head>
<body><main>${posts.join('\n')}</main></body></html>`;
}
