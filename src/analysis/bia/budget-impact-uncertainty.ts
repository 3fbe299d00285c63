import { quantileSorted } from "d3-array";
import { fail } from "../../core/errors.js";
import type { PsaResult } from "../psa/psa-result.js";
import type { BudgetImpactDefinition } from "./budget-impact-definition.js";
import { budgetImpactFromOutcomes } from "./model-budget-impact.js";

/** Mean and 95 % interval (2.5 % and 97.5 % quantiles, R type 7) of a quantity over PSA draws, per year. */
export interface BudgetImpactInterval {
  readonly mean: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** Result of {@link budgetImpactUncertainty}. */
export interface BudgetImpactUncertainty {
  /** Number of PSA draws. */
  readonly draws: number;
  /** Calendar years 1 … horizon. */
  readonly years: readonly number[];
  /** Net budget impact per year. */
  readonly net: BudgetImpactInterval;
  /** Cumulative net budget impact. */
  readonly cumulative: BudgetImpactInterval;
  /** Net impact per year of each category. */
  readonly byCategory: Readonly<Record<string, BudgetImpactInterval>>;
}

/**
 * Budget impact under uncertainty: the budget-impact analysis repeated on every PSA draw (the
 * model's cost by year of that draw, and the funnel and shares evaluated at that draw's parameter
 * values), summarised per year by the mean and the 2.5 % and 97.5 % quantiles. Uses the same draws
 * as the cost-effectiveness analysis.
 *
 * @param psa - a PSA result holding the model's `costYear<k>` outputs and the parameter draws
 * @param definition - the budget-impact definition
 * @returns mean and 95 % intervals per year of the net, cumulative and per-category impact
 * @throws QalyError `invalid_argument` when the PSA holds no parameter draws; errors of
 *   {@link budgetImpactFromOutcomes} naming the draw
 * @example
 * const model = { title: "Demo", strategies: ["Old", "New"], outcomes: ["cost", "costYear1"], evaluateInto(p, out) { out.set([1, 1, p.price, p.price]); } };
 * const psa = runPsaSync(model, defineParameters({ price: 3 }), { samples: 2, seed: 1 });
 * const u = budgetImpactUncertainty(psa, { years: 1, funnel: [{ name: "n", value: 10 }], without: { Old: 1 }, with: { New: 1 }, categories: {} });
 * u.net.mean // => [20]
 */
export function budgetImpactUncertainty<P>(psa: PsaResult<string, string>, definition: BudgetImpactDefinition<P, string>): BudgetImpactUncertainty {
  const draws = psa.parameters;
  if (draws === undefined) fail("invalid_argument", ["psa", "parameters"], "budget impact under uncertainty needs the PSA's parameter draws (the funnel and shares are evaluated per draw)");
  const years = definition.years;
  const n = psa.size;
  const columns = new Map<string, Float64Array>();
  const column = (outcome: string, strategy: string): Float64Array => {
    const key = `${outcome}\u0000${strategy}`;
    let found = columns.get(key);
    if (found === undefined) columns.set(key, (found = psa.values(outcome, strategy)));
    return found;
  };
  const labels = Object.keys(definition.categories);
  const net = Array.from({ length: years }, () => new Float64Array(n));
  const cumulative = Array.from({ length: years }, () => new Float64Array(n));
  const categories = Object.fromEntries(labels.map((label) => [label, Array.from({ length: years }, () => new Float64Array(n))]));
  for (let i = 0; i < n; i++) {
    let result;
    try {
      result = budgetImpactFromOutcomes(definition, psa.strategies, (outcome, strategy) => column(outcome, strategy)[i]!, draws.row(i) as P);
    } catch (error) {
      if (error instanceof Error) error.message = `PSA draw ${i}: ${error.message}`;
      throw error;
    }
    for (let y = 0; y < years; y++) {
      net[y]![i] = result.net.total[y]!;
      cumulative[y]![i] = result.net.cumulative[y]!;
      for (const label of labels) categories[label]![y]![i] = result.net.byCategory[label]![y]!;
    }
  }
  return {
    draws: n,
    years: Array.from({ length: years }, (_, y) => y + 1),
    net: interval(net),
    cumulative: interval(cumulative),
    byCategory: Object.fromEntries(labels.map((label) => [label, interval(categories[label]!)])),
  };
}

function interval(perYear: readonly Float64Array[]): BudgetImpactInterval {
  const mean: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (const values of perYear) {
    const sorted = Float64Array.from(values).sort();
    let sum = 0;
    for (const v of values) sum += v;
    mean.push(sum / values.length);
    lower.push(quantileSorted(sorted as unknown as number[], 0.025) ?? Number.NaN);
    upper.push(quantileSorted(sorted as unknown as number[], 0.975) ?? Number.NaN);
  }
  return { mean, lower, upper };
}
