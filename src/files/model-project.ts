import type { Model, ParameterValues } from "../models/model.js";
import type { ParameterSpace } from "../parameters/parameter-space.js";
import type { EconomicSettings } from "../analysis/cea/economic-settings.js";
import type { SurvivalEvidence } from "../survival/fit/survival-evidence.js";
import type { OneWayRange } from "../analysis/dsa/one-way.js";
import type { Scenario } from "../analysis/dsa/scenarios.js";
import type { BudgetImpactDefinition } from "../analysis/bia/budget-impact-definition.js";
import type { ModelMetadata } from "../models/model-metadata.js";
import type { DecisionOutcomes, WtpSettings } from "../analysis/cea/decision-settings.js";
import type { Subgroup } from "../models/subgroup-model.js";
import type { CalibrationTarget } from "../analysis/calibration/calibration-table.js";
import type { Reclassification } from "../pathways/reclassification.js";

/**
 * A reclassification table a project reports: how the patients one test calls each category are
 * called by another (`reclassification(pathway, from, to, params)`).
 *
 * @typeParam P - parameter values
 */
export interface ReclassificationTable<P> {
  /** The test whose calls are the rows. */
  readonly from: string;
  /** The test whose calls are the columns. */
  readonly to: string;
  /** The table for one set of parameter values (a method, so projects typed with their own parameters fit). */
  table(params: P): Reclassification;
}

/** Default settings of a project's probabilistic sensitivity analysis. */
export interface PsaSettings {
  /** Number of draws, e.g. 5 000. */
  readonly samples: number;
  /** Seed, so that every run of the project gives the same draws. */
  readonly seed: string | number;
  /** `"random"` (default) or `"lhs"` (Latin hypercube). */
  readonly method?: "random" | "lhs";
}

/** A threshold analysis to run with the model (e.g. on a test's price). */
export interface ModelThreshold<S extends string = string> {
  /** The parameter varied. */
  readonly parameter: string;
  /** Interval searched. */
  readonly range: readonly [number, number];
  /** The two strategies compared. */
  readonly strategies: readonly [S, S];
}

/**
 * Everything needed to run a model end to end: the compiled model, its parameter space, and the
 * analyses' settings. A model file compiles into one; a TypeScript model can export one, so the
 * command line and the report treat both alike.
 *
 * @typeParam P - parameter values
 * @typeParam S - strategy names
 */
export interface ModelProject<P extends ParameterValues = ParameterValues, S extends string = string> {
  /** Short name (the file or folder name), used for output files. */
  readonly name: string;
  /** Title, question, currency and the like. */
  readonly metadata: ModelMetadata;
  /** The compiled model. */
  readonly model: Model<P, S>;
  /** Every input with its distribution, label, unit, source and status. */
  readonly parameters: ParameterSpace;
  /**
   * Base-case values when they differ from the parameter space's `base()` (e.g. a published model
   * whose PSA distributions do not have the deterministic values as means); absent otherwise.
   */
  readonly baseCase?: P;
  /** Names of the cost and effect outcomes the decision analyses use. */
  readonly outcomes: DecisionOutcomes;
  /**
   * People in the starting cohort (model file `cohortSize`): results are also reported per cohort
   * (every outcome × the size). Absent: per person only.
   */
  readonly cohortSize?: number;
  /** Named scenarios (parameter overrides and/or a differently built model). */
  readonly scenarios: Readonly<Record<string, Scenario<P, S>>>;
  /** Tornado bars shown (default 10; `"all"`: every parameter varied); the others are listed with their swing. */
  readonly tornadoBars?: number | "all";
  /** One-way ranges, parameter → range; when absent, the 2.5 % and 97.5 % quantiles of each distribution. */
  readonly dsa?: { readonly [name: string]: OneWayRange };
  /** Threshold analyses to run. */
  readonly thresholds?: readonly ModelThreshold<S>[];
  /** Willingness-to-pay grid and the thresholds reported. */
  readonly wtp: WtpSettings;
  /**
   * The economic settings (preset, currency, price year, thresholds, discounting, severity) the
   * project was built with (model files: `economics:`); absent when a TypeScript project states none.
   */
  readonly economics?: EconomicSettings;
  /** Default PSA settings. */
  readonly psa: PsaSettings;
  /**
   * Named subgroups of the population, each the conditioning of the parameters that define it
   * (docs/model-files.md, "Subgroups"): every run reports their base case beside the whole population's.
   */
  readonly subgroups?: Readonly<Record<string, Subgroup<P>>>;
  /** Calibration targets: published figures the model should reproduce, compared on every run. */
  readonly calibration?: readonly CalibrationTarget<S>[];
  /** Reclassification tables of a testing pathway's tests, computed with the base case on every run. */
  readonly reclassification?: readonly ReclassificationTable<P>[];
  /** EVPPI groups reported after a PSA: group name → the parameters learnt together. */
  readonly evppi?: Readonly<Record<string, readonly string[]>>;
  /** Warnings to print with every run, e.g. "placeholder prices in use: cPembro, cTkiOther". */
  readonly warnings: readonly string[];
  /** A budget-impact analysis run with the model (model files: `budgetImpact:`). */
  readonly budgetImpact?: BudgetImpactDefinition<P, S>;
  /** Survival curves fitted to patient-level data, with their data (model files: `{ kind: fitted }` curves), drawn in the report. */
  readonly survivalEvidence?: readonly SurvivalEvidence[];
  /** The scenario this project was built for (by `applyScenario`); absent for the base case. */
  readonly scenario?: string;
}
