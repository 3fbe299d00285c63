import { fail } from "../../core/errors.js";
import type { Model, ParameterValues } from "../../models/model.js";
import type { DsaBase, DsaSettings } from "./dsa-base.js";
import { dsaEvaluator, type DsaEvaluator } from "./dsa-evaluator.js";
import type { DsaResults } from "./dsa-strategy-result.js";

/**
 * One named scenario: parameter overrides, and/or an alternative model for structural choices
 * (discount rate, time horizon, cycle correction …) built the same way with other options.
 */
export interface Scenario<P extends ParameterValues = ParameterValues, S extends string = string> {
  /** Parameter values that replace the base case (derived parameters are recomputed by `derive`). */
  readonly parameters?: { readonly [K in keyof P & string]?: number };
  /** A differently built model with the same strategies and the cost and effect outcomes. */
  readonly model?: Model<P, S>;
}

/** Options of {@link scenarios}. */
export interface ScenariosOptions<P extends ParameterValues = ParameterValues, S extends string = string> extends DsaSettings<P, S> {
  /** Scenario name → scenario, reported in this order after the base case. */
  readonly scenarios: Readonly<Record<string, Scenario<P, S>>>;
  /** Name of the base-case row (default `"Base case"`). */
  readonly baseCaseName?: string;
}

/** One row of a scenario analysis. */
export interface ScenarioRow<S extends string = string> {
  /** Scenario name (the first row is the base case). */
  readonly scenario: string;
  /** Results of every strategy. */
  readonly results: DsaResults<S>;
  /** The strategy with the highest NMB at the analysis' WTP (the first in model order on exact ties). */
  readonly optimal: S;
}

/** Result of {@link scenarios}. */
export interface ScenariosResult<S extends string = string> {
  /** Strategy names, in the base model's order. */
  readonly strategies: readonly S[];
  /** Willingness to pay used. */
  readonly wtp: number;
  /** Strategy incremental results are computed against. */
  readonly comparator: S;
  /** The base case, then each scenario in the order given. */
  readonly rows: readonly ScenarioRow<S>[];
}

/**
 * Scenario analysis: the base case and named scenarios (parameter overrides and/or structural
 * alternatives supplied as a differently built model), side by side.
 *
 * Scenario analyses address structural and methodological uncertainty that parameter
 * distributions cannot express, e.g. discount rates or time horizons (Briggs et al. 2012,
 * ISPOR-SMDM Modeling Good Research Practices Task Force-6; TLV's guidance asks for them).
 *
 * @param model - the base-case model
 * @param base - base-case values, or a parameter source with `base()`
 * @param options - the scenarios and settings (`wtp` per unit effect, `comparator`, `derive`)
 * @returns one row per scenario, the base case first
 * @throws QalyError `unknown_parameter`, `unknown_strategy`, `unknown_outcome`, `dimension_mismatch`, `invalid_argument`
 * @example
 * const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"],
 *   evaluateInto: (p, out) => { out.set([1000, 1, 1000 + p.cDrug, 1 + p.qGain]); } };
 * const table = scenarios(model, { cDrug: 20000, qGain: 0.1 }, { wtp: 500000, scenarios: { "Price cut": { parameters: { cDrug: 10000 } } } });
 * table.rows.map((row) => [row.scenario, row.results.New.incrementalNmb]) // => [["Base case", 30000], ["Price cut", 40000]]
 */
export function scenarios<P extends ParameterValues, S extends string>(model: Model<P, S>, base: DsaBase<P>, options: ScenariosOptions<P, S>): ScenariosResult<S> {
  const evaluator = dsaEvaluator(model, base, options);
  const baseCaseName = options.baseCaseName ?? "Base case";
  const rows: ScenarioRow<S>[] = [row(baseCaseName, evaluator, {})];
  for (const [name, scenario] of Object.entries(options.scenarios)) {
    const path = ["scenarios", name];
    if (name === baseCaseName) fail("invalid_argument", path, `a scenario cannot be named "${baseCaseName}" (the base case's name)`);
    const overrides = (scenario.parameters ?? {}) as Readonly<Record<string, number>>;
    for (const [parameter, value] of Object.entries(overrides)) {
      evaluator.checkParameter(parameter, [...path, "parameters", parameter]);
      if (!Number.isFinite(value)) fail("non_finite_value", [...path, "parameters", parameter], `value must be finite (received ${value})`, { received: value });
    }
    let own = evaluator;
    if (scenario.model !== undefined) {
      const strategies = scenario.model.strategies;
      const same = strategies.length === evaluator.strategies.length && evaluator.strategies.every((s, i) => strategies[i] === s);
      if (!same) {
        fail("dimension_mismatch", [...path, "model", "strategies"], `the scenario's model must have the base model's strategies in the same order`, {
          received: [...strategies],
          expected: JSON.stringify(evaluator.strategies),
        });
      }
      const settings = { ...options, wtp: evaluator.wtp, comparator: evaluator.comparator, cost: evaluator.cost, effect: evaluator.effect };
      own = dsaEvaluator(scenario.model, base, settings);
    }
    rows.push(row(name, own, overrides, path));
  }
  return { strategies: evaluator.strategies, wtp: evaluator.wtp, comparator: evaluator.comparator, rows };
}

function row<S extends string>(scenario: string, evaluator: DsaEvaluator<S>, overrides: Readonly<Record<string, number>>, path: readonly string[] = []): ScenarioRow<S> {
  const out = evaluator.evaluate(overrides, [...path, "parameters"]);
  let best = 0;
  for (let s = 1; s < evaluator.strategies.length; s++) if (evaluator.nmb(out, s) > evaluator.nmb(out, best)) best = s;
  return { scenario, results: evaluator.results(out), optimal: evaluator.strategies[best]! };
}
