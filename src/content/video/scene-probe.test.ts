import { describe, expect, it } from 'vitest';
import { SceneProbe } from './scene-probe';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('SceneProbe', () => {
  it('keeps one read in flight at most', async () => {
    const probe = new SceneProbe<number>();
    const d = deferred<number | undefined>();
    let reads = 0;
    const read = () => (reads++, d.promise);
    const start = () =>
      probe.run(
        read,
        () => true,
        () => true,
        () => {},
      );
    expect(start()).toBe(true);
    expect(start()).toBe(false);
    expect(reads).toBe(1);
    d.resolve(1);
    await flush();
    expect(start()).toBe(true);
  });

  it('reports a cut once, and calls back so the sampler decides at once', async () => {
    const probe = new SceneProbe<number>();
    let calls = 0;
    probe.run(
      async () => 40,
      (d) => d > 24,
      () => true,
      () => calls++,
    );
    expect(probe.takeCut()).toBe(false); // not resolved yet
    await flush();
    expect(calls).toBe(1);
    expect(probe.takeCut()).toBe(true);
    expect(probe.takeCut()).toBe(false);
  });

  it('no cut when the picture is the same scene', async () => {
    const probe = new SceneProbe<number>();
    let calls = 0;
    probe.run(
      async () => 3,
      (d) => d > 24,
      () => true,
      () => calls++,
    );
    await flush();
    expect(calls).toBe(0);
    expect(probe.takeCut()).toBe(false);
  });

  it('throws a stale answer away (paused, scrolled away, sampled or removed meanwhile)', async () => {
    const probe = new SceneProbe<number>();
    let still = true;
    let calls = 0;
    const d = deferred<number | undefined>();
    probe.run(
      () => d.promise,
      () => true,
      () => still,
      () => calls++,
    );
    still = false;
    d.resolve(99);
    await flush();
    expect(calls).toBe(0);
    expect(probe.takeCut()).toBe(false);
  });

  it('an unreadable frame (tainted, none yet) or a failed read is no cut, and frees the probe', async () => {
    const probe = new SceneProbe<number>();
    let calls = 0;
    probe.run(
      async () => undefined,
      () => true,
      () => true,
      () => calls++,
    );
    await flush();
    probe.run(
      () => Promise.reject(new DOMException('x', 'SecurityError')),
      () => true,
      () => true,
      () => calls++,
    );
    await flush();
    probe.run(
      () => {
        throw new Error('sync');
      },
      () => true,
      () => true,
      () => calls++,
    );
    await flush();
    expect(calls).toBe(0);
    expect(probe.takeCut()).toBe(false);
    expect(
      probe.run(
        async () => undefined,
        () => true,
        () => true,
        () => calls++,
      ),
    ).toBe(true); // free again
  });

  it('a cut is news for a short while only, and a new sample forgets it', async () => {
    let now = 0;
    const probe = new SceneProbe<number>(1000, () => now);
    probe.run(
      async () => 1,
      () => true,
      () => true,
      () => {},
    );
    await flush();
    now = 1500;
    expect(probe.takeCut()).toBe(false);
    probe.run(
      async () => 1,
      () => true,
      () => true,
      () => {},
    );
    await flush();
    probe.reset();
    expect(probe.takeCut()).toBe(false);
  });
});
