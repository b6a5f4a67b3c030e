import { describe, expect, test } from 'vitest';
import { spreadIndices, spreadTimes } from './video-frames';

describe('where the engine samples a file', () => {
  test('times: the middle of n equal slices of what is decodable', () => {
    expect(spreadTimes(8, 8)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]);
    expect(spreadTimes(0, 8)).toEqual([0]);
    expect(spreadTimes(Number.NaN, 8)).toEqual([0]);
    expect(spreadTimes(10, 1)).toEqual([0]);
  });

  test('animated images: every frame when few, evenly spread when many', () => {
    expect(spreadIndices(3, 8)).toEqual([0, 1, 2]);
    expect(spreadIndices(16, 8)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    const many = spreadIndices(1000, 8);
    expect(many).toHaveLength(8);
    expect(new Set(many).size).toBe(8);
    expect(Math.max(...many)).toBeLessThan(1000);
  });
});
