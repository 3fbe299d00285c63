import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { complement } from "../models/complement.js";
import type { Model } from "../models/model.js";
import type { Payoffs, TreeNode, Value } from "../models/tree/tree-types.js";
import { pathwayChecks } from "../pathways/pathway-checks.js";
import type { CategoryDefinition, TestDefinition, TestingPathwayDefinition, TreatmentRule } from "../pathways/pathway-types.js";
import type { TreatmentArms } from "../pathways/testing-decision.js";
import { testingPathway } from "../pathways/testing-pathway.js";
import { panel, parallel, reflex, sendOut, sequential, type TestingStrategy } from "../pathways/testing-strategy.js";
import { testingTree } from "../pathways/testing-tree.js";
import { node } from "./build-tree.js";
import { compileValue } from "./expression-env.js";
import type { TestingFile } from "./model-file-schema.js";
import { testingFileIssues } from "./testing-file-paths.js";
import { hint, type Params, type TreeContext } from "./tree-file-values.js";

type StrategyFile = TestingFile["strategies"][string];

/** Options a strategy kind accepts besides `turnaroundDays` and `onFailure`. */
const OWN_OPTIONS: Readonly<Record<string, readonly string[]>> = { panel: [], sequence: ["orderingDelayDays"], parallel: ["failure"], reflex: [], sendOut: ["shippingCost"] };
const KINDS = Object.keys(OWN_OPTIONS) as (keyof typeof OWN_OPTIONS & keyof StrategyFile)[];

/**
 * Compiles a model file's testing pathway (`model: { type: testing-pathway, … }`) with
 * {@link testingPathway} and {@link testingTree}: the same pathway data and the same tree the
 * TypeScript API builds, with the arms taken from a model under `models:` (its strategies are the
 * arms) or from tree nodes per arm. Pathway errors are reported at the file's paths; the
 * parameter-driven inputs are also checked once with the base-case values.
 */
