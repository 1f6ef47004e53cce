/**
 * Unrestricted Damerau–Levenshtein distance (insertions, deletions, substitutions and transpositions
 * of adjacent characters, where a transposed pair may also be edited in between), over UTF-16 units.
 */
export function editDistance(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  const inf = la + lb;
  const width = lb + 2;
  const d = new Array<number>((la + 2) * width).fill(0);
  const at = (i: number, j: number) => i * width + j;
  d[at(0, 0)] = inf;
  for (let i = 0; i <= la; i++) {
    d[at(i + 1, 0)] = inf;
    d[at(i + 1, 1)] = i;
  }
  for (let j = 0; j <= lb; j++) {
    d[at(0, j + 1)] = inf;
    d[at(1, j + 1)] = j;
  }
  // Last row in which each character of `a` was seen.
  const lastRow = new Map<string, number>();
  for (let i = 1; i <= la; i++) {
    let lastMatchCol = 0;
    const ca = a[i - 1]!;
    for (let j = 1; j <= lb; j++) {
      const cb = b[j - 1]!;
      const i1 = lastRow.get(cb) ?? 0;
      const j1 = lastMatchCol;
      const cost = ca === cb ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      d[at(i + 1, j + 1)] = Math.min(
        d[at(i, j)]! + cost,
        d[at(i + 1, j)]! + 1,
        d[at(i, j + 1)]! + 1,
        d[at(i1, j1)]! + (i - i1 - 1) + 1 + (j - j1 - 1),
      );
    }
    lastRow.set(ca, i);
  }
  return d[at(la + 1, lb + 1)]!;
}

export interface DidYouMeanOptions {
  /** Largest distance still suggested; default a third of the name's length, at least 1. */
  maxDistance?: number;
}

/**
 * The candidate closest to `name`, or `undefined` when none is close enough. Distance is measured
 * case-insensitively (a case-only difference costs nothing); ties go to the candidate closer in
 * exact case, then to the first in code-unit order, so the answer never depends on input order.
 */
export function didYouMean(
  name: string,
  candidates: Iterable<string>,
  opts: DidYouMeanOptions = {},
): string | undefined {
  const max = opts.maxDistance ?? Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: { candidate: string; distance: number; exact: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (Math.abs(candidate.length - name.length) > max) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance > max) continue;
    const exact = distance === 0 ? editDistance(name, candidate) : distance;
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance &&
        (exact < best.exact || (exact === best.exact && candidate < best.candidate)))
    ) {
      best = { candidate, distance, exact };
    }
  }
  return best?.candidate;
}
