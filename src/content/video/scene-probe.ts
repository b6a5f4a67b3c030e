/**
 * The asynchronous scene probe of one video (issue 8): one read in flight at most; a cut it finds is
 * kept for the sampler's next decision only while `still()` holds and for `freshMs` (a cut seen
 * before a pause is not news when the video plays again). No DOM: tested on its own.
 */
export class SceneProbe<S = Uint8Array> {
  private inFlight = false;
  private cutAt: number | undefined;

  constructor(
    private readonly freshMs = 1000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Starts `read` unless one is in flight (false); a failed or empty read is no cut. */
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

  /** Whether a fresh cut was found since the last call. */
  takeCut(): boolean {
    const at = this.cutAt;
    this.cutAt = undefined;
    return at !== undefined && this.clock() - at <= this.freshMs;
  }

  /** The frame a cut was found against has been replaced. */
  reset() {
    this.cutAt = undefined;
  }
}
