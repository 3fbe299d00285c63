import { fail } from "../../core/errors.js";

/**
 * EVPI from a net-benefit matrix alone, E[max_s NB_s] − max_s E[NB_s] (Claxton 1999; voi's
 * `evpi(outputs)` for a matrix of net benefits): for PSA outputs exported as net benefit at one
 * willingness to pay, without costs and effects. The mean forgone net benefit of the strategy that
 * is best on expectation, so never negative.
 *
 * @param netBenefit - net benefit per draw of each strategy, by name or as a list; all of one length ≥ 1
 * @returns EVPI per person, in the net benefit's unit
 * @throws QalyError `invalid_argument` for no strategy, no draws, a non-finite value; `dimension_mismatch` for unequal lengths
 * @example
 * evpiFromNetBenefit({ A: [0, 0], B: [10, -4] }) // => 2
 * evpiFromNetBenefit([[1, 2, 3]]) // => 0
 */
export function evpiFromNetBenefit(netBenefit: Readonly<Record<string, ArrayLike<number>>> | readonly ArrayLike<number>[]): number {
  const entries: [string | number, ArrayLike<number>][] = Array.isArray(netBenefit) ? netBenefit.map((v, i) => [i, v]) : Object.entries(netBenefit);
  if (entries.length === 0) fail("invalid_argument", ["netBenefit"], "give the net benefit of at least one strategy");
  const n = entries[0]![1].length;
  if (!(n >= 1)) fail("invalid_argument", ["netBenefit", entries[0]![0]], "give at least one draw");
  const means = entries.map(([key, values]) => {
    if (values.length !== n) fail("dimension_mismatch", ["netBenefit", key], `every strategy needs ${n} draws (received ${values.length})`, { received: values.length });
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) fail("invalid_argument", ["netBenefit", key, i], `net benefit must be a finite number (received ${v})`, { received: v });
      sum += v;
    }
    return sum / n;
  });
  const best = means.indexOf(Math.max(...means));
  // The mean shortfall of the expected-best strategy: each term ≥ 0, so the sum is too.
  let forgone = 0;
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    for (const [, values] of entries) top = Math.max(top, values[i]!);
    forgone += top - entries[best]![1][i]!;
  }
  return forgone / n;
}
