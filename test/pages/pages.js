// Shared helper for the test pages: `?x=PORT` names the cross-origin server (127.0.0.2:PORT).
(function () {
  const port = new URLSearchParams(location.search).get('x');
  for (const el of document.querySelectorAll('[data-cross-src]')) {
    if (port) el.src = `http://127.0.0.2:${port}/${el.getAttribute('data-cross-src')}`;
  }
  // "Infinite scroll": the button appends a post, as feeds do.
  const more = document.getElementById('more');
  if (more) {
    more.addEventListener('click', () => {
      const img = document.createElement('img');
      img.id = 'appended';
      img.alt = 'appended post';
      img.src = 'media/red.png?appended';
      document.getElementById('feed').append(img);
    });
  }
})();
