/**
 * qaly: health-economic decision modelling in TypeScript.
 *
 * The main entry: parameters and distributions, survival curves, the model engines (decision
 * tree, Markov cohort, partitioned survival), base case and PSA runs, and the analyses of their
 * results. Everything here runs in Node, browsers and notebooks. The other entries are
 * `qaly/report` (tables, SVG charts, the HTML report), `qaly/files` (model files and projects),
 * `qaly/survival-fit` (fitting survival curves to patient data), `qaly/microsimulation`
 * (individual-level models) and `qaly/node` (the worker pool, loading and writing files).
 *
 * Every function and constant is exported by name, and so are the types written most (each
 * engine's definition and model, `Model`, `ParameterValues`, the main analyses' results); the other
 * types are grouped in a type-only namespace per engine or analysis: `Parameter`, `Survival`,
 * `Markov`, `Psm`, `Tree`, `Pathway`, `Cea`, `Psa`, `Voi`, `Dsa` and `BudgetImpact`
 * (`import type { Markov } from "qaly"`, then `Markov.TransitionRows`).
 *
 * @packageDocumentation
 * @module qaly
 */

// core
export { QalyError, formatIssues } from "./core/errors.js";
export type { Issue, IssueCode, PathSegment, SafeResult } from "./core/errors.js";

// random
export { createRng, restoreRng } from "./random/rng.js";
export type { Rng, RngState, Seed } from "./random/rng.js";

// distributions
export {
  fixed,
  uniform,
  normal,
  truncatedNormal,
  lognormal,
  gamma,
  beta,
  triangular,
  pert,
  exponential,
  weibull,
  categorical,
  empirical,
  dirichlet,
  multivariateNormal,
  distributionFromDef,
} from "./distributions/index.js";
export type {
  Distribution,
  DistributionDef,
  MultivariateDistribution,
} from "./distributions/index.js";

// parameters
export {
  defineParameters,
  param,
  ParameterSpace,
  ParameterTable,
} from "./parameters/index.js";
export type { ParameterValues, ParameterDraws } from "./parameters/index.js";

// math: rates, probabilities, discounting, cycle corrections
export {
  rateToProbability,
  probabilityToRate,
  probabilityToOdds,
  oddsToProbability,
  applyRelativeRisk,
  applyHazardRatio,
  applyOddsRatio,
  rescaleProbability,
  rateFromMedian,
  probabilityFromMedian,
  probabilityFromCumulativeIncidence,
  discountFactor,
} from "./math/index.js";
export type { CycleCorrection, DiscountTiming } from "./math/index.js";

// survival
export {
  exponentialSurvival,
  exponentialFromMedian,
  weibullSurvival,
  weibullPhSurvival,
  gompertzSurvival,
  logLogisticSurvival,
  lognormalSurvival,
  gammaSurvival,
  generalisedGammaSurvival,
  piecewiseExponentialSurvival,
  tabulatedSurvival,
  applyHazardRatioToCurve,
  applyAccelerationFactor,
  joinCurves,
  mixCurves,
  mixtureCure,
  lifeTable,
  parseLifeTableCsv,
  lifeTableSurvival,
  capByBackgroundMortality,
  transitionProbability,
  transitionProbabilities,
  survivalFromCoefficients,
  sampleSurvivalCurves,
  survivalCurveFromDef,
  roystonParmarSurvival,
} from "./survival/index.js";
export type { SurvivalCurve, LifeTable } from "./survival/index.js";

// models: the shared contract
export { complement } from "./models/complement.js";
export type { Complement } from "./models/complement.js";
export { evaluateModel } from "./models/model.js";
export type { Model, EvaluationContext, StrategyOutcomes } from "./models/model.js";
export { subgroupModel } from "./models/subgroup-model.js";
export { costOnlyModel } from "./models/cost-only-model.js";
export type { Subgroup } from "./models/subgroup-model.js";
export { calibrationTable } from "./analysis/calibration/index.js";
export type { CalibrationRow, CalibrationTarget } from "./analysis/calibration/index.js";

// models: Markov cohort
export { markovCohort, ROW_SUM_TOLERANCE, byCycle, byStateTime, byCycleAndStateTime, byCycleTimesStateTime } from "./models/markov/index.js";
export type { MarkovCohortModel, MarkovCohortDefinition, TimeArray, TimeProduct } from "./models/markov/index.js";

// models: partitioned survival
export { partitionedSurvival } from "./models/psm/index.js";
export type { PartitionedSurvivalModel, PartitionedSurvivalDefinition } from "./models/psm/index.js";
export type { ModelMetadata } from "./models/model-metadata.js";

// models: decision tree
export {
  decisionTree,
  decision,
  chance,
  terminal,
  subtree,
  renderTree,
} from "./models/tree/index.js";
export type { DecisionTree, DecisionTreeDefinition } from "./models/tree/index.js";

