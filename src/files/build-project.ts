import { QalyError, type Issue, type PathSegment, type SafeResult } from "../core/errors.js";
import { closestName } from "../core/closest-name.js";
import type { Model } from "../models/model.js";
import type { OneWayRange } from "../analysis/dsa/one-way.js";
import type { Scenario } from "../analysis/dsa/scenarios.js";
import { economicSettings, type EconomicSettings } from "../analysis/cea/economic-settings.js";
import { ECONOMIC_PRESETS, type DiscountRates } from "../analysis/cea/economic-presets.js";
import type { ModelFile } from "./model-file-schema.js";
import type { ModelProject, ModelThreshold, ReclassificationTable } from "./model-project.js";
import { reclassification as reclassify } from "../pathways/reclassification.js";
import type { TestingPathway } from "../pathways/pathway-types.js";
import type { ModelMetadata } from "../models/model-metadata.js";
import type { ExpressionFunction } from "./expression.js";
import { asGetter, compileValue, MODEL_FILE_FUNCTIONS, type Env, type Getter } from "./expression-env.js";
import type { Subgroup } from "../models/subgroup-model.js";
import type { CalibrationTarget } from "../analysis/calibration/calibration-table.js";
import { dataTable } from "./data-table.js";
import { buildParameters, type FileParameters } from "./build-parameters.js";
import { buildMarkov, TIME_NAMES, withSettings, type StrategyVariables } from "./build-markov.js";
import { buildTree, type SubtreeFile } from "./build-tree.js";
import { buildPsm } from "./build-psm.js";
import { buildMicrosimulation } from "./build-microsimulation.js";
import { withFittedCurves } from "./fitted-curves.js";
import type { SurvivalEvidence } from "../survival/fit/survival-evidence.js";
import { buildTesting } from "./build-testing.js";
import type { CompiledFile } from "./compile-model-file.js";
import { buildBudgetImpact } from "./build-budget-impact.js";
import { decisionModel } from "./cost-only.js";
import { withCohortStart } from "./cohort-start.js";
import type { SettingsFile } from "./model-file-schema.js";
import { ownEntry } from "../core/own-entry.js";

type Params = Readonly<Record<string, number>>;

