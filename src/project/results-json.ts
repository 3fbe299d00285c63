import { decisionChanging } from "../analysis/dsa/frontier-tornadoes.js";
import type { BudgetImpactRun } from "../analysis/bia/run-budget-impact.js";
import type { IcerRow } from "../analysis/cea/icer-table.js";
import type { ProjectRun } from "./run-project.js";
import type { PsaSummary } from "./psa-summary.js";
import { costComparison, type CostComparisonRow } from "../analysis/cea/cost-comparison.js";
import type { EconomicSettings } from "../analysis/cea/economic-settings.js";
import { baseCasePerCohort } from "../analysis/run/base-case-per-cohort.js";
import type { DecisionOutcomes } from "../analysis/cea/decision-settings.js";
import type { CalibrationRow } from "../analysis/calibration/calibration-table.js";
import type { Reclassification } from "../pathways/reclassification.js";
import { survivalComparison, type SurvivalEvidence } from "../survival/fit/survival-evidence.js";
import type { SurvivalModelComparisonRow } from "../survival/fit/fit-survival-models.js";
import type { ReportCheck } from "../report/report-input.js";

/** Net monetary benefit of one strategy at one willingness to pay. */
export interface NetBenefitJson {
  /** Willingness to pay per unit of effect. */
  readonly wtp: number;
  /** Strategy name. */
  readonly strategy: string;
  /** Net monetary benefit. */
  readonly nmb: number;
  /** Whether it is the highest at this WTP. */
  readonly optimal: boolean;
}

/** The probability that one strategy is cost-effective at one willingness to pay. */
export interface ProbabilityCostEffectiveJson {
  /** Willingness to pay per unit of effect. */
  readonly wtp: number;
  /** Strategy name. */
  readonly strategy: string;
  /** Share of draws in which it has the highest NMB. */
  readonly probability: number;
  /** Whether it has the highest expected NMB. */
  readonly optimal: boolean;
}
/** One ICER-table row in the JSON results. */
export interface IcerRowJson {
  /** Strategy name. */
  readonly strategy: string;
  /** Expected cost. */
  readonly cost: number;
  /** Expected effect. */
  readonly effect: number;
  /** Previous frontier strategy, or `null`. */
  readonly comparator: string | null;
  /** Cost minus the comparator's, or `null`. */
  readonly incrementalCost: number | null;
  /** Effect minus the comparator's, or `null`. */
  readonly incrementalEffect: number | null;
  /** ICER, or `null`. */
  readonly icer: number | null;
  /** `non-dominated`, `dominated` or `extendedly-dominated`. */
  readonly status: string;
}

