/** Band icons: the shape carries the meaning as well as the colour (readable without colour). */
import type { BadgeBand } from '../../shared/band-text';

const NS = 'http://www.w3.org/2000/svg';

// Each icon is a list of [element, attributes] drawn in a 16×16 box with currentColor.
const SHAPES: Record<BadgeBand, [string, Record<string, string>][]> = {
  // A tag: "the file says so".
  'declared-ai': [
    ['path', { d: 'M2 2h6l6 6-6 6-6-6z', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linejoin': 'round' }],
    ['circle', { cx: '5.5', cy: '5.5', r: '1.3', fill: 'currentColor' }],
  ],
  // A warning triangle.
  'likely-synthetic': [
    ['path', { d: 'M8 1.5 15 14.5H1z', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linejoin': 'round' }],
    ['path', { d: 'M8 6v4', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round' }],
    ['circle', { cx: '8', cy: '12.3', r: '1', fill: 'currentColor' }],
  ],
  // A question in a circle.
  uncertain: [
    ['circle', { cx: '8', cy: '8', r: '6.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8' }],
    ['path', { d: 'M6 6.2a2 2 0 1 1 2.8 1.8c-.6.3-.8.7-.8 1.3v.4', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.6', 'stroke-linecap': 'round' }],
    ['circle', { cx: '8', cy: '11.8', r: '.9', fill: 'currentColor' }],
  ],
  // An empty circle with a tick: checked, nothing found.
  'no-evidence': [
    ['circle', { cx: '8', cy: '8', r: '6.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8' }],
    ['path', { d: 'M5 8.3 7 10.3 11 6', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }],
  ],
  // A dash: not judged.
  'not-applicable': [
    ['circle', { cx: '8', cy: '8', r: '6.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8' }],
    ['path', { d: 'M5 8h6', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round' }],
  ],
  error: [
    ['rect', { x: '2', y: '2', width: '12', height: '12', rx: '2', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8' }],
    ['path', { d: 'M5.5 5.5l5 5M10.5 5.5l-5 5', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round' }],
  ],
  // Three dots: working on it.
  pending: [
    ['circle', { cx: '3.5', cy: '8', r: '1.4', fill: 'currentColor' }],
    ['circle', { cx: '8', cy: '8', r: '1.4', fill: 'currentColor' }],
    ['circle', { cx: '12.5', cy: '8', r: '1.4', fill: 'currentColor' }],
  ],
};

export function bandIcon(band: BadgeBand): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [tag, attrs] of SHAPES[band]) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.append(el);
  }
  return svg;
}
