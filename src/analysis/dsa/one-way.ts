import { fail } from "../../core/errors.js";
import type { Distribution } from "../../distributions/distribution.js";
import type { Model, ParameterValues } from "../../models/model.js";
import type { DsaBase, DsaSettings } from "./dsa-base.js";
import { dsaEvaluator, type DsaEvaluator } from "./dsa-evaluator.js";
import type { DsaResults } from "./dsa-strategy-result.js";

/**
 * The values one parameter takes in a one-way analysis:
 * - `{ low, high }`: a user range (optionally `points` evenly spaced values, default 2: the ends);
 * - `{ values }`: explicit values (evaluated in ascending order);
 * - `{ fromDistribution }`: quantiles of a distribution at `probabilities` (default
 *   `[0.025, 0.975]`: the 2.5% and 97.5% quantiles);
 * - `"distribution"`: the 2.5% and 97.5% quantiles of the parameter's own distribution, from the
 *   parameter source (its `distribution(name)`, else its parameter table's 95% interval).
 */
export type OneWayRange =
  | {
      /** Lowest value. */
      readonly low: number;
      /** Highest value. */
      readonly high: number;
      /** Number of evenly spaced values from `low` to `high` (default 2). */
      readonly points?: number;
    }
  | {
      /** The values, in any order. */
      readonly values: readonly number[];
    }
  | {
      /** The distribution whose quantiles bound the range. */
      readonly fromDistribution: Distribution;
      /** Probabilities of the low and high quantiles (default `[0.025, 0.975]`). */
      readonly probabilities?: readonly [number, number];
      /** Number of evenly spaced values between the quantiles (default 2). */
      readonly points?: number;
    }
  | "distribution";

/** Options of {@link oneWay}: the parameters to vary and the shared settings. */
export interface OneWayOptions<P extends ParameterValues = ParameterValues, S extends string = string> extends DsaSettings<P, S> {
  /** Parameter name → the values it takes; parameters are analysed in this order. */
  readonly parameters: { readonly [K in keyof P & string]?: OneWayRange };
}

/** Internal name of an element of {@link OneWayParameter}'s `points`. */
export type OneWayPoint<S extends string = string> = OneWayParameter<S>["points"][number];

/** Internal name of an element of {@link OneWayResult}'s `parameters`. */
export type OneWayParameter<S extends string = string> = OneWayResult<S>["parameters"][number];

/** Result of {@link oneWay}. */
export interface OneWayResult<S extends string = string> {
  /** Strategy names, in model order. */
  readonly strategies: readonly S[];
  /** Outcome names, in model order. */
  readonly outcomes: readonly string[];
  /** Willingness to pay used for NMB. */
  readonly wtp: number;
  /** Strategy the incremental results are computed against. */
  readonly comparator: S;
  /** Name of the cost outcome. */
  readonly cost: string;
  /** Name of the effect outcome. */
  readonly effect: string;
  /** Results at the base case. */
  readonly base: DsaResults<S>;
  /** One entry per varied parameter, in the order given. */
  readonly parameters: readonly {
    /** Parameter name. */
    readonly parameter: string;
    /** The base-case value. */
    readonly baseValue: number;
    /** Lowest value analysed. */
    readonly low: number;
    /** Highest value analysed. */
    readonly high: number;
    /** Results in ascending order of the parameter's value. */
    readonly points: readonly {
      /** The parameter's value. */
      readonly value: number;
      /** Results of every strategy at that value. */
      readonly results: DsaResults<S>;
    }[];
  }[];
}

/**
 * One-way deterministic sensitivity analysis: varies each chosen parameter over its range, others
 * at base case, and evaluates every strategy.
 *
 * One-way analysis shows which single inputs drive the decision (Briggs, Claxton & Sculpher 2006,
 * ch. 4); its results feed {@link tornado}. Ranges come from the user or from the 2.5% and 97.5%
 * quantiles of each parameter's distribution.
 *
 * @param model - any model (tree, Markov, partitioned survival …)
 * @param base - base-case values, or a parameter source with `base()` (and `distribution()`)
 * @param options - parameters to vary and settings (`wtp` per unit effect, `comparator`, `derive`)
 * @returns results at the base case and at each value of each parameter
 * @throws QalyError `unknown_parameter`, `unknown_strategy`, `unknown_outcome`, `invalid_argument`, `non_finite_value`
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"],
 *   evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const result = oneWay(model, { cDrug: 20000, qGain: 0.1 }, { wtp: 500000, parameters: { cDrug: { low: 10000, high: 40000 } } });
 * result.base.New.icer // => 200000
 * result.parameters[0].points.map((point) => point.results.New.incrementalNmb) // => [40000, 10000]
 */
