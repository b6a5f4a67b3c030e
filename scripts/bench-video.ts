#!/usr/bin/env -S node --import tsx
/**
 * What watching one video costs with the extension (issue 5), measured on this machine:
 * - CPU time of the whole browser (every Chromium process: page, GPU, service worker, offscreen
 *   engine) while one muted video plays for `--seconds`, with the extension and without;
 * - main-thread task time of the page (CDP Performance.getMetrics TaskDuration), both ways;
 * - time from the video's first frame (`loadeddata`) to the first verdict badge.
 * The engine is started once on a page with one still image before measuring, in both runs, so
 * its one-off start is not charged to the video (it is reported by `npm run bench`).
 * Uses the production build (dist/chrome: the shipped models, no fixture). Prints figures and
 * ratios; writes out/bench-video.json. Never fails on timing.
 *   node --import tsx scripts/bench-video.ts [--seconds 30] [--runs 2] [--no-build] [--blur]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_PATH, launchWithExtension, OverlayProbe } from '../test/e2e/support/chromium';
import { ROOT, serveStatic } from '../test/e2e/support/server';

const args = process.argv.slice(2);
const num = (flag: string, dflt: number) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : dflt);
const SECONDS = num('--seconds', 30);
const RUNS = num('--runs', 2);
/** Flagged media are blurred by default; a blur over a playing video costs compositing every
 * frame, which is the blur's cost, not the sampling's: measured only with --blur. */
const FLAGGED_ACTION = args.includes('--blur') ? 'blur' : 'label';
const OUT = join(ROOT, 'out', 'bench-video');
const CLK_TCK = 100; // Linux USER_HZ

if (!args.includes('--no-build')) {
  const r = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

mkdirSync(OUT, { recursive: true });
// The test pattern with blur and grain: a flat pattern is a graphic to the content gate, which would
// keep the models off every frame and measure nothing but the sampling. The file name carries the
// recipe, so a clip cached by an older bench is not reused.
const GRAIN = 'gblur=sigma=1.5,noise=alls=14:allf=t+u';
const clip = join(OUT, 'clip-grain.webm');
if (!existsSync(clip)) {
  console.log('Encoding a 20 s 640×360 test clip with ffmpeg…');
  const r = spawnSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=640x360:r=30:d=20',
      '-vf',
      GRAIN,
      '-c:v',
      'libvpx',
      '-b:v',
      '1M',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-g',
      '30',
      '-auto-alt-ref',
      '0',
      clip,
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('ffmpeg failed (apt-get install ffmpeg)');
}
const still = join(OUT, 'warm-grain.png');
if (!existsSync(still)) spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=1:d=1', '-vf', GRAIN, '-frames:v', '1', still]);
// A page with one still image: started once before measuring, so the engine's one-off start
// (offscreen document, runtime, model sessions) is not counted against the video.
writeFileSync(join(OUT, 'warm.html'), `<!doctype html><meta charset="utf-8"><title>warm-up</title><img src="warm-grain.png" width="640" height="360" alt="">`);
writeFileSync(
  join(OUT, 'index.html'),
  `<!doctype html><meta charset="utf-8"><title>one video</title><style>body{margin:20px}video{display:block;width:640px;height:360px}</style>
<video id="v" src="clip-grain.webm" muted autoplay loop playsinline></video>
<script src="loaded.js"></script>`,
);
// The moment the first frame is there, in epoch ms (page clocks and ours agree on Date.now()).
writeFileSync(join(OUT, 'loaded.js'), `document.getElementById('v').addEventListener('loadeddata', () => { window.__loadedAt = performance.timeOrigin + performance.now(); }, { once: true });`);
const site = await serveStatic({ '': OUT });

/** CPU seconds (user + system) of every descendant process of ours: the browser's whole tree. */
function browserCpuSeconds(): number {
  const procs = new Map<number, { ppid: number; cpu: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields after the name: state(0) ppid(1) … utime(11) stime(12)
      procs.set(Number(d), { ppid: Number(rest[1]), cpu: (Number(rest[11]) + Number(rest[12])) / CLK_TCK });
    } catch {
      // the process ended while we read
    }
  }
  const ours = new Set<number>([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of procs) if (!ours.has(pid) && ours.has(p.ppid)) ours.add(pid), (grew = true);
  }
  let total = 0;
  for (const pid of ours) if (pid !== process.pid) total += procs.get(pid)?.cpu ?? 0;
  return total;
}

/** Main-thread task seconds of the page's renderer so far (one CDP session, enabled once). */
async function taskMeter(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  };
}

interface Run {
  withExtension: boolean;
  cpuS: number;
  taskS: number;
  firstVerdictMs?: number;
  framesChecked?: number;
  band?: string;
}

