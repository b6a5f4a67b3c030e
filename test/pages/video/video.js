// Test page for issue 5: one <video> (plain file, cross-origin file, or fed through MediaSource
// like feeds and HLS players do) or one animated <img>, chosen by the query string.
(function () {
  const q = new URLSearchParams(location.search);
  const src = q.get('src') || '';
  const port = q.get('x');
  const url = port ? `http://127.0.0.2:${port}/${src}` : `/${src}`;
  const stage = document.getElementById('stage');
  // ?below=1: the media starts far below the fold (off-screen until the test scrolls).
  if (q.get('below')) {
    const spacer = document.createElement('div');
    spacer.id = 'spacer';
    spacer.style.height = '3000px';
    stage.append(spacer);
  }
  if (q.get('kind') === 'img') {
    const img = document.createElement('img');
    img.id = 'media';
    img.alt = 'animated image';
    img.src = url;
    stage.append(img);
    return;
  }
  const video = document.createElement('video');
  video.id = 'media';
  video.muted = true;
  video.loop = q.get('loop') !== '0';
  video.autoplay = q.get('autoplay') !== '0';
  video.playsInline = true;
  // ?poster=PATH&preload=none: nothing loads before play, the poster is what shows.
  if (q.get('poster')) video.poster = `/${q.get('poster')}`;
  if (q.get('preload')) video.preload = q.get('preload');
  if (q.get('mse')) {
    // MSE: the element's src is a blob: URL; its frames are readable by the page.
    const ms = new MediaSource();
    video.src = URL.createObjectURL(ms);
    ms.addEventListener('sourceopen', async () => {
      const sb = ms.addSourceBuffer('video/webm; codecs="vp8"');
      const bytes = await (await fetch(url)).arrayBuffer();
      sb.addEventListener('updateend', () => ms.readyState === 'open' && ms.endOfStream(), { once: true });
      sb.appendBuffer(bytes);
    }, { once: true });
  } else {
    video.src = url;
  }
  stage.append(video);
})();