export function oneWay<P extends ParameterValues, S extends string>(model: Model<P, S>, base: DsaBase<P>, options: OneWayOptions<P, S>): OneWayResult<S> {
  const evaluator = dsaEvaluator(model, base, options);
  const entries = Object.entries(options.parameters as Record<string, OneWayRange | undefined>).filter(
    (entry): entry is [string, OneWayRange] => entry[1] !== undefined,
  );
  if (entries.length === 0) fail("invalid_argument", ["parameters"], "name at least one parameter to vary");
  const ranges = entries.map(([name, range]) => {
    evaluator.checkParameter(name, ["parameters", name]);
    return [name, rangeValues(name, range, evaluator)] as const;
  });
  const baseResults = evaluator.results(evaluator.evaluate({}, ["parameters"]));
  const parameters = ranges.map(([name, values]): OneWayParameter<S> => ({
    parameter: name,
    baseValue: evaluator.baseValues[name]!,
    low: values[0]!,
    high: values[values.length - 1]!,
    points: values.map((value) => ({ value, results: evaluator.results(evaluator.evaluate({ [name]: value }, ["parameters"])) })),
  }));
  return {
    strategies: evaluator.strategies,
    outcomes: evaluator.outcomes,
    wtp: evaluator.wtp,
    comparator: evaluator.comparator,
    cost: evaluator.cost,
    effect: evaluator.effect,
    base: baseResults,
    parameters,
  };
}

/** The 2.5% and 97.5% quantiles: the usual 95% range of a parameter's uncertainty. */
const DEFAULT_PROBABILITIES = [0.025, 0.975] as const;

/** The ascending values a range stands for, validated. */
function rangeValues(name: string, range: OneWayRange, evaluator: DsaEvaluator<string>): number[] {
  const path = ["parameters", name];
  let low: number;
  let high: number;
  let points = 2;
  const interval = range === "distribution" && evaluator.distributionOf(name) === undefined ? evaluator.intervalOf(name) : undefined;
  if (interval !== undefined) {
    [low, high] = interval;
  } else if (range === "distribution" || "fromDistribution" in range) {
    const distribution = range === "distribution" ? evaluator.distributionOf(name) : range.fromDistribution;
    if (distribution === undefined) fail("invalid_argument", path, `'${name}' has no distribution in the parameter source; give { low, high } or { fromDistribution }`);
    const [lower, upper] = range === "distribution" ? DEFAULT_PROBABILITIES : (range.probabilities ?? DEFAULT_PROBABILITIES);
    if (!(lower > 0 && lower < upper && upper < 1)) {
      fail("invalid_argument", [...path, "probabilities"], `probabilities must satisfy 0 < low < high < 1 (received [${lower}, ${upper}])`, { received: [lower, upper] });
    }
    low = distribution.quantile(lower);
    high = distribution.quantile(upper);
    if (!Number.isFinite(low) || !Number.isFinite(high)) {
      fail("non_finite_value", path, `the ${lower} and ${upper} quantiles of ${distribution.toString()} are not finite (received ${low}, ${high})`, { received: [low, high] });
    }
    if (range !== "distribution") points = range.points ?? 2;
  } else if ("values" in range) {
    if (range.values.length === 0) fail("invalid_argument", [...path, "values"], "give at least one value");
    range.values.forEach((value, i) => {
      if (!Number.isFinite(value)) fail("non_finite_value", [...path, "values", i], `value must be finite (received ${value})`, { received: value });
    });
    return [...range.values].sort((a, b) => a - b);
  } else {
    ({ low, high } = range);
    points = range.points ?? 2;
    if (!Number.isFinite(low) || !Number.isFinite(high)) fail("non_finite_value", path, `low and high must be finite (received ${low}, ${high})`, { received: [low, high] });
    if (low > high) fail("invalid_argument", path, `low (${low}) must not exceed high (${high})`, { received: [low, high] });
  }
  return evenlySpaced(low, high, points, [...path, "points"]);
}

/** `points` evenly spaced values from `low` to `high`, ends included exactly. @internal */
export function evenlySpaced(low: number, high: number, points: number, path: readonly (string | number)[]): number[] {
  if (!Number.isInteger(points) || points < 2) fail("invalid_argument", path, `points must be an integer ≥ 2 (received ${points})`, { received: points });
  const values = new Array<number>(points);
  for (let i = 0; i < points; i++) values[i] = i === points - 1 ? high : low + ((high - low) * i) / (points - 1);
  return values;
}
