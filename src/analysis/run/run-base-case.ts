import { fail } from "../../core/errors.js";
import { evaluateModel, type Model, type StrategyOutcomes } from "../../models/model.js";
import type { CostEffectRow } from "../cea/icer-table.js";
import { requireName } from "../../core/unknown-name.js";

/** Anything with base-case values, such as a parameter space from `defineParameters`. */
export interface BaseCaseSource<P> {
  /** The deterministic (base-case) value of every parameter. */
  base(): P;
}

/** Options of {@link runBaseCase}. */
export interface BaseCaseOptions {
  /** Name of the cost outcome in `summary` (default `"cost"`). */
  readonly cost?: string;
  /** Name of the effect outcome in `summary` (default `"qaly"` when the model has it, else `"effect"`). */
  readonly effect?: string;
}

/** The deterministic (base-case) result of a model. */
export interface BaseCaseResult<S extends string = string> {
  /** Strategy names. */
  readonly strategies: readonly S[];
  /** Outcome names. */
  readonly outcomes: readonly string[];
  /** The parameter values used. */
  readonly parameters: Readonly<Record<string, number>>;
  /** Every outcome of every strategy: `values[strategy][outcome]`. */
  readonly values: StrategyOutcomes<S>;
  /** Cost and effect per strategy: the rows {@link icerTable} takes. */
  readonly summary: readonly CostEffectRow[];
}

/**
 * Evaluates a model once at the base case: plain parameter values, or a parameter space's
 * `base()` (declared values, distribution means). The point-estimate analysis that precedes the
 * PSA (Briggs, Claxton & Sculpher 2006, ch. 4).
 *
 * @param model - the model
 * @param parameters - parameter values, or an object with `base()`
 * @param options - which outcomes are cost and effect in `summary`
 * @returns outcomes per strategy and the cost/effect summary
 * @throws QalyError `unknown_outcome` when the cost or effect outcome is missing; `non_finite_value` for a total that is not finite; any error of the model
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([p.cSoc, 1, p.cSoc + 3000, 1.5]); } };
 * const base = runBaseCase(model, { cSoc: 1000 });
 * base.summary // => [{ strategy: "SoC", cost: 1000, effect: 1 }, { strategy: "New", cost: 4000, effect: 1.5 }]
 * icerTable(base.summary)[1].icer // => 6000
 */
export function runBaseCase<P extends Readonly<Record<string, number>>, S extends string>(model: Model<P, S>, parameters: P | BaseCaseSource<P>, options: BaseCaseOptions = {}): BaseCaseResult<S> {
  const values: P = typeof (parameters as { base?: unknown }).base === "function" ? (parameters as BaseCaseSource<P>).base() : (parameters as P);
  if (typeof values !== "object" || values === null) fail("invalid_argument", ["parameters"], "give parameter values or an object with base()", { received: values });
  const cost = requireName("unknown_outcome", ["cost"], "outcome", options.cost ?? "cost", model.outcomes);
  const effect = requireName("unknown_outcome", ["effect"], "outcome", options.effect ?? (model.outcomes.includes("qaly") ? "qaly" : "effect"), model.outcomes);
  // evaluateModel refuses a non-finite total (non_finite_value, naming strategy and outcome).
  const outcomes = evaluateModel(model, values);
  const summary = model.strategies.map((strategy) => Object.freeze({ strategy, cost: outcomes[strategy][cost]!, effect: outcomes[strategy][effect]! }));
  return Object.freeze({ strategies: model.strategies, outcomes: model.outcomes, parameters: Object.freeze({ ...values }), values: outcomes, summary: Object.freeze(summary) });
}
