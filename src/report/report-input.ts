import type { ModelMetadata } from "../models/model-metadata.js";
import type { ParameterRow } from "../parameters/describe-parameters.js";
import type { BaseCaseResult } from "../analysis/run/run-base-case.js";
import type { IcerRow } from "../analysis/cea/icer-table.js";
import type { DecisionOutcomes, WtpSettings } from "../analysis/cea/decision-settings.js";
import type { EconomicSettings } from "../analysis/cea/economic-settings.js";
import type { PsaResult } from "../analysis/psa/psa-result.js";
import type { TornadoResult } from "../analysis/dsa/tornado.js";
import type { OneWayResult } from "../analysis/dsa/one-way.js";
import type { TwoWayResult } from "../analysis/dsa/two-way.js";
import type { ThresholdResult } from "../analysis/dsa/threshold.js";
import type { ScenariosResult } from "../analysis/dsa/scenarios.js";
import type { FrontierAnalysis } from "../analysis/dsa/frontier-tornadoes.js";
import type { ScenarioPsaResult } from "../analysis/dsa/scenario-psa.js";
import type { BudgetImpactResult } from "../analysis/bia/budget-impact.js";
import type { BudgetImpactRun } from "../analysis/bia/run-budget-impact.js";
import type { DecisionPopulation } from "../analysis/voi/population-size.js";
import type { TreeRollback } from "../models/tree/decision-tree.js";
import type { EvppiCurve } from "../analysis/voi/evppi.js";
import type { EvppiRanking } from "../analysis/voi/evppi-ranking.js";
import type { CalibrationRow } from "../analysis/calibration/calibration-table.js";
import type { SurvivalEvidence } from "../survival/fit/survival-evidence.js";
import type { Reclassification } from "../pathways/reclassification.js";

/** The base case of a named subgroup of the population, reported beside the whole population's. */
export interface SubgroupResult {
  /** The subgroup's name, e.g. "Labelled intermediate by CONV". */
  readonly name: string;
  /** What the subgroup is. */
  readonly description?: string;
  /** Its base case: every outcome per strategy (per patient in the subgroup). */
  readonly baseCase: BaseCaseResult;
  /** Its ICER table. */
  readonly icerTable: readonly IcerRow[];
}

/** One model check as the report shows it (the shape of `qaly/files`' `ModelCheck`). */
export interface ReportCheck {
  /** Stable identifier, e.g. `qaly_exceeds_life_years`. */
  readonly code: string;
  /** How much a failure matters: `"error"` or `"warning"`. */
  readonly severity: string;
  /** Whether the model passed it. */
  readonly passed: boolean;
  /** What was checked and, on failure, what was found. */
  readonly message: string;
  /** The model's reason for accepting a failure. */
  readonly acknowledged?: string;
}

/** EVPPI of a named group of parameters on the report's WTP grid. */
export interface NamedEvppi {
  /** The group's name, e.g. "Transplant effect". */
  readonly name: string;
  /** EVPPI per person across the grid. */
  readonly curve: EvppiCurve;
  /** EVPPI per person at the report's WTP thresholds (computed once, for the tables). */
  readonly atThresholds: EvppiCurve;
}

/** One named survival curve sampled at the times of its {@link SurvivalSeries}. */
export interface SurvivalCurveSeries {
  /** Curve name, e.g. `"OS"`. */
  readonly name: string;
  /** S(t) at the series' times. */
  readonly values: Float64Array;
}

/** A cohort trace of one strategy: the proportion in each state at each trace row. */
export interface TraceSeries {
  /** Strategy name. */
  readonly strategy: string;
  /** Cycle length in years (row k is at time k · cycleLength). */
  readonly cycleLength: number;
  /** State names, in order. */
  readonly states: readonly string[];
  /** Per state (same order as `states`), the proportion at each trace row 0 … N. */
  readonly proportions: readonly Float64Array[];
}

/** Survival curves of one treatment arm, e.g. PFS and OS, sampled at common times. */
export interface SurvivalSeries {
  /** Arm name, e.g. `"Osimertinib (EGFR)"`. */
  readonly arm: string;
  /** Times in years. */
  readonly times: Float64Array;
  /** Named curves (e.g. `PFS`, `OS`), each S(t) at `times`. */
  readonly curves: readonly SurvivalCurveSeries[];
  /**
   * Names of the partitioned states, one more than the curves: below the lowest curve, between
   * each pair of consecutive curves, above the highest (e.g. `PF`, `PD`, `Dead`). Used in legends.
   */
  readonly states?: readonly string[];
}

/** Information about the run, printed at the end of a report. */
export interface RunInfo {
  /** PSA seed, when a PSA was run. */
  readonly seed?: string | number;
  /** PSA draws, when a PSA was run. */
  readonly samples?: number;
  /** qaly version. */
  readonly version: string;
  /** Hash of model + parameters. */
  readonly modelHash?: string;
  /** ISO date and time of the run. */
  readonly date: string;
  /** Scenario the run used, when not the base case. */
  readonly scenario?: string;
  /** Wall time of the run in milliseconds. */
  readonly durationMs?: number;
}