export function buildTesting(def: TestingFile, title: string, strategies: readonly string[], context: TreeContext, baseValues: Params | undefined, path: readonly PathSegment[]): Model<Params, string> | undefined {
  const { issues } = context;
  const before = issues.length;
  const v = (source: number | string, at: readonly PathSegment[]): Value<Params> => {
    const count = issues.length;
    const compiled = compileValue(source, context.base, [...path, ...at], issues);
    // A broken expression is reported once; NaN keeps the pathway's own checks from reporting it again.
    return issues.length > count ? () => Number.NaN : compiled;
  };
  const optional = (source: number | string | undefined, at: readonly PathSegment[]) => (source === undefined ? {} : { value: v(source, at) });
  const named = (sources: Readonly<Record<string, number | string>>, at: readonly PathSegment[]): Payoffs<Params> => Object.fromEntries(Object.entries(sources).map(([k, s]) => [k, v(s, [...at, k])]));

  const categories: Record<string, CategoryDefinition<Params>> = {};
  for (const [name, c] of Object.entries(def.categories)) {
    const prevalence = c.prevalence === "complement" ? complement : v(c.prevalence, ["categories", name, "prevalence"]);
    categories[name] = { prevalence, ...(c.arm === undefined ? {} : { arm: c.arm }), ...(c.missedArm === undefined ? {} : { missedArm: c.missedArm }) };
  }
  const tests: Record<string, TestDefinition<Params>> = {};
  for (const [name, t] of Object.entries(def.tests)) {
    const at = ["tests", name];
    const spec = t.specificity;
    tests[name] = {
      sensitivity: named(t.sensitivity, [...at, "sensitivity"]),
      ...(spec === undefined ? {} : { specificity: typeof spec === "object" ? named(spec, [...at, "specificity"]) : v(spec, [...at, "specificity"]) }),
      ...rename(optional(t.failure, [...at, "failure"]), "failure"),
      ...rename(optional(t.turnaroundDays, [...at, "turnaroundDays"]), "turnaroundDays"),
      cost: v(t.cost, [...at, "cost"]),
      ...(t.confirmation === undefined ? {} : { confirmation: { cost: v(t.confirmation.cost, [...at, "confirmation", "cost"]), ...(t.confirmation.categories === undefined ? {} : { categories: t.confirmation.categories }) } }),
    };
  }
  const r = def.rebiopsy;
  const rebiopsy = r === undefined ? undefined : { probability: v(r.probability, ["rebiopsy", "probability"]), cost: v(r.cost, ["rebiopsy", "cost"]), ...rename(optional(r.delayDays, ["rebiopsy", "delayDays"]), "delayDays"), ...rename(optional(r.qalyLoss, ["rebiopsy", "qalyLoss"]), "qalyLoss") };

  // The pathway's strategies are the file's strategies, in the file's order.
  const pathwayStrategies: Record<string, TestingStrategy<Params>> = {};
  for (const name of strategies) {
    const raw = def.strategies[name];
    if (raw === undefined) issues.push({ code: "unknown_strategy", path: [...path, "strategies"], message: `strategy '${name}' has no testing strategy under ${[...path, "strategies"].join(".")}`, received: name });
    else {
      const built = strategy(raw, (source, at) => v(source, ["strategies", name, ...at]), [...path, "strategies", name], issues);
      if (built !== undefined) pathwayStrategies[name] = built;
    }
  }
  for (const name of Object.keys(def.strategies)) {
    if (!strategies.includes(name)) issues.push({ code: "unknown_strategy", path: [...path, "strategies", name], message: `'${name}' is not one of the file's strategies${hint(name, strategies)}; strategies: ${strategies.join(", ")}`, received: name });
  }

  const t = def.treatment;
  const treatment: TreatmentRule<Params> = {
    pTreat: v(t.pTreat, ["treatment", "pTreat"]),
    defaultArm: t.defaultArm,
    missedArm: t.missedArm,
    ...(t.untreatedArm === undefined ? {} : { untreatedArm: t.untreatedArm }),
    ...(t.noResultArm === undefined ? {} : { noResultArm: t.noResultArm }),
    ...(t.falsePositive === undefined ? {} : { falsePositive: { arm: t.falsePositive.arm, ...(t.falsePositive.payoffs === undefined ? {} : { payoffs: named(t.falsePositive.payoffs, ["treatment", "falsePositive", "payoffs"]) }) } }),
  };
  const definition: TestingPathwayDefinition<Params> = { categories, tests, ...(rebiopsy === undefined ? {} : { rebiopsy }), strategies: pathwayStrategies, treatment };
  const pathway = attempt(() => testingPathway(definition), def, path, issues);
  const arms = armsOf(def, pathway === undefined ? undefined : usedArms(definition), context, path);
  if (arms !== undefined) checkNoResultArm(def, arms, path, issues);
  if (pathway === undefined || arms === undefined || issues.length > before) return undefined;
  const tree = attempt(() => testingTree(pathway, { title, arms }), def, path, issues);
  if (tree === undefined || baseValues === undefined) return tree;
  // The parameter-driven inputs with the base case (a prevalence sum, a sensitivity above 1), at the file's paths.
  attempt(() => pathwayChecks(pathway)(baseValues, undefined), def, path, issues, "with the base-case parameter values: ");
  return issues.length > before ? undefined : tree;
}

/** `{ value }` → `{ [key]: value }`, so optional inputs stay absent when not written. */
function rename<K extends string>(entry: { value?: Value<Params> }, key: K): Partial<Record<K, Value<Params>>> {
  return entry.value === undefined ? {} : ({ [key]: entry.value } as Record<K, Value<Params>>);
}

/** Runs a pathway builder, moving its issues to the file's paths. */
function attempt<T>(build: () => T, def: TestingFile, path: readonly PathSegment[], issues: Issue[], prefix = ""): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...testingFileIssues(error.issues, def, path, prefix));
    return undefined;
  }
}

