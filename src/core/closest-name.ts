/**
 * Edit distance between two names: the fewest single-character insertions, deletions,
 * substitutions or swaps of two adjacent characters that turn one into the other (optimal string
 * alignment distance; Damerau 1964). Swaps count once because `pRepsond` for `pRespond` is the
 * typo people actually make.
 *
 * @param a - a name
 * @param b - another name
 * @returns the number of edits, 0 when equal
 * @example
 * editDistance("pRespond", "pRepsond") // => 1
 * editDistance("cDrug", "cDrugNew") // => 3
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  // Three rolling rows: the swap rule looks two rows back.
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[n]!;
}

/**
 * The known name closest to a misspelt one, for "did you mean …?" messages. A name that differs
 * only in letter case wins; otherwise the smallest {@link editDistance}, provided it is at most
 * about a third of the name's length (so that unrelated names are not suggested).
 *
 * @param name - the unknown name as written
 * @param known - the names that exist
 * @returns the suggestion, or `undefined` when nothing is close
 * @example
 * closestName("pRespnd", ["pRespond", "cDrug", "uWell"]) // => "pRespond"
 * closestName("xyz", ["pRespond", "cDrug"]) // => undefined
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    if (candidate.toLowerCase() === lower) return candidate;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor((name.length + 1) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/**
 * The sentence that follows "unknown name" in an error message: a suggestion when one is close,
 * otherwise the list of known names (up to ten).
 *
 * @param name - the unknown name as written
 * @param known - the names that exist
 * @returns e.g. `did you mean 'pRespond'?`
 * @example
 * didYouMean("pRespnd", ["pRespond", "cDrug"]) // => "did you mean 'pRespond'?"
 * didYouMean("zzzzzz", ["pRespond", "cDrug"]) // => "known names: 'pRespond', 'cDrug'"
 */
export function didYouMean(name: string, known: readonly string[]): string {
  const suggestion = closestName(name, known);
  if (suggestion !== undefined) return `did you mean '${suggestion}'?`;
  if (known.length === 0) return "no names are defined";
  const shown = known.slice(0, 10).map((k) => `'${k}'`).join(", ");
  return `known names: ${shown}${known.length > 10 ? `, … (${known.length} in all)` : ""}`;
}
