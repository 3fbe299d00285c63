import { IssueCollector } from "../core/errors.js";
import type { TestingPathway, TestingPathwayDefinition } from "./pathway-types.js";
import { validatePathway } from "./validate-pathway.js";

/**
 * Defines a diagnostic testing pathway as data: mutually exclusive true-status categories with
 * prevalences, the tests (categories covered with a sensitivity each, specificity per actionable
 * target, sample failure, turnaround, cost, confirmation), failure handling (a re-biopsy with a
 * probability, cost and delay, then one retest; or stop), the strategies compared (a panel,
 * sequential single-gene testing, reflex, parallel or send-out testing) and the treatment rule.
 * {@link testingTree} compiles it into a decision tree with the treatment arms' models at its
 * leaves (Briggs, Claxton & Sculpher 2006, ch. 2; the gene-panel specification, §4.1.2).
 *
 * Every number may be a function of the parameter values, `(p) => p.sensNgs`; type the parameters
 * once, in the first function written (`(p: Params) => p.pEgfr`), and the others are inferred.
 * Names are types: a test may cover only declared categories and a strategy name only declared tests.
 *
 * @param definition - `{ categories, tests, rebiopsy?, strategies, treatment }`
 * @returns the pathway (the definition, frozen, with `kind: "testing-pathway"`)
 * @throws QalyError with every issue found, each naming its path (`pathways.tests.hotspot.sensitivity.EGFR`):
 * a test covering an unknown category, a strategy naming an unknown test, constant prevalences not
 * summing to 1, a constant probability outside [0, 1], a specificity below 1 without a false-positive rule
 * @example
 * const pathway = testingPathway({
 *   categories: { EGFR: { prevalence: 0.1, arm: "osimertinib" }, none: { prevalence: complement } },
 *   tests: { egfrPcr: { sensitivity: { EGFR: 0.9 }, failure: 0.02, cost: 3000 } },
 *   strategies: { PCR: panel("egfrPcr") },
 *   treatment: { pTreat: 0.9, defaultArm: "chemo", missedArm: "chemo" },
 * });
 * Object.keys(pathway.strategies) // => ["PCR"]
 */
export function testingPathway<P, const C extends string, const T extends string, const A extends string, const S extends string>(definition: TestingPathwayDefinition<P, C, T, A, S>): TestingPathway<P, C, T, A, S> {
  const issues = new IssueCollector();
  validatePathway(definition as unknown as TestingPathwayDefinition<P>, issues);
  issues.throwIfAny("testing pathway");
  return frozenCopy({ kind: "testing-pathway", ...definition }) as TestingPathway<P, C, T, A, S>;
}

/** A frozen deep copy of plain objects and arrays; functions, symbols and other objects (models) are kept as they are. */
function frozenCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.freeze(Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, frozenCopy(inner)]))) as T;
}
