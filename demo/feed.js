// `?x=PORT` serves some media from a second origin (127.0.0.2:PORT), as feeds use CDNs.
// Scrolling to the end appends older posts (infinite scroll), re-using the same pictures.
(function () {
  const port = new URLSearchParams(location.search).get('x');
  const crossOrigin = (el) => {
    const path = el.getAttribute('data-cross-src');
    if (path) el.src = port ? `http://127.0.0.2:${port}/${path}` : path;
  };
  document.querySelectorAll('[data-cross-src]').forEach(crossOrigin);

  const feed = document.getElementById('feed');
  const originals = Array.from(feed.children);
  let page = 1;
  const sentinel = document.createElement('div');
  sentinel.style.height = '1px';
  feed.after(sentinel);
  new IntersectionObserver((entries) => {
    if (!entries[0].isIntersecting || page > 3) return;
    page++;
    for (const post of originals) {
      const copy = post.cloneNode(true);
      copy.querySelectorAll('[id]').forEach((el) => (el.id = `${el.id}-p${page}`));
      feed.append(copy);
    }
  }).observe(sentinel);
})();
