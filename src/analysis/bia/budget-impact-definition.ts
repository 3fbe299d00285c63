import type { ParameterValues } from "../../models/model.js";

/** A value of a budget-impact input: a number, or a function of the parameter values (and the calendar year, 1 first). */
// Declared through a method so that its parameter is bivariant, like Model.evaluateInto: a project
// typed with its own parameter record still passes where ParameterValues is expected.
export type BudgetImpactValue<P = ParameterValues> =
  | number
  | {
      /** The value at these parameter values in calendar year `year` (1 first). */
      value(params: P, year: number): number;
    }["value"];

/** One step of the population funnel (e.g. "non-squamous share of advanced NSCLC"). */
export interface FunnelStep<P = ParameterValues> {
  /** Short name, e.g. `nonSquamous`. */
  readonly name: string;
  /** Label for tables. */
  readonly label?: string;
  /** The count (first step) or share (later steps); a function of the parameters for PSA and one-way analyses. */
  readonly value: BudgetImpactValue<P>;
  /** Where the step's number comes from (shown in the report's funnel table). */
  readonly source?: string;
  /** Evidence status of the step: sourced, assumption or placeholder. */
  readonly status?: "sourced" | "assumption" | "placeholder";
}

/** A one-way sensitivity input of a budget-impact analysis: a parameter and the two values it is set to. */
export interface BudgetImpactSensitivity {
  /** Parameter name in the project's parameter space. */
  readonly parameter: string;
  /** Low value. */
  readonly low: number;
  /** High value. */
  readonly high: number;
}

/** A named budget-impact scenario: parameters held at other values and/or other market shares in the world with. */
export interface BudgetImpactScenario<P = ParameterValues, S extends string = string> {
  /** What the scenario changes, for the report. */
  readonly description?: string;
  /** Parameter values (e.g. a send-out test price, a rebated drug price). */
  readonly parameters?: Readonly<Record<string, number>>;
  /** Market shares of the world with the new technology, replacing the definition's. */
  readonly with?: { readonly [K in S]?: BudgetImpactValue<P> };
}

/**
 * A budget-impact analysis driven by a model (ISPOR good practice, Sullivan et al. 2014): a world
 * without and a world with the new technology, an open population of incident patients from a
 * funnel, market shares per strategy and calendar year, no discounting. The model supplies the
 * undiscounted cost per patient by year since start (`<category>Year<k>` outputs, `costByYear`)
 * and per-patient counts, from the same parameter set as the cost-effectiveness analysis.
 *
 * @typeParam P - parameter values
 * @typeParam S - strategy names
 */
export interface BudgetImpactDefinition<P = ParameterValues, S extends string = string> {
  /** Horizon in calendar years (ISPOR: 1–5). */
  readonly years: number;
  /** Inhabitants of the budget holder's area, for the impact per inhabitant. */
  readonly inhabitants?: BudgetImpactValue<P>;
  /** Funnel from population to patients treated per year: the product of the steps is N in year 1. */
  readonly funnel: readonly FunnelStep<P>[];
  /** Annual relative change of N (0.02 = +2 % a year); N_c = N_1 (1 + growth)^(c − 1). Default 0. */
  readonly growth?: BudgetImpactValue<P>;
  /** Market shares per strategy in the world without the new technology (each year sums to 1). */
  readonly without: { readonly [K in S]?: BudgetImpactValue<P> };
  /** Market shares per strategy in the world with it (each year sums to 1). */
  readonly with: { readonly [K in S]?: BudgetImpactValue<P> };
  /**
   * Cost categories reported: label → the model's cost outcomes it sums (e.g. `{ testing:
   * ["costTesting"], drugs: ["costDrug"], "other care": ["costCare", "costEndOfLife"] }`). The total
   * is always the model's `cost`.
   */
  readonly categories: Readonly<Record<string, readonly string[]>>;
  /** Per-patient outcomes counted in the year patients start (e.g. `tests`, `reBiopsy`, `matchedTherapy`). */
  readonly counts?: readonly string[];
  /** Parameters whose values are list prices (the report says so). */
  readonly listPrices?: readonly string[];
  /** One-way sensitivity inputs. */
  readonly sensitivity?: readonly BudgetImpactSensitivity[];
  /** Named scenarios. */
  readonly scenarios?: Readonly<Record<string, BudgetImpactScenario<P, S>>>;
}
