// Behaviour of the hard-structures page: a custom element with an open shadow root, lazy images
// swapped in near the viewport, and a lightbox in a modal <dialog>. Script from a file (CSP-safe).
(function () {
  class ShadowCard extends HTMLElement {
    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      const img = document.createElement('img');
      img.id = 'in-shadow';
      img.alt = 'in shadow';
      img.src = 'media/hard-shadow.png';
      img.style.cssText = 'display:block;width:320px;height:240px';
      root.append(img);
    }
  }
  customElements.define('shadow-card', ShadowCard);
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) { e.target.src = e.target.dataset.src; io.unobserve(e.target); }
  }, { rootMargin: '100px' });
  for (const img of document.querySelectorAll('img[data-src]')) io.observe(img);
  const dialog = document.getElementById('lightbox');
  document.getElementById('open-lightbox').addEventListener('click', () => {
    document.getElementById('lightbox-img').src = 'media/hard-lightbox.png';
    dialog.showModal();
  });
  document.getElementById('close-lightbox').addEventListener('click', () => dialog.close());
})();
