/**
 * Judges each video over time (issue 5): frames the page can read are captured when the sampling policy says, judged and
 * aggregated into one growing verdict (src/shared/video-aggregate.ts); otherwise the engine samples the file.
 */
import type { AnalyzeRequest, AnalyzeResponse } from '../../shared/protocol';
import type { Band, FrameEvidence, Sensitivity, Signal } from '../../shared/types';
import { aggregateVideo, type FrameInput } from '../../shared/video-aggregate';
import type { AnalysisQueue, AnalyzeFn } from '../analysis-queue';
import type { ContentContext } from '../context';
import { httpUrl } from '../sites/dom';
import { cardOf, type CardModel } from '../overlay/card';
import type { TimelineModel } from '../overlay/timeline';
import { captureVideoFrame, frameSignature, nextPresentedTime, signatureDistance } from './frame-capture';
import { SceneProbe } from './scene-probe';
import { FrameBudget, nextSample, VIDEO_BUDGET } from './sampling-policy';

/** Consecutive failed frames before a video is left alone. */
const MAX_FAILURES = 3;
/** Thumbnail distance (0–255) that counts as a new scene. */
const SCENE_CUT = 24;
const tabHidden = () => document.visibilityState === 'hidden';

interface Shared {
  ctx: ContentContext;
  budget: FrameBudget;
  queue: AnalysisQueue;
  /** Face tracks flag a face at the person's current thresholds. */
  sensitivity: () => Sensitivity;
}