/** The JSON document of a run (what `qaly run --json` prints). */
export interface RunJson {
  /** Short model name. */
  readonly model: string;
  /** Title. */
  readonly title: string;
  /** Currency of every cost. */
  readonly currency: string;
  /** Names of the cost and effect outcomes. */
  readonly outcomes: DecisionOutcomes;
  /** The economic settings the run used (preset, currency, price year, thresholds, discount rates, severity), when the project states them. */
  readonly economics?: EconomicSettings;
  /** Warnings (placeholder inputs, skipped parameters). */
  readonly warnings: readonly string[];
  /** Every outcome of every strategy, per person: `baseCase.strategies[name][outcome]`. */
  readonly baseCase: {
    /** Strategy → outcome → value. */
    readonly strategies: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  /** ICER table of the base case. */
  readonly icerTable: readonly IcerRowJson[];
  /**
   * Cost-only models (`outcomes.costOnly`): the base-case cost comparison that replaces the ICER
   * table (every effect is 0, so the ICER table only says which strategy is least costly).
   */
  readonly costComparison?: readonly CostComparisonRow[];
  /** People in the starting cohort, when the model states one (`cohortSize`). */
  readonly cohortSize?: number;
  /** With a cohort size: every outcome of every strategy for the whole cohort (per person × `cohortSize`). */
  readonly baseCasePerCohort?: {
    /** Strategy → outcome → value for the cohort. */
    readonly strategies: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  /** Base-case NMB at each threshold. */
  readonly netBenefit: readonly NetBenefitJson[];
  /** PSA summary, when a PSA was run. */
  readonly psa?: PsaJson;
  /** Tornado bars, when run. */
  readonly tornado?: unknown;
  /** Threshold analyses (without their scan grids), when run. */
  readonly thresholds?: readonly unknown[];
  /** Scenario rows, when run. */
  readonly scenarios?: unknown;
  /**
   * Per threshold, the optimal strategy against its frontier neighbours: tornadoes (with the
   * parameters that can change the choice alone, `decisionChanging`) and threshold analyses (without
   * their scan grids), when the deterministic analyses were run.
   */
  readonly frontier?: readonly unknown[];
  /** Each scenario's PSA at the thresholds (`runProject({ scenarioPsa })`). */
  readonly scenarioPsa?: readonly unknown[];
  /** The project's subgroups: base case per strategy and ICER table (per patient in the subgroup). */
  readonly subgroups?: readonly SubgroupJson[];
  /** Calibration targets with the model's value and the difference. */
  readonly calibration?: readonly CalibrationRow[];
  /** Reclassification tables (base case): `probability[i][j]` = share called `labels[i]` by `from` and `labels[j]` by `to`. */
  readonly reclassification?: readonly Reclassification[];
  /** EVPPI of the project's parameter groups (with a PSA). */
  readonly evppi?: readonly EvppiJson[];
  /** Every parameter's EVPPI at the thresholds, largest first (with a PSA that has parameter draws). */
  readonly evppiRanking?: EvppiRankingJson;
  /** Model checks, when they were run (`qaly run` runs them). */
  readonly checks?: readonly ReportCheck[];
  /**
   * Curves fitted to patient-level data: the family used and every standard family's fit to the same
   * data (AIC, BIC, median, restricted mean), best AIC first, as NICE DSU TSD 14 asks to report.
   */
  readonly survivalEvidence?: readonly SurvivalEvidenceJson[];
  /** Version, date, seed, samples, scenario. */
  readonly run: unknown;
  /** Budget impact driven by the model: base case per year and world, PSA intervals, one-way and scenarios. */
  readonly budgetImpact?: BudgetImpactRun;
}

/** One fitted curve in {@link RunJson}. */
export interface SurvivalEvidenceJson {
  /** The endpoint (`OS`, `PFS`). */
  readonly endpoint: string;
  /** The named model the curve belongs to, when not the main model. */
  readonly model?: string;
  /** What was fitted to what. */
  readonly label: string;
  /** The family the model uses, its AIC and BIC. */
  readonly used: {
    /** The family (`weibull`, `llogis`, …). */
    readonly distribution: string;
    /** Its Akaike information criterion. */
    readonly aic: number;
    /** Its Bayesian information criterion. */
    readonly bic: number;
  };
  /** Every standard family fitted to the same data, best AIC first (`median` null when never reached). */
  readonly comparison: readonly (Omit<SurvivalModelComparisonRow, "median"> & {
    /** The fitted curve's median, `null` when the curve never reaches 0.5. */
    readonly median: number | null;
  })[];
  /** Families that could not be fitted, with the reason. */
  readonly failures: readonly {
    /** The family that could not be fitted. */
    readonly distribution: string;
    /** Why. */
    readonly message: string;
  }[];
}

/** One subgroup in {@link RunJson}. */
export interface SubgroupJson {
  /** The subgroup's name. */
  readonly name: string;
  /** What it is. */
  readonly description?: string;
  /** Strategy → outcome → value, per patient in the subgroup. */
  readonly baseCase: {
    /** Strategy → outcome → value. */
    readonly strategies: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  /** Its ICER table. */
  readonly icerTable: readonly IcerRowJson[];
}

/** The EVPPI ranking in {@link RunJson}: every parameter learnt alone, largest first. */
export interface EvppiRankingJson {
  /** The thresholds. */
  readonly wtp: readonly number[];
  /** The threshold the rows are sorted at. */
  readonly rankedAt: number;
  /** One row per parameter, largest EVPPI first. */
  readonly rows: readonly {
    /** The parameter. */
    readonly parameter: string;
    /** EVPPI per person at each threshold. */
    readonly perPerson: readonly number[];
    /** Its standard error at each threshold (`null` when not estimated). */
    readonly standardError: readonly number[] | null;
  }[];
}

/** One EVPPI group in {@link RunJson}. */
export interface EvppiJson {
  /** The group's name. */
  readonly name: string;
  /** The parameters learnt together. */
  readonly parameters: readonly string[];
  /** The WTP grid. */
  readonly wtp: readonly number[];
  /** EVPPI per person at each WTP. */
  readonly perPerson: readonly number[];
}

/** The PSA part of {@link RunJson}. */
export interface PsaJson {
  /** Draws. */
  readonly samples: number;
  /** Seed (`null` for imported draws). */
  readonly seed: string | number | null;
  /** `mean[strategy][outcome]`. */
  readonly mean: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** ICER table of the PSA means. */
  readonly icerTable: readonly IcerRowJson[];
  /** `ceac.wtp[g]` and `ceac.probability[strategy][g]`. */
  readonly ceac: {
    /** The WTP grid. */
    readonly wtp: readonly number[];
    /** Strategy → probability of the highest NMB at each WTP. */
    readonly probability: Readonly<Record<string, readonly number[]>>;
  };
  /** `evpi.wtp[g]` and `evpi.perPerson[g]`. */
  readonly evpi: {
    /** The WTP grid. */
    readonly wtp: readonly number[];
    /** EVPI per person at each WTP. */
    readonly perPerson: readonly number[];
  };
  /** Probability cost-effective at each threshold. */
  readonly probabilityCostEffective: readonly ProbabilityCostEffectiveJson[];
}

/**
 * The ICER table as plain JSON rows (every field present, `null` where undefined).
 *
 * @param table - rows from {@link qaly!icerTable}
 * @returns plain rows
 * @example
 * icerTableJson(icerTable([{ strategy: "A", cost: 0, effect: 1 }]))[0].icer // => null
 */
export function icerTableJson(table: readonly IcerRow[]): IcerRowJson[] {
  return table.map((r) => ({
    strategy: r.strategy,
    cost: r.cost,
    effect: r.effect,
    comparator: r.comparator,
    incrementalCost: r.incrementalCost,
    incrementalEffect: r.incrementalEffect,
    icer: r.icer,
    status: r.status,
  }));
}

/**
 * The JSON document of a project run: model, currency, base case per strategy, ICER table, NMB at
 * the thresholds and, with a PSA, the means, CEAC, EVPI and probability cost-effective. Typed
 * arrays become plain arrays, so `JSON.stringify` gives a portable document.
 *
 * @param run - a {@link runProject} result
 * @returns a plain, JSON-serialisable object
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([1000, 1, 1000 + p.cDrug, 1.1]); } };
 * const project = { name: "demo", metadata: { title: "Demo", currency: "SEK" }, model, parameters: defineParameters({ cDrug: 20000 }),
 *   outcomes: { cost: "cost", effect: "qaly" }, scenarios: {}, wtp: { grid: { from: 0, to: 1000000, step: 500000 }, thresholds: [500000] },
 *   psa: { samples: 10, seed: 1 }, warnings: [] };
 * const json = runJson(await runProject(project, { dsa: false }));
 * json.baseCase.strategies.New // => { cost: 21000, qaly: 1.1 }
 */
export function runJson(run: ProjectRun): RunJson {
  const strategies = Object.fromEntries(run.baseCase.strategies.map((s) => [s, { ...run.baseCase.values[s] }]));
  const psa = run.psaSummary === undefined ? undefined : psaJson(run.psaSummary);
  return {
    model: run.name,
    title: run.metadata.title,
    currency: run.metadata.currency,
    outcomes: run.outcomes,
    ...(run.economics === undefined ? {} : { economics: run.economics }),
    warnings: run.warnings,
    baseCase: { strategies },
    ...(run.cohortSize === undefined ? {} : { cohortSize: run.cohortSize, baseCasePerCohort: { strategies: baseCasePerCohort(run.baseCase, run.cohortSize).values } }),
    icerTable: icerTableJson(run.icerTable),
    ...(run.outcomes.costOnly === true ? { costComparison: costComparison(run.icerTable).map((r) => ({ ...r })) } : {}),
    netBenefit: run.netBenefit.map((r) => ({ ...r })),
    ...(psa === undefined ? {} : { psa }),
    ...(run.tornado === undefined ? {} : { tornado: run.tornado }),
    ...(run.thresholds === undefined ? {} : { thresholds: run.thresholds.map(({ scan: _scan, ...rest }) => rest) }),
    ...(run.scenarios === undefined ? {} : { scenarios: run.scenarios }),
    ...(run.frontier === undefined
      ? {}
      : {
          frontier: run.frontier.map((f) => ({
            wtp: f.wtp,
            optimal: f.optimal,
            competitors: f.competitors,
            tornadoes: f.tornadoes.map((t) => ({ ...t, decisionChanging: decisionChanging(t) })),
            thresholds: f.thresholds.map(({ scan: _scan, ...rest }) => rest),
          })),
        }),
    ...(run.scenarioPsa === undefined ? {} : { scenarioPsa: run.scenarioPsa }),
    ...(run.subgroups === undefined
      ? {}
      : {
          subgroups: run.subgroups.map((g) => ({
            name: g.name,
            ...(g.description === undefined ? {} : { description: g.description }),
            baseCase: { strategies: Object.fromEntries(g.baseCase.strategies.map((s) => [s, { ...g.baseCase.values[s] }])) },
            icerTable: icerTableJson(g.icerTable),
          })),
        }),
    ...(run.calibration === undefined ? {} : { calibration: run.calibration.map((row) => ({ ...row })) }),
    ...(run.reclassification === undefined ? {} : { reclassification: run.reclassification.map((t) => ({ ...t, labels: [...t.labels], probability: t.probability.map((row) => [...row]) })) }),
    ...(run.evppi === undefined ? {} : { evppi: run.evppi.map((g) => ({ name: g.name, parameters: [...g.curve.parameters], wtp: Array.from(g.curve.wtp), perPerson: Array.from(g.curve.perPerson) })) }),
    ...(run.evppiRanking === undefined ? {} : { evppiRanking: { wtp: Array.from(run.evppiRanking.wtp), rankedAt: run.evppiRanking.rankedAt, rows: run.evppiRanking.rows.map((r) => ({ parameter: r.parameter, perPerson: Array.from(r.perPerson), standardError: r.standardError === null ? null : Array.from(r.standardError) })) } }),
    ...(run.checks === undefined ? {} : { checks: run.checks.map((c) => ({ ...c })) }),
    ...(run.survivalEvidence === undefined ? {} : { survivalEvidence: run.survivalEvidence.map(survivalEvidenceJson) }),
    run: run.run,
    ...(run.budgetImpactRun === undefined ? {} : { budgetImpact: run.budgetImpactRun }),
  };
}

/**
 * The PSA summary as plain JSON (typed arrays become arrays).
 *
 * @param summary - a {@link psaSummary} result
 * @returns samples, seed, means, ICER table of means, CEAC, EVPI and probability cost-effective
 * @example
 * const psa = psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values: { cost: { A: [0, 0], B: [10_000, 30_000] }, qaly: { A: [1, 1], B: [1.5, 1.5] } } });
 * psaJson(psaSummary(psa, { seed: 7, grid: { from: 0, to: 50_000, step: 50_000 }, thresholds: [], cost: "cost", effect: "qaly" })).evpi // => { wtp: [0, 50000], perPerson: [0, 2500] }
 */
export function psaJson(summary: PsaSummary): PsaJson {
  return {
    samples: summary.samples,
    seed: summary.seed,
    mean: summary.mean,
    icerTable: icerTableJson(summary.icerTable),
    ceac: { wtp: Array.from(summary.ceac.wtp), probability: Object.fromEntries(summary.ceac.strategies.map((s) => [s, Array.from(summary.ceac.probability[s]!)])) },
    evpi: { wtp: Array.from(summary.evpi.wtp), perPerson: Array.from(summary.evpi.perPerson) },
    probabilityCostEffective: summary.probabilityCostEffective.map((r) => ({ wtp: r.wtp, strategy: r.strategy, probability: r.probability, optimal: r.optimal })),
  };
}

/** A fitted curve's evidence without its patient data (which stays with the model's inputs). */
function survivalEvidenceJson(e: SurvivalEvidence): SurvivalEvidenceJson {
  const comparison = survivalComparison(e);
  return {
    endpoint: e.endpoint,
    ...(e.model === undefined ? {} : { model: e.model }),
    label: e.label,
    used: { distribution: e.fit.distribution, aic: e.fit.aic, bic: e.fit.bic },
    // A median that is never reached (a plateau above ½) is Infinity, which JSON cannot carry: null.
    comparison: comparison.table.map((row) => ({ ...row, median: Number.isFinite(row.median) ? row.median : null })),
    failures: comparison.failures.map((f) => ({ ...f })),
  };
}
