/** A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise (logs). */
export function progressBar(total: number, label = '') {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let done = 0;
  let lastTenth = -1;
  let lastDraw = 0;
  const line = () => {
    const s = (performance.now() - started) / 1000;
    const perSec = done / Math.max(s, 1e-9);
    const eta = perSec > 0 ? (total - done) / perSec : 0;
    const width = 30;
    const filled = Math.round((width * done) / Math.max(1, total));
    const clock = (x: number) => `${Math.floor(x / 60)}m${String(Math.round(x % 60)).padStart(2, '0')}s`;
    return `${label}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${perSec.toFixed(1)}/s elapsed ${clock(s)} eta ${clock(eta)}`;
  };
  return {
    tick() {
      done++;
      const now = performance.now();
      if (tty) {
        if (now - lastDraw > 200 || done === total) {
          process.stderr.write(`\r${line()}`);
          lastDraw = now;
        }
        return;
      }
      const tenth = Math.floor((10 * done) / Math.max(1, total));
      if (tenth !== lastTenth) process.stderr.write(`${line()}\n`);
      lastTenth = tenth;
    },
    done() {
      if (tty) process.stderr.write(`\r${line()}\n`);
    },
  };
}