class VideoSampler {
  private readonly frames: FrameInput[] = [];
  private readonly bands: Band[] = [];
  private readonly stop = new AbortController();
  private visible = false;
  private busy = false;
  private timer = 0;
  private lastSampleAt?: number;
  private pausedAt?: number;
  private failures = 0;
  private mode: 'frames' | 'engine' | 'done' = 'frames';
  private lastEngineMs?: number;
  /** 8×8 signature of the last sampled frame (scene changes). */
  private lastSignature?: Uint8Array;
  private readonly probe = new SceneProbe(VIDEO_BUDGET.sceneProbeMs);
  /** The file's own checks (C2PA, metadata), asked once for http(s) videos. */
  private fileSignals?: Signal[];
  private fileAsked = false;
  private posterAsked = false;
  /** The file's address when it is http(s) (what the engine may fetch). */
  private readonly fileUrl: string | undefined;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly shared: Shared,
    private readonly publish: (model: CardModel) => void,
    private readonly analyze: AnalyzeFn,
  ) {
    this.fileUrl = httpUrl(url);
    const on = (target: EventTarget, type: string, fn: () => void) => target.addEventListener(type, fn, { signal: this.stop.signal });
    const kick = () => this.schedule(0);
    on(video, 'loadeddata', kick);
    on(video, 'play', () => ((this.pausedAt = undefined), kick()));
    on(video, 'pause', () => void (this.pausedAt = performance.now()));
    on(video, 'seeked', kick);
    on(document, 'visibilitychange', kick);
    shared.ctx.signal.addEventListener('abort', () => this.dispose(), { once: true, signal: this.stop.signal });
    if (video.paused) this.pausedAt = performance.now();
  }

  setVisible(visible: boolean) {
    this.visible = visible;
    if (visible) this.schedule(0);
  }

  dispose() {
    this.stop.abort();
    clearTimeout(this.timer);
    this.mode = 'done';
  }

  private schedule(ms: number) {
    if (this.mode === 'done') return;
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.tick(), ms);
  }

  private tick() {
    if (this.mode === 'done' || !this.shared.ctx.isValid) return;
    const v = this.video;
    const now = performance.now();
    // Nothing loaded before play (preload="none"): the poster is what the person sees.
    if (!this.posterAsked && !this.frames.length && v.poster && v.readyState < HTMLMediaElement.HAVE_CURRENT_DATA && this.visible && !tabHidden()) {
      if (!this.shared.budget.take(now)) return this.schedule(this.shared.budget.msUntilNext(now));
      return void this.askPoster();
    }
    const decision = nextSample({
      framesTaken: this.frames.length + this.failures,
      lastSampleAt: this.lastSampleAt,
      now,
      visible: this.visible,
      tabHidden: tabHidden(),
      hasFrame: v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && v.videoWidth > 0,
      paused: v.paused,
      ended: v.ended,
      pausedForMs: v.paused && this.pausedAt !== undefined ? now - this.pausedAt : 0,
      currentTime: v.currentTime,
      sampledTimes: this.frames.map((f) => f.t),
      evidenceClear: this.bands.length >= VIDEO_BUDGET.settleAfterFrames && this.bands.slice(-VIDEO_BUDGET.settleAfterFrames).every((b) => b === this.bands.at(-1)),
      busy: this.busy,
      sceneChanged: this.probe.takeCut(),
    });
    if (decision.action === 'later') {
      this.probeScene(now);
      return this.schedule(decision.inMs);
    }
    if (decision.action === 'wait') return; // an event (play, seek, visibility) calls us again
    if (!this.shared.queue.hasRoom) return this.schedule(250);
    if (!this.shared.budget.take(now)) return this.schedule(this.shared.budget.msUntilNext(now));
    void this.sample();
  }

  /** Only while playing, visible and past the minimum gap; a cut found is dropped if the video was sampled, paused, hidden or dropped meanwhile. */
  private probeScene(now: number) {
    const v = this.video;
    const base = this.lastSignature;
    if (!base || this.busy || v.paused || !this.visible || tabHidden()) return;
    if (now - (this.lastSampleAt ?? 0) < VIDEO_BUDGET.sceneMinGapMs) return;
    // A cut could not be sampled now (budget spent, slots full); the next probe still sees it.
    if (!this.shared.queue.hasRoom || this.shared.budget.msUntilNext(now) > 0) return;
    const still = () => this.mode === 'frames' && !this.busy && v.isConnected && !v.paused && this.visible && !tabHidden() && this.lastSignature === base;
    this.probe.run(
      () => frameSignature(v),
      (sig) => signatureDistance(sig, base) > SCENE_CUT,
      still,
      () => this.schedule(0),
    );
  }

  /** Undefined when this video was dropped meanwhile. */
  private ask(req: AnalyzeRequest, frame = false): Promise<AnalyzeResponse | undefined> {
    return this.shared.queue.run(() => this.analyze(req), this.stop.signal, frame);
  }

  private async sample() {
    this.busy = true;
    try {
      const t = await nextPresentedTime(this.video);
      const frame = await captureVideoFrame(this.video);
      this.lastSampleAt = performance.now();
      this.probe.reset();
      if (frame.ok) this.lastSignature = await frameSignature(this.video);
      if (this.stop.signal.aborted) return;
      if (!frame.ok) {
        if (frame.reason === 'tainted') await this.askEngine();
        return;
      }
      const res = await this.ask({ kind: 'video', source: { type: 'frame', base64: frame.base64, mime: 'image/png', url: this.fileUrl } }, true);
      if (!res || this.stop.signal.aborted) return;
      if (!res.ok) {
        if (++this.failures >= MAX_FAILURES) {
          this.mode = 'done';
          if (!this.frames.length) this.publish(cardOf(res, this.url));
        }
        return;
      }
      this.failures = 0;
      this.lastEngineMs = res.verdict.engineMs;
      this.frames.push({ t, band: res.verdict.band, signals: res.verdict.signals });
      this.publishFrames();
      void this.askFile();
    } finally {
      this.busy = false;
      this.schedule(0);
    }
  }

  private publishFrames() {
    const v = this.video;
    // An autoplaying video that has not started yet will give more frames too.
    const moreFramesExpected = !v.ended && (!v.paused || v.autoplay) && this.frames.length < VIDEO_BUDGET.maxFramesPerVideo;
    const agg = aggregateVideo(this.frames, { moreFramesExpected, byteSignals: this.fileSignals, sensitivity: this.shared.sensitivity() });
    this.bands.push(agg.band);
    this.publish({ band: agg.band, reasonKey: agg.reasonKey, signals: agg.signals, mediaUrl: this.fileUrl, engineMs: this.lastEngineMs, timeline: this.timeline(agg.frames, Date.now()) });
  }

  /** The poster stands for the video until it has frames (a frame at 0:00 on the timeline). */
  private async askPoster() {
    this.posterAsked = true;
    const url = httpUrl(this.video.poster);
    if (!url) return;
    this.busy = true;
    try {
      const res = await this.ask({ kind: 'image', source: { type: 'url', url } });
      if (this.stop.signal.aborted || !res?.ok || this.frames.length) return;
      this.frames.push({ t: 0, band: res.verdict.band, signals: res.verdict.signals });
      this.publishFrames();
    } finally {
      this.busy = false;
      this.schedule(0);
    }
  }

  /** After the first verdict: the file's own checks, which frames cannot show. */
  private async askFile() {
    if (this.fileAsked || !this.fileUrl) return;
    this.fileAsked = true;
    const res = await this.ask({ kind: 'video', source: { type: 'url', url: this.fileUrl }, bytesOnly: true });
    if (this.stop.signal.aborted || !res?.ok) return;
    this.fileSignals = res.verdict.signals.filter((s) => s.outcome !== 'error');
    if (this.frames.length) this.publishFrames();
  }

  /** The page cannot read this video's frames: the engine samples the file it may fetch. */
  private async askEngine() {
    const url = this.fileUrl;
    this.mode = 'engine';
    if (!url) return void (this.mode = 'done');
    const res = await this.ask({ kind: 'video', source: { type: 'url', url } });
    if (!res || this.stop.signal.aborted) return;
    this.mode = 'done';
    this.publish(cardOf(res, url, res.ok && res.verdict.frames?.length ? this.timeline(res.verdict.frames, res.verdict.analysedAt) : undefined));
  }

  /** Its marks seek the video, unless the file cannot seek (a server without range requests). */
  private timeline(frames: FrameEvidence[], checkedAt: number): TimelineModel {
    const v = this.video;
    const seekable = v.seekable.length > 0 && v.seekable.end(v.seekable.length - 1) > 0;
    const seek = (t: number) => void (v.isConnected && (v.currentTime = Math.max(0, t)));
    return { frames, duration: Number.isFinite(v.duration) ? v.duration : undefined, checkedAt, seek: seekable ? seek : undefined };
  }
}

