import { IssueCollector, QalyError, fail, type Issue, type PathSegment } from "../../core/errors.js";
import { didYouMean } from "../../core/closest-name.js";
import { evaluateModel, type Model } from "../../models/model.js";
import { budgetImpact, type BudgetImpactResult } from "./budget-impact.js";
import type { BudgetImpactDefinition, BudgetImpactValue } from "./budget-impact-definition.js";

/** Spending of one world (without or with the new technology), per calendar year (year 1 first). */
export interface BudgetImpactWorldSpend {
  /** Total spending (the model's `cost`). */
  readonly total: readonly number[];
  /** Spending per category of the definition. */
  readonly byCategory: Readonly<Record<string, readonly number[]>>;
  /** Counted events (tests, re-biopsies, patients treated …) per year. */
  readonly counts: Readonly<Record<string, readonly number[]>>;
  /** Patients starting each strategy per year. */
  readonly patients: Readonly<Record<string, readonly number[]>>;
}

/** Result of {@link modelBudgetImpact}. */
export interface ModelBudgetImpactResult {
  /** Calendar years 1 … horizon. */
  readonly years: readonly number[];
  /** Strategies, in the model's order. */
  readonly strategies: readonly string[];
  /** The funnel's steps with their values. */
  readonly funnel: readonly {
    /** Step name. */
    readonly name: string;
    /** Label (the name when none was given). */
    readonly label: string;
    /** Its value at these parameters. */
    readonly value: number;
    /** Its source, when given. */
    readonly source?: string;
    /** Its evidence status, when given. */
    readonly status?: "sourced" | "assumption" | "placeholder";
  }[];
  /** Patients entering per calendar year (N_c). */
  readonly patients: readonly number[];
  /** Inhabitants, when given. */
  readonly inhabitants?: number;
  /** Market shares per world, strategy and year. */
  readonly shares: {
    /** Strategy → share per year, world without. */
    readonly without: Readonly<Record<string, readonly number[]>>;
    /** Strategy → share per year, world with. */
    readonly with: Readonly<Record<string, readonly number[]>>;
  };
  /** Undiscounted cost per patient by year since start, per strategy: `total` and each category. */
  readonly costPerPatient: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;
  /** The world without the new technology. */
  readonly without: BudgetImpactWorldSpend;
  /** The world with it. */
  readonly with: BudgetImpactWorldSpend;
  /** With minus without. */
  readonly net: {
    /** Net impact per year. */
    readonly total: readonly number[];
    /** Its running sum. */
    readonly cumulative: readonly number[];
    /** Net impact per year of each category. */
    readonly byCategory: Readonly<Record<string, readonly number[]>>;
    /** Their running sums. */
    readonly cumulativeByCategory: Readonly<Record<string, readonly number[]>>;
    /** Additional events per year (world with minus world without). */
    readonly counts: Readonly<Record<string, readonly number[]>>;
    /** Net total per inhabitant per year, when inhabitants are given. */
    readonly perInhabitant?: readonly number[];
  };
}

/** Reads outcome `name` of a strategy (a base-case row or one PSA draw). */
export type OutcomeReader = (outcome: string, strategy: string) => number;

/**
 * Budget impact of adopting a technology, computed from a model: Budget(y) = Σ_{c ≤ y} N_c Σ_s
 * share_s(c) Cost_s(y − c + 1) in each world, where Cost_s(k) is the model's undiscounted cost per
 * patient in year k since start (outputs `costYear<k>`, `<category>Year<k>`: `costByYear` on the
 * cohort models). No discounting (ISPOR). N_c comes from the funnel and the growth rate; the counts
 * (tests, patients treated …) are per patient and counted in the year patients start.
 *
 * @param model - a model reporting cost by year for at least `years` years
 * @param definition - horizon, funnel, shares, categories, counts
 * @param params - parameter values (the same set as the cost-effectiveness analysis)
 * @returns spending per world, category and year, and the net impact
 * @throws QalyError `invalid_argument` (shares not summing to 1 in a year, a negative funnel value, a
 *   horizon longer than the model reports), `unknown_outcome`, `unknown_strategy`; paths name the
 *   definition's field (`with.NGS.2`, `funnel.incidence`, `years`)
 * @example
 * const model = { title: "Demo", strategies: ["Old", "New"], outcomes: ["cost", "costYear1", "costYear2"],
 *   evaluateInto(p, out) { out.set([1500, 1000, 500, 3500, 3000, 500]); } };
 * const bia = modelBudgetImpact(model, { years: 2, funnel: [{ name: "patients", value: 100 }],
 *   without: { Old: 1 }, with: { Old: 0.5, New: 0.5 }, categories: {} }, {});
 * bia.net.total // => [100000, 100000]
 */
