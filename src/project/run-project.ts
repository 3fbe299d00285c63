import type { Model, ParameterValues } from "../models/model.js";
import { runBaseCase } from "../analysis/run/run-base-case.js";
import { runPsa, type PsaProgress } from "../analysis/run/run-psa.js";
import { QALY_VERSION } from "../analysis/run/version.js";
import { icerTable } from "../analysis/cea/icer-table.js";
import { netMonetaryBenefit } from "../analysis/cea/net-benefit.js";
import type { WtpRange } from "../analysis/cea/wtp-grid.js";
import type { PsaResult } from "../analysis/psa/psa-result.js";
import { scenarios as scenarioTable } from "../analysis/dsa/scenarios.js";
import type { ParameterSource } from "../analysis/dsa/dsa-base.js";
import type { ReportInput } from "../report/report-input.js";
import type { ModelProject } from "../files/model-project.js";
import { runBudgetImpact } from "../analysis/bia/run-budget-impact.js";
import { projectDsa } from "./run-project-dsa.js";
import { olderPriceLevels } from "./older-price-levels.js";
import { projectFrontier } from "./run-project-frontier.js";
import { scenarioPsa, type ScenarioPsaResult } from "../analysis/dsa/scenario-psa.js";
import { baseCaseDetail } from "./run-project-detail.js";
import { projectPsaSetup, type ProjectSampler } from "./project-psa-setup.js";
import { psaSummary, type PsaSummary } from "./psa-summary.js";
import { checkRunBudget } from "./run-budget.js";
import type { ResourceLimits } from "../files/resource-budget.js";
import { subgroupCondition } from "../models/subgroup-model.js";
import { calibrationTable } from "../analysis/calibration/calibration-table.js";
import { evppi } from "../analysis/voi/evppi.js";
import { evppiRanking } from "../analysis/voi/evppi-ranking.js";
import { psaIsDegenerate } from "../analysis/psa/is-degenerate.js";
import { survivalComparison, type SurvivalEvidence } from "../survival/fit/survival-evidence.js";
import type { NamedEvppi, SubgroupResult } from "../report/report-input.js";

/** Runs a project's PSA: the default is {@link runPsa} in this thread; the command line passes a worker pool. */
export type PsaRunner = (
  model: Model<ParameterValues>,
  sampler: ProjectSampler,
  options: { readonly samples: number; readonly seed: string | number; readonly method?: "random" | "lhs"; readonly onProgress?: (progress: PsaProgress) => void; readonly signal?: AbortSignal },
) => Promise<PsaResult>;

/** Options of {@link runProject}. */
export interface RunProjectOptions {
  /** PSA draws; absent or 0: no PSA. */
  readonly psa?: number;
  /** PSA seed (default: the project's). */
  readonly seed?: string | number;
  /** Willingness-to-pay grid for the CEAC and EVPI (default: the project's). */
  readonly wtp?: WtpRange;
  /** Thresholds (currency per unit effect) for NMB tables (default: the project's). */
  readonly thresholds?: readonly number[];
  /** Whether to run the one-way analysis, tornado, threshold and scenario analyses (default true). */
  readonly dsa?: boolean;
  /** Name of a project scenario to run instead of the base case. */
  readonly scenario?: string;
  /** Work and memory limits checked before the run starts (default `RESOURCE_LIMITS`; see `checkRunBudget`). */
  readonly limits?: Partial<ResourceLimits>;
  /** Progress of the PSA. */
  readonly onProgress?: (progress: PsaProgress) => void;
  /** Cancels the PSA (`cancelled` error). */
  readonly signal?: AbortSignal;
  /** Whether to add the base-case detail the report draws: Markov traces, survival curves, tree rollback (default true). */
  readonly detail?: boolean;
  /** Tornado bars shown (default: the project's, else 10); `"all"` for every parameter varied. */
  readonly tornadoBars?: number | "all";
  /** Strategy the tornado shows against the first strategy (default: see {@link runProject}). */
  readonly tornadoStrategy?: string;
  /** Evaluates the PSA draws (default {@link runPsa}); a worker pool plugs in here. */
  readonly psaRunner?: PsaRunner;
  /**
   * PSA draws run under each of the project's scenarios as well (same seed, so the draws differ
   * only by the scenario's values), for a side-by-side table of the probability cost-effective;
   * absent or 0: none. Each scenario costs a PSA of its own, run in this thread (not by `psaRunner`).
   */
  readonly scenarioPsa?: number;
}