/** One strategy of the file: exactly one kind key, and only the options that kind takes. */
function strategy(raw: StrategyFile, v: (source: number | string, at: readonly PathSegment[]) => Value<Params>, path: readonly PathSegment[], issues: Issue[]): TestingStrategy<Params> | undefined {
  const kinds = KINDS.filter((kind) => raw[kind] !== undefined);
  if (kinds.length !== 1) {
    const found = kinds.length === 0 ? "none" : kinds.join(" and ");
    issues.push({ code: "invalid_model", path: [...path], message: `a testing strategy is one of { panel: test }, { sequence: [tests] }, { parallel: [tests] }, { reflex: { first, then } }, { sendOut: test, turnaroundDays }; found ${found}` });
    return undefined;
  }
  const kind = kinds[0]!;
  for (const option of ["orderingDelayDays", "failure", "shippingCost"] as const) {
    if (raw[option] !== undefined && !OWN_OPTIONS[kind]!.includes(option)) issues.push({ code: "invalid_model", path: [...path, option], message: `'${option}' applies to ${KINDS.find((k) => OWN_OPTIONS[k]!.includes(option))} strategies, not to ${kind}` });
  }
  const options = {
    ...(raw.turnaroundDays === undefined ? {} : { turnaroundDays: v(raw.turnaroundDays, ["turnaroundDays"]) }),
    ...(raw.onFailure === undefined ? {} : { onFailure: raw.onFailure }),
  };
  switch (kind) {
    case "panel":
      return panel(raw.panel!, options);
    case "sequence":
      return sequential(raw.sequence!, { ...options, ...(raw.orderingDelayDays === undefined ? {} : { orderingDelayDays: v(raw.orderingDelayDays, ["orderingDelayDays"]) }) });
    case "parallel":
      return parallel(raw.parallel!, { ...options, ...(raw.failure === undefined ? {} : { failure: v(raw.failure, ["failure"]) }) });
    case "reflex":
      return reflex(raw.reflex!.first, raw.reflex!.then, options);
    default: {
      if (raw.turnaroundDays === undefined) {
        issues.push({ code: "invalid_model", path: [...path, "turnaroundDays"], message: "a send-out strategy needs turnaroundDays (days from sending the sample to the result)" });
        return undefined;
      }
      return sendOut(raw.sendOut!, { turnaroundDays: v(raw.turnaroundDays, ["turnaroundDays"]), ...(raw.onFailure === undefined ? {} : { onFailure: raw.onFailure }), ...(raw.shippingCost === undefined ? {} : { shippingCost: v(raw.shippingCost, ["shippingCost"]) }) });
    }
  }
}

/** The arms a valid pathway sends patients to. */
function usedArms(definition: TestingPathwayDefinition<Params>): readonly string[] {
  const { treatment } = definition;
  const arms = [treatment.defaultArm, treatment.missedArm, treatment.untreatedArm, treatment.noResultArm, treatment.falsePositive?.arm, ...Object.values(definition.categories).flatMap((c) => [c.arm, c.missedArm])];
  return [...new Set(arms.filter((arm): arm is string => arm !== undefined))];
}

/**
 * `treatment.noResultArm` names an arm given under `arms` (or a strategy of the arms' model), else an
 * issue at its own line with the closest name: an arm used only there would otherwise be reported
 * only as missing from `arms`, far from the typo.
 */
function checkNoResultArm(def: TestingFile, arms: TreatmentArms<Params, string>, path: readonly PathSegment[], issues: Issue[]): void {
  const name = def.treatment.noResultArm;
  if (name === undefined) return;
  const model = typeof def.arms === "string" ? (arms as Model<Params, string>) : undefined;
  const known = model === undefined ? Object.keys(def.arms) : model.strategies;
  // A model with one strategy serves every arm (testingTree enters it for any name).
  if (known.includes(name) || (model !== undefined && known.length === 1)) return;
  const where = model === undefined ? "an arm under arms" : `a strategy of model '${String(def.arms)}'`;
  issues.push({ code: "invalid_model", path: [...path, "treatment", "noResultArm"], message: `noResultArm '${name}' is not ${where}${hint(name, known)}; arms: ${known.join(", ")}`, received: name });
}

/** The arms: a named model whose strategies are the arms, or arm → node (terminal nodes enter the strategy named like the arm by default). */
function armsOf(def: TestingFile, used: readonly string[] | undefined, context: TreeContext, path: readonly PathSegment[]): TreatmentArms<Params, string> | undefined {
  const { issues } = context;
  if (typeof def.arms === "string") {
    const model = context.models.get(def.arms);
    if (model === undefined) issues.push({ code: "invalid_model", path: [...path, "arms"], message: `no model '${def.arms}' under models${hint(def.arms, [...context.models.keys()])}; arms names the model whose strategies are the treatment arms`, received: def.arms });
    return model;
  }
  const arms: Record<string, TreeNode<Params>> = {};
  for (const [arm, raw] of Object.entries(def.arms)) {
    if (used !== undefined && !used.includes(arm)) issues.push({ code: "invalid_model", path: [...path, "arms", arm], message: `arm '${arm}' is not used by the pathway${hint(arm, used)}; arms used: ${used.join(", ")}`, received: arm });
    arms[arm] = node(raw, { env: context.base, strategy: arm, stack: [] }, context, [...path, "arms", arm]);
  }
  return arms;
}
