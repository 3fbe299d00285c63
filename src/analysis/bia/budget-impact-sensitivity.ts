import type { Model } from "../../models/model.js";
import type { BudgetImpactDefinition } from "./budget-impact-definition.js";
import { modelBudgetImpact } from "./model-budget-impact.js";

/** One row of the one-way budget-impact table. */
export interface BudgetImpactOneWayRow {
  /** Parameter varied. */
  readonly parameter: string;
  /** Its low value. */
  readonly low: number;
  /** Its high value. */
  readonly high: number;
  /** Cumulative net impact over the horizon with the parameter at its low value. */
  readonly atLow: number;
  /** Same, at its high value. */
  readonly atHigh: number;
}

/** One named scenario's budget impact. */
export interface BudgetImpactScenarioRow {
  /** The scenario's name. */
  readonly name: string;
  /** What it changes. */
  readonly description?: string;
  /** Net impact per year. */
  readonly net: readonly number[];
  /** Cumulative net impact over the horizon. */
  readonly cumulative: number;
}

/** Result of {@link budgetImpactSensitivity}. */
export interface BudgetImpactSensitivityResult {
  /** Cumulative net impact over the horizon in the base case. */
  readonly base: number;
  /** One row per sensitivity input, largest swing first. */
  readonly oneWay: readonly BudgetImpactOneWayRow[];
  /** One row per scenario, in the definition's order. */
  readonly scenarios: readonly BudgetImpactScenarioRow[];
}

/**
 * One-way sensitivity and scenario analysis of a budget impact: each sensitivity input is set to
 * its low and its high value (everything derived from it follows), the model re-evaluated and the
 * cumulative net impact over the horizon recorded; each scenario sets its parameters and/or the
 * market shares of the world with.
 *
 * @param model - the model
 * @param definition - the budget-impact definition with `sensitivity` and `scenarios`
 * @param values - parameter values with the given overrides (e.g. a parameter space's `base`)
 * @returns base cumulative impact, one-way rows sorted by swing, scenario rows
 * @example
 * const model = { title: "Demo", strategies: ["Old", "New"], outcomes: ["cost", "costYear1"],
 *   evaluateInto(p, out) { out.set([100, 100, p.price, p.price]); } };
 * const values = (o = {}) => ({ price: 300, ...o });
 * const s = budgetImpactSensitivity(model, { years: 1, funnel: [{ name: "n", value: 10 }], without: { Old: 1 }, with: { New: 1 }, categories: {},
 *   sensitivity: [{ parameter: "price", low: 200, high: 400 }] }, values);
 * s.oneWay[0].atHigh // => 3000
 */
export function budgetImpactSensitivity<P>(model: Model<P, string>, definition: BudgetImpactDefinition<P, string>, values: (overrides?: Readonly<Record<string, number>>) => P): BudgetImpactSensitivityResult {
  const last = definition.years - 1;
  const cumulative = (def: BudgetImpactDefinition<P, string>, overrides: Readonly<Record<string, number>>) => modelBudgetImpact(model, def, values(overrides)).net;
  const base = cumulative(definition, {}).cumulative[last]!;
  const oneWay = (definition.sensitivity ?? [])
    .map((entry) => ({
      parameter: entry.parameter,
      low: entry.low,
      high: entry.high,
      atLow: cumulative(definition, { [entry.parameter]: entry.low }).cumulative[last]!,
      atHigh: cumulative(definition, { [entry.parameter]: entry.high }).cumulative[last]!,
    }))
    .sort((a, b) => Math.abs(b.atHigh - b.atLow) - Math.abs(a.atHigh - a.atLow));
  const scenarios = Object.entries(definition.scenarios ?? {}).map(([name, scenario]): BudgetImpactScenarioRow => {
    const def = scenario.with === undefined ? definition : { ...definition, with: scenario.with };
    const net = cumulative(def, scenario.parameters ?? {});
    return { name, ...(scenario.description === undefined ? {} : { description: scenario.description }), net: net.total, cumulative: net.cumulative[last]! };
  });
  return { base, oneWay, scenarios };
}
