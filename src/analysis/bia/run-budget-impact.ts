import type { Model } from "../../models/model.js";
import type { PsaResult } from "../psa/psa-result.js";
import type { BudgetImpactDefinition } from "./budget-impact-definition.js";
import { budgetImpactSensitivity, type BudgetImpactSensitivityResult } from "./budget-impact-sensitivity.js";
import { budgetImpactUncertainty, type BudgetImpactUncertainty } from "./budget-impact-uncertainty.js";
import { checkBudgetImpactOutputs, modelBudgetImpact, type ModelBudgetImpactResult } from "./model-budget-impact.js";

/** Everything a budget-impact analysis reports: base case, PSA intervals, one-way and scenarios. */
export interface BudgetImpactRun {
  /** The base case. */
  readonly base: ModelBudgetImpactResult;
  /** Intervals from the PSA draws, when a PSA was run. */
  readonly uncertainty?: BudgetImpactUncertainty;
  /** One-way sensitivity and scenarios. */
  readonly sensitivity: BudgetImpactSensitivityResult;
  /** Parameters whose values are list prices. */
  readonly listPrices: readonly string[];
}

/**
 * Runs a budget-impact analysis with a model: the base case, the one-way sensitivity and scenario
 * table, and, given the cost-effectiveness PSA, intervals per year from the same draws.
 *
 * @param model - the model (reporting cost by year since start)
 * @param definition - the budget-impact definition
 * @param values - parameter values with overrides (a parameter space's `base`)
 * @param psa - the PSA result of the same model, with its parameter draws (optional)
 * @returns base case, uncertainty, sensitivity and the list-price parameters
 * @throws QalyError as {@link modelBudgetImpact}
 * @example
 * const model = { title: "Demo", strategies: ["Old", "New"], outcomes: ["cost", "costYear1"],
 *   evaluateInto(p, out) { out.set([100, 100, p.price, p.price]); } };
 * const run = runBudgetImpact(model, { years: 1, funnel: [{ name: "n", value: 10 }], without: { Old: 1 }, with: { New: 1 }, categories: {} },
 *   (o = {}) => ({ price: 300, ...o }));
 * run.base.net.total // => [2000]
 */
export function runBudgetImpact<P>(model: Model<P, string>, definition: BudgetImpactDefinition<P, string>, values: (overrides?: Readonly<Record<string, number>>) => P, psa?: PsaResult<string, string>): BudgetImpactRun {
  checkBudgetImpactOutputs(model as Model<unknown, string>, definition as BudgetImpactDefinition<never, string>);
  const base = modelBudgetImpact(model, definition, values());
  const uncertainty = psa?.parameters === undefined ? undefined : budgetImpactUncertainty(psa, definition);
  return {
    base,
    ...(uncertainty === undefined ? {} : { uncertainty }),
    sensitivity: budgetImpactSensitivity(model, definition, values),
    listPrices: definition.listPrices ?? [],
  };
}
