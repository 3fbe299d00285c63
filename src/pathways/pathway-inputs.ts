// Every numeric input of a pathway with its path and domain: validation checks the numbers at
// construction, the evaluation check the functions at every draw (one list, so both agree).
import type { PathSegment } from "../core/errors.js";
import { isComplement } from "../models/complement.js";
import type { TestingPathwayDefinition } from "./pathway-types.js";

/** Where an input must lie. @internal */
export type InputDomain = "probability" | "non-negative" | "finite";

/** One numeric input of a pathway. @internal */
export interface PathwayInput<P> {
  readonly path: readonly PathSegment[];
  readonly value: unknown;
  readonly domain: InputDomain;
}

/** The root of every pathway issue path (`pathways.tests.hotspot.sensitivity.EGFR`). @internal */
export const PATHWAY_ROOT: readonly PathSegment[] = ["pathways"];

/**
 * Lists the numeric inputs of a pathway definition (prevalences other than `complement`,
 * sensitivities, specificities, failures, costs, days, re-biopsy and treatment inputs), skipping
 * parts whose container is malformed (validation reports those).
 *
 * @internal
 */
export function pathwayInputs<P>(definition: TestingPathwayDefinition<P>): PathwayInput<P>[] {
  const out: PathwayInput<P>[] = [];
  const add = (path: readonly PathSegment[], value: unknown, domain: InputDomain): void => {
    if (value !== undefined) out.push({ path: [...PATHWAY_ROOT, ...path], value, domain });
  };
  for (const [name, category] of entries(definition.categories)) {
    if (!isComplement(category.prevalence)) add(["categories", name, "prevalence"], category.prevalence, "probability");
  }
  for (const [name, test] of entries(definition.tests)) {
    for (const [category, value] of entries(test.sensitivity)) add(["tests", name, "sensitivity", category], value, "probability");
    if (isRecord(test.specificity)) for (const [category, value] of entries(test.specificity)) add(["tests", name, "specificity", category], value, "probability");
    else add(["tests", name, "specificity"], test.specificity, "probability");
    add(["tests", name, "failure"], test.failure, "probability");
    add(["tests", name, "turnaroundDays"], test.turnaroundDays, "non-negative");
    add(["tests", name, "cost"], test.cost, "non-negative");
    if (isRecord(test.confirmation)) add(["tests", name, "confirmation", "cost"], test.confirmation.cost, "non-negative");
  }
  const rebiopsy = definition.rebiopsy;
  if (isRecord(rebiopsy)) {
    add(["rebiopsy", "probability"], rebiopsy.probability, "probability");
    add(["rebiopsy", "cost"], rebiopsy.cost, "non-negative");
    add(["rebiopsy", "delayDays"], rebiopsy.delayDays, "non-negative");
    add(["rebiopsy", "qalyLoss"], rebiopsy.qalyLoss, "finite");
  }
  for (const [name, strategy] of entries(definition.strategies)) {
    add(["strategies", name, "turnaroundDays"], strategy.turnaroundDays, "non-negative");
    if (strategy.kind === "sequential") add(["strategies", name, "orderingDelayDays"], strategy.orderingDelayDays, "non-negative");
    if (strategy.kind === "parallel") add(["strategies", name, "failure"], strategy.failure, "probability");
    if (strategy.kind === "send-out") add(["strategies", name, "shippingCost"], strategy.shippingCost, "non-negative");
  }
  if (isRecord(definition.treatment)) {
    add(["treatment", "pTreat"], definition.treatment.pTreat, "probability");
    const payoffs = isRecord(definition.treatment.falsePositive) ? definition.treatment.falsePositive.payoffs : undefined;
    for (const [name, value] of entries(payoffs)) add(["treatment", "falsePositive", "payoffs", name], value, "finite");
  }
  return out;
}

/** Whether a number lies in its domain (NaN and infinities never do). @internal */
export function inDomain(x: number, domain: InputDomain, tolerance: number): boolean {
  if (!Number.isFinite(x)) return false;
  if (domain === "probability") return x >= -tolerance && x <= 1 + tolerance;
  return domain === "non-negative" ? x >= 0 : true;
}

/** The issue code of a number outside its domain. @internal */
export function domainIssueCode(x: number, domain: InputDomain): "non_finite_value" | "probability_out_of_range" | "invalid_parameter" {
  if (!Number.isFinite(x)) return "non_finite_value";
  return domain === "probability" ? "probability_out_of_range" : "invalid_parameter";
}

/** The words for a domain in messages. @internal */
export function domainText(domain: InputDomain): string {
  return domain === "probability" ? "a probability in [0, 1]" : domain === "non-negative" ? "a finite number ≥ 0" : "a finite number";
}

/** Entries of a record, or none when it is not an object. @internal */
export function entries<V>(record: { readonly [key: string]: V | undefined } | undefined): [string, V][] {
  return isRecord(record) ? (Object.entries(record).filter(([, v]) => v !== undefined) as [string, V][]) : [];
}

/** Whether a value is a plain object (not null, not an array, not a function). @internal */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
