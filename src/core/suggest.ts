/**
 * "Did you mean" suggestions: optimal-string-alignment distance (Damerau–Levenshtein with adjacent
 * transpositions), accepting candidates within a budget that grows with the length of the name.
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** The closest candidate, or undefined when nothing is close enough to be a plausible typo. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const cl = candidate.toLowerCase();
    if (cl === lower) return candidate;
    const budget = Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3));
    const d = editDistance(lower, cl);
    if (d <= budget && (d < bestScore || (d === bestScore && best !== undefined && candidate < best))) {
      best = candidate;
      bestScore = d;
    }
  }
  return best;
}
