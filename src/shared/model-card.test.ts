import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelCard } from './model-card';

const detector = () => JSON.parse(readFileSync('models/face-detector/model.json', 'utf8'));

describe('model card: face-detector task', () => {
  it('accepts the shipped BlazeFace card (no output/thresholds needed)', () => {
    const parsed = parseModelCard(detector());
    expect('card' in parsed && parsed.card.detector?.anchors.strides).toEqual([16, 32]);
  });
  it('accepts the shipped face classifier card', () => {
    const parsed = parseModelCard(JSON.parse(readFileSync('models/face/model.json', 'utf8')));
    expect('errors' in parsed ? parsed.errors : parsed.card.task).toBe('face');
  });
  it('requires a valid detector block', () => {
    const c = detector();
    delete c.detector;
    expect(parseModelCard(c)).toEqual({ errors: ['face-detector needs detector'] });
    const bad = detector();
    bad.detector.anchors.perCell = [2];
    bad.detector.minScore = 2;
    bad.detector.maxFaces = 0;
    bad.detector.cropScale = 9;
    bad.detector.boxes = '';
    const errors = (parseModelCard(bad) as { errors: string[] }).errors.join('|');
    for (const m of ['anchors', 'minScore', 'maxFaces', 'cropScale', 'scores/boxes']) expect(errors).toContain(m);
  });
  it('requires a square detector input and rejects unknown tasks', () => {
    const c = detector();
    c.input.height = 128;
    expect((parseModelCard(c) as { errors: string[] }).errors).toContain('face-detector input must be square');
    expect((parseModelCard({ ...detector(), task: 'faces' }) as { errors: string[] }).errors[0]).toMatch(/task must be/);
  });
  it('still requires output and thresholds for scoring models', () => {
    const c = { ...detector(), task: 'face' };
    const errors = (parseModelCard(c) as { errors: string[] }).errors.join('|');
    expect(errors).toContain('output invalid');
    expect(errors).toContain('thresholds');
  });
});

describe('model card: content output', () => {
  const whole = () => JSON.parse(readFileSync('models/whole-image/model.json', 'utf8'));
  it('accepts the shipped whole-image card with its content output', () => {
    const parsed = parseModelCard(whole());
    expect('card' in parsed && parsed.card.content?.drawn).toEqual(['Drawing', 'Hentai']);
  });
  it('rejects drawn labels that are not labels, or a content output named like the score', () => {
    const c = whole();
    c.content.drawn = ['Cartoon'];
    expect((parseModelCard(c) as { errors: string[] }).errors[0]).toMatch(/content needs/);
    const d = whole();
    d.content.name = d.output.name;
    expect((parseModelCard(d) as { errors: string[] }).errors[0]).toMatch(/content needs/);
  });
});
