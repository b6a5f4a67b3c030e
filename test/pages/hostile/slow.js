// `?stall=ORIGIN` points the .stall images at a server that answers the page once and then
// stalls every later request for the same file (the extension's own read never finishes).
(function () {
  const origin = new URLSearchParams(location.search).get('stall');
  if (!origin) return;
  document.querySelectorAll('img.stall').forEach((img, i) => (img.src = origin + '/once/red.png?i=' + i));
})();
