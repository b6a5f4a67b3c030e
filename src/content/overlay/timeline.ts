/** A video card's timeline (issue 5): a mark (a button) per checked frame, as tall as its score, coloured by its band; it seeks there. */
import { isFlagged, type FrameEvidence } from '../../shared/types';
import { t } from '../../shared/i18n';
import { button, el } from './el';

export interface TimelineModel {
  frames: FrameEvidence[];
  /** Seconds, when known (else the last frame's time sets the scale). */
  duration?: number;
  /** Wall-clock ms of the latest frame check. */
  checkedAt: number;
  /** Absent for media that cannot seek (an animated image). */
  seek?: (t: number) => void;
}

export const TIMELINE_CSS = `
.timeline { margin: 12px 0 0; }
.timeline-summary { margin: 0 0 6px; color: #374151; font-size: 12px; }
.timeline-strip { position: relative; height: 40px; margin: 0; padding: 0; list-style: none; border-bottom: 1px solid #d1d5db; background: linear-gradient(#f9fafb, #f3f4f6); border-radius: 4px 4px 0 0; }
.timeline-strip li { position: absolute; bottom: 0; width: 10px; height: 100%; margin-left: -5px; }
.timeline-mark { position: absolute; bottom: 0; left: 0; width: 10px; min-height: 4px; padding: 0; border: 0; border-radius: 2px 2px 0 0; background: #6b7280; cursor: pointer; }
.timeline-mark:disabled { cursor: default; }
.timeline-mark[data-band="likely-synthetic"], .timeline-mark[data-band="declared-ai"] { background: #b91c1c; }
.timeline-mark[data-band="uncertain"] { background: #ca8a04; }
.timeline-mark[data-band="no-evidence"] { background: #2563eb; }
.timeline-mark:hover:not(:disabled) { outline: 2px solid #111827; outline-offset: 1px; }
.timeline-mark:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
.timeline-axis { display: flex; justify-content: space-between; color: #6b7280; font-size: 11px; margin-top: 2px; }
@media (prefers-color-scheme: dark) {
  .timeline-summary { color: #d1d5db; }
  .timeline-strip { background: #1f2937; border-color: #4b5563; }
  .timeline-mark:hover:not(:disabled) { outline-color: #f9fafb; }
}
`;

/** 75.4 → "1:15". */
function formatMediaTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    r = s % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

export function buildTimeline(model: TimelineModel): HTMLElement {
  const frames = [...model.frames].sort((a, b) => a.t - b.t);
  const box = el('section', 'timeline');
  box.setAttribute('aria-label', t('timelineTitle'));
  if (!frames.length) return box;
  const first = frames[0]!.t,
    last = frames[frames.length - 1]!.t;
  const flagged = frames.filter((f) => isFlagged(f.band)).length;
  const clock = new Date(model.checkedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const summary = el('p', 'timeline-summary', t(frames.length === 1 ? 'timelineOneFrame' : 'timelineFrames', String(frames.length), formatMediaTime(first), formatMediaTime(last), clock));
  summary.append(' ', t('timelineFlagged', String(flagged), String(frames.length)));
  box.append(summary);

  const span = Math.max(model.duration && Number.isFinite(model.duration) ? model.duration : 0, last, 0.001);
  const strip = el('ul', 'timeline-strip');
  frames.forEach((f, i) => {
    const li = el('li');
    li.style.left = `${Math.min(100, (f.t / span) * 100).toFixed(2)}%`;
    const mark = button('timeline-mark');
    mark.dataset.band = f.band;
    mark.dataset.t = f.t.toFixed(3);
    mark.dataset.frame = String(i);
    mark.style.height = `${Math.round(12 + 88 * (f.score ?? 0))}%`;
    const label = t('timelineMark', formatMediaTime(f.t), f.score === undefined ? t('timelineNoScore') : f.score.toFixed(2));
    mark.setAttribute('aria-label', label);
    mark.title = label;
    const seek = model.seek;
    if (seek) mark.addEventListener('click', (e) => (e.stopPropagation(), seek(f.t)));
    else mark.disabled = true;
    li.append(mark);
    strip.append(li);
  });
  box.append(strip);
  const axis = el('div', 'timeline-axis');
  axis.append(el('span', undefined, formatMediaTime(0)), el('span', undefined, formatMediaTime(span)));
  box.append(axis);
  return box;
}
