import type { Value } from "../models/tree/tree-types.js";

/** Options every strategy accepts. */
export interface StrategyOptions<P> {
  /**
   * Days to result of the whole strategy as measured in practice (e.g. 16.7 days for sequential
   * single-gene testing). Given, it replaces the sum of the tests' turnaround times; re-biopsy
   * delays still add.
   */
  readonly turnaroundDays?: Value<P>;
  /** After a final sample failure: `"rebiopsy"` (the pathway's re-biopsy rule, the default) or `"stop"`. */
  readonly onFailure?: "rebiopsy" | "stop";
}

/** One test on one sample: a panel (one failure event, then detection of every covered category). */
export interface PanelStrategy<P, T extends string = string> extends StrategyOptions<P> {
  /** Always `"panel"`: tells the strategy kinds apart. */
  readonly kind: "panel";
  /** The test. */
  readonly test: T;
}

/**
 * Tests one after another in a given order. Testing stops at the first positive call (true or
 * false) or when a step finally has no result; a negative call (true or false negative) goes on
 * to the next test.
 */
export interface SequentialStrategy<P, T extends string = string> extends StrategyOptions<P> {
  /** Always `"sequential"`: tells the strategy kinds apart. */
  readonly kind: "sequential";
  /** The tests, in order. */
  readonly tests: readonly T[];
  /** Days between a negative result and the next test being ordered (default 0). */
  readonly orderingDelayDays?: Value<P>;
}

/**
 * Tests run together on one sample, as one combined test: a category is detected if any test
 * covering it detects it (independent errors), costs add, the turnaround is the longest, and the
 * sample fails (all tests repeated after a re-biopsy) with `failure`, by default
 * 1 − Π(1 − failure of each test).
 */
export interface ParallelStrategy<P, T extends string = string> extends StrategyOptions<P> {
  /** Always `"parallel"`: tells the strategy kinds apart. */
  readonly kind: "parallel";
  /** The tests run together. */
  readonly tests: readonly T[];
  /** Failure of the shared sample (default 1 − Π(1 − fᵢ)). */
  readonly failure?: Value<P>;
}

/**
 * Reflex testing: a negative `first` test triggers `then` automatically in the laboratory, with no
 * ordering delay (otherwise as a two-step sequence: a positive call stops, a failure is handled
 * per step).
 */
export interface ReflexStrategy<P, T extends string = string> extends StrategyOptions<P> {
  /** Always `"reflex"`: tells the strategy kinds apart. */
  readonly kind: "reflex";
  /** The first test. */
  readonly first: T;
  /** The test run on negatives of the first. */
  readonly then: T;
}

/** A test sent out to an external laboratory: its own turnaround replaces the test's, plus a shipping cost. */
export interface SendOutStrategy<P, T extends string = string> extends StrategyOptions<P> {
  /** Always `"send-out"`: tells the strategy kinds apart. */
  readonly kind: "send-out";
  /** The test done externally (its sensitivity, failure and price). */
  readonly test: T;
  /** Days from sending the sample to the result. */
  readonly turnaroundDays: Value<P>;
  /** Handling and shipping cost per sample sent (default 0). */
  readonly shippingCost?: Value<P>;
}

/** A testing strategy: one of the five kinds, as plain data. */
export type TestingStrategy<P, T extends string = string> = PanelStrategy<P, T> | SequentialStrategy<P, T> | ParallelStrategy<P, T> | ReflexStrategy<P, T> | SendOutStrategy<P, T>;

/**
 * A single-panel strategy: one test on one sample.
 *
 * @param test - the test's name
 * @param options - strategy turnaround, failure handling
 * @returns the strategy (plain, frozen data)
 * @example panel("ngs") // => { kind: "panel", test: "ngs" }
 */
export function panel<P, const T extends string>(test: T, options: StrategyOptions<P> = {}): PanelStrategy<P, T> {
  return Object.freeze({ kind: "panel", test, ...options });
}

/**
 * Sequential testing: the tests in order, stopping at the first positive call or a final failure.
 *
 * @param tests - the tests' names, in order
 * @param options - `orderingDelayDays` between steps, strategy turnaround, failure handling
 * @returns the strategy (plain, frozen data)
 * @example sequential(["egfrPcr", "alkIhc"]).tests // => ["egfrPcr", "alkIhc"]
 */
export function sequential<P, const T extends string>(tests: readonly T[], options: StrategyOptions<P> & { readonly orderingDelayDays?: Value<P> } = {}): SequentialStrategy<P, T> {
  return Object.freeze({ kind: "sequential", tests: Object.freeze([...tests]), ...options });
}

/**
 * Tests in parallel on one sample, combined into one test (see {@link ParallelStrategy}).
 *
 * @param tests - the tests' names
 * @param options - shared-sample `failure`, strategy turnaround, failure handling
 * @returns the strategy (plain, frozen data)
 * @example parallel(["hotspot", "alkIhc"]).kind // => "parallel"
 */
export function parallel<P, const T extends string>(tests: readonly T[], options: StrategyOptions<P> & { readonly failure?: Value<P> } = {}): ParallelStrategy<P, T> {
  return Object.freeze({ kind: "parallel", tests: Object.freeze([...tests]), ...options });
}

/**
 * Reflex testing: `then` is run on the negatives of `first`, without an ordering delay.
 *
 * @param first - the first test's name
 * @param then - the reflex test's name
 * @param options - strategy turnaround, failure handling
 * @returns the strategy (plain, frozen data)
 * @example reflex("alkIhc", "ngs").then // => "ngs"
 */
export function reflex<P, const T extends string>(first: T, then: T, options: StrategyOptions<P> = {}): ReflexStrategy<P, T> {
  return Object.freeze({ kind: "reflex", first, then, ...options });
}

/**
 * Send-out testing: the test done by an external laboratory, with its own turnaround and a
 * shipping cost.
 *
 * @param test - the test's name
 * @param options - `turnaroundDays` (required), `shippingCost`, failure handling
 * @returns the strategy (plain, frozen data)
 * @example sendOut("cgp", { turnaroundDays: 21 }).turnaroundDays // => 21
 */
export function sendOut<P, const T extends string>(test: T, options: Omit<StrategyOptions<P>, "turnaroundDays"> & { readonly turnaroundDays: Value<P>; readonly shippingCost?: Value<P> }): SendOutStrategy<P, T> {
  return Object.freeze({ kind: "send-out", test, ...options });
}
