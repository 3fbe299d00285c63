import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { closestName } from "../core/closest-name.js";
import type { Model } from "../models/model.js";
import type { ParameterSpace } from "../parameters/parameter-space.js";
import type { BudgetImpactDefinition, BudgetImpactSensitivity, BudgetImpactValue } from "../analysis/bia/budget-impact-definition.js";
import { budgetImpactFromOutcomes, checkBudgetImpactOutputs } from "../analysis/bia/model-budget-impact.js";
import { asGetter, compileValue, type Env, type Getter } from "./expression-env.js";
import type { BudgetImpactFile } from "./budget-impact-schema.js";

type Params = Readonly<Record<string, number>>;
type Shares = Readonly<Record<string, number | string | readonly (number | string)[]>>;

/** What the budget-impact block is built against. */
export interface BudgetImpactContext {
  /** Names and functions expressions may use (the parameters). */
  readonly env: Env;
  /** The compiled model (undefined when it failed: names are still checked). */
  readonly model: Model<Params, string> | undefined;
  /** The file's strategies. */
  readonly strategies: readonly string[];
  /** The parameter space (for `distribution` sensitivity ranges). */
  readonly space: ParameterSpace | undefined;
  /** Reports an unknown or derived parameter at a path. */
  readonly checkParameter: (name: string, path: readonly PathSegment[]) => void;
}

const PATH: PathSegment[] = ["budgetImpact"];

/**
 * Builds the `budgetImpact:` block of a model file into a {@link BudgetImpactDefinition}: funnel,
 * growth and shares compiled as expressions over the parameters (one per year or one for all),
 * `uptake` turned into the shares of the world with (the new strategies' uptake, the rest split as
 * in the world without), `distribution` sensitivity ranges into the parameter's 95 % interval. At
 * the base case it checks that the shares sum to 1 each year, the funnel is ≥ 0 and the model
 * reports cost by year for the whole horizon; every problem is pushed onto `issues` with its path.
 */