async function watch(withExtension: boolean): Promise<Run> {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let profile: string | undefined;
  if (withExtension) {
    const ext = await launchWithExtension('dist/chrome');
    // Show every band: the first verdict is what we time, whatever it says.
    await ext.worker.evaluate(async (flaggedAction) => {
      const { settings } = await chrome.storage.sync.get('settings');
      await chrome.storage.sync.set({ settings: { ...(settings ?? {}), version: 2, showAllBadges: true, flaggedAction } });
    }, FLAGGED_ACTION);
    context = ext.context;
    close = () => ext.close();
  } else {
    profile = mkdtempSync(join(tmpdir(), 'dfr-bench-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROME_PATH,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    close = async () => {
      await context.close();
      rmSync(profile!, { recursive: true, force: true });
    };
  }
  try {
    const warm = await context.newPage();
    await warm.goto(`${site.origin}/warm.html`);
    if (withExtension) await (await OverlayProbe.attach(warm)).waitForBadges((b) => b.length > 0, 60_000).catch(() => undefined);
    await warm.close();
    await new Promise((r) => setTimeout(r, 2000)); // let start-up settle
    const page = await context.newPage();
    const taskSeconds = await taskMeter(page);
    const cpu0 = browserCpuSeconds();
    const task0 = await taskSeconds();
    await page.goto(`${site.origin}/index.html`);
    const start = Date.now();
    let firstSeenAt: number | undefined;
    let probe: OverlayProbe | undefined;
    if (withExtension) {
      probe = await OverlayProbe.attach(page);
      // Poll the overlay until the first badge (then stop: the probe costs CPU too).
      while (Date.now() - start < SECONDS * 1000) {
        const badges = await probe.badges();
        if (badges.some((b) => b.band !== 'pending')) {
          firstSeenAt = Date.now();
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const left = SECONDS * 1000 - (Date.now() - start);
    if (left > 0) await page.waitForTimeout(left);
    const cpuS = browserCpuSeconds() - cpu0;
    const taskS = (await taskSeconds()) - task0;
    const run: Run = { withExtension, cpuS, taskS };
    if (withExtension && probe) {
      const loadedAt = (await page.evaluate(() => (window as unknown as { __loadedAt?: number }).__loadedAt)) ?? start;
      if (firstSeenAt) run.firstVerdictMs = firstSeenAt - loadedAt;
      const badges = await probe.badges();
      run.band = badges[0]?.band;
      if (badges[0]) {
        await probe.click(badges[0]);
        run.framesChecked = Number(((await probe.card())?.text ?? '').match(/(\d+) frames? checked/)?.[1] ?? 0);
      }
    }
    await page.close();
    return run;
  } finally {
    await close();
  }
}

const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  for (const withExtension of [false, true]) {
    console.log(`run ${i + 1}/${RUNS}, ${withExtension ? 'with' : 'without'} the extension: watching for ${SECONDS} s…`);
    const r = await watch(withExtension);
    console.log(
      `  browser CPU ${r.cpuS.toFixed(2)} s, page main-thread tasks ${r.taskS.toFixed(2)} s${r.firstVerdictMs !== undefined ? `, first verdict ${Math.round(r.firstVerdictMs)} ms, ${r.framesChecked} frames checked, final band ${r.band}` : ''}`,
    );
    runs.push(r);
  }
}
await site.close();

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const base = runs.filter((r) => !r.withExtension);
const ext = runs.filter((r) => r.withExtension);
const cpuBase = mean(base.map((r) => r.cpuS));
const cpuExt = mean(ext.map((r) => r.cpuS));
const taskBase = mean(base.map((r) => r.taskS));
const taskExt = mean(ext.map((r) => r.taskS));
const firsts = ext.map((r) => r.firstVerdictMs).filter((x): x is number => x !== undefined);
const summary = {
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
  seconds: SECONDS,
  flaggedAction: FLAGGED_ACTION,
  runs: RUNS,
  browserCpuSeconds: { without: cpuBase, with: cpuExt, overhead: cpuExt - cpuBase, ratio: cpuExt / cpuBase, overheadPercentOfOneCore: (100 * (cpuExt - cpuBase)) / SECONDS },
  pageTaskSeconds: { without: taskBase, with: taskExt, ratio: taskExt / taskBase },
  firstVerdictMs: { each: firsts.map(Math.round), mean: firsts.length ? Math.round(mean(firsts)) : null },
  framesChecked: ext.map((r) => r.framesChecked),
  runsRaw: runs,
};
writeFileSync(join(ROOT, 'out', 'bench-video.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`
One playing video (640×360, 30 fps), ${SECONDS} s, mean of ${RUNS} run(s), ${summary.machine}, flagged media: ${FLAGGED_ACTION}
  browser CPU, all processes   without ${cpuBase.toFixed(2)} s   with ${cpuExt.toFixed(2)} s   ratio ${(cpuExt / cpuBase).toFixed(2)}×   overhead ${(cpuExt - cpuBase).toFixed(2)} s (${summary.browserCpuSeconds.overheadPercentOfOneCore.toFixed(1)}% of one core)
  page main-thread tasks       without ${taskBase.toFixed(2)} s   with ${taskExt.toFixed(2)} s   ratio ${(taskExt / taskBase).toFixed(2)}×
  first verdict after the first frame: ${firsts.map((x) => `${Math.round(x)} ms`).join(', ') || 'none'}
  frames checked: ${summary.framesChecked.join(', ')}
(written to out/bench-video.json)`);
