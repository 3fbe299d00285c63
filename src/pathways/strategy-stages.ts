// A strategy as a list of stages: each stage is one attempt at testing one sample (a test, a
// send-out test or tests combined in parallel), with everything the tree needs per category.
import type { Value } from "../models/tree/tree-types.js";
import type { TestDefinition, TestingPathway } from "./pathway-types.js";
import { anyOfValues, maxValues, productValues, sumValues } from "./pathway-values.js";
import type { TestingStrategy } from "./testing-strategy.js";

/** One testing stage of a strategy, resolved from its tests. @internal */
export interface Stage<P> {
  /** Shown as the node name (the test's name, or the tests joined with " + "). */
  readonly name: string;
  /** Test runs per attempt (the number of tests combined). */
  readonly tests: number;
  /** Category → sensitivity, for the categories covered. */
  readonly sensitivity: ReadonlyMap<string, Value<P>>;
  /** Actionable target → specificity, only where it is not the number 1 (those can give false positives). */
  readonly specificity: ReadonlyMap<string, Value<P>>;
  /** Category → confirmation cost of a positive call. */
  readonly confirmation: ReadonlyMap<string, Value<P>>;
  /** P(sample fails). */
  readonly failure: Value<P>;
  /** Cost per attempt. */
  readonly cost: Value<P>;
  /** Days from ordering to result of the first attempt (0 when the strategy states its own turnaround); a retest after a re-biopsy adds the re-biopsy delay instead. */
  readonly turnaroundDays: Value<P>;
  /** Days before the first attempt of this stage (the ordering delay of a sequence step). */
  readonly delayDays: Value<P>;
}

/** The tests a strategy runs, by stage (each inner list is tested together). @internal */
export function strategyTests<P, T extends string>(strategy: TestingStrategy<P, T>): readonly (readonly T[])[] {
  switch (strategy.kind) {
    case "panel":
    case "send-out":
      return [[strategy.test]];
    case "parallel":
      return [strategy.tests];
    case "sequential":
      return strategy.tests.map((test) => [test]);
    case "reflex":
      return [[strategy.first], [strategy.then]];
  }
}

/** Resolves a validated strategy into its stages. @internal */
export function strategyStages<P>(pathway: TestingPathway<P>, strategy: TestingStrategy<P>): readonly Stage<P>[] {
  const ownTurnaround = strategy.turnaroundDays !== undefined;
  const groups = strategyTests(strategy);
  return groups.map((names, k): Stage<P> => {
    const tests = names.map((name) => pathway.tests[name]!);
    // A send-out strategy always states its own turnaround (added once, at the strategy).
    const turnaround: Value<P> = ownTurnaround ? 0 : maxValues(tests.map((t) => t.turnaroundDays ?? 0));
    const testCost = sumValues(tests.map((t) => t.cost));
    const cost = strategy.kind === "send-out" && strategy.shippingCost !== undefined ? sumValues([testCost, strategy.shippingCost]) : testCost;
    const failure = strategy.kind === "parallel" && strategy.failure !== undefined ? strategy.failure : anyOfValues(tests.map((t) => t.failure ?? 0));
    const delay = strategy.kind === "sequential" && k > 0 && !ownTurnaround ? (strategy.orderingDelayDays ?? 0) : 0;
    return {
      name: names.join(" + "),
      tests: names.length,
      sensitivity: combineByCategory(tests, (t) => Object.entries(t.sensitivity), anyOfValues),
      // Keyed in the order the targets are written across the tests: the order of false calls, which
      // decides which confirmation is charged, must not change when one test's specificity for an
      // earlier target is the number 1 (left out by specificities) rather than a parameter of value 1.
      specificity: inOrder(combineByCategory(tests, (t) => specificities(pathway, t), productValues), tests.flatMap((t) => Object.keys(t.sensitivity))),
      confirmation: combineByCategory(tests, (t) => confirmations(t), maxValues),
      failure,
      cost,
      turnaroundDays: turnaround,
      delayDays: delay,
    };
  });
}

/** Per category, the values of the tests that have one, combined (a single test's value is kept as is). */
function combineByCategory<P>(tests: readonly TestDefinition<P>[], entries: (test: TestDefinition<P>) => readonly [string, Value<P> | undefined][], combine: (values: readonly Value<P>[]) => Value<P>): ReadonlyMap<string, Value<P>> {
  const byCategory = new Map<string, Value<P>[]>();
  for (const test of tests) {
    for (const [category, value] of entries(test)) {
      if (value === undefined) continue;
      const list = byCategory.get(category) ?? [];
      list.push(value);
      byCategory.set(category, list);
    }
  }
  return new Map([...byCategory].map(([category, values]) => [category, combine(values)]));
}

/** The entries of `map` in the order of their first place in `order` (every key is in it). */
function inOrder<V>(map: ReadonlyMap<string, V>, order: readonly string[]): ReadonlyMap<string, V> {
  const out = new Map<string, V>();
  for (const key of order) {
    const value = map.get(key);
    if (value !== undefined && !out.has(key)) out.set(key, value);
  }
  return out;
}

/** A test's specificity per actionable covered target, leaving out targets whose specificity is the number 1. @internal */
export function specificities<P>(pathway: TestingPathway<P>, test: TestDefinition<P>): [string, Value<P>][] {
  const spec = test.specificity ?? 1;
  const out: [string, Value<P>][] = [];
  for (const category of Object.keys(test.sensitivity)) {
    if (pathway.categories[category]?.arm === undefined) continue;
    const value = typeof spec === "object" ? (spec[category] ?? 1) : spec;
    if (value !== 1) out.push([category, value]);
  }
  return out;
}

function confirmations<P>(test: TestDefinition<P>): [string, Value<P>][] {
  const confirmation = test.confirmation;
  if (confirmation === undefined) return [];
  return (confirmation.categories ?? Object.keys(test.sensitivity)).map((category) => [category, confirmation.cost]);
}