/** A scenario applied while building: fixed parameter values and changed settings. */
export interface ScenarioInput {
  /** The scenario's name. */
  readonly name: string;
  /** Parameters held at these values (base case and PSA). */
  readonly parameters: Readonly<Record<string, number>>;
  /** Settings of every Markov model. */
  readonly settings?: SettingsFile | undefined;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function hint(name: string, known: readonly string[]): string {
  const close = closestName(name, known);
  return close === undefined ? "" : ` (did you mean '${close}'?)`;
}

/** A cohort model's definition with the settings' rate for each discount rate the model leaves out (the model's own rates win). */
function withDiscount<D extends { readonly discountRate?: { readonly cost?: unknown; readonly effect?: unknown } | undefined }>(def: D, stated: DiscountRates | undefined): D {
  if (stated === undefined) return def;
  return { ...def, discountRate: { cost: def.discountRate?.cost ?? stated.cost, effect: def.discountRate?.effect ?? stated.effect } };
}

/** The models of a file (main and named), built with the given settings and, for models that state none, the economic settings' discount rates (`stated`). */
function buildModels(compiled: CompiledFile, settings: SettingsFile | undefined, stated: DiscountRates | undefined, strategies: readonly string[], variables: StrategyVariables, base: Env, baseValues: Params | undefined, issues: Issue[]): Model<Params, string> | undefined {
  const { file } = compiled;
  const models = new Map<string, Model<Params, string>>();
  for (const [name, def] of Object.entries(file.models ?? {})) {
    // A named model evaluates the file's strategies, or strategies of its own (with their own variables).
    const own: [string, Readonly<Record<string, number | string>>][] | undefined = def.strategies === undefined ? undefined : Array.isArray(def.strategies) ? def.strategies.map((s) => [s, {}]) : Object.entries(def.strategies).map(([s, vars]) => [s, vars ?? {}]);
    const ownVariables = own === undefined ? variables : strategyVariables(own, base, ["models", name, "strategies"], (v) => !IDENTIFIER.test(v) || base.names.includes(v), issues);
    const names = own === undefined ? strategies : own.map(([s]) => s);
    const built = def.type === "markov" ? buildMarkov(withSettings(withDiscount(def, stated), settings), names, ownVariables, base, ["models", name], issues, compiled.options.readFile) : buildPsm(withSettings(withDiscount(def, stated), settings), names, ownVariables, base, baseValues, compiled.options.readFile, ["models", name], issues);
    if (built !== undefined) models.set(name, built);
  }
  const main = file.model;
  const before = issues.length;
  const subtrees = (file.subtrees ?? {}) as Record<string, SubtreeFile>;
  const used = new Set<string>();
  let built: Model<Params, string> | undefined;
  if (main.type === "markov") {
    if (main.strategies !== undefined) issues.push({ code: "invalid_model", path: ["model", "strategies"], message: "the main model evaluates the file's strategies; 'strategies' is for named models under models" });
    built = buildMarkov(withSettings(withDiscount(main, stated), settings), strategies, variables, base, ["model"], issues, compiled.options.readFile);
  } else if (main.type === "partitioned-survival") {
    if (main.strategies !== undefined) issues.push({ code: "invalid_model", path: ["model", "strategies"], message: "the main model evaluates the file's strategies; 'strategies' is for named models under models" });
    built = buildPsm(withSettings(withDiscount(main, stated), settings), strategies, variables, base, baseValues, compiled.options.readFile, ["model"], issues);
  } else if (main.type === "microsimulation") built = buildMicrosimulation(withDiscount(main, stated), strategies, variables, base, ["model"], issues);
  else if (main.type === "testing-pathway") built = buildTesting(main, main.title ?? file.metadata.title, strategies, { base, variables, models, subtrees, issues, used }, baseValues, ["model"]);
  else built = buildTree(main.title ?? file.metadata.title, main.root, strategies, { base, variables, models, subtrees, issues, used }, ["model"]);
  // A subtree is compiled where it is used, so one used nowhere would pass unchecked (a typo in it
  // unseen). Said only when nothing else is wrong: a node skipped for another problem leaves the
  // subtrees below it unvisited.
  if (issues.length === before) {
    for (const name of Object.keys(subtrees)) {
      if (!used.has(name)) issues.push({ code: "invalid_model", path: ["subtrees", name], message: `subtree '${name}' is not used ({ subtree: ${name}, with: … } in a decision tree or a testing pathway's arms); use it or remove it`, received: name });
    }
  }
  return built;
}

/** Builds the project of a validated file, optionally for a scenario; collects every issue. */
export function buildProject(original: CompiledFile, scenario: ScenarioInput | undefined): SafeResult<ModelProject> {
  const issues: Issue[] = [];
  // Curves of kind `fitted` are fitted to their data (once per file) and become parameters and a curve over them.
  const evidence: SurvivalEvidence[] = [];
  // With a cohortSize, Markov starting counts become proportions (cohort-start.ts).
  const compiled = withCohortStart(withFittedCurves(original, issues, evidence), issues);
  const { file, options } = compiled;
  const functions: Record<string, ExpressionFunction> = { ...MODEL_FILE_FUNCTIONS };
  for (const [name, spec] of Object.entries(file.tables ?? {})) {
    if (!IDENTIFIER.test(name) || name in MODEL_FILE_FUNCTIONS) issues.push({ code: "invalid_model", path: ["tables", name], message: `a data table's name is used as a function in expressions: it must be an identifier and not one of ${Object.keys(MODEL_FILE_FUNCTIONS).join(", ")}` });
    // A table that cannot be read is reported once, not again in every expression that uses it.
    functions[name] = dataTable(name, spec, options.readFile, ["tables", name], issues) ?? (() => Number.NaN);
  }
  const reserved = new Set<string>([...TIME_NAMES, ...Object.keys(functions), "complement"]);
  for (const name of [...Object.keys(file.parameters ?? {}), ...Object.values(file.groups ?? {}).flatMap((group) => group.components)]) {
    if (!IDENTIFIER.test(name)) issues.push({ code: "invalid_parameter", path: ["parameters", name], message: `parameter name '${name}' must start with a letter and contain only letters, digits and _ (it is used in expressions)` });
    else if (reserved.has(name)) issues.push({ code: "invalid_parameter", path: ["parameters", name], message: `'${name}' is reserved (time variable, function or table); choose another parameter name` });
  }
  const overrides = scenario?.parameters ?? {};
  const parameters = buildParameters(file.parameters ?? {}, { groups: file.groups, correlations: file.correlations }, functions, overrides, issues);
  // With broken parameters, the model is still checked (names are known), so every problem is reported.
  const parameterNames = parameters?.names ?? [...Object.keys(file.parameters ?? {}), ...Object.values(file.groups ?? {}).flatMap((group) => group.components)];

  // Strategies and their variables (expressions over parameters, one value per strategy).
  const entries: [string, Readonly<Record<string, number | string>>][] = Array.isArray(file.strategies) ? file.strategies.map((name) => [name, {}]) : Object.entries(file.strategies).map(([name, s]) => [name, s?.variables ?? {}]);
  const strategies = entries.map(([name]) => name);
  const base: Env = { names: parameterNames, getters: new Map(), functions };
  const baseValues = parameters === undefined ? undefined : baseCaseOf(parameters, issues);
  const isReserved = (name: string): boolean => !IDENTIFIER.test(name) || parameterNames.includes(name) || reserved.has(name);
  const variables = strategyVariables(entries, base, ["strategies"], isReserved, issues);

  // A cost-only file (outcomes: { effect: null }) gets a zero effect outcome: a cost comparison.
  const costOnly = file.outcomes?.effect === null;
  // The economic settings first (their issues reported where they always were): a file that states
  // them discounts its cohort models at their rates unless a model states its own.
  const economicsIssues: Issue[] = [];
  const economics = economicsOf(file, economicsIssues);
  const settingsDiscount = file.economics?.preset === undefined && file.economics?.discountRate === undefined ? undefined : economics?.discountRate;
  const model = decisionModel(buildModels(compiled, scenario?.settings, settingsDiscount, strategies, variables, base, baseValues, issues), costOnly, issues);

  // The analyses' names are checked even when the model failed, so every problem is reported at once.
  const outcomes = { cost: file.outcomes?.cost ?? "cost", effect: costOnly ? "effect" : (file.outcomes?.effect ?? ["qaly", "effect", "lifeYears"].find((o) => model?.outcomes.includes(o)) ?? "qaly"), ...(costOnly ? { costOnly } : {}) };
  const modelOutcomes = model?.outcomes ?? [];
  for (const [which, name] of model === undefined ? [] : Object.entries({ cost: outcomes.cost, effect: outcomes.effect })) {
    if (!modelOutcomes.includes(name)) issues.push({ code: "unknown_outcome", path: ["outcomes", which], message: `the ${which} outcome '${name}' is not an outcome of the model${hint(name, modelOutcomes)}; outcomes: ${modelOutcomes.join(", ")}`, received: name });
  }
  const derived = parameters?.derived ?? Object.entries(file.parameters ?? {}).filter(([, e]) => typeof e === "string" || (typeof e === "object" && e.expression !== undefined)).map(([name]) => name);
  const checkParameter = (name: string, path: readonly PathSegment[]): void => {
    if (!parameterNames.includes(name)) issues.push({ code: "unknown_parameter", path, message: `unknown parameter '${name}'${hint(name, parameterNames)}`, received: name });
    else if (derived.includes(name)) issues.push({ code: "invalid_parameter", path, message: `'${name}' is derived (computed from other parameters) and cannot be varied; vary the parameters it is computed from` });
  };
  const modelStrategies = model?.strategies ?? strategies;
  const checkStrategy = (name: string, path: readonly PathSegment[]): void => {
    if (!modelStrategies.includes(name)) issues.push({ code: "unknown_strategy", path, message: `unknown strategy '${name}'${hint(name, modelStrategies)}`, received: name });
  };

  const budgetImpact = file.budgetImpact === undefined ? undefined : buildBudgetImpact(file.budgetImpact, { env: base, model, strategies, space: parameters?.space, checkParameter }, baseValues, issues);

  const scenarios: Record<string, Scenario<Params, string>> = {};
  if (scenario === undefined) {
    for (const [name, s] of Object.entries(file.scenarios ?? {})) {
      for (const parameter of Object.keys(s.parameters ?? {})) checkParameter(parameter, ["scenarios", name, "parameters", parameter]);
      if (name === "Base case") issues.push({ code: "invalid_model", path: ["scenarios", name], message: `a scenario cannot be named "Base case" (the base case's name in scenario tables)` });
      const cohortModels = file.model.type === "markov" || file.model.type === "partitioned-survival" || Object.keys(file.models ?? {}).length > 0;
      if (s.settings !== undefined && !cohortModels) issues.push({ code: "invalid_model", path: ["scenarios", name, "settings"], message: "settings apply to Markov and partitioned-survival models, and this file has none" });
      let scenarioModel: Model<Params, string> | undefined;
      if (s.settings !== undefined && model !== undefined) {
        const local: Issue[] = [];
        scenarioModel = decisionModel(buildModels(compiled, s.settings, settingsDiscount, strategies, variables, base, baseValues, local), costOnly, local);
        issues.push(...local.map((issue) => ({ ...issue, path: ["scenarios", name, "settings"], message: `with the settings of scenario '${name}': ${issue.message}` })));
      }
      scenarios[name] = { ...(s.parameters === undefined ? {} : { parameters: s.parameters }), ...(scenarioModel === undefined ? {} : { model: scenarioModel }) };
    }
  }
  const dsa: Record<string, OneWayRange> = {};
  for (const [name, range] of Object.entries(file.dsa ?? {})) {
    checkParameter(name, ["dsa", name]);
    dsa[name] = range as OneWayRange;
  }
  const thresholds: ModelThreshold[] = (file.thresholds ?? []).map((t, i) => {
    checkParameter(t.parameter, ["thresholds", i, "parameter"]);
    t.strategies.forEach((s, j) => checkStrategy(s, ["thresholds", i, "strategies", j]));
    return { parameter: t.parameter, range: t.range, strategies: t.strategies };
  });
  // Subgroups: parameter → expression over the whole population's values, all read before any is set.
  const subgroups: Record<string, Subgroup<Params>> = {};
  for (const [groupName, spec] of Object.entries(file.subgroups ?? {})) {
    const setters: [string, Getter][] = [];
    for (const [parameter, expression] of Object.entries(spec.parameters)) {
      const path: PathSegment[] = ["subgroups", groupName, "parameters", parameter];
      checkParameter(parameter, path);
      setters.push([parameter, asGetter(compileValue(expression, base, path, issues))]);
    }
    if (setters.length === 0) issues.push({ code: "invalid_model", path: ["subgroups", groupName, "parameters"], message: "a subgroup sets at least one parameter (the conditioning that defines it)" });
    const condition = (values: Params): Params => {
      const next: Record<string, number> = { ...values };
      for (const [parameter, getter] of setters) next[parameter] = getter(values);
      return next;
    };
    subgroups[groupName] = Object.freeze({ ...(spec.description === undefined ? {} : { description: spec.description }), condition });
  }
  const calibration = (file.calibration ?? []).map((target, i) => {
    checkStrategy(target.strategy, ["calibration", i, "strategy"]);
    if (model !== undefined && !modelOutcomes.includes(target.outcome)) issues.push({ code: "unknown_outcome", path: ["calibration", i, "outcome"], message: `unknown outcome '${target.outcome}'${hint(target.outcome, modelOutcomes)}; outcomes: ${modelOutcomes.join(", ")}`, received: target.outcome });
    if (target.subgroup !== undefined && !(target.subgroup in subgroups)) issues.push({ code: "invalid_model", path: ["calibration", i, "subgroup"], message: `unknown subgroup '${target.subgroup}'${hint(target.subgroup, Object.keys(subgroups))}`, received: target.subgroup });
    if (target.tolerance !== undefined && target.tolerance < 0) issues.push({ code: "invalid_model", path: ["calibration", i, "tolerance"], message: "a tolerance is ≥ 0", received: target.tolerance });
    return Object.freeze(Object.fromEntries(Object.entries(target).filter(([, v]) => v !== undefined))) as unknown as CalibrationTarget;
  });
  // Reclassification tables of a testing pathway: both tests must be the pathway's.
  const reclassification: ReclassificationTable<Params>[] = [];
  const main = file.model;
  if (main.type === "testing-pathway") {
    const tests = Object.keys(main.tests);
    (main.reclassification ?? []).forEach((entry, i) => {
      const ok = (["from", "to"] as const).every((side) => {
        const name = entry[side];
        if (tests.includes(name)) return true;
        issues.push({ code: "invalid_model", path: ["model", "reclassification", i, side], message: `unknown test '${name}'${hint(name, tests)}; tests: ${tests.join(", ")}`, received: name });
        return false;
      });
      const pathway = (model as { pathway?: TestingPathway<Params> } | undefined)?.pathway;
      if (ok && pathway !== undefined) reclassification.push(Object.freeze({ from: entry.from, to: entry.to, table: (values: Params) => reclassify(pathway, entry.from, entry.to, values) }));
    });
  }
  for (const [groupName, members] of Object.entries(file.evppi ?? {})) {
    members.forEach((member, j) => {
      const path: PathSegment[] = ["evppi", groupName, j];
      if (!parameterNames.includes(member)) issues.push({ code: "unknown_parameter", path, message: `unknown parameter '${member}'${hint(member, parameterNames)}`, received: member });
      else if (members.indexOf(member) !== j) issues.push({ code: "invalid_model", path, message: `'${member}' is named twice in EVPPI group '${groupName}'`, received: member });
    });
  }
  issues.push(...economicsIssues);
  if (parameters === undefined || model === undefined || economics === undefined || issues.length > 0) return fail(compiled, issues);

  // The file's own warnings first (they say what to do), then the generic placeholder list.
  // Each warning once: the generic list only when the file's own warnings do not already name every placeholder.
  const own = file.warnings ?? [];
  const named = (name: string): boolean => own.some((w) => new RegExp(`\\b${name}\\b`).test(w));
  const generic = parameters.placeholders.length === 0 || parameters.placeholders.every(named) ? [] : [`placeholder values in use: ${parameters.placeholders.join(", ")}`];
  const warnings = [...own, ...generic, ...discountMismatches(file, economics)];
  const stated = Object.fromEntries(Object.entries(file.metadata).filter(([, v]) => v !== undefined).map(([k, v]) => [k, k === "version" ? String(v) : v]));
  // The currency and price year every output names come from the settings when the metadata leaves them out.
  const metadata = Object.freeze({ ...stated, currency: economics.currency, ...(economics.priceYear === undefined ? {} : { priceYear: file.metadata.priceYear ?? economics.priceYear }) }) as unknown as ModelMetadata;
  const baseName = options.fileName.split(/[\\/]/).filter((part) => part !== "").slice(-2);
  const name = baseName.length === 2 && /^model\.(ya?ml|json)$/i.test(baseName[1]!) ? baseName[0]! : (baseName.at(-1) ?? options.fileName).replace(/\.(ya?ml|json)$/i, "");
  const project: ModelProject = Object.freeze({
    name,
    metadata,
    model,
    parameters: parameters.space,
    ...(parameters.baseCase === undefined ? {} : { baseCase: parameters.baseCase }),
    outcomes,
    ...(budgetImpact === undefined ? {} : { budgetImpact }),
    scenarios: Object.freeze(scenarios),
    ...(file.dsa === undefined ? {} : { dsa: Object.freeze(dsa) }),
    ...(file.thresholds === undefined ? {} : { thresholds: Object.freeze(thresholds) }),
    ...(file.tornado === undefined ? {} : { tornadoBars: file.tornado.bars }),
    ...(file.cohortSize === undefined ? {} : { cohortSize: file.cohortSize }),
    wtp: { grid: file.wtp?.grid ?? economics.grid, thresholds: file.wtp?.thresholds ?? economics.thresholds },
    economics,
    psa: { samples: file.psa?.samples ?? 1000, seed: file.psa?.seed ?? name, ...(file.psa?.method === undefined ? {} : { method: file.psa.method }) },
    warnings: Object.freeze(warnings),
    ...(file.subgroups === undefined ? {} : { subgroups: Object.freeze(subgroups) }),
    ...(file.calibration === undefined ? {} : { calibration: Object.freeze(calibration) }),
    ...(reclassification.length === 0 ? {} : { reclassification: Object.freeze(reclassification) }),
    ...(file.evppi === undefined ? {} : { evppi: Object.freeze(Object.fromEntries(Object.entries(file.evppi).map(([k, v]) => [k, Object.freeze([...v])]))) }),
    ...(evidence.length === 0 ? {} : { survivalEvidence: Object.freeze(evidence) }),
    ...(scenario === undefined ? {} : { scenario: scenario.name }),
  });
  return { ok: true, value: project };
}

/**
 * The file's economic settings (`economics:`, with `metadata.currency` and `metadata.priceYear`
 * filling in what it leaves out), or the issues that prevent them. A currency in the metadata that
 * contradicts the preset's is an error: the preset's thresholds are in its own currency.
 */
function economicsOf(file: ModelFile, issues: Issue[]): EconomicSettings | undefined {
  const stated = file.economics ?? {};
  const presetCurrency = ownEntry(ECONOMIC_PRESETS, stated.preset ?? "neutral")?.currency;
  const currency = stated.currency ?? file.metadata.currency;
  if (stated.preset !== undefined && stated.currency === undefined && file.metadata.currency !== undefined && presetCurrency !== undefined && file.metadata.currency !== presetCurrency) {
    issues.push({ code: "invalid_model", path: ["metadata", "currency"], message: `the currency ${file.metadata.currency} differs from the ${stated.preset} preset's ${presetCurrency}; set economics.currency (and economics.thresholds) to use another currency`, received: file.metadata.currency });
    return undefined;
  }
  try {
    return economicSettings({
      ...(stated.preset === undefined ? {} : { preset: stated.preset }),
      ...(stated.thresholds === undefined ? {} : { thresholds: stated.thresholds }),
      ...(stated.locale === undefined ? {} : { locale: stated.locale }),
      ...(stated.severity === undefined ? {} : { severity: stated.severity }),
      ...(currency === undefined ? {} : { currency }),
      ...(stated.priceYear ?? file.metadata.priceYear) === undefined ? {} : { priceYear: (stated.priceYear ?? file.metadata.priceYear)! },
      ...(stated.discountRate === undefined ? {} : { discountRate: { ...(stated.discountRate.cost === undefined ? {} : { cost: stated.discountRate.cost }), ...(stated.discountRate.effect === undefined ? {} : { effect: stated.discountRate.effect }) } }),
    });
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/**
 * Where a cohort model of a file that states economic settings discounts at another rate than the
 * settings: a warning each (the model's rate is used), so a reader sees that the two disagree.
 */
function discountMismatches(file: ModelFile, economics: EconomicSettings): string[] {
  if (file.economics?.preset === undefined && file.economics?.discountRate === undefined) return [];
  const cohorts: [string, unknown][] = [["model", file.model], ...Object.entries(file.models ?? {}).map(([name, m]): [string, unknown] => [`models.${name}`, m])];
  return cohorts.flatMap(([where, m]) => {
    const { type, discountRate: rate } = m as { type?: string; discountRate?: { cost?: number; effect?: number } };
    // A cohort model without a rate takes the settings' (withDiscount), so only a stated rate can differ.
    const cohort = type === "markov" || type === "partitioned-survival" || type === "microsimulation";
    return (["cost", "effect"] as const).flatMap((key) => {
      const value = cohort ? rate?.[key] : undefined;
      return value === undefined || value === economics.discountRate[key] ? [] : [`${where}.discountRate.${key} is ${value} but the economic settings (${economics.preset}) discount ${key === "cost" ? "costs" : "effects"} at ${economics.discountRate[key]}; the model's rate is used`];
    });
  });
}

/** The base-case values (declared values, else means), or the issues that prevent them. */
function baseCaseOf(parameters: FileParameters, issues: Issue[]): Params | undefined {
  try {
    return parameters.baseCase ?? parameters.space.base();
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/** Compiles strategy variables: every strategy sets the same names, each an expression over parameters. */
function strategyVariables(entries: readonly [string, Readonly<Record<string, number | string>>][], base: Env, at: readonly PathSegment[], isReserved: (name: string) => boolean, issues: Issue[]): StrategyVariables {
  const names = [...new Set(entries.flatMap(([, vars]) => Object.keys(vars)))];
  const result = new Map<string, Map<string, Getter>>();
  for (const [strategy, vars] of entries) {
    const map = new Map<string, Getter>();
    for (const name of names) {
      const path: PathSegment[] = [...at, strategy, ...(at[0] === "strategies" ? ["variables"] : []), name];
      if (vars[name] === undefined) {
        issues.push({ code: "invalid_model", path: path.slice(0, -1), message: `strategy '${strategy}' does not set variable '${name}' (every strategy sets the same variables)` });
        continue;
      }
      if (isReserved(name)) issues.push({ code: "invalid_model", path, message: `strategy variable '${name}' must be an identifier other than a parameter, time variable or function name` });
      const v = compileValue(vars[name]!, base, path, issues);
      map.set(name, typeof v === "number" ? () => v : v);
    }
    result.set(strategy, map);
  }
  return result;
}

function fail(compiled: CompiledFile, issues: readonly Issue[]): SafeResult<ModelProject> {
  // A subtree used several times reports the same problem once.
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = `${issue.code}|${JSON.stringify(issue.path)}|${issue.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { ok: false, issues: unique.map(compiled.locate) };
}