// pathways: diagnostic testing pathways, compiled into decision trees with model leaves
export { testingPathway, panel, sequential, parallel, reflex, sendOut, testingDecision, testingTree, testingCounts, reclassification } from "./pathways/index.js";
export type { TestingPathwayDefinition, TestingPathway, TestingTree } from "./pathways/index.js";

// analysis: cost-effectiveness
export {
  icerTable,
  icerTableFromPsa,
  optimalStrategy,
  frontierNeighbours,
  costComparison,
  netBenefit,
  netHealthBenefit,
  netMonetaryBenefit,
  wtpGrid,
  SWEDISH_WTP_GRID,
  SWEDISH_WTP_THRESHOLDS,
  economicSettings,
  ECONOMIC_PRESETS,
} from "./analysis/cea/index.js";
export type { IcerRow, EconomicSettings } from "./analysis/cea/index.js";

// analysis: PSA results
export { psaResult, psaResultFromJson, psaResultFromCsv, psaResultToCsv, withParameterDrawsCsv, cePlane, incrementalResults, psaIsDegenerate } from "./analysis/psa/index.js";
export type { PsaResult } from "./analysis/psa/index.js";

// analysis: decision uncertainty (acceptability curves, frontier, expected loss)
export { ceac, ceaf, expectedLoss, probabilityCostEffective, NMB_TIE_TOLERANCE } from "./analysis/acceptability/index.js";
export type { Ceac, Ceaf } from "./analysis/acceptability/index.js";

// analysis: value of information
export { evpi, evppi, evppiRanking, evpiFromNetBenefit, populationSize, decisionCurves } from "./analysis/voi/index.js";
export type { EvpiCurve, EvppiCurve } from "./analysis/voi/index.js";

// analysis: running models
export {
  runBaseCase,
  baseCasePerCohort,
  runPsa,
  runPsaSync,
  QALY_VERSION,
} from "./analysis/run/index.js";
export type { BaseCaseOptions, BaseCaseResult, BaseCaseSource } from "./analysis/run/index.js";

// analysis: deterministic sensitivity
export { oneWay, tornado, twoWay, threshold, scenarios, frontierTornadoes, decisionChanging, scenarioPsa } from "./analysis/dsa/index.js";
export type { OneWayResult, TornadoResult, TwoWayResult, ThresholdResult, ScenariosResult } from "./analysis/dsa/index.js";

// analysis: budget impact
export { budgetImpact, budgetImpactSensitivity, budgetImpactUncertainty, modelBudgetImpact, runBudgetImpact } from "./analysis/bia/index.js";
export type { BudgetImpactDefinition, BudgetImpactResult } from "./analysis/bia/index.js";

// Type namespaces: the supporting types of each engine and analysis (the parts of a definition,
// options, rows of a result), named `Markov.TransitionRows`, `Dsa.Scenario`, … Types only, so they
// add nothing to a bundle; the types users write most are exported above by name.
import type * as Parameter from "./types/parameter.js";
import type * as Survival from "./types/survival.js";
import type * as Markov from "./types/markov.js";
import type * as Psm from "./types/psm.js";
import type * as Tree from "./types/tree.js";
import type * as Pathway from "./types/pathway.js";
import type * as Cea from "./types/cea.js";
import type * as Psa from "./types/psa.js";
import type * as Voi from "./types/voi.js";
import type * as Dsa from "./types/dsa.js";
import type * as BudgetImpact from "./types/budget-impact.js";
/** Parameter spaces: entries, metadata, JSON forms, sampling options and correlation reports. */
export type { Parameter };
/** Survival curves and life tables: curve definitions, draws, life-table input and options. */
export type { Survival };
/** Markov cohort models: states, transition rows, value tables, start distributions, the vector form's grid and arrays, the detailed run. */
export type { Markov };
/** Partitioned survival models: endpoints, curves, value tables, crossing policy, the detailed run. */
export type { Psm };
/** Decision trees: nodes, branches, payoffs, leaves and the rollback. */
export type { Tree };
/** Testing pathways: categories, tests, re-biopsy, treatment rules, test strategies, tree options. */
export type { Pathway };
/** Cost-effectiveness: cost-effect rows, dominance, net benefit, willingness to pay, economic settings input. */
export type { Cea };
/** Probabilistic sensitivity analysis: run options, result parts, CSV/JSON forms, CE plane, acceptability rows. */
export type { Psa };
/** Value of information: EVPI and EVPPI options, EVPPI ranking, population, decision curves. */
export type { Voi };
/** Deterministic sensitivity analysis: one-way ranges, tornado, two-way, threshold and scenario options and rows. */
export type { Dsa };
/** Budget impact: market shares, funnel, worlds, scenarios, sensitivity and uncertainty results. */
export type { BudgetImpact };
