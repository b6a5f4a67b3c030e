// window.swap(times, last): flips #swap between red and tiny-red (too small to judge) `times` times, ending on `last`.
window.swap = (times, last) =>
  new Promise((resolve) => {
    const img = document.getElementById('swap');
    const set = document.getElementById('srcset');
    let i = 0;
    (function flip() {
      const color = i === times - 1 ? last : i % 2 ? 'red' : 'tiny-red';
      img.src = '../media/' + color + '.png?swap=' + i;
      set.srcset = '../media/' + color + '.png?set=' + i + ' 1x';
      if (++i < times) setTimeout(flip, 7);
      else resolve(i);
    })();
  });
