import type { Distribution } from "../../distributions/distribution.js";
import { fail, type PathSegment } from "../../core/errors.js";
import type { Model, ParameterValues } from "../../models/model.js";
import { DEFAULT_WTP, isParameterSource, type DsaBase, type DsaSettings } from "./dsa-base.js";
import type { DsaStrategyResult, DsaResults } from "./dsa-strategy-result.js";
import { requireName } from "../../core/unknown-name.js";

/**
 * The machinery every deterministic analysis shares: validated settings, the base case, and a
 * model evaluation with some parameters overridden (derived parameters recomputed).
 * @internal
 */
export interface DsaEvaluator<S extends string> {
  readonly strategies: readonly S[];
  readonly outcomes: readonly string[];
  readonly wtp: number;
  readonly comparator: S;
  readonly cost: string;
  readonly effect: string;
  readonly baseValues: Readonly<Record<string, number>>;
  /** The distribution of a parameter, when the base is a parameter source that has one. */
  distributionOf(name: string): Distribution | undefined;
  /** The 2.5% and 97.5% quantiles of a parameter from the source's parameter table, if any. */
  intervalOf(name: string): readonly [number, number] | undefined;
  /** Throws `unknown_parameter` unless `name` is a base-case parameter. */
  checkParameter(name: string, path: readonly PathSegment[]): void;
  /** Evaluates the model with `overrides`; the returned buffer is reused by the next call. */
  evaluate(overrides: Readonly<Record<string, number>>, path: readonly PathSegment[]): Float64Array;
  /** Index of a strategy, or throws `unknown_strategy` at `path`. */
  strategyIndex(name: string, path: readonly PathSegment[]): number;
  /** Index of an outcome, or throws `unknown_outcome` at `path`. */
  outcomeIndex(name: string, path: readonly PathSegment[]): number;
  /** NMB of strategy `s` in an evaluation buffer. */
  nmb(out: Float64Array, s: number, wtp?: number): number;
  /** Plain-object results of every strategy from an evaluation buffer. */
  results(out: Float64Array): DsaResults<S>;
}

/** Builds the evaluator for one analysis call. @internal */
export function dsaEvaluator<P extends ParameterValues, S extends string>(model: Model<P, S>, base: DsaBase<P>, settings: DsaSettings<P, S>): DsaEvaluator<S> {
  const wtp = settings.wtp ?? DEFAULT_WTP;
  if (!Number.isFinite(wtp) || wtp < 0) fail("invalid_argument", ["wtp"], `willingness to pay must be a finite number ≥ 0 (received ${wtp})`, { received: wtp });
  const strategies = model.strategies;
  if (strategies.length === 0) fail("invalid_model", ["strategies"], "the model has no strategies");
  const outcomes = model.outcomes;
  const costName = settings.cost ?? "cost";
  const effectName = settings.effect ?? "qaly";
  const costIndex = outcomes.indexOf(requireName("unknown_outcome", ["cost"], "outcome", costName, outcomes));
  const effectIndex = outcomes.indexOf(requireName("unknown_outcome", ["effect"], "outcome", effectName, outcomes));
  const comparator = requireName("unknown_strategy", ["comparator"], "strategy", settings.comparator ?? strategies[0]!, strategies);
  const comparatorIndex = strategies.indexOf(comparator);
  const source = isParameterSource(base) ? base : undefined;
  const baseValues: P = source === undefined ? (base as P) : source.base();
  const names = Object.keys(baseValues);
  for (const name of names) {
    const value = baseValues[name];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      fail("non_finite_value", ["parameters", name], `base-case value of "${name}" must be a finite number (received ${String(value)})`, { received: value });
    }
  }
  const width = outcomes.length;
  const out = new Float64Array(strategies.length * width);
  const derive = settings.derive;

  function nmb(buffer: Float64Array, s: number, at = wtp): number {
    return at * buffer[s * width + effectIndex]! - buffer[s * width + costIndex]!;
  }

  return {
    strategies,
    outcomes,
    wtp,
    comparator,
    cost: costName,
    effect: effectName,
    baseValues,
    distributionOf: (name) => source?.distribution?.(name),
    intervalOf(name) {
      const row = source?.describe?.().find((entry) => entry.name === name);
      return row === undefined || row.lower === null || row.upper === null ? undefined : [row.lower, row.upper];
    },
    checkParameter(name, path) {
      requireName("unknown_parameter", path, "parameter", name, names);
    },
    evaluate(overrides, path) {
      let values = (source === undefined ? { ...baseValues, ...overrides } : { ...source.base(overrides), ...overrides }) as P;
      if (derive !== undefined) {
        values = derive(values);
        for (const [name, value] of Object.entries(overrides)) {
          if (!Object.is(values[name], value)) {
            fail("invalid_argument", [...path, name], `"${name}" is recomputed by derive(), so it cannot be varied directly; vary the parameters it is derived from`, { received: value });
          }
        }
      }
      model.evaluateInto(values, out);
      for (let i = 0; i < out.length; i++) {
        if (!Number.isFinite(out[i]!)) {
          const where = Object.entries(overrides).map(([name, value]) => `${name} = ${value}`).join(", ");
          fail("non_finite_value", ["strategies", strategies[Math.floor(i / width)]!, "outcomes", outcomes[i % width]!], `the model returned ${out[i]}${where === "" ? " in the base case" : ` at ${where}`}`, { received: out[i] });
        }
      }
      return out;
    },
    strategyIndex: (name, path) => strategies.indexOf(requireName("unknown_strategy", path, "strategy", name, strategies)),
    outcomeIndex: (name, path) => outcomes.indexOf(requireName("unknown_outcome", path, "outcome", name, outcomes)),
    nmb,
    results(buffer) {
      const result = {} as Record<S, DsaStrategyResult>;
      const comparatorCost = buffer[comparatorIndex * width + costIndex]!;
      const comparatorEffect = buffer[comparatorIndex * width + effectIndex]!;
      strategies.forEach((strategy, s) => {
        const row: Record<string, number> = {};
        for (let o = 0; o < width; o++) row[outcomes[o]!] = buffer[s * width + o]!;
        const incrementalCost = buffer[s * width + costIndex]! - comparatorCost;
        const incrementalEffect = buffer[s * width + effectIndex]! - comparatorEffect;
        result[strategy] = {
          outcomes: row,
          nmb: nmb(buffer, s),
          incrementalCost,
          incrementalEffect,
          incrementalNmb: nmb(buffer, s) - nmb(buffer, comparatorIndex),
          icer: incrementalEffect === 0 ? null : incrementalCost / incrementalEffect,
        };
      });
      return result;
    },
  };
}