/** Net monetary benefit of one strategy at one threshold, in the base case. */
export interface NetBenefitRow {
  /** Willingness to pay per unit of effect. */
  readonly wtp: number;
  /** Strategy name. */
  readonly strategy: string;
  /** `wtp × effect − cost`, in the model's currency. */
  readonly nmb: number;
  /** Whether the strategy has the highest NMB at this threshold (first in model order on ties). */
  readonly optimal: boolean;
}

/** Result of {@link runProject}: a {@link ReportInput} plus the tables a command line prints. */
export interface ProjectRun extends ReportInput {
  /** Base-case NMB per threshold and strategy. */
  readonly netBenefit: readonly NetBenefitRow[];
  /** PSA summary, when a PSA was run. */
  readonly psaSummary?: PsaSummary;
}

/**
 * Runs a model project end to end: base case, ICER table, NMB at the thresholds, the base case of
 * each subgroup and the calibration table (when the project has them), optionally a seeded PSA
 * with CEAC, EVPI, the EVPPI of the project's parameter groups and the probability of being cost-effective, a one-way analysis with
 * a tornado of the most influential parameters, the project's threshold analyses and its
 * scenarios side by side. The same result feeds the HTML report, the command line and notebooks.
 *
 * The tornado shows the incremental NMB, against the first strategy, of the strategy with the
 * highest base-case NMB at the first threshold (if that is the first strategy: at the last
 * threshold; if again the first: the last strategy), with every parameter varied over its project
 * range or its distribution's 95% interval; the ten largest swings are kept.
 *
 * @param project - a compiled model file or a TypeScript project
 * @param options - PSA draws and seed, WTP grid, scenario, progress, cancellation
 * @returns a {@link ProjectRun}
 * @throws QalyError `unknown_scenario`, `cancelled`, any error of the model
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([1000, 1, 1000 + p.cDrug, 1.1]); } };
 * const project = { name: "demo", metadata: { title: "Demo", currency: "SEK" }, model, parameters: defineParameters({ cDrug: 20000 }),
 *   outcomes: { cost: "cost", effect: "qaly" }, scenarios: {}, wtp: { grid: { from: 0, to: 1000000, step: 500000 }, thresholds: [500000] },
 *   psa: { samples: 10, seed: 1 }, warnings: [] };
 * const run = await runProject(project, { dsa: false });
 * run.icerTable[1].icer // => 200000
 * run.netBenefit.find((row) => row.optimal).strategy // => "New"
 */
