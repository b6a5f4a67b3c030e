/**
 * Robustness: byte detectors get truncated, bit-flipped and spliced files (self-made fixtures and,
 * when present, shared C2PA fixtures) and must always return a well-formed signal, never throw,
 * and keep working afterwards (a panic inside the C2PA WASM must not poison later reads).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteDetectors } from '../../src/detectors/index';
import type { Signal } from '../../src/shared/types';
import { PROVENANCE } from './helpers/shared-data';

const OUTCOMES = new Set(['declared-ai', 'score', 'info', 'invalid', 'none', 'not-applicable', 'error']);
const fixtures = ['params-inside.png', 'params-inside.jpg', 'params-appended-after-iend.png'].map((n) => new Uint8Array(readFileSync(new URL(`../fixtures/provenance/${n}`, import.meta.url))));
const c2paSample = path.join(PROVENANCE, 'c2pa-rs/CA.jpg');
if (existsSync(c2paSample)) fixtures.push(new Uint8Array(readFileSync(c2paSample)));

function wellFormed(s: Signal): void {
  expect(OUTCOMES.has(s.outcome)).toBe(true);
  expect(Array.isArray(s.evidence)).toBe(true);
  for (const e of s.evidence) expect(e).not.toMatch(/[\n\r]/);
  expect(typeof s.explanation).toBe('string');
}

const mutation = fc.record({
  which: fc.nat(),
  cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 })), { maxLength: 12 }),
  insert: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ maxLength: 64 }))),
});

interface Mutation {
  which: number;
  cut: number | null;
  flips: [number, number][];
  insert: [number, Uint8Array] | null;
}

function mutate(m: Mutation): Uint8Array {
  const base = fixtures[m.which % fixtures.length]!;
  let bytes = base.slice();
  for (const [at, x] of m.flips) {
    const i = Math.floor(at * (bytes.length - 1));
    bytes[i] = bytes[i]! ^ x;
  }
  if (m.insert) {
    const [at, extra] = m.insert;
    const i = Math.floor(at * bytes.length);
    bytes = Uint8Array.from([...bytes.subarray(0, i), ...extra, ...bytes.subarray(i)]);
  }
  if (m.cut !== null) bytes = bytes.subarray(0, Math.floor(m.cut * bytes.length));
  return bytes;
}

describe('byte detectors on damaged files', () => {
  it('always return a well-formed signal and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const bytes = mutate(m);
        for (const d of byteDetectors) wellFormed(await d.run({ bytes }));
      }),
      { numRuns: 150, seed: 20261121 },
    );
  }, 120_000);

  it('still read valid credentials after all that', async () => {
    if (!existsSync(c2paSample)) return;
    const s = await byteDetectors[0]!.run({ bytes: new Uint8Array(readFileSync(c2paSample)) });
    expect(s.outcome).toBe('info');
  });
});
