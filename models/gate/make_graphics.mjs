// Renders the gate's "not a photo" set: synthetic screenshots, text, charts, tables, code,
// slides, chats and flat vector art, drawn by Chromium from seeded random pages (no third-party
// images). Saved as PNG or JPEG at random quality and size, as they travel on the web.
//   node models/gate/make_graphics.mjs [--per 40] [--out models/gate/work/graphics]
// Families are kept apart so the gate can be fitted on some and measured on the others.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const PER = Number(opt('--per', 40));
const OUT = opt('--out', 'models/gate/work/graphics');

let seed = 12345;
const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const int = (a, b) => a + Math.floor(rnd() * (b - a + 1));
const pick = (xs) => xs[int(0, xs.length - 1)];
const SYL = ['ka', 'lo', 'mi', 'ne', 'ta', 'ri', 'so', 'ven', 'dal', 'tor', 'ex', 'pla', 'ment', 'ion', 'ar', 'us', 'ly', 'ing', 'con', 'pre'];
const word = () => Array.from({ length: int(1, 3) }, () => pick(SYL)).join('');
const words = (n) => Array.from({ length: n }, word).join(' ');
const sentence = () => {
  const s = words(int(5, 16));
  return s[0].toUpperCase() + s.slice(1) + pick(['.', '.', '!', '?']);
};
const hue = () => int(0, 359);
const col = (s = int(30, 90), l = int(30, 70)) => `hsl(${hue()} ${s}% ${l}%)`;
const FONTS = ['DejaVu Sans', 'Liberation Serif', 'Liberation Sans', 'Nimbus Roman', 'URW Gothic', 'P052', 'DejaVu Serif', 'C059'];
const MONO = ['DejaVu Sans Mono', 'Liberation Mono', 'Noto Mono', 'Nimbus Mono PS'];
const theme = () =>
  rnd() < 0.3 ? { bg: `hsl(${hue()} 15% ${int(5, 15)}%)`, fg: `hsl(0 0% ${int(80, 95)}%)` } : { bg: `hsl(${hue()} ${int(0, 20)}% ${int(94, 100)}%)`, fg: `hsl(0 0% ${int(5, 25)}%)` };
const esc = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);

