/** Ranking metrics of the evaluation (same definitions as models/whole-image/train.py). */

/** ROC AUC by ranks (ties share their mean rank); null without both classes. */
export function auc(pos: number[], neg: number[]): number | null {
  if (!pos.length || !neg.length) return null;
  const all = [...pos.map((v) => [v, 1] as const), ...neg.map((v) => [v, 0] as const)].sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]![0] === all[i]![0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (all[k]![1] === 1) rankSumPos += r;
    i = j + 1;
  }
  return (rankSumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

/** numpy.quantile(method='higher'). */
function quantileHigher(v: number[], q: number): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.ceil(q * (s.length - 1))]!;
}

/** Share of positives above the negatives' (1 - fpr) quantile. */
export function tprAtFpr(pos: number[], neg: number[], fpr: number): number | null {
  if (!pos.length || !neg.length) return null;
  const t = quantileHigher(neg, 1 - fpr);
  return pos.filter((v) => v > t).length / pos.length;
}

/** Share of values at or above t; null for an empty list. */
export const rate = (v: number[], t: number) => (v.length ? v.filter((x) => x >= t).length / v.length : null);

/** Share of items that pass `f`; null for an empty list. */
export const share = <T>(items: T[], f: (x: T) => boolean) => (items.length ? items.filter(f).length / items.length : null);