export function buildBudgetImpact(spec: BudgetImpactFile, context: BudgetImpactContext, baseValues: Params | undefined, issues: Issue[]): BudgetImpactDefinition<Params, string> | undefined {
  const { env, strategies } = context;
  const before = issues.length;
  const years = spec.years;
  const value = (source: number | string, path: PathSegment[]): Getter => asGetter(compileValue(source, env, path, issues));
  const perYear = (source: number | string | readonly (number | string)[], path: PathSegment[]): BudgetImpactValue<Params> => {
    if (!Array.isArray(source)) {
      const getter = value(source as number | string, path);
      return (p) => getter(p);
    }
    if (source.length !== years) issues.push({ code: "invalid_model", path, message: `give one value for all years or one per year (${years}); received ${source.length}`, received: source.length });
    const getters = source.map((entry, y) => value(entry, [...path, y]));
    return (p, year) => getters[Math.min(year, getters.length) - 1]!(p);
  };
  const shares = (given: Shares, path: PathSegment[]): Record<string, BudgetImpactValue<Params>> => {
    const result: Record<string, BudgetImpactValue<Params>> = {};
    for (const [strategy, source] of Object.entries(given)) {
      if (!strategies.includes(strategy)) {
        const close = closestName(strategy, strategies);
        issues.push({ code: "unknown_strategy", path: [...path, strategy], message: `unknown strategy '${strategy}'${close === undefined ? "" : ` (did you mean '${close}'?)`}; strategies: ${strategies.join(", ")}`, received: strategy });
      }
      result[strategy] = perYear(source, [...path, strategy]);
    }
    return result;
  };
  const without = shares(spec.without, [...PATH, "without"]);
  const worldWith = (given: { with?: Shares | undefined; uptake?: Shares | undefined }, path: PathSegment[]): Record<string, BudgetImpactValue<Params>> | undefined => {
    if ((given.with === undefined) === (given.uptake === undefined)) {
      issues.push({ code: "invalid_model", path, message: "give the world with the new technology either as with (the market shares) or as uptake (shares of the new strategies; the rest split as in the world without)" });
      return undefined;
    }
    if (given.with !== undefined) return shares(given.with, [...path, "with"]);
    return fromUptake(shares(given.uptake!, [...path, "uptake"]), without, strategies);
  };
  const withShares = worldWith(spec, PATH) ?? {};

  const funnel = Object.entries(spec.funnel).map(([name, step]) => {
    const entry = typeof step === "object" ? step : { value: step };
    const getter = value(entry.value, [...PATH, "funnel", name]);
    return {
      name,
      ...(entry.label === undefined ? {} : { label: entry.label }),
      value: (p: Params) => getter(p),
      ...("source" in entry && entry.source !== undefined ? { source: entry.source } : {}),
      ...("status" in entry && entry.status !== undefined ? { status: entry.status } : {}),
    };
  });
  if (funnel.length === 0) issues.push({ code: "invalid_model", path: [...PATH, "funnel"], message: "give at least one funnel step (e.g. the patients treated per year)" });
  const outputs = context.model?.outcomes ?? [];
  const categories = spec.categories ?? Object.fromEntries(outputs.flatMap((name) => /^(cost[A-Z]\w*)Year1$/.exec(name)?.[1] ?? []).map((name) => [name, [name]]));
  for (const name of spec.listPrices ?? []) context.checkParameter(name, [...PATH, "listPrices", name]);
  const rows = context.space?.describe() ?? [];
  const sensitivity: BudgetImpactSensitivity[] = [];
  for (const [parameter, range] of Object.entries(spec.sensitivity ?? {})) {
    const path = [...PATH, "sensitivity", parameter];
    context.checkParameter(parameter, path);
    if (range !== "distribution") {
      sensitivity.push({ parameter, low: range.low, high: range.high });
      continue;
    }
    const row = rows.find((r) => r.name === parameter);
    if (row !== undefined && (row.lower === null || row.upper === null)) issues.push({ code: "invalid_model", path, message: `'${parameter}' has no distribution; give { low, high }` });
    else if (row !== undefined) sensitivity.push({ parameter, low: row.lower!, high: row.upper! });
  }
  const scenarios = Object.fromEntries(
    Object.entries(spec.scenarios ?? {}).map(([name, scenario]) => {
      const path = [...PATH, "scenarios", name];
      for (const parameter of Object.keys(scenario.parameters ?? {})) context.checkParameter(parameter, [...path, "parameters", parameter]);
      const changed = scenario.with !== undefined || scenario.uptake !== undefined ? worldWith(scenario, path) : undefined;
      if (scenario.parameters === undefined && changed === undefined) issues.push({ code: "invalid_model", path, message: "a scenario changes parameters, with or uptake" });
      return [name, { ...(scenario.description === undefined ? {} : { description: scenario.description }), ...(scenario.parameters === undefined ? {} : { parameters: scenario.parameters }), ...(changed === undefined ? {} : { with: changed }) }];
    }),
  );
  const definition: BudgetImpactDefinition<Params, string> = {
    years,
    ...(spec.inhabitants === undefined ? {} : { inhabitants: value(spec.inhabitants, [...PATH, "inhabitants"]) }),
    funnel,
    ...(spec.growth === undefined ? {} : { growth: value(spec.growth, [...PATH, "growth"]) }),
    without,
    with: withShares,
    categories,
    ...(spec.counts === undefined ? {} : { counts: spec.counts }),
    ...(spec.listPrices === undefined ? {} : { listPrices: spec.listPrices }),
    ...(sensitivity.length === 0 ? {} : { sensitivity }),
    ...(spec.scenarios === undefined ? {} : { scenarios }),
  };
  if (issues.length > before || context.model === undefined) return undefined;
  // At the base case: the model covers the horizon and reports the categories and counts; the funnel
  // is ≥ 0 and the shares sum to 1 in every year (the model itself is not evaluated here).
  const uptake = spec.uptake !== undefined;
  try {
    checkBudgetImpactOutputs(context.model, definition as BudgetImpactDefinition<never, string>);
    if (baseValues !== undefined) budgetImpactFromOutcomes(definition, context.model.strategies, () => 0, baseValues);
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (baseValues === undefined || scenario.with === undefined) continue;
      try {
        budgetImpactFromOutcomes({ ...definition, with: scenario.with }, context.model.strategies, () => 0, baseValues);
      } catch (error) {
        if (!(error instanceof QalyError)) throw error;
        const own = spec.scenarios?.[name]?.uptake !== undefined;
        issues.push(...error.issues.map((issue) => ({ ...issue, path: [...PATH, "scenarios", name, ...rename(issue.path, own)] })));
      }
    }
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues.map((issue) => ({ ...issue, path: [...PATH, ...rename(issue.path, uptake)] })));
  }
  return issues.length > before ? undefined : definition;
}

/** A share path of the world with, named as the file wrote it (uptake or with). */
function rename(path: readonly PathSegment[], uptake: boolean): PathSegment[] {
  return uptake && path[0] === "with" ? ["uptake", ...path.slice(1)] : [...path];
}

/**
 * The shares of the world with from the uptake of the new strategies: share_s(y) = uptake_s(y) +
 * (1 − Σ uptake(y)) · without_s(y), so the strategies of the world without keep their mix.
 */
function fromUptake(uptake: Record<string, BudgetImpactValue<Params>>, without: Record<string, BudgetImpactValue<Params>>, strategies: readonly string[]): Record<string, BudgetImpactValue<Params>> {
  const at = (v: BudgetImpactValue<Params> | undefined, p: Params, y: number): number => (v === undefined ? 0 : typeof v === "number" ? v : v(p, y));
  const given = Object.values(uptake);
  const taken = (p: Params, y: number): number => {
    let sum = 0;
    for (const v of given) sum += at(v, p, y);
    return sum;
  };
  const result: Record<string, BudgetImpactValue<Params>> = {};
  for (const strategy of strategies) {
    if (uptake[strategy] === undefined && without[strategy] === undefined) continue;
    result[strategy] = (p, y) => at(uptake[strategy], p, y) + (1 - taken(p, y)) * at(without[strategy], p, y);
  }
  return result;
}
