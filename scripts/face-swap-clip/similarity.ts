/**
 * A similarity transform (rotation, uniform scale, translation; no shear, no mirror) fitted by least
 * squares to point pairs: how a face swap lines one face's eyes, nose and mouth up with another's.
 */

export interface Point {
  x: number;
  y: number;
}

/** x' = a·x − b·y + tx, y' = b·x + a·y + ty (scale = √(a² + b²), angle = atan2(b, a)). */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

export function applySimilarity(t: Similarity, p: Point): Point {
  return { x: t.a * p.x - t.b * p.y + t.tx, y: t.b * p.x + t.a * p.y + t.ty };
}

export function invertSimilarity(t: Similarity): Similarity {
  const d = t.a * t.a + t.b * t.b;
  if (!(d > 0)) throw new Error('a degenerate similarity has no inverse');
  const a = t.a / d;
  const b = -t.b / d;
  return { a, b, tx: -(a * t.tx - b * t.ty), ty: -(b * t.tx + a * t.ty) };
}

/** The similarity that maps `from[i]` closest to `to[i]` (sum of squared distances); ≥ 2 distinct points. */
export function fitSimilarity(from: Point[], to: Point[]): Similarity {
  if (from.length !== to.length || from.length < 2) throw new Error('fitSimilarity: need two or more point pairs');
  const mean = (ps: Point[]) => ({ x: ps.reduce((s, p) => s + p.x, 0) / ps.length, y: ps.reduce((s, p) => s + p.y, 0) / ps.length });
  const mf = mean(from);
  const mt = mean(to);
  let norm = 0;
  let dot = 0;
  let cross = 0;
  for (let i = 0; i < from.length; i++) {
    const fx = from[i]!.x - mf.x;
    const fy = from[i]!.y - mf.y;
    const gx = to[i]!.x - mt.x;
    const gy = to[i]!.y - mt.y;
    norm += fx * fx + fy * fy;
    dot += fx * gx + fy * gy;
    cross += fx * gy - fy * gx;
  }
  if (!(norm > 0)) throw new Error('fitSimilarity: the points coincide');
  const a = dot / norm;
  const b = cross / norm;
  return { a, b, tx: mt.x - (a * mf.x - b * mf.y), ty: mt.y - (b * mf.x + a * mf.y) };
}
