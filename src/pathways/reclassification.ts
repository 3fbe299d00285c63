import { fail } from "../core/errors.js";
import { requireName } from "../core/unknown-name.js";
import { isComplement } from "../models/complement.js";
import { resolveValue } from "../models/tree/resolve-value.js";
import type { Value } from "../models/tree/tree-types.js";
import type { TestDefinition, TestingPathway } from "./pathway-types.js";
import { specificities } from "./strategy-stages.js";

/** Label of a completed test that called no category. @internal */
export const NEGATIVE_CALL = "negative";
/** Label of a test whose sample failed. @internal */
export const NO_RESULT_CALL = "no result";

/** The joint distribution of two tests' calls on the same patients (a reclassification table). */
export interface Reclassification {
  /** The test whose calls are the rows. */
  readonly from: string;
  /** The test whose calls are the columns. */
  readonly to: string;
  /** Call labels of rows and columns: the categories either test covers (in category order), then `negative`, then `no result` when a test can fail. */
  readonly labels: readonly string[];
  /** `probability[i][j]`: share of all patients called `labels[i]` by `from` and `labels[j]` by `to`; sums to 1. */
  readonly probability: readonly (readonly number[])[];
  /** Share of patients whose call differs between the two tests. */
  readonly reclassified: number;
}

/**
 * The reclassification table of two tests of a pathway: how the patients one test calls each
 * category (or negative, or no result) are called by the other, e.g. which ELN risk a conventional
 * work-up assigns against a myeloid NGS panel. One run of each test on the same patient, the calls
 * independent given the true category (the assumption the pathway's parallel testing makes): a sample
 * fails with the test's `failure`; otherwise the patient's own category is called with its
 * sensitivity (if covered), else a false call of another actionable covered target in the written
 * order (P = Π_{i<j} spec_i × (1 − spec_j)), else negative. Re-biopsies are left out: this is the
 * tests' agreement, not the pathway's outcome (the counts of the compiled tree give that).
 *
 * @param pathway - a pathway from {@link testingPathway}
 * @param from - the test whose calls are the rows (e.g. the current practice)
 * @param to - the test whose calls are the columns (e.g. the new panel)
 * @param params - parameter values (base case or one draw)
 * @returns labels, the joint probabilities and the share reclassified
 * @throws QalyError `invalid_argument` for a test not in the pathway (with the closest name), a probability outside [0, 1] or prevalences not summing to 1
 * @example
 * const pathway = testingPathway({
 *   categories: { ADV: { prevalence: 0.3, arm: "sct" }, INT: { prevalence: complement } },
 *   tests: { conv: { sensitivity: { ADV: 0.6 }, cost: 4000 }, ngs: { sensitivity: { ADV: 1 }, cost: 10000 } },
 *   strategies: { CONV: panel("conv"), NGS: panel("ngs") },
 *   treatment: { pTreat: 1, defaultArm: "chemo", missedArm: "chemo" },
 * });
 * const table = reclassification(pathway, "conv", "ngs", {});
 * table.labels // => ["ADV", "negative"]
 * table.probability[1][0] // => 0.12
 * table.reclassified // => 0.12
 */
export function reclassification<P, T extends string>(pathway: TestingPathway<P, string, T>, from: NoInfer<T>, to: NoInfer<T>, params: P): Reclassification {
  const tests = pathway.tests as Readonly<Record<string, TestDefinition<P>>>;
  const names = Object.keys(tests);
  requireName("invalid_argument", ["from"], "test", from, names);
  requireName("invalid_argument", ["to"], "test", to, names);
  const categories = Object.keys(pathway.categories);
  const a = tests[from]!;
  const b = tests[to]!;
  const covered = categories.filter((c) => c in a.sensitivity || c in b.sensitivity);
  const canFail = [a, b].some((t) => t.failure !== undefined && t.failure !== 0);
  const labels = [...covered, NEGATIVE_CALL, ...(canFail ? [NO_RESULT_CALL] : [])];
  const prevalence = prevalences(pathway, params);
  const size = labels.length;
  const joint = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const callsA = new Array<number>(size);
  const callsB = new Array<number>(size);
  categories.forEach((category, k) => {
    calls(pathway, a, from, category, params, labels, callsA);
    calls(pathway, b, to, category, params, labels, callsB);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) joint[i]![j]! += prevalence[k]! * callsA[i]! * callsB[j]!;
  });
  let reclassified = 0;
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) if (i !== j) reclassified += joint[i]![j]!;
  return Object.freeze({ from, to, labels: Object.freeze(labels), probability: Object.freeze(joint.map((row) => Object.freeze(row))), reclassified });
}

/** The categories' prevalences, the complement taking the rest. */
function prevalences<P>(pathway: TestingPathway<P>, params: P): number[] {
  const entries = Object.entries(pathway.categories);
  let rest = 1;
  let complementAt = -1;
  const values = entries.map(([name, category], k) => {
    if (isComplement(category.prevalence)) {
      complementAt = k;
      return 0;
    }
    const value = probability(category.prevalence as Value<P>, params, ["categories", name, "prevalence"]);
    rest -= value;
    return value;
  });
  if (complementAt >= 0) values[complementAt] = Math.max(0, rest);
  const total = values.reduce((s, v) => s + v, 0);
  if (Math.abs(total - 1) > 1e-9) fail("invalid_argument", ["categories"], `the prevalences sum to ${total}, not 1`, { received: total });
  return values;
}

/** P(call = label | true category) for one run of a test, into `out` (indexed like `labels`). */
function calls<P>(pathway: TestingPathway<P>, test: TestDefinition<P>, name: string, category: string, params: P, labels: readonly string[], out: number[]): void {
  out.fill(0);
  const failure = test.failure === undefined ? 0 : probability(test.failure, params, ["tests", name, "failure"]);
  if (failure > 0) out[labels.indexOf(NO_RESULT_CALL)] = failure;
  let remaining = 1 - failure;
  const sensitivity = (test.sensitivity as Readonly<Record<string, Value<P> | undefined>>)[category];
  if (sensitivity !== undefined) {
    const detected = remaining * probability(sensitivity, params, ["tests", name, "sensitivity", category]);
    out[labels.indexOf(category)]! += detected;
    remaining -= detected;
  }
  for (const [target, spec] of specificities(pathway, test)) {
    if (target === category) continue;
    const falseCall = remaining * (1 - probability(spec, params, ["tests", name, "specificity", target]));
    out[labels.indexOf(target)]! += falseCall;
    remaining -= falseCall;
  }
  out[labels.indexOf(NEGATIVE_CALL)]! += remaining;
}

function probability<P>(value: Value<P>, params: P, path: readonly (string | number)[]): number {
  const x = resolveValue(value, params);
  if (!(x >= 0 && x <= 1)) fail("invalid_argument", path, `expected a probability in [0, 1] (received ${x})`, { received: x });
  return x;
}
