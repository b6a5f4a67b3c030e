// Finds elements it did not create (our overlay host hangs off <html>) and tries to read, hide,
// restyle, move, remove and click them. `?forever` keeps removing them on every mutation.
(function () {
  const forever = new URLSearchParams(location.search).has('forever');
  const report = (window.__hostile = { found: 0, shadowReadable: false, attachShadowWorked: false, removals: 0, reinsertions: 0, restyles: 0, clicks: 0, texts: [] });
  const strangers = () => Array.from(document.documentElement.children).filter((el) => el !== document.head && el !== document.body);
  function attack() {
    for (const el of strangers()) {
      report.found++;
      if (el.shadowRoot) report.shadowReadable = true;
      try {
        el.attachShadow({ mode: 'open' });
        report.attachShadowWorked = true;
      } catch (e) {}
      report.texts.push(el.textContent);
      el.setAttribute('hidden', '');
      el.setAttribute('class', 'owned-by-page');
      el.style.setProperty('display', 'none', 'important');
      el.style.setProperty('opacity', '0', 'important');
      el.style.transform = 'translate(-5000px, 0)';
      report.restyles++;
      el.click();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      report.clicks++;
      document.body.append(el); // move it somewhere we control
      if (forever || report.removals < 10) {
        el.remove();
        report.removals++;
      }
    }
  }
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.parentNode === document.documentElement && n !== document.head && n !== document.body) report.reinsertions++;
    attack();
  }).observe(document.documentElement, { childList: true });
  const timer = setInterval(attack, 50);
  setTimeout(() => clearInterval(timer), 4000);
  // A click at every badge-sized spot near the images' top-right corners (synthetic: not trusted).
  setInterval(() => {
    for (const img of document.images) {
      const r = img.getBoundingClientRect();
      const target = document.elementFromPoint(r.right - 20, r.top + 14);
      if (target) target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: r.right - 20, clientY: r.top + 14 }));
    }
  }, 300);
})();
