import { quantileSorted } from "d3-array";
import { fail } from "../../core/errors.js";
import type { PsaResult } from "../psa/psa-result.js";
import type { BudgetImpactDefinition, BudgetImpactValue } from "./budget-impact-definition.js";
import { budgetImpactFromOutcomes } from "./model-budget-impact.js";
import { SHARE_TOLERANCE } from "./budget-impact.js";

/** Mean and 95 % interval (2.5 % and 97.5 % quantiles, R type 7) of a quantity over PSA draws, per year. */
export interface BudgetImpactInterval {
  /** Mean over the draws, per year. */
  readonly mean: readonly number[];
  /** 2.5 % quantile, per year. */
  readonly lower: readonly number[];
  /** 97.5 % quantile, per year. */
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
 *   {@link modelBudgetImpact} naming the draw
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
  const strategies = psa.strategies;
  const labels = Object.keys(definition.categories);
  // Cost streams per series (total, then each category), strategy and year since start: one column per draw.
  const series = [["cost"], ...labels.map((label) => definition.categories[label]!)];
  const streams = series.map((names) => strategies.map((s) => Array.from({ length: years }, (_, k) => names.map((name) => psa.values(`${name}Year${k + 1}`, s)))));
  const net = Array.from({ length: years }, () => new Float64Array(n));
  const cumulative = Array.from({ length: years }, () => new Float64Array(n));
  const categories = labels.map(() => Array.from({ length: years }, () => new Float64Array(n)));
  // One record reused for every draw (the funnel and shares read parameters by name).
  const columns = draws.names.map((name) => draws.column(name));
  const record: Record<string, number> = {};
  const patients = new Float64Array(years);
  const delta = new Float64Array(strategies.length * years);
  for (let i = 0; i < n; i++) {
    draws.names.forEach((name, j) => (record[name] = columns[j]![i]!));
    const params = record as P;
    if (!fillDraw(definition, strategies, params, patients, delta)) {
      // A bad funnel value or shares: the full analysis names the problem and its path.
      try {
        budgetImpactFromOutcomes({ ...definition, categories: {}, counts: [] }, strategies, () => 0, params);
      } catch (error) {
        if (error instanceof Error) error.message = `PSA draw ${i}: ${error.message}`;
        throw error;
      }
    }
    for (let q = 0; q < series.length; q++) {
      const stream = streams[q]!;
      let running = 0;
      for (let y = 0; y < years; y++) {
        // Net(y) = Σ_c N_c Σ_s (with_s(c) − without_s(c)) Cost_s(y − c + 1).
        let sum = 0;
        for (let c = 0; c <= y; c++) {
          for (let s = 0; s < strategies.length; s++) {
            const d = delta[s * years + c]!;
            if (d === 0) continue;
            const parts = stream[s]![y - c]!;
            let cost = 0;
            for (let m = 0; m < parts.length; m++) cost += parts[m]![i]!;
            sum += patients[c]! * d * cost;
          }
        }
        if (q === 0) {
          net[y]![i] = sum;
          cumulative[y]![i] = running += sum;
        } else categories[q - 1]![y]![i] = sum;
      }
    }
  }
  return {
    draws: n,
    years: Array.from({ length: years }, (_, y) => y + 1),
    net: interval(net),
    cumulative: interval(cumulative),
    byCategory: Object.fromEntries(labels.map((label, q) => [label, interval(categories[q]!)])),
  };
}

/**
 * Patients per year and the share difference with − without per strategy and year, for one draw.
 * Returns false when a funnel value is negative or not finite, or a world's shares leave [0, 1] or
 * do not sum to 1 in a year (the tolerance of budgetImpact).
 */
function fillDraw<P>(definition: BudgetImpactDefinition<P, string>, strategies: readonly string[], params: P, patients: Float64Array, delta: Float64Array): boolean {
  const years = definition.years;
  const at = (v: BudgetImpactValue<P> | undefined, year: number, fallback: number): number => (v === undefined ? fallback : typeof v === "number" ? v : v(params, year));
  let ok = true;
  let first = 1;
  for (const step of definition.funnel) {
    const v = at(step.value, 1, Number.NaN);
    if (!(v >= 0 && v < Infinity)) ok = false;
    first *= v;
  }
  const growth = at(definition.growth, 1, 0);
  if (!(growth >= -1 && growth < Infinity)) ok = false;
  for (let y = 0; y < years; y++) patients[y] = first * (1 + growth) ** y;
  for (let y = 0; y < years; y++) {
    let sumWith = 0;
    let sumWithout = 0;
    for (let s = 0; s < strategies.length; s++) {
      const a = at(definition.with[strategies[s]!], y + 1, 0);
      const b = at(definition.without[strategies[s]!], y + 1, 0);
      if (!(a >= 0 && a <= 1 && b >= 0 && b <= 1)) ok = false;
      sumWith += a;
      sumWithout += b;
      delta[s * years + y] = a - b;
    }
    if (!(Math.abs(sumWith - 1) <= SHARE_TOLERANCE && Math.abs(sumWithout - 1) <= SHARE_TOLERANCE)) ok = false;
  }
  // A share of a strategy the model does not have is reported by the full analysis.
  for (const name of [...Object.keys(definition.with), ...Object.keys(definition.without)]) if (!strategies.includes(name)) ok = false;
  return ok;
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