/**
 * Everything a report shows, as plain data: the report functions are pure functions of it, so the
 * same report comes out of the command line, a script or a notebook.
 */
export interface ReportInput {
  /** Short model name (file or folder name). */
  readonly name: string;
  /** Title, question, currency, price year, perspective. */
  readonly metadata: ModelMetadata;
  /** Names of the cost and effect outcomes used for the decision. */
  readonly outcomes: DecisionOutcomes;
  /** The parameter table (`ParameterSpace.describe()`). */
  readonly parameters?: readonly ParameterRow[];
  /** Warnings shown prominently at the top (e.g. placeholder prices in use). */
  readonly warnings: readonly string[];
  /** Base-case results. */
  readonly baseCase: BaseCaseResult;
  /** ICER table of the base case. */
  readonly icerTable: readonly IcerRow[];
  /** Willingness-to-pay grid (curves) and thresholds (tables). */
  readonly wtp: WtpSettings;
  /** The economic settings of the run (preset, currency, discounting, severity), when stated. */
  readonly economics?: EconomicSettings;
  /** PSA result, when a PSA was run (CE plane, CEAC, CEAF, EVPI are computed from it). */
  readonly psa?: PsaResult;
  /** Tornado diagram data. */
  readonly tornado?: TornadoResult;
  /** One-way results (line plots). */
  readonly oneWay?: OneWayResult;
  /** Two-way results (heat map). */
  readonly twoWay?: TwoWayResult;
  /** Threshold analyses. */
  readonly thresholds?: readonly ThresholdResult[];
  /** Scenario analysis. */
  readonly scenarios?: ScenariosResult;
  /** At each threshold, the optimal strategy against its frontier neighbours: tornadoes and threshold analyses. */
  readonly frontier?: readonly FrontierAnalysis[];
  /** The PSA of each scenario (same seed as the base case's), shown beside the base case's probabilities. */
  readonly scenarioPsa?: readonly ScenarioPsaResult[];
  /** Budget impact. */
  readonly budgetImpact?: BudgetImpactResult;
  /** Budget impact driven by the model (a project's `budgetImpact`): base case, PSA intervals, one-way and scenarios. */
  readonly budgetImpactRun?: BudgetImpactRun;
  /** People in the starting cohort, when the project states one: outputs add per-cohort results (`baseCasePerCohort`); per-person results are unchanged. */
  readonly cohortSize?: number;
  /** Results of the project's subgroups (base case). */
  readonly subgroups?: readonly SubgroupResult[];
  /** Calibration targets compared with the model's base case. */
  readonly calibration?: readonly CalibrationRow[];
  /** Model checks (TECH-VER; `qaly check`), when they were run. */
  readonly checks?: readonly ReportCheck[];
  /** Reclassification tables of a testing pathway's tests (base case). */
  readonly reclassification?: readonly Reclassification[];
  /** Survival curves fitted to patient-level data, with their data: the report draws Kaplan–Meier with the fit and the hazard. */
  readonly survivalEvidence?: readonly SurvivalEvidence[];
  /** EVPPI of the project's parameter groups (after a PSA). */
  readonly evppi?: readonly NamedEvppi[];
  /** EVPPI of every parameter on its own at the thresholds, largest first, with standard errors (after a PSA with parameter draws). */
  readonly evppiRanking?: EvppiRanking;
  /** Cohort traces (Markov trace chart). */
  readonly traces?: readonly TraceSeries[];
  /** Survival curves per arm. */
  readonly survival?: readonly SurvivalSeries[];
  /** Text rendering of the decision tree (`renderTree`). */
  readonly tree?: string;
  /** Seed, samples, version, model hash, date. */
  readonly run: RunInfo;
  /** Unit of effect in labels (default `"QALY"` when the effect outcome is `qaly`, else the outcome's name). */
  readonly effectUnit?: string;
  /** The strategy the CE plane and the PSA summary compare against (default the first strategy). */
  readonly comparator?: string;
  /** Base-case rollback of a decision tree (`tree.rollback(params)`): drawn as a tree diagram. */
  readonly treeRollback?: TreeRollback<string>;
  /** Cost outcomes stacked in the cost breakdown chart (default: outcomes named `cost…`, e.g. `costDrug`). */
  readonly costCategories?: readonly string[];
  /** The population the decision affects: the report adds population EVPI. */
  readonly population?: DecisionPopulation;
  /**
   * Outcomes shown per 1 000 patients in the counts table (default: every outcome that is not a
   * cost, QALY, life-year, time, undiscounted or `clampedCycles` outcome, e.g. `result`, `reBiopsy`).
   * An empty list leaves the table out.
   */
  readonly counts?: readonly string[];
  /** Who the counts are per 1 000 of (default `"patients tested"`). */
  readonly countsPer?: string;
}
