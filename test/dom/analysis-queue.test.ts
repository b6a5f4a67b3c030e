// @vitest-environment happy-dom
/**
 * src/content/analysis-queue.ts in a DOM (happy-dom): the page's one queue to the engine holds at
 * most MAX_IN_FLIGHT requests at once, starts nothing while the tab is hidden, asks an unreachable
 * engine again after 1, 2 and 4 s and then gives up, and drops a request whose signal aborted.
 * A video's requests (video/video-sampler.ts) wait in it like pictures do, its frames ahead of waiting pictures.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyzeResponse } from '../../src/shared/protocol';

vi.mock('../../src/shared/browser', () => ({ default: { runtime: { id: 'test' } } }));
// happy-dom draws no video: a capture gives a fixed frame.
vi.mock('../../src/content/video/frame-capture', () => ({
  captureVideoFrame: async () => ({ ok: true, base64: 'AAAA' }),
  nextPresentedTime: async (v: HTMLVideoElement) => v.currentTime,
  frameSignature: async () => new Uint8Array(64),
  signatureDistance: () => 0,
}));

const { ContentContext } = await import('../../src/content/context');
const { AnalysisQueue, ENGINE_RETRIES, MAX_IN_FLIGHT } = await import('../../src/content/analysis-queue');
const { VideoSamplers } = await import('../../src/content/video/video-sampler');

const answer: AnalyzeResponse = { ok: true, verdict: { band: 'no-evidence', reasonKey: 'reasonNothingFound', signals: [], media: { kind: 'image' }, analysedAt: 0 } };

/** A job that stays in flight until `finish` is called. */
function held() {
  let finish!: (res: AnalyzeResponse) => void;
  const job = vi.fn(() => new Promise<AnalyzeResponse>((r) => (finish = r)));
  return { job, finish: (res: AnalyzeResponse = answer) => finish(res) };
}

// happy-dom's HTMLMediaElement lacks the readyState constants the sampler compares with.
for (const [name, value] of Object.entries({ HAVE_METADATA: 1, HAVE_CURRENT_DATA: 2 })) if (!(name in HTMLMediaElement)) Object.defineProperty(HTMLMediaElement, name, { value });

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