export function modelBudgetImpact<P>(model: Model<P, string>, definition: BudgetImpactDefinition<P, string>, params: P): ModelBudgetImpactResult {
  checkOutputs(model, definition);
  const outcomes = evaluateModel(model, params);
  return budgetImpactFromOutcomes(definition, model.strategies, (outcome, strategy) => outcomes[strategy]![outcome]!, params);
}

/**
 * Checks that a model reports what a budget-impact definition reads: cost by year for the whole
 * horizon (`costYear1` … for every category outcome) and the counts; throws every problem at once.
 *
 * @param model - the model
 * @param definition - the budget-impact definition
 * @throws QalyError `invalid_argument` at `years` (horizon longer than the model's), `unknown_outcome`
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost", "costYear1"], evaluateInto() {} };
 * checkBudgetImpactOutputs(model, { years: 1, funnel: [], without: { A: 1 }, with: { A: 1 }, categories: {} }); // passes
 */
export function checkBudgetImpactOutputs(model: Model<never, string> | Model<unknown, string>, definition: BudgetImpactDefinition<never, string>): void {
  checkOutputs(model as Model<unknown, string>, definition as BudgetImpactDefinition<unknown, string>);
}

function checkOutputs<P>(model: Model<P, string>, definition: BudgetImpactDefinition<P, string>): void {
  const { years } = definition;
  if (!Number.isInteger(years) || years < 1) fail("invalid_argument", ["years"], `the budget-impact horizon must be a whole number of years ≥ 1 (received ${years})`, { received: years });
  const issues = new IssueCollector();
  const reported = new Set(model.outcomes);
  let modelYears = 0;
  while (reported.has(`costYear${modelYears + 1}`)) modelYears++;
  if (modelYears < years) {
    issues.add({
      code: "invalid_argument",
      path: ["years"],
      message: modelYears === 0
        ? `the model does not report cost by year since start (costYear1 …); give its cohort models costByYear: ${years}`
        : `the budget-impact horizon (${years} years) is longer than the model reports cost by year (${modelYears} years); raise costByYear`,
      received: years,
      expected: `≤ ${modelYears}`,
    });
  }
  for (const [label, names] of Object.entries(definition.categories)) {
    names.forEach((name, i) => {
      if (!reported.has(`${name}Year1`)) issues.add({ code: "unknown_outcome", path: ["categories", label, i], message: `the model reports no cost by year for "${name}" (${name}Year1); ${didYouMean(name, costOutcomes(model.outcomes))}`, received: name });
    });
  }
  (definition.counts ?? []).forEach((name, i) => {
    if (!reported.has(name)) issues.add({ code: "unknown_outcome", path: ["counts", i], message: `the model reports no outcome "${name}"; ${didYouMean(name, model.outcomes)}`, received: name });
  });
  issues.throwIfAny("budget impact");
}

function costOutcomes(outputs: readonly string[]): string[] {
  return outputs.flatMap((name) => /^(cost\w*)Year1$/.exec(name)?.[1] ?? []);
}

/** A definition value for a calendar year. */
function valueAt<P>(value: BudgetImpactValue<P> | undefined, params: P, year: number, fallback: number): number {
  if (value === undefined) return fallback;
  return typeof value === "number" ? value : value(params, year);
}

/**
 * The budget impact from outcomes already computed (a base case or one PSA draw): what
 * {@link modelBudgetImpact} does after evaluating the model. The model's outputs must have been
 * checked with {@link checkBudgetImpactOutputs}.
 *
 * @param definition - the budget-impact definition
 * @param strategies - strategy names, in order
 * @param read - reads an outcome of a strategy
 * @param params - the parameter values of the same draw
 * @returns the budget impact
 * @example
 * const rows = { Old: { costYear1: 1000 }, New: { costYear1: 3000 } };
 * const bia = budgetImpactFromOutcomes({ years: 1, funnel: [{ name: "patients", value: 10 }], without: { Old: 1 }, with: { New: 1 }, categories: {} },
 *   ["Old", "New"], (outcome, strategy) => rows[strategy][outcome], {});
 * bia.net.total // => [20000]
 */
