/** Covers, the share warning and the card's post line (part of OVERLAY_CSS). z-index: covers < badges < card < share warning. */
export const COVER_CSS = `
.cover {
  position: absolute; inset: 0; z-index: 1; pointer-events: auto; display: flex; align-items: center; justify-content: center;
  overflow: hidden; border-radius: 2px; cursor: pointer; padding: 8px; margin: 0;
  font: 500 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #fff; text-align: center;
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
.warn h2 { font-size: 16px; margin: 0 0 6px; color: #111827; }
.warn p { margin: 0 0 8px; }
.warn ul.evidence { margin: 0 0 8px; padding-left: 18px; }
.warn .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
.warn .actions button { font: inherit; font-weight: 600; border-radius: 8px; padding: 7px 14px; cursor: pointer; border: 1px solid #d1d5db; background: #fff; color: #111827; }
.warn .actions button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
.warn button:focus-visible, .warn a:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .post { color: #d1d5db; } .post a { color: #93c5fd; } .post-label { color: #c4b5fd; }
  .warn { background: #111827; color: #f9fafb; } .warn h2 { color: #f9fafb; }
  .warn .actions button { background: #1f2937; color: #f9fafb; border-color: #4b5563; }
}
`;