let ctx: InstanceType<typeof ContentContext>;
let hidden = false;
beforeEach(() => {
  hidden = false;
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => (hidden ? 'hidden' : 'visible'));
  ctx = new ContentContext();
});
afterEach(() => {
  ctx.abort();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('analysis queue', () => {
  it(`runs at most ${MAX_IN_FLIGHT} requests at once, the next one when a slot frees`, async () => {
    const queue = new AnalysisQueue(ctx);
    const jobs = Array.from({ length: MAX_IN_FLIGHT + 2 }, held);
    const answers = jobs.map((j) => queue.run(j.job));
    await settle();
    expect(jobs.map((j) => j.job.mock.calls.length)).toEqual([1, 1, 1, 0, 0]);
    jobs[1]!.finish();
    await settle();
    expect(jobs.map((j) => j.job.mock.calls.length)).toEqual([1, 1, 1, 1, 0]);
    await expect(answers[1]).resolves.toEqual(answer);
    for (const i of [0, 2, 3]) jobs[i]!.finish();
    await settle();
    expect(jobs[4]!.job).toHaveBeenCalledTimes(1);
    jobs[4]!.finish();
    await Promise.all(answers);
    expect(queue.hasRoom).toBe(true);
  });

  it('starts nothing while the tab is hidden, and catches up when it is shown', async () => {
    hidden = true;
    const queue = new AnalysisQueue(ctx);
    const { job, finish } = held();
    const answered = queue.run(job);
    await settle();
    expect(job).not.toHaveBeenCalled();
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(job).toHaveBeenCalledTimes(1);
    finish();
    await expect(answered).resolves.toEqual(answer);
  });

  it(`asks an unreachable engine again after 1, 2 and 4 s (${ENGINE_RETRIES} times), then gives its answer`, async () => {
    vi.useFakeTimers();
    const queue = new AnalysisQueue(ctx);
    const job = vi.fn(async (): Promise<AnalyzeResponse> => ({ ok: false, error: 'engine-unavailable' }));
    const answered = queue.run(job);
    await vi.advanceTimersByTimeAsync(0);
    expect(job).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(job).toHaveBeenCalledTimes(1); // the slot is free meanwhile: nothing waits behind a dead engine
    expect(queue.hasRoom).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(job).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000 + 4000);
    expect(job).toHaveBeenCalledTimes(1 + ENGINE_RETRIES);
    await expect(answered).resolves.toEqual({ ok: false, error: 'engine-unavailable' });
  });

  it('does not ask again after other failures, and a throwing request counts as an unreachable engine', async () => {
    const queue = new AnalysisQueue(ctx);
    const failing = vi.fn(async (): Promise<AnalyzeResponse> => ({ ok: false, error: 'decode-failed' }));
    await expect(queue.run(failing)).resolves.toEqual({ ok: false, error: 'decode-failed' });
    expect(failing).toHaveBeenCalledTimes(1);
    vi.useFakeTimers();
    let calls = 0;
    const answered = queue.run(async () => {
      if (++calls === 1) throw new Error('Extension context invalidated');
      return answer;
    });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(answered).resolves.toEqual(answer);
  });

  it('asks again after an unanswered request (the worker died mid-request), and one that never gets an answer ends as a failure, not "aborted"', async () => {
    const queue = new AnalysisQueue(ctx);
    vi.useFakeTimers();
    let calls = 0;
    const unanswered = () => Promise.reject(new Error('no answer to media:analyze')); // what messaging.send gives when the worker died
    const recovered = queue.run(async () => (++calls === 1 ? unanswered() : answer));
    await vi.advanceTimersByTimeAsync(1000);
    await expect(recovered).resolves.toEqual(answer);
    const job = vi.fn(unanswered);
    const never = queue.run(job);
    await vi.advanceTimersByTimeAsync(8000);
    await expect(never).resolves.toEqual({ ok: false, error: 'engine-unavailable' });
    expect(job).toHaveBeenCalledTimes(1 + ENGINE_RETRIES);
    expect(queue.hasRoom).toBe(true);
  });

  it('drops a waiting request whose signal aborts (its slot goes to the next), and everything with the context', async () => {
    const queue = new AnalysisQueue(ctx);
    const running = Array.from({ length: MAX_IN_FLIGHT }, held);
    for (const j of running) void queue.run(j.job);
    const dropped = held();
    const cancel = new AbortController();
    const droppedAnswer = queue.run(dropped.job, cancel.signal);
    const next = held();
    const nextAnswer = queue.run(next.job);
    cancel.abort();
    await expect(droppedAnswer).resolves.toBeUndefined();
    running[0]!.finish();
    await settle();
    expect(dropped.job).not.toHaveBeenCalled();
    expect(next.job).toHaveBeenCalledTimes(1);
    const late = held();
    const lateAnswer = queue.run(late.job);
    ctx.abort();
    await expect(lateAnswer).resolves.toBeUndefined();
    await expect(queue.run(late.job)).resolves.toBeUndefined();
    expect(late.job).not.toHaveBeenCalled();
    next.finish();
    await expect(nextAnswer).resolves.toEqual(answer);
  });

  it("puts a video's requests in the same queue as pictures", async () => {
    const queue = new AnalysisQueue(ctx);
    const pictures = Array.from({ length: MAX_IN_FLIGHT }, held);
    for (const p of pictures) void queue.run(p.job);
    const video = document.createElement('video');
    video.poster = 'https://cdn.example/poster.jpg'; // nothing loaded yet: the poster is asked first
    const asked: unknown[] = [];
    const published: string[] = [];
    new VideoSamplers(ctx, queue).observe(
      video,
      'https://cdn.example/clip.mp4',
      true,
      (m) => published.push(m.band),
      async (req) => (asked.push(req), answer),
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([]); // every slot is held by a picture
    pictures[0]!.finish();
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([{ kind: 'image', source: { type: 'url', url: 'https://cdn.example/poster.jpg' } }]);
    expect(published).toEqual(['no-evidence']);
  });

  it("starts a playing video's frame at the next free slot, ahead of waiting pictures (an endless feed of pictures cannot starve it)", async () => {
    const queue = new AnalysisQueue(ctx);
    const started: string[] = [];
    const pictures = Array.from({ length: MAX_IN_FLIGHT + 2 }, held);
    pictures.forEach((p, i) => void queue.run(() => (started.push(`picture ${i}`), p.job())));
    await settle();
    expect(queue.hasRoom).toBe(true); // every slot held and pictures waiting, yet a frame asked now would be next
    const video = document.createElement('video');
    for (const [name, value] of Object.entries({ readyState: 4, videoWidth: 640, paused: false })) Object.defineProperty(video, name, { value });
    new VideoSamplers(ctx, queue).observe(
      video,
      'https://cdn.example/clip.mp4',
      true,
      () => {},
      async (req) => (started.push(req.source.type), answer),
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['picture 0', 'picture 1', 'picture 2']);
    expect(queue.hasRoom).toBe(false); // a frame already waits: a second one would go stale behind it
    pictures[0]!.finish();
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['picture 0', 'picture 1', 'picture 2', 'frame', 'picture 3']);
  });
});
