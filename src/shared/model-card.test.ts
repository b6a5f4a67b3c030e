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
    expect(parseModelCard(c)).toEqual({ errors: ['detector missing'] });
    const bad = detector();
    bad.detector.anchors.perCell = [2];
    bad.detector.minScore = 2;
    bad.detector.maxFaces = 0;
    bad.detector.cropScale = 9;
    bad.detector.boxes = '';
    const errors = (parseModelCard(bad) as { errors: string[] }).errors.join('|');
    for (const m of ['detector.anchors: strides and perCell', 'detector.minScore', 'detector.maxFaces', 'detector.cropScale', 'detector.boxes']) expect(errors).toContain(m);
  });
  it('requires a square detector input and rejects unknown tasks', () => {
    const c = detector();
    c.input.height = 128;
    expect((parseModelCard(c) as { errors: string[] }).errors).toContain("input: a face detector's input must be square");
    expect((parseModelCard({ ...detector(), task: 'faces' }) as { errors: string[] }).errors).toEqual(['task: must be whole-image, face, closer-look or face-detector']);
  });
  it('still requires output and thresholds for scoring models', () => {
    const c = { ...detector(), task: 'face' };
    const errors = (parseModelCard(c) as { errors: string[] }).errors.join('|');
    expect(errors).toContain('output missing');
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
    expect((parseModelCard(c) as { errors: string[] }).errors).toEqual(['content: drawn labels must be among its labels']);
    const d = whole();
    d.content.name = d.output.name;
    expect((parseModelCard(d) as { errors: string[] }).errors).toEqual(["content: needs a name of its own, not the main output's"]);
  });
});

describe('model card: bounds of the schema', () => {
  const whole = () => JSON.parse(readFileSync('models/whole-image/model.json', 'utf8'));
  it('keeps every field it knows as written', () => {
    const raw = whole();
    const parsed = parseModelCard(structuredClone(raw));
    // `fitted` (when and on what the parameters were fitted) is for people reading the file.
    delete raw.joint.fitted;
    delete raw.contentGate.fitted;
    expect('card' in parsed && parsed.card).toEqual(raw);
  });
  it.each<[string, (c: ReturnType<typeof whole>) => void, string]>([
    ['id not kebab-case', (c) => (c.id = 'My Model'), 'id: id must be kebab-case'],
    ['sha256 not hex', (c) => (c.sha256 = 'x'.repeat(64)), 'sha256: sha256 must be 64 hex digits'],
    ['input too small', (c) => (c.input.width = 4), 'input.width'],
    ['input too large', (c) => (c.input.height = 2048), 'input.height'],
    ['std of zero', (c) => (c.input.std = [1, 0, 1]), 'input.std: std must not be 0'],
    ['mean not three numbers', (c) => (c.input.mean = [0, 0]), 'input.mean'],
    ['scale other than 1 or 255', (c) => (c.input.scale = 2), 'input.scale'],
    ['threshold above 1', (c) => (c.thresholds.likely.balanced = 1.5), 'thresholds.likely.balanced'],
    ['uncertain above likely', (c) => (c.thresholds.uncertain.aggressive = 0.999), 'thresholds: uncertain must be <= likely'],
    ['softmax without its label', (c) => (c.output = { ...c.output, kind: 'softmax', labels: ['real'] }), 'output: softmax output needs labels including synthetic'],
    ['content gate share of 0', (c) => (c.contentGate.flat = 0), 'contentGate.flat'],
    ['joint without the face side', (c) => delete c.joint.thresholds.face, 'joint.thresholds.face missing'],
    ['training data not text', (c) => (c.trainingData = [3]), 'trainingData.0'],
  ])('refuses %s', (_, change, problem) => {
    const c = whole();
    change(c);
    expect((parseModelCard(c) as { errors?: string[] }).errors?.join('|')).toContain(problem);
  });
});
