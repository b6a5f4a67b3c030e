/**
 * The asynchronous scene probe of one video (issue 8): at most one read in flight, and a cut it
 * finds is kept for the sampler's next decision only while the circumstances it was read in still
 * hold (the caller's `still`) and for a short while after (a cut seen before a pause is not news
 * when the video plays again). Pure of the DOM, so it is tested on its own.
 */
export class SceneProbe<S = Uint8Array> {
  private inFlight = false;
  private cutAt: number | undefined;

  constructor(
    /** How long a cut stays news, ms. */
    private readonly freshMs = 1000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * Starts `read` unless one is already in flight (then returns false). When it resolves with a
   * signature that `isCut` calls a cut and `still()` holds, the cut is kept and `onCut` is called.
   * A failed or empty read (no frame, tainted) is no cut.
   */
  run(read: () => Promise<S | undefined>, isCut: (sig: S) => boolean, still: () => boolean, onCut: () => void): boolean {
    if (this.inFlight) return false;
    this.inFlight = true;
    const done = (sig: S | undefined) => {
      this.inFlight = false;
      if (sig === undefined || !still() || !isCut(sig)) return;
      this.cutAt = this.clock();
      onCut();
    };
    let started: Promise<S | undefined>;
    try {
      started = read();
    } catch {
      started = Promise.resolve(undefined);
    }
    started.then(done, () => done(undefined));
    return true;
  }

  /** Whether a fresh cut was found since the last call (each cut is taken once). */
  takeCut(): boolean {
    const at = this.cutAt;
    this.cutAt = undefined;
    return at !== undefined && this.clock() - at <= this.freshMs;
  }

  /** Forgets a cut found earlier (the frame it was compared with has been replaced). */
  reset() {
    this.cutAt = undefined;
  }
}
