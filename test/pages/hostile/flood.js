// `?n=N` images (distinct URLs) at once; then `window.churn(ms)` adds and removes images every
// frame for `ms`, and `window.swapAll()` changes every src under the scanner.
(function () {
  const params = new URLSearchParams(location.search);
  const n = Number(params.get('n') || 3000);
  const grid = document.getElementById('grid');
  const frag = document.createDocumentFragment();
  for (let i = 0; i < n; i++) {
    const img = document.createElement('img');
    img.src = '../media/' + (i % 2 ? 'blue' : 'red') + '.png?n=' + i;
    img.alt = '';
    frag.append(img);
  }
  grid.append(frag);
  window.__churned = 0;
  window.churn = (ms) =>
    new Promise((resolve) => {
      const churn = document.getElementById('churn');
      const end = performance.now() + ms;
      let k = 0;
      (function tick() {
        for (let i = 0; i < 40; i++) {
          const img = document.createElement('img');
          img.src = '../media/red.png?churn=' + k++;
          churn.prepend(img);
          window.__churned++;
        }
        while (churn.children.length > 40) churn.lastElementChild.remove();
        if (performance.now() < end) requestAnimationFrame(tick);
        else {
          churn.replaceChildren();
          resolve(window.__churned);
        }
      })();
    });
})();