/** All sampled videos of a page, sharing one page-wide budget and the page's queue. */
export class VideoSamplers {
  private readonly samplers = new Map<HTMLVideoElement, VideoSampler>();
  private readonly shared: Shared;

  constructor(ctx: ContentContext, queue: AnalysisQueue, sensitivity: () => Sensitivity = () => 'balanced') {
    this.shared = { ctx, budget: new FrameBudget(VIDEO_BUDGET.pageFramesPerMinute, VIDEO_BUDGET.pageBurst, performance.now()), queue, sensitivity };
  }

  /** `publish` receives each updated verdict. */
  observe(video: HTMLVideoElement, url: string, visible: boolean, publish: (model: CardModel) => void, analyze: AnalyzeFn) {
    this.forget(video);
    const sampler = new VideoSampler(video, url, this.shared, publish, analyze);
    this.samplers.set(video, sampler);
    sampler.setVisible(visible);
  }

  setVisible(video: HTMLVideoElement, visible: boolean) {
    this.samplers.get(video)?.setVisible(visible);
  }

  forget(video: Element) {
    this.samplers.get(video as HTMLVideoElement)?.dispose();
    this.samplers.delete(video as HTMLVideoElement);
  }

  clear() {
    for (const s of this.samplers.values()) s.dispose();
    this.samplers.clear();
  }
}