const families = {
  text() {
    const t = theme();
    const ps = Array.from({ length: int(2, 7) }, () => `<p>${Array.from({ length: int(2, 6) }, sentence).join(' ')}</p>`).join('');
    return `<body style="background:${t.bg};color:${t.fg};font:${int(13, 22)}px '${pick(FONTS)}';padding:${int(10, 50)}px;line-height:${1.2 + rnd() * 0.6}"><h1 style="font-size:1.6em">${esc(sentence())}</h1>${ps}</body>`;
  },
  ui() {
    const t = theme();
    const acc = col();
    const nav = Array.from({ length: int(3, 6) }, () => `<span style="margin-right:18px">${word()}</span>`).join('');
    const cards = Array.from(
      { length: int(2, 6) },
      () =>
        `<div style="border:1px solid #8884;border-radius:${int(0, 14)}px;padding:12px;margin:10px 0;display:flex;gap:12px;align-items:center"><div style="width:${int(32, 64)}px;height:${int(32, 64)}px;border-radius:${pick(['50%', '8px', '0'])};background:${col()}"></div><div><b>${words(int(1, 3))}</b><br><small>${words(int(4, 10))}</small></div><button style="margin-left:auto;background:${acc};color:#fff;border:0;border-radius:6px;padding:8px 14px">${word()}</button></div>`,
    ).join('');
    return `<body style="margin:0;background:${t.bg};color:${t.fg};font:${int(12, 16)}px '${pick(FONTS)}'"><div style="background:${acc};color:#fff;padding:14px">${nav}</div><div style="padding:16px"><input style="width:60%;padding:8px" value="${word()}">${cards}</div></body>`;
  },
  social() {
    const t = theme();
    const post = () =>
      `<div style="border-bottom:1px solid #8885;padding:12px;display:flex;gap:10px"><div style="flex:none;width:44px;height:44px;border-radius:50%;background:${col()}"></div><div><b>${words(2)}</b> <span style="opacity:.6">@${word()} · ${int(1, 59)}m</span><p style="margin:4px 0">${sentence()} ${rnd() < 0.5 ? sentence() : ''}</p>${rnd() < 0.4 ? `<div style="height:${int(60, 160)}px;border-radius:12px;background:linear-gradient(${int(0, 360)}deg,${col()},${col()})"></div>` : ''}<div style="opacity:.6;word-spacing:30px">♡${int(1, 999)} ↻${int(1, 99)} ✉</div></div></div>`;
    return `<body style="margin:0;background:${t.bg};color:${t.fg};font:${int(13, 16)}px '${pick(FONTS)}'">${Array.from({ length: int(2, 4) }, post).join('')}</body>`;
  },
  chart() {
    const W = 640,
      H = 400,
      n = int(4, 12),
      kind = pick(['bar', 'line', 'pie']);
    let body = '';
    if (kind === 'pie') {
      let a = 0;
      const vals = Array.from({ length: n }, () => rnd() + 0.2);
      const sum = vals.reduce((x, y) => x + y);
      body = vals
        .map((v) => {
          const b = a + (v / sum) * Math.PI * 2;
          const p = `M320 200 L${320 + 150 * Math.cos(a)} ${200 + 150 * Math.sin(a)} A150 150 0 ${b - a > Math.PI ? 1 : 0} 1 ${320 + 150 * Math.cos(b)} ${200 + 150 * Math.sin(b)}Z`;
          a = b;
          return `<path d="${p}" fill="${col()}" stroke="#fff"/>`;
        })
        .join('');
    } else {
      const ys = Array.from({ length: n }, () => int(30, 330));
      body =
        `<line x1="50" y1="360" x2="620" y2="360" stroke="#333"/><line x1="50" y1="20" x2="50" y2="360" stroke="#333"/>` +
        Array.from(
          { length: 5 },
          (_, i) => `<text x="10" y="${360 - i * 80}" font-size="12">${i * int(5, 50)}</text><line x1="50" x2="620" y1="${360 - i * 80}" y2="${360 - i * 80}" stroke="#ccc"/>`,
        ).join('') +
        (kind === 'bar'
          ? ys.map((y, i) => `<rect x="${60 + i * (550 / n)}" y="${y}" width="${(550 / n) * 0.7}" height="${360 - y}" fill="${col()}"/>`).join('')
          : `<polyline fill="none" stroke="${col()}" stroke-width="3" points="${ys.map((y, i) => `${60 + i * (550 / (n - 1))},${y}`).join(' ')}"/>`) +
        ys.map((_, i) => `<text x="${60 + i * (550 / n)}" y="380" font-size="11">${word().slice(0, 5)}</text>`).join('');
    }
    return `<body style="margin:0;background:#fff;font-family:'${pick(FONTS)}'"><h3 style="margin:8px 16px">${esc(sentence())}</h3><svg width="${W}" height="${H}">${body}</svg></body>`;
  },
  table() {
    const t = theme();
    const cols = int(3, 7);
    const row = (h) =>
      `<tr>${Array.from({ length: cols }, () => `<${h} style="border:1px solid #8886;padding:4px 8px">${h === 'th' ? word() : rnd() < 0.5 ? int(0, 99999) : words(int(1, 2))}</${h}>`).join('')}</tr>`;
    return `<body style="background:${t.bg};color:${t.fg};font:${int(11, 15)}px '${pick(FONTS)}'"><table style="border-collapse:collapse">${row('th')}${Array.from({ length: int(6, 25) }, () => row('td')).join('')}</table></body>`;
  },
  code() {
    const bg = pick(['#1e1e1e', '#282c34', '#fdf6e3', '#ffffff', '#002b36']);
    const dark = bg !== '#fdf6e3' && bg !== '#ffffff';
    const kw = () => `<span style="color:${col(70, dark ? 65 : 40)}">${pick(['const', 'function', 'return', 'if', 'for', 'import', 'def', 'class'])}</span>`;
    const lines = Array.from(
      { length: int(12, 40) },
      (_, i) =>
        `<div><span style="opacity:.4">${String(i + 1).padStart(3)}</span> ${' '.repeat(int(0, 3) * 2)}${kw()} ${word()}(${word()}) { <span style="color:${col(60, dark ? 70 : 35)}">"${words(2)}"</span></div>`,
    ).join('');
    return `<body style="margin:0;background:${bg};color:${dark ? '#ddd' : '#333'};font:${int(11, 15)}px '${pick(MONO)}';white-space:pre;padding:10px">${lines}</body>`;
  },
  slide() {
    const a = col(),
      b = col();
    const bullets = Array.from({ length: int(2, 5) }, () => `<li>${words(int(3, 8))}</li>`).join('');
    return `<body style="margin:0;height:100vh;background:${rnd() < 0.5 ? '#fff' : `linear-gradient(${int(0, 360)}deg,${a},${b})`};font-family:'${pick(FONTS)}';padding:40px;box-sizing:border-box"><h1 style="color:${col(60, 30)};font-size:${int(28, 48)}px">${esc(sentence())}</h1><ul style="font-size:${int(18, 28)}px">${bullets}</ul><div style="position:absolute;right:40px;bottom:40px;width:${int(80, 200)}px;height:${int(80, 200)}px;background:${col()};border-radius:${pick(['50%', '10%', '0'])}"></div></body>`;
  },
  chat() {
    const t = theme();
    const me = col(60, 50);
    const msgs = Array.from({ length: int(4, 10) }, () => {
      const mine = rnd() < 0.5;
      return `<div style="display:flex;justify-content:${mine ? 'flex-end' : 'flex-start'};margin:6px"><div style="max-width:70%;padding:8px 12px;border-radius:16px;background:${mine ? me : '#8883'};color:${mine ? '#fff' : 'inherit'}">${sentence()}</div></div>`;
    }).join('');
    return `<body style="margin:0;background:${t.bg};color:${t.fg};font:${int(13, 16)}px '${pick(FONTS)}'"><div style="padding:10px;border-bottom:1px solid #8885"><b>${words(2)}</b></div>${msgs}</body>`;
  },
  flat() {
    const shapes = Array.from({ length: int(5, 30) }, () => {
      const k = pick(['circle', 'rect', 'poly']);
      if (k === 'circle') return `<circle cx="${int(0, 600)}" cy="${int(0, 600)}" r="${int(10, 160)}" fill="${col()}" opacity="${rnd() < 0.7 ? 1 : 0.6}"/>`;
      if (k === 'rect')
        return `<rect x="${int(0, 600)}" y="${int(0, 600)}" width="${int(20, 300)}" height="${int(20, 300)}" rx="${int(0, 30)}" fill="${col()}" transform="rotate(${int(-30, 30)} 300 300)"/>`;
      return `<polygon points="${Array.from({ length: int(3, 6) }, () => `${int(0, 600)},${int(0, 600)}`).join(' ')}" fill="${col()}"/>`;
    }).join('');
    const bg = rnd() < 0.5 ? col(40, 85) : `url(#g)`;
    return `<body style="margin:0"><svg width="600" height="600"><defs><linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="${col()}"/><stop offset="1" stop-color="${col()}"/></linearGradient></defs><rect width="600" height="600" fill="${bg}"/>${shapes}</svg></body>`;
  },
  poster() {
    const a = col(),
      b = col();
    return `<body style="margin:0;height:100vh;display:flex;flex-direction:column;justify-content:center;align-items:center;background:${rnd() < 0.5 ? a : `radial-gradient(${a},${b})`};font-family:'${pick(FONTS)}';color:${pick(['#fff', '#111'])};text-align:center"><div style="font-size:${int(36, 80)}px;font-weight:${pick([400, 700, 900])}">${esc(words(int(1, 4))).toUpperCase()}</div><div style="font-size:${int(14, 24)}px;margin-top:12px">${esc(sentence())}</div><div style="margin-top:20px;padding:10px 24px;border:3px solid currentColor;border-radius:30px">${word()}</div></body>`;
  },
};

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
let total = 0;
for (const [name, make] of Object.entries(families)) {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < PER; i++) {
    const w = int(360, 1200),
      h = int(300, 1000);
    await page.setViewportSize({ width: w, height: h });
    await page.setContent(`<!doctype html><meta charset="utf-8">${make()}`);
    const jpeg = rnd() < 0.6;
    const buf = await page.screenshot(jpeg ? { type: 'jpeg', quality: int(55, 95) } : { type: 'png' });
    writeFileSync(join(dir, `${name}-${String(i).padStart(3, '0')}.${jpeg ? 'jpg' : 'png'}`), buf);
    total++;
  }
}
await browser.close();
console.log(`${total} images in ${OUT} (${Object.keys(families).length} families × ${PER})`);
