/**
 * The contract every model type (decision tree, Markov cohort, partitioned survival,
 * microsimulation) satisfies. Analyses and the PSA runner know models only through it, so shared
 * code never switches on model kind.
 *
 * Outcome naming convention, shared by all engines:
 * - `cost` (total cost, discounted), `qaly` (QALYs, discounted) and `lifeYears` are the primary
 *   outcomes; analyses use `cost` and `qaly` unless told otherwise.
 * - Cost categories are camelCase with a `cost` prefix: `costDrug`, `costTesting`.
 * - The undiscounted total of any discounted outcome `x` is `xUndiscounted`
 *   (`costUndiscounted`, `qalyUndiscounted`).
 * - Counts and other path or event outcomes are plain camelCase names (`driversDetected`).
 */

import { fail } from "../core/errors.js";
import type { ParameterValues } from "../parameters/parameter-space.js";

// One definition of the values record, shared with the parameters layer.
export type { ParameterValues };

/** Context of one evaluation. All fields are optional. */
export interface EvaluationContext {
  /** Index of the PSA draw being evaluated, so that errors can name it. */
  readonly draw?: number;
  /**
   * Overrides the model's starting state distribution (state name → proportion, summing to 1):
   * used when a model is entered from a decision-tree leaf.
   */
  readonly start?: Readonly<Record<string, number>>;
  /**
   * Years between the start of the analysis and entry into this model (e.g. time spent in the
   * testing pathway): discounting and age continue from there.
   */
  readonly startTime?: number;
}

/**
 * A model with named strategies that turns one set of parameter values into outcome totals per
 * strategy.
 *
 * @typeParam P - the parameter values it reads
 * @typeParam S - strategy names
 */
export interface Model<P = ParameterValues, S extends string = string> {
  /** A human-readable title. */
  readonly title: string;
  /** Strategy names, in a fixed order. */
  readonly strategies: readonly S[];
  /** Outcome names, in a fixed order (see the naming convention above). */
  readonly outcomes: readonly string[];
  /**
   * Evaluates all strategies for one parameter set and writes totals into `out`, laid out
   * `out[strategyIndex * outcomes.length + outcomeIndex]`. Must not allocate per cycle and must be
   * safe to call millions of times; throws a `QalyError` naming strategy, cycle, states and draw on
   * invalid probabilities or non-finite values.
   */
  evaluateInto(params: P, out: Float64Array, context?: EvaluationContext): void;
  /**
   * Optional: evaluates the model once per context (typically the same parameters entered from
   * several start states, as a decision tree's leaves do) and writes context i's totals into
   * `outs[i]`, laid out as {@link Model.evaluateInto}'s. The results equal those of evaluateInto per
   * context within a relative tolerance the model documents (the order of additions may differ), and
   * errors are those evaluateInto would throw for the first context that fails. A Markov cohort model
   * computes every start's totals in one backward pass (value-to-go, docs/markov-cohort.md).
   */
  evaluateStartsInto?(params: P, contexts: readonly (EvaluationContext | undefined)[], outs: readonly Float64Array[]): void;
}

/** Outcome totals per strategy: `result[strategy][outcome]`. */
export type StrategyOutcomes<S extends string = string> = Readonly<Record<S, Readonly<Record<string, number>>>>;

/**
 * Evaluates a model once and returns outcomes per strategy as plain objects
 * (convenient for the base case; the PSA runner uses {@link Model.evaluateInto} directly).
 * Every total is finite: finite inputs can still add up to ±Infinity (a cost of 1e308 over a few
 * cycles), which is an error here, as in the base case, the DSA and the PSA.
 *
 * @throws QalyError `non_finite_value` at `strategies.<strategy>.outcomes.<outcome>` for a total
 * that is not a finite number; any error of the model
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost"], evaluateInto(p: { c: number }, out: Float64Array) { out[0] = 2 * p.c; } };
 * evaluateModel(model, { c: 5 }).A.cost // => 10
 */
export function evaluateModel<P, S extends string>(model: Model<P, S>, params: P, context?: EvaluationContext): StrategyOutcomes<S> {
  const width = model.outcomes.length;
  const out = new Float64Array(model.strategies.length * width);
  model.evaluateInto(params, out, context);
  const result = {} as Record<S, Record<string, number>>;
  model.strategies.forEach((strategy, s) => {
    const row: Record<string, number> = {};
    model.outcomes.forEach((outcome, o) => {
      const value = out[s * width + o]!;
      if (!Number.isFinite(value)) fail("non_finite_value", ["strategies", strategy, "outcomes", outcome], `the model returned ${value} for outcome "${outcome}" of strategy "${strategy}"`, { received: value });
      row[outcome] = value;
    });
    result[strategy] = row;
  });
  return result;
}
