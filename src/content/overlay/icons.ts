/** Band icons: the shape carries the meaning as well as the colour (readable without colour). */
import type { BadgeBand } from '../../shared/band-text';
import { setAttrs } from './el';

const NS = 'http://www.w3.org/2000/svg';
const LINE = { fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8' };
const ROUND = { 'stroke-linecap': 'round' };
const RING = ['circle', { cx: '8', cy: '8', r: '6.5', ...LINE }] as const;
const dot = (cx: string, cy: string, r: string) => ['circle', { cx, cy, r, fill: 'currentColor' }] as const;

// [element, attributes] drawn in a 16×16 box with currentColor.
const SHAPES: Record<BadgeBand, (readonly [string, Record<string, string>])[]> = {
  // A tag: "the file says so".
  'declared-ai': [['path', { d: 'M2 2h6l6 6-6 6-6-6z', ...LINE, 'stroke-linejoin': 'round' }], dot('5.5', '5.5', '1.3')],
  // A warning triangle.
  'likely-synthetic': [['path', { d: 'M8 1.5 15 14.5H1z', ...LINE, 'stroke-linejoin': 'round' }], ['path', { d: 'M8 6v4', ...LINE, ...ROUND }], dot('8', '12.3', '1')],
  uncertain: [RING, ['path', { d: 'M6 6.2a2 2 0 1 1 2.8 1.8c-.6.3-.8.7-.8 1.3v.4', ...LINE, 'stroke-width': '1.6', ...ROUND }], dot('8', '11.8', '.9')],
  // Checked, nothing found.
  'no-evidence': [RING, ['path', { d: 'M5 8.3 7 10.3 11 6', ...LINE, ...ROUND, 'stroke-linejoin': 'round' }]],
  // Not judged.
  'not-applicable': [RING, ['path', { d: 'M5 8h6', ...LINE, ...ROUND }]],
  error: [
    ['rect', { x: '2', y: '2', width: '12', height: '12', rx: '2', ...LINE }],
    ['path', { d: 'M5.5 5.5l5 5M10.5 5.5l-5 5', ...LINE, ...ROUND }],
  ],
  pending: [dot('3.5', '8', '1.4'), dot('8', '8', '1.4'), dot('12.5', '8', '1.4')],
};

export function bandIcon(band: BadgeBand): SVGSVGElement {
  const svg = setAttrs(document.createElementNS(NS, 'svg'), { viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' });
  for (const [tag, attrs] of SHAPES[band]) svg.append(setAttrs(document.createElementNS(NS, tag), attrs));
  return svg;
}
