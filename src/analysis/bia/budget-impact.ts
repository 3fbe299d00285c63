import { IssueCollector, fail, type PathSegment } from "../../core/errors.js";
import { closestName, didYouMean } from "../../core/closest-name.js";

/** Tolerance on market shares summing to 1 in a year. @internal */
export const SHARE_TOLERANCE = 1e-9;

/** Market shares per strategy: one share for every year, or one per year (year 1 first). */
export type MarketShares<S extends string = string> = { readonly [K in S]?: number | readonly number[] };

/** Inputs of {@link budgetImpact}. */
export interface BudgetImpactOptions<S extends string = string> {
  /** Time horizon in years (ISPOR recommends 1–5). */
  readonly years: number;
  /** Patients who start treatment each year (incident eligible population): one number or one per year. */
  readonly population: number | readonly number[];
  /**
   * Expected cost per patient who started a strategy, by year since start (index 0 = the year of
   * starting), in the currency of the budget. It already reflects death and discontinuation (e.g.
   * from a Markov trace, undiscounted); the stream ends with its last entry (0 afterwards).
   */
  readonly costPerPatient: { readonly [K in S]: readonly number[] };
  /** Market shares of the starting patients in the reference world (without the new technology) and the new world. */
  readonly marketShares: {
    /** Shares in the world without the new technology (current practice). */
    readonly reference: MarketShares<S>;
    /** Shares in the world with the new technology. */
    readonly new: MarketShares<S>;
  };
  /** Annual discount rate (default 0: ISPOR recommends undiscounted budget impact). */
  readonly discountRate?: number;
}

/** Annual costs of one world (reference or new). */
export interface BudgetImpactWorld<S extends string = string> {
  /** Total cost per year (year 1 first), discounted if a rate was given. */
  readonly total: readonly number[];
  /** Cost per strategy per year. */
  readonly byStrategy: Readonly<Record<S, readonly number[]>>;
  /** Patients starting each strategy per year. */
  readonly patients: Readonly<Record<S, readonly number[]>>;
}

/** Result of {@link budgetImpact}. */
export interface BudgetImpactResult<S extends string = string> {
  /** Year numbers, 1 to `years`. */
  readonly years: readonly number[];
  /** Strategies, in the order of `costPerPatient`. */
  readonly strategies: readonly S[];
  /** Discount rate applied. */
  readonly discountRate: number;
  /** Costs in the reference world. */
  readonly reference: BudgetImpactWorld<S>;
  /** Costs in the world with the new technology. */
  readonly new: BudgetImpactWorld<S>;
  /** Net budget impact per year: new minus reference. */
  readonly netImpact: readonly number[];
  /** Running sum of the net budget impact. */
  readonly cumulativeNetImpact: readonly number[];
}

/**
 * Budget impact analysis: annual and cumulative net cost to the budget holder of adopting a new
 * technology, stacking the yearly cohorts of patients who start treatment.
 *
 * Each year's starting patients are split by market share; a patient who started strategy s in
 * year t costs `costPerPatient[s][y − t]` in year y. The net budget impact is the cost of the new
 * world minus the reference world (Sullivan et al. 2014, ISPOR BIA Good Practice II).
 *
 * @param options - horizon (years), population per year, per-patient cost streams, market shares, discount rate
 * @returns costs per year in each world, net and cumulative net budget impact
 * @throws QalyError `invalid_argument`, `unknown_strategy`, `dimension_mismatch`, `non_finite_value`
 * @example
 * const bia = budgetImpact({ years: 2, population: 100,
 *   costPerPatient: { Old: [1000, 500], New: [3000, 500] },
 *   marketShares: { reference: { Old: 1 }, new: { Old: [0.5, 0], New: [0.5, 1] } } });
 * bia.netImpact // => [100000, 200000]
 * bia.cumulativeNetImpact // => [100000, 300000]
 */
