// "Did you mean …?" for keys and names the user misspelt.

/** The candidate nearest to `word` (edit distance at most a third of its length), or null. */
export function closestName(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Edits to turn `a` into `b`: insert, delete, replace, or swap two neighbours ("nmae" → "name" is one). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** `did you mean "F-2026-014"?`: the one wording of every suggestion relance makes. */
export function didYouMean(near: string): string {
  return `did you mean ${JSON.stringify(near)}?`;
}

/** The hint for a mistyped word: the nearest candidate, else `otherwise`. */
export function suggestion(word: string, candidates: Iterable<string>, otherwise: string): string {
  const near = closestName(word, candidates);
  return near === null ? otherwise : didYouMean(near);
}
