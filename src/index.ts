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
export type {
  ParameterEntry,
  ParameterMeta,
  ParameterSpec,
  ParameterStatus,
  ParameterValue,
  NoRedefinition,
  ParameterRecord,
  ParameterValues,
  SampleOptions,
  CorrelationJson,
  GroupJson,
  ParameterJson,
  ParameterSpaceJson,
  CorrelationReport,
  ColumnSampling,
  IndexedCorrelationReport,
  SamplingMethod,
  ParameterRow,
  ParameterKind,
  ParameterDraws,
} from "./parameters/index.js";

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
export type {
  SurvivalCurve,
  SurvivalCurveDef,
  JoinCurvesOptions,
  LifeTable,
  LifeTableDef,
  ParseLifeTableCsvOptions,
  CohortOptions,
  TimeUnit,
  FlexsurvDistribution,
  SurvivalCurveDraws,
  SplineScale,
} from "./survival/index.js";

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
export { markovCohort, ROW_SUM_TOLERANCE } from "./models/markov/index.js";
export type {
  MarkovCohortModel,
  MarkovCohortDefinition,
  MarkovBackgroundMortality,
  MarkovMilestone,
  MarkovStrategy,
  OutcomeKind,
  StateSpec,
  TunnelStateSpec,
  StateName,
  TransitionRow,
  TransitionRows,
  StateValueTable,
  TransitionValueTable,
  StartingValueTable,
  StartDistribution,
  TransitionsFunction,
  StateValuesFunction,
  TransitionValuesFunction,
  StartingValuesFunction,
  TimeContext,
  MarkovRun,
  MarkovStrategyRun,
  MarkovTransitionMatrix,
} from "./models/markov/index.js";

// models: partitioned survival
export { partitionedSurvival } from "./models/psm/index.js";
export type {
  PartitionedSurvivalModel,
  PartitionedSurvivalDefinition,
  PartitionedSurvivalStrategy,
  DefaultPsmState,
  DefaultPsmEndpoint,
  EndpointCurves,
  CurvesFunction,
  PsmValuesFunction,
  EntryValueTable,
  EntryValuesFunction,
  PsmStartingValuesFunction,
  CappedValue,
  CappedValuesFunction,
  CrossingPolicy,
  PsmRun,
  PsmStrategyRun,
} from "./models/psm/index.js";
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
export type {
  DecisionTree,
  DecisionTreeDefinition,
  TreeRollback,
  DecisionOptions,
  ModelEntry,
  TerminalOptions,
  PolicyChoice,
  TreePath,
  RollbackNode,
  RollbackBranch,
  Value,
  Payoffs,
  BranchValues,
  ChanceBranch,
  DecisionBranch,
  DecisionOption,
  DecisionNode,
  ChanceNode,
  TerminalNode,
  LeafModel,
  TreeNode,
} from "./models/tree/index.js";

// pathways: diagnostic testing pathways, compiled into decision trees with model leaves
export { testingPathway, panel, sequential, parallel, reflex, sendOut, testingDecision, testingTree, testingCounts, reclassification } from "./pathways/index.js";
export type {
  CategoryDefinition,
  TestDefinition,
  TestConfirmation,
  RebiopsyDefinition,
  FalsePositiveRule,
  TreatmentRule,
  TestingPathwayDefinition,
  TestingPathway,
  TestingStrategy,
  StrategyOptions,
  PanelStrategy,
  SequentialStrategy,
  ParallelStrategy,
  ReflexStrategy,
  SendOutStrategy,
  ArmLeaf,
  TreatmentArms,
  TestingTree,
  TestingTreeOptions,
  Reclassification,
} from "./pathways/index.js";

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
export type {
  CostEffectRow,
  CostComparisonRow,
  CostRow,
  DominanceStatus,
  FrontierNeighbours,
  IcerRow,
  NetBenefit,
  NetBenefitOptions,
  WtpRange,
  DecisionOutcomes,
  WtpSettings,
  EconomicSettings,
  EconomicSettingsInput,
  StatedSeverity,
  EconomicPreset,
  SeverityLevel,
  DiscountRates,
} from "./analysis/cea/index.js";

// analysis: PSA results
export { psaResult, psaResultFromJson, psaResultFromCsv, psaResultToCsv, withParameterDrawsCsv, cePlane, incrementalResults, psaIsDegenerate } from "./analysis/psa/index.js";
export type {
  ParameterDrawsCsvOptions,
  PsaResult,
  PsaProvenance,
  PsaResultInput,
  PsaResultJson,
  PsaCsvOptions,
  PsaCsvWriteOptions,
  CostEffectOptions,
  CePlane,
  CePlaneOptions,
  CePlaneSeries,
  Estimate,
  IncrementalOptions,
  IncrementalRow,
} from "./analysis/psa/index.js";

// analysis: decision uncertainty (acceptability curves, frontier, expected loss)
export { ceac, ceaf, expectedLoss, probabilityCostEffective, NMB_TIE_TOLERANCE } from "./analysis/acceptability/index.js";
export type { DecisionCurveOptions, Ceac, Ceaf, ExpectedLoss, ProbabilityCostEffectiveRow } from "./analysis/acceptability/index.js";

// analysis: value of information
export { evpi, evppi, evppiRanking, evpiFromNetBenefit, populationSize, decisionCurves } from "./analysis/voi/index.js";
export type { EvpiCurve, EvpiOptions, EvppiCurve, EvppiOptions, EvppiStandardErrorOptions, EvppiRanking, EvppiRankingOptions, EvppiRankingRow, DecisionPopulation, DecisionCurves } from "./analysis/voi/index.js";

// analysis: running models
export {
  runBaseCase,
  baseCasePerCohort,
  runPsa,
  runPsaSync,
  QALY_VERSION,
} from "./analysis/run/index.js";
export type { BaseCaseOptions, BaseCaseResult, BaseCaseSource, ParameterSampler, PsaProgress, PsaRunOptions } from "./analysis/run/index.js";

// analysis: deterministic sensitivity
export { oneWay, tornado, twoWay, threshold, scenarios, frontierTornadoes, decisionChanging, scenarioPsa } from "./analysis/dsa/index.js";
export type {
  OneWayOptions,
  OneWayRange,
  OneWayResult,
  TornadoOptions,
  TornadoResult,
  TwoWayAxis,
  TwoWayOptions,
  TwoWayResult,
  ThresholdOptions,
  ThresholdResult,
  Scenario,
  ScenarioRow,
  ScenariosOptions,
  ScenariosResult,
  FrontierAnalysis,
  FrontierTornadoOptions,
  ScenarioPsaResult,
  DsaBase,
  DsaSettings,
  DsaMeasure,
  DsaResults,
} from "./analysis/dsa/index.js";

// analysis: budget impact
export { budgetImpact, budgetImpactSensitivity, budgetImpactUncertainty, modelBudgetImpact, runBudgetImpact } from "./analysis/bia/index.js";
export type {
  BudgetImpactDefinition,
  BudgetImpactRun,
  BudgetImpactInterval,
  BudgetImpactOneWayRow,
  BudgetImpactOptions,
  BudgetImpactResult,
  BudgetImpactScenario,
  BudgetImpactScenarioRow,
  BudgetImpactSensitivity,
  BudgetImpactSensitivityResult,
  BudgetImpactUncertainty,
  BudgetImpactValue,
  BudgetImpactWorld,
  BudgetImpactWorldSpend,
  FunnelStep,
  MarketShares,
  ModelBudgetImpactResult,
} from "./analysis/bia/index.js";