export function budgetImpactFromOutcomes<P>(definition: BudgetImpactDefinition<P, string>, strategies: readonly string[], read: OutcomeReader, params: P): ModelBudgetImpactResult {
  const { years } = definition;
  const yearList = Array.from({ length: years }, (_, y) => y + 1);
  const issues = new IssueCollector();
  const finiteAt = (value: number, path: readonly PathSegment[], what: string, atLeast = 0): number => {
    if (!Number.isFinite(value) || value < atLeast) issues.add({ code: "invalid_argument", path, message: `${what} must be a finite number ≥ ${atLeast} (received ${value})`, received: value });
    return value;
  };

  const funnel = definition.funnel.map((step) => ({
    name: step.name,
    label: step.label ?? step.name,
    value: finiteAt(valueAt(step.value, params, 1, Number.NaN), ["funnel", step.name], `funnel step "${step.name}"`),
    ...(step.source === undefined ? {} : { source: step.source }),
    ...(step.status === undefined ? {} : { status: step.status }),
  }));
  const first = funnel.reduce((product, step) => product * step.value, 1);
  const growth = finiteAt(valueAt(definition.growth, params, 1, 0), ["growth"], "growth per year", -1);
  const patients = yearList.map((y) => first * (1 + growth) ** (y - 1));
  const inhabitants = definition.inhabitants === undefined ? undefined : finiteAt(valueAt(definition.inhabitants, params, 1, 0), ["inhabitants"], "inhabitants");
  const shares = (world: "without" | "with") => {
    const given = definition[world] as Readonly<Record<string, BudgetImpactValue<P> | undefined>>;
    return Object.fromEntries(Object.entries(given).map(([strategy, value]) => [strategy, yearList.map((y) => valueAt(value, params, y, 0))])) as Record<string, number[]>;
  };
  const without = shares("without");
  const withShares = shares("with");
  issues.throwIfAny("budget impact");

  const stream = (names: readonly string[], strategy: string): number[] => yearList.map((k) => names.reduce((sum, name) => sum + read(`${name}Year${k}`, strategy), 0));
  const run = (perPatient: Record<string, number[]>): BudgetImpactResult<string> => {
    try {
      return budgetImpact({ years, population: patients, costPerPatient: perPatient, marketShares: { reference: without, new: withShares } });
    } catch (error) {
      throw renamed(error);
    }
  };
  const costPerPatient: Record<string, Record<string, number[]>> = {};
  for (const strategy of strategies) {
    costPerPatient[strategy] = { total: stream(["cost"], strategy) };
    for (const [label, names] of Object.entries(definition.categories)) costPerPatient[strategy]![label] = stream(names, strategy);
  }
  const pick = (label: string) => Object.fromEntries(strategies.map((s) => [s, costPerPatient[s]![label]!]));
  const total = run(pick("total"));
  const categories = Object.fromEntries(Object.keys(definition.categories).map((label) => [label, run(pick(label))]));
  const counts = Object.fromEntries((definition.counts ?? []).map((name) => [name, run(Object.fromEntries(strategies.map((s) => [s, [read(name, s)]])))]));

  const world = (which: "reference" | "new"): BudgetImpactWorldSpend => ({
    total: total[which].total,
    byCategory: Object.fromEntries(Object.entries(categories).map(([label, r]) => [label, r[which].total])),
    counts: Object.fromEntries(Object.entries(counts).map(([name, r]) => [name, r[which].total])),
    patients: total[which].patients,
  });
  return {
    years: yearList,
    strategies,
    funnel,
    patients,
    ...(inhabitants === undefined ? {} : { inhabitants }),
    shares: { without: sharesOf(without, strategies, years), with: sharesOf(withShares, strategies, years) },
    costPerPatient,
    without: world("reference"),
    with: world("new"),
    net: {
      total: total.netImpact,
      cumulative: total.cumulativeNetImpact,
      byCategory: Object.fromEntries(Object.entries(categories).map(([label, r]) => [label, r.netImpact])),
      cumulativeByCategory: Object.fromEntries(Object.entries(categories).map(([label, r]) => [label, r.cumulativeNetImpact])),
      counts: Object.fromEntries(Object.entries(counts).map(([name, r]) => [name, r.netImpact])),
      ...(inhabitants === undefined || inhabitants === 0 ? {} : { perInhabitant: total.netImpact.map((x) => x / inhabitants) }),
    },
  };
}

/** Every strategy's shares (0 when not given). */
function sharesOf(given: Record<string, number[]>, strategies: readonly string[], years: number): Record<string, number[]> {
  return Object.fromEntries(strategies.map((s) => [s, given[s] ?? new Array<number>(years).fill(0)]));
}

/** Re-words the calculator's paths in the definition's terms: marketShares.reference → without, marketShares.new → with, population → patients. */
function renamed(error: unknown): unknown {
  if (!(error instanceof QalyError)) return error;
  const issues = error.issues.map((issue): Issue => {
    const [head, world, ...rest] = issue.path;
    if (head === "marketShares") return { ...issue, path: [world === "reference" ? "without" : "with", ...rest] };
    if (head === "population") return { ...issue, path: ["funnel", ...issue.path.slice(1)], message: `patients per year ${issue.message}` };
    return issue;
  });
  return new QalyError(issues, "budget impact");
}
