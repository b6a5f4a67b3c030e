import { describe, expect, test } from 'vitest';
import { csvField, feedbackToJson, historyToCsv, historyToJson } from './history-export';
import type { FeedbackEntry, HistoryEntry } from './person-db';

const entry = (over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: 'p|h',
  at: Date.UTC(2026, 0, 2, 3, 4, 5),
  pageUrl: 'https://news.example/a?b=1,2',
  mediaUrl: 'https://cdn.example/x.png',
  kind: 'image',
  band: 'likely-synthetic',
  reasonKey: 'reasonModelStrong',
  signals: ['model:m: score (0.97)', 'metadata: info'],
  thumbnail: 'data:image/jpeg;base64,AAAA',
  contentHash: 'ab',
  phash: '0123456789abcdef',
  ...over,
});

describe('exports', () => {
  test('CSV: header, ISO dates, quoting, and no spreadsheet formulas from page text', () => {
    const text = historyToCsv([entry(), entry({ id: '2', pageUrl: '=HYPERLINK("http://evil")', signals: ['a "quoted"\nline'], feedback: 'wrong' })]);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('date,band,reason,pageUrl,postUrl,mediaUrl,signals,feedback,contentHash,phash');
    expect(lines[1]).toBe(
      '2026-01-02T03:04:05.000Z,likely-synthetic,reasonModelStrong,"https://news.example/a?b=1,2",,https://cdn.example/x.png,model:m: score (0.97); metadata: info,,ab,0123456789abcdef',
    );
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain('"a ""quoted""\nline"');
    expect(text).not.toContain('base64'); // thumbnails never go into CSV
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField(undefined)).toBe('');
  });

  test('JSON: images only when the person ticks the box', () => {
    const without = JSON.parse(historyToJson([entry()], { includeImages: false, now: 0 }));
    expect(without).toMatchObject({ format: 'deepfake-radar-export', kind: 'history', version: 1, exportedAt: '1970-01-01T00:00:00.000Z' });
    expect(without.items[0].thumbnail).toBeUndefined();
    expect(without.items[0].date).toBe('2026-01-02T03:04:05.000Z');
    expect(JSON.parse(historyToJson([entry()], { includeImages: true })).items[0].thumbnail).toMatch(/^data:image\/jpeg/);
    const fb: FeedbackEntry = { id: 'f', at: 0, verdict: 'wrong', band: 'likely-synthetic', reasonKey: 'r', signals: [], thumbnail: 'data:image/jpeg;base64,AA' };
    expect(JSON.parse(feedbackToJson([fb], { includeImages: false })).items[0]).not.toHaveProperty('thumbnail');
    expect(JSON.parse(feedbackToJson([fb], { includeImages: true })).items[0].thumbnail).toBe(fb.thumbnail);
  });
});
