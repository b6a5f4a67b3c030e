// Records long tasks (main thread busy > 50 ms) from the start, for the test to read.
window.__longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
} catch (e) {
  window.__longTasks = null;
}
