/** Overlay CSS, adopted by our closed shadow root (page CSS cannot reach it; strict-CSP pages render it). z-index: covers < badges < card < warning. */
import { TIMELINE_CSS } from './timeline';

export const OVERLAY_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.box { position: absolute; pointer-events: none; margin: 0; padding: 0; }
.badge, .card, .cover { font: 500 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; letter-spacing: 0; text-transform: none; }
.badge {
  position: absolute; top: max(6px, calc(var(--above) + 6px)); right: max(6px, calc(var(--right) + 6px)); display: inline-flex; align-items: center; gap: 5px; max-width: 220px;
  padding: 3px 9px 3px 6px; border-radius: 999px; border: 1.5px solid rgba(255,255,255,.9);
  color: #fff; background: #374151; box-shadow: 0 1px 4px rgba(0,0,0,.35);
  cursor: pointer; pointer-events: auto; white-space: nowrap; margin: 0; min-height: 24px;
  transition: transform .12s ease; z-index: 3;
}
.badge:hover { transform: scale(1.04); }
[data-corner^="bottom"] .badge { top: auto; bottom: max(6px, calc(var(--below) + 6px)); }
[data-corner$="left"] .badge { right: auto; left: max(6px, calc(var(--left) + 6px)); }
.badge:focus-visible { outline: 3px solid #fbbf24; outline-offset: 2px; }
.box[hidden], .badge[hidden], .card[hidden], .cover[hidden] { display: none; }
.badge svg { width: 14px; height: 14px; flex: none; }
.badge[data-band="declared-ai"] { background: #5b21b6; }
.badge[data-band="likely-synthetic"] { background: #b91c1c; }
.badge[data-band="uncertain"] { background: #854d0e; }
.badge[data-band="no-evidence"] { background: #1f2937; }
.badge[data-band="not-applicable"], .badge[data-band="error"] { background: #4b5563; }
.badge[data-band="pending"] { background: #1f2937; opacity: .85; }
.card {
  z-index: 4;
  position: fixed; width: 360px; max-width: calc(100vw - 16px); max-height: calc(100vh - 16px); overflow: auto;
  background: #fff; color: #111827; border-radius: 12px; border: 1px solid #d1d5db;
  box-shadow: 0 12px 32px rgba(0,0,0,.28); pointer-events: auto; padding: 14px 16px 12px; font-size: 13px;
}
.card:focus { outline: none; }
.card-head { display: flex; align-items: flex-start; gap: 10px; }
.card-icon { flex: none; width: 34px; height: 34px; border-radius: 50%; display: grid; place-items: center; color: #fff; background: #374151; }
.card-icon svg { width: 20px; height: 20px; }
.card[data-band="declared-ai"] .card-icon { background: #5b21b6; }
.card[data-band="likely-synthetic"] .card-icon { background: #b91c1c; }
.card[data-band="uncertain"] .card-icon { background: #854d0e; }
.card-title { font-size: 15px; font-weight: 700; margin: 0 0 2px; }
.card-reason { margin: 0; color: #374151; }
.close { margin-left: auto; flex: none; border: 0; background: transparent; color: #4b5563; font-size: 20px; line-height: 1; width: 28px; height: 28px; border-radius: 6px; cursor: pointer; }
.close:hover { background: #f3f4f6; }
.close:focus-visible, .card a:focus-visible, .card button:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
h3 { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: #6b7280; margin: 14px 0 6px; }
ul.signals { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
ul.signals li { border-left: 3px solid #d1d5db; padding: 2px 0 2px 8px; }
ul.signals li[data-outcome="declared-ai"] { border-color: #5b21b6; }
ul.signals li[data-outcome="score"][data-strength="strong"] { border-color: #b91c1c; }
ul.signals li[data-outcome="score"][data-strength="moderate"] { border-color: #ca8a04; }
ul.signals li[data-outcome="invalid"], ul.signals li[data-outcome="error"] { border-color: #9ca3af; border-left-style: dashed; }
.sig-name { font-weight: 600; }
.sig-result { color: #374151; }
.sig-evidence { margin: 2px 0 0; padding: 0; list-style: none; color: #4b5563; font-size: 12px; overflow-wrap: anywhere; }
.checked-none { margin: 10px 0 0; color: #4b5563; font-size: 12px; }
ul.faces { margin: 4px 0 0; padding: 0; list-style: none; font-size: 12px; color: #374151; }
ul.faces li { display: flex; align-items: center; gap: 6px; margin-top: 2px; }
ul.faces img { width: 32px; height: 32px; border-radius: 4px; object-fit: cover; }
.fixture { display: inline-block; margin-left: 4px; padding: 0 5px; border-radius: 4px; background: #fef3c7; color: #78350f; font-size: 11px; font-weight: 600; }
.note { margin: 12px 0 0; padding: 8px 10px; background: #f3f4f6; border-radius: 8px; color: #1f2937; font-size: 12px; }
.links { display: flex; flex-wrap: wrap; gap: 6px; }
.links a, .links button {
  display: inline-block; padding: 5px 10px; border-radius: 999px; border: 1px solid #d1d5db; background: #fff;
  color: #1d4ed8; text-decoration: none; font: inherit; font-size: 12px; cursor: pointer;
}
.links a:hover, .links button:hover { background: #eff6ff; border-color: #93c5fd; }
.feedback button[aria-pressed="true"] { font-weight: 700; border-color: #2563eb; background: #dbeafe; }
.feedback button:disabled { cursor: default; }
.feedback button:disabled:not([aria-pressed="true"]) { opacity: .6; }
.foot { margin-top: 12px; color: #6b7280; font-size: 11px; }
.closer-progress { display: block; width: 100%; margin-top: 6px; }
.closer-result { margin: 6px 0 0; font-weight: 600; }
.closer-error { margin: 6px 0 0; color: #b91c1c; font-size: 12px; }
@media (prefers-reduced-motion: reduce) { .badge { transition: none; } .badge:hover { transform: none; } }
@media (prefers-color-scheme: dark) {
  .card { background: #111827; color: #f9fafb; border-color: #374151; }
  .card-reason, .sig-result { color: #d1d5db; }
  .sig-evidence, .checked-none { color: #9ca3af; }
  .closer-error { color: #fca5a5; }
  .note { background: #1f2937; color: #e5e7eb; }
  .links a, .links button { background: #1f2937; border-color: #4b5563; color: #93c5fd; }
  .close { color: #d1d5db; } .close:hover { background: #1f2937; }
}
.cover {
  position: absolute; inset: 0; z-index: 1; pointer-events: auto; display: flex; align-items: center; justify-content: center;
  overflow: hidden; border-radius: 2px; cursor: pointer; padding: 8px; margin: 0;
  color: #fff; text-align: center;
}
.cover[data-mode="blur"] { -webkit-backdrop-filter: blur(28px) saturate(.6); backdrop-filter: blur(28px) saturate(.6); background: rgba(17,24,39,.35); }
.cover[data-mode="blur"][data-kind="video"] { -webkit-backdrop-filter: none; backdrop-filter: none; background: rgba(17,24,39,.96); }
.cover[data-mode="hide"] { background: #111827; }
.cover .cover-box { display: grid; gap: 6px; justify-items: center; max-width: 280px; }
.cover .cover-text { margin: 0; text-shadow: 0 1px 2px rgba(0,0,0,.6); }
.cover button {
  font: inherit; font-weight: 600; color: #111827; background: #fff; border: 0; border-radius: 999px;
  padding: 5px 12px; cursor: pointer; min-height: 28px;
}
.cover button:focus-visible { outline: 3px solid #fbbf24; outline-offset: 2px; }
.post { margin: 10px 0 0; font-size: 12px; color: #374151; overflow-wrap: anywhere; }
.post a { color: #1d4ed8; }
.post-label { color: #5b21b6; font-weight: 600; }
.scrim { position: fixed; inset: 0; z-index: 5; background: rgba(0,0,0,.45); pointer-events: auto; }
.warn {
  position: fixed; z-index: 6; left: 50%; top: 50%; transform: translate(-50%, -50%); width: 400px; max-width: calc(100vw - 24px);
  max-height: calc(100vh - 24px); overflow: auto; pointer-events: auto; background: #fff; color: #111827; border-radius: 12px;
  padding: 16px 18px 14px; box-shadow: 0 16px 40px rgba(0,0,0,.35); font: 400 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
}
.warn:focus { outline: none; }
.warn h2 { font-size: 16px; margin: 0 0 6px; }
.warn p { margin: 0 0 8px; }
.warn ul.evidence { margin: 0 0 8px; padding-left: 18px; }
.warn .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
.warn .actions button { font: inherit; font-weight: 600; border-radius: 8px; padding: 7px 14px; cursor: pointer; border: 1px solid #d1d5db; background: #fff; color: #111827; }
.warn .actions button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
.warn button:focus-visible, .warn a:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .post { color: #d1d5db; } .post a { color: #93c5fd; } .post-label { color: #c4b5fd; }
  .warn { background: #111827; color: #f9fafb; }
  .warn .actions button { background: #1f2937; color: #f9fafb; border-color: #4b5563; }
}
${TIMELINE_CSS}`;