export function budgetImpact<S extends string>(options: BudgetImpactOptions<S>): BudgetImpactResult<S> {
  const { years } = options;
  if (!Number.isInteger(years) || years < 1) fail("invalid_argument", ["years"], `years must be a positive integer (received ${years})`, { received: years });
  const discountRate = options.discountRate ?? 0;
  if (!Number.isFinite(discountRate) || discountRate <= -1) fail("invalid_argument", ["discountRate"], `discount rate must be finite and > −1 (received ${discountRate})`, { received: discountRate });
  const issues = new IssueCollector();
  const strategies = Object.keys(options.costPerPatient) as S[];
  if (strategies.length === 0) fail("invalid_argument", ["costPerPatient"], "give the cost stream of at least one strategy");
  const population = perYear(options.population, years, ["population"], issues);
  for (const strategy of strategies) {
    options.costPerPatient[strategy].forEach((cost, k) => {
      if (!Number.isFinite(cost)) issues.add({ code: "non_finite_value", path: ["costPerPatient", strategy, k], message: `cost must be finite (received ${cost})`, received: cost });
    });
  }
  const shares = {
    reference: sharesPerYear(options.marketShares.reference, strategies, years, ["marketShares", "reference"], issues),
    new: sharesPerYear(options.marketShares.new, strategies, years, ["marketShares", "new"], issues),
  };
  issues.throwIfAny("budget impact inputs");

  const discount = Array.from({ length: years }, (_, y) => (1 + discountRate) ** -y);
  const world = (share: Record<S, number[]>): BudgetImpactWorld<S> => {
    const total = new Array<number>(years).fill(0);
    const byStrategy = {} as Record<S, number[]>;
    const patients = {} as Record<S, number[]>;
    for (const strategy of strategies) {
      const stream = options.costPerPatient[strategy];
      const starting = population.map((count, t) => count * share[strategy]![t]!);
      const costs = new Array<number>(years).fill(0);
      for (let t = 0; t < years; t++) {
        for (let y = t; y < years && y - t < stream.length; y++) costs[y]! += starting[t]! * stream[y - t]!;
      }
      for (let y = 0; y < years; y++) {
        costs[y]! *= discount[y]!;
        total[y]! += costs[y]!;
      }
      byStrategy[strategy] = costs;
      patients[strategy] = starting;
    }
    return { total, byStrategy, patients };
  };
  const reference = world(shares.reference);
  const adopted = world(shares.new);
  const netImpact = adopted.total.map((cost, y) => cost - reference.total[y]!);
  let running = 0;
  const cumulativeNetImpact = netImpact.map((net) => (running += net));
  return {
    years: Array.from({ length: years }, (_, y) => y + 1),
    strategies,
    discountRate,
    reference,
    new: adopted,
    netImpact,
    cumulativeNetImpact,
  };
}

/** A per-year input as an array of `years` finite, non-negative numbers. */
function perYear(value: number | readonly number[], years: number, path: readonly PathSegment[], issues: IssueCollector): number[] {
  const values = typeof value === "number" ? new Array<number>(years).fill(value) : [...value];
  if (values.length !== years) {
    issues.add({ code: "dimension_mismatch", path, message: `give one value or one per year (${years}); received ${values.length}`, received: values.length, expected: String(years) });
    return new Array<number>(years).fill(0);
  }
  values.forEach((v, y) => {
    if (!Number.isFinite(v) || v < 0) issues.add({ code: "invalid_argument", path: typeof value === "number" ? path : [...path, y], message: `must be a finite number ≥ 0 (received ${v})`, received: v });
  });
  return values;
}

/** Market shares of every strategy per year, checked to be in [0, 1] and to sum to 1 each year. */
function sharesPerYear<S extends string>(given: MarketShares<S>, strategies: readonly S[], years: number, path: readonly PathSegment[], issues: IssueCollector): Record<S, number[]> {
  const result = {} as Record<S, number[]>;
  for (const name of Object.keys(given)) {
    if (!(strategies as readonly string[]).includes(name)) {
      const suggestion = closestName(name, strategies);
      issues.add({ code: "unknown_strategy", path: [...path, name], message: `unknown strategy '${name}' (every strategy needs a cost stream in costPerPatient); ${didYouMean(name, strategies)}`, received: name, ...(suggestion === undefined ? {} : { expected: suggestion }) });
    }
  }
  for (const strategy of strategies) {
    const share = given[strategy];
    result[strategy] = perYear(share ?? 0, years, [...path, strategy], issues);
    result[strategy].forEach((v, y) => {
      if (v > 1) issues.add({ code: "invalid_argument", path: [...path, strategy, y], message: `market share must be in [0, 1] (received ${v})`, received: v });
    });
  }
  for (let y = 0; y < years; y++) {
    let sum = 0;
    for (const strategy of strategies) sum += result[strategy][y]!;
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
      issues.add({ code: "invalid_argument", path: [...path, "year", y + 1], message: `market shares in year ${y + 1} sum to ${sum}, expected 1 ± ${SHARE_TOLERANCE}`, received: sum, expected: "1" });
    }
  }
  return result;
}