export async function runProject(project: ModelProject, options: RunProjectOptions = {}): Promise<ProjectRun> {
  const started = Date.now();
  const { cost, effect } = project.outcomes;
  const grid = options.wtp ?? project.wtp.grid;
  const thresholds = options.thresholds ?? project.wtp.thresholds;
  const warnings = [...project.warnings];
  const setup = projectPsaSetup(project, options.scenario);
  checkRunBudget(project, options);
  warnings.push(...setup.warnings);
  const { model, overrides } = setup;
  const source = parameterSource(project, overrides);
  const parameterRows = project.parameters.describe();
  // Prices not at the header's price year are named, so the reader knows which were not inflated.
  const older = olderPriceLevels(parameterRows, project.metadata.priceYear);
  if (older !== undefined) warnings.push(older);

  const baseValues = source.base();
  const baseCase = runBaseCase(model, baseValues, { cost, effect });
  const table = icerTable(baseCase.summary);
  const netBenefit = thresholds.flatMap((wtp) => {
    const nmb = baseCase.summary.map((row) => netMonetaryBenefit(row.cost, row.effect, wtp));
    const best = nmb.indexOf(Math.max(...nmb));
    return baseCase.summary.map((row, s) => Object.freeze({ wtp, strategy: row.strategy, nmb: nmb[s]!, optimal: s === best }));
  });

  // Subgroups: the same model on conditioned values; calibration targets read the base cases.
  const subgroupSpecs = project.subgroups ?? {};
  const subgroups: SubgroupResult[] = Object.keys(subgroupSpecs).map((name) => {
    const spec = subgroupSpecs[name]!;
    // The model on the conditioned values, which the result reports (what subgroupModel evaluates).
    const result = runBaseCase(model, subgroupCondition(spec, name)(baseValues), { cost, effect });
    return Object.freeze({ name, ...(spec.description === undefined ? {} : { description: spec.description }), baseCase: result, icerTable: icerTable(result.summary) });
  });
  const calibration =
    project.calibration === undefined || project.calibration.length === 0
      ? undefined
      : calibrationTable(project.calibration, (name) => (name === undefined ? baseCase.values : subgroups.find((row) => row.name === name)!.baseCase.values), Object.keys(subgroupSpecs));

  const reclassification = (project.reclassification ?? []).map((entry) => entry.table(baseValues));

  let psa: PsaResult | undefined;
  let summary: PsaSummary | undefined;
  const samples = options.psa ?? 0;
  if (samples > 0) {
    const seed = options.seed ?? project.psa.seed;
    const run = options.psaRunner ?? ((m, s, o) => runPsa(m, s, o));
    psa = await run(model, setup.parameters, {
      samples,
      seed,
      ...(project.psa.method === undefined ? {} : { method: project.psa.method }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    summary = psaSummary(psa, { seed, grid, thresholds, cost, effect });
  }
  // Scenario PSAs: each scenario's model and sampler (its values held fixed), the run's seed.
  const scenarioPsas: ScenarioPsaResult[] = [];
  const scenarioSamples = options.scenarioPsa ?? 0;
  if (scenarioSamples > 0 && options.scenario === undefined) {
    const seed = options.seed ?? project.psa.seed;
    // In this thread: a PSA runner (the command line's worker pool) may rebuild the run's own model
    // from its file in each worker, which would silently evaluate the base case instead of the scenario.
    for (const name of Object.keys(project.scenarios)) {
      const own = projectPsaSetup(project, name);
      const result = await runPsa(own.model, own.parameters, { samples: scenarioSamples, seed, ...(project.psa.method === undefined ? {} : { method: project.psa.method }), ...(options.signal === undefined ? {} : { signal: options.signal }) });
      scenarioPsas.push(scenarioPsa(name, result, thresholds, { cost, effect }));
    }
  }
  // A degenerate PSA (no uncertain parameter, or no outcome that varies) has no decision uncertainty a
  // parameter could resolve: its EVPPI would be 0 or Monte Carlo noise, so none is computed or reported.
  const voi = psa !== undefined && psa.parameters !== undefined && !psaIsDegenerate(psa, { cost, effect });
  const evppiGroups: NamedEvppi[] =
    !voi ? [] : Object.entries(project.evppi ?? {}).map(([name, parameters]) =>
          Object.freeze({ name, curve: evppi(psa!, parameters, grid, { cost, effect }), atThresholds: evppi(psa!, parameters, thresholds, { cost, effect }) }),
        );
  // Every parameter's EVPPI at the thresholds, ranked (50 coefficient draws for the standard errors keep it quick).
  const ranking = !voi || psa === undefined || thresholds.length === 0 ? undefined : evppiRanking(psa, thresholds, { cost, effect, standardError: { samples: 50 } });

  let dsaParts: Partial<Pick<ReportInput, "oneWay" | "tornado" | "thresholds" | "scenarios" | "frontier">> = {};
  if (options.dsa !== false) {
    const wtp = thresholds[0] ?? 500_000;
    const strategy = options.tornadoStrategy ?? tornadoStrategy(netBenefit, thresholds, model.strategies);
    const tornadoBars = options.tornadoBars ?? project.tornadoBars;
    const dsa = projectDsa(project, model, source, { wtp, thresholds, cost, effect, strategy, fixed: Object.keys(overrides), ...(tornadoBars === undefined ? {} : { tornadoBars }) });
    warnings.push(...dsa.warnings);
    // The same analyses at every threshold, the optimal strategy against its frontier neighbours.
    const along = projectFrontier(project, model, source, { ...(dsa.oneWay === undefined ? {} : { oneWay: dsa.oneWay }), table, thresholds, cost, effect, ...(tornadoBars === undefined ? {} : { tornadoBars }), existing: dsa.thresholds });
    warnings.push(...along.warnings);
    const hasScenarios = Object.keys(project.scenarios).length > 0;
    const scenarioResult = hasScenarios ? scenarioTable(project.model as Model<ParameterValues>, parameterSource(project, {}), { scenarios: project.scenarios, wtp, cost, effect }) : undefined;
    dsaParts = {
      ...(dsa.oneWay === undefined ? {} : { oneWay: dsa.oneWay }),
      ...(dsa.tornado === undefined ? {} : { tornado: dsa.tornado }),
      ...(dsa.thresholds.length === 0 ? {} : { thresholds: dsa.thresholds }),
      ...(scenarioResult === undefined ? {} : { scenarios: scenarioResult }),
      ...(along.frontier.length === 0 ? {} : { frontier: along.frontier }),
    };
  }
  // Budget impact: the same model, parameter values and PSA draws as the cost-effectiveness analysis.
  const budgetImpactRun = project.budgetImpact === undefined ? undefined : runBudgetImpact(model, project.budgetImpact, (extra) => source.base(extra), psa);

  return {
    name: project.name,
    metadata: project.metadata,
    outcomes: project.outcomes,
    parameters: parameterRows,
    warnings,
    baseCase,
    icerTable: table,
    wtp: { grid, thresholds },
    ...(project.economics === undefined ? {} : { economics: project.economics }),
    ...(psa === undefined ? {} : { psa }),
    ...(subgroups.length === 0 ? {} : { subgroups }),
    ...(calibration === undefined ? {} : { calibration }),
    ...(reclassification.length === 0 ? {} : { reclassification }),
    ...(evppiGroups.length === 0 ? {} : { evppi: evppiGroups }),
    ...(ranking === undefined || ranking.rows.length === 0 ? {} : { evppiRanking: ranking }),
    ...(scenarioPsas.length === 0 ? {} : { scenarioPsa: scenarioPsas }),
    ...dsaParts,
    ...(options.detail === false ? {} : baseCaseDetail(model, baseValues)),
    ...(options.detail === false || project.survivalEvidence === undefined ? {} : { survivalEvidence: project.survivalEvidence.map(withComparison) }),
    run: {
      version: QALY_VERSION,
      date: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      ...(psa === undefined ? {} : { samples: psa.size, seed: options.seed ?? project.psa.seed }),
      ...(psa?.provenance === undefined ? {} : { modelHash: psa.provenance.modelHash }),
      ...(options.scenario ?? project.scenario) === undefined ? {} : { scenario: (options.scenario ?? project.scenario)! },
    },
    netBenefit,
    ...(summary === undefined ? {} : { psaSummary: summary }),
    ...(project.cohortSize === undefined ? {} : { cohortSize: project.cohortSize }),
    ...(budgetImpactRun === undefined ? {} : { budgetImpactRun }),
  };
}

/** Base-case values (the project's own when given) with scenario overrides; distributions from the space. */
function parameterSource(project: ModelProject, overrides: Readonly<Record<string, number>>): ParameterSource {
  // A scenario's values are fixed in the space (shown as fixed, so the one-way analysis leaves them
  // alone); a project's own base case replaces the other declared values; derived parameters are
  // recomputed by the space, so a one-way change of an input moves everything derived from it.
  const space = Object.keys(overrides).length === 0 ? project.parameters : project.parameters.fix(overrides);
  const derived = new Set(space.describe().filter((row) => row.kind === "derived").map((row) => row.name));
  const declared = project.baseCase === undefined ? {} : Object.fromEntries(Object.entries(project.baseCase).filter(([name]) => !derived.has(name) && !(name in overrides)));
  return {
    base: (extra?: Readonly<Record<string, number>>) => space.base({ ...declared, ...extra }),
    describe: () => space.describe(),
  };
}


/**
 * The strategy whose incremental NMB (against the first strategy) the tornado shows: the optimal one
 * at the first threshold; if that is the comparator, the optimal one at the last threshold; else
 * the last strategy (by convention the new intervention).
 */
function tornadoStrategy(rows: readonly NetBenefitRow[], thresholds: readonly number[], strategies: readonly string[]): string {
  const comparator = strategies[0]!;
  for (const wtp of [thresholds[0], thresholds[thresholds.length - 1]]) {
    const best = rows.find((row) => row.wtp === wtp && row.optimal)?.strategy;
    if (best !== undefined && best !== comparator) return best;
  }
  return strategies[strategies.length - 1]!;
}

/** A fitted curve's evidence with every standard family fitted to the same data: once per run, shared by the report and results.json. */
function withComparison(evidence: SurvivalEvidence): SurvivalEvidence {
  return evidence.comparison !== undefined ? evidence : Object.freeze({ ...evidence, comparison: survivalComparison(evidence) });
}
