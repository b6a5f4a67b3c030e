/** The page's one way to the engine: a few slots, none while the tab is hidden; an engine that went away mid-request (issue 9) is asked again after 1, 2, 4 s. */
import type { AnalyzeRequest, AnalyzeResponse } from '../shared/protocol';
import type { ContentContext } from './context';

export const MAX_IN_FLIGHT = 3;
export const ENGINE_RETRIES = 3;
const RETRY_BASE_MS = 500;

export type AnalyzeFn = (req: AnalyzeRequest) => Promise<AnalyzeResponse>;
type Job = () => Promise<AnalyzeResponse>;

export class AnalysisQueue {
  private inFlight = 0;
  private readonly waiting: { job: Job; frame: boolean; done: (res: AnalyzeResponse | undefined) => void }[] = [];

  constructor(private readonly ctx: ContentContext) {
    ctx.on(document, 'visibilitychange', () => this.pump());
    ctx.signal.addEventListener('abort', () => this.waiting.splice(0).forEach((w) => void w.done(undefined)), { once: true });
  }

  /** Whether a frame asked now would start at once or at the next free slot (a video frame is captured only then, not to wait stale). */
  get hasRoom(): boolean {
    return !this.waiting[0]?.frame && document.visibilityState !== 'hidden';
  }

  /** The answer, or undefined when `signal` (or the context) aborted first. A video `frame` waits ahead of pictures: it goes stale, they do not (a feed of pictures would starve it). */
  async run(job: Job, signal?: AbortSignal, frame = false): Promise<AnalyzeResponse | undefined> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.slot(job, frame, signal);
      if (!res || res.ok || res.error !== 'engine-unavailable' || attempt > ENGINE_RETRIES) return res;
      await new Promise((r) => setTimeout(r, RETRY_BASE_MS * 2 ** attempt));
    }
  }

  private slot(job: Job, frame: boolean, signal?: AbortSignal): Promise<AnalyzeResponse | undefined> {
    return new Promise((resolve) => {
      if (signal?.aborted || this.ctx.signal.aborted) return resolve(undefined);
      const drop = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        resolve(undefined);
      };
      const entry = { job, frame, done: (res: AnalyzeResponse | undefined) => (signal?.removeEventListener('abort', drop), resolve(res)) };
      signal?.addEventListener('abort', drop, { once: true });
      const ahead = frame ? this.waiting.findIndex((w) => !w.frame) : -1;
      this.waiting.splice(ahead < 0 ? this.waiting.length : ahead, 0, entry);
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length && document.visibilityState !== 'hidden') {
      const { job, done } = this.waiting.shift()!;
      this.inFlight++;
      // A message that throws (extension reloaded, worker died, no answer: see messaging.send) is an unreachable engine:
      // asked again a bounded number of times, then a failure, never "aborted", which the scanner would ask again without end.
      void job()
        .catch((): AnalyzeResponse => ({ ok: false, error: 'engine-unavailable' }))
        .then(done)
        .finally(() => (this.inFlight--, this.pump()));
    }
  }
}
