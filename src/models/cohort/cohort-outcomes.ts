import type { AddIssue } from "./cohort-schedule.js";

/** The declared outcomes of a cohort model and the outputs it reports. */
export interface CohortOutcomes {
  /** Declared outcome names, in order. */
  readonly outcomes: readonly string[];
  /** 0 = discounted at the cost rate, 1 = at the effect rate, per declared outcome. */
  readonly outcomeClass: Uint8Array;
  /** Whether `cost` is the sum of the cost outcomes (no outcome named `cost` was declared). */
  readonly costIsSum: boolean;
  /** Reported outputs: the named outcomes (with `cost` first when summed), then their `…Undiscounted` twins. */
  readonly outputs: readonly string[];
  /** Number of named outcomes (half of `outputs`). */
  readonly named: number;
}

/**
 * Validates `{ name: "cost" | "effect" }` and derives the outputs by the naming convention of
 * src/models/model.ts: `cost` is the sum of the cost outcomes unless declared; every outcome `x`
 * is also reported undiscounted as `xUndiscounted`.
 */
export function resolveOutcomes(declared: Readonly<Record<string, string>> | undefined, add: AddIssue): CohortOutcomes {
  const outcomes = Object.keys(declared ?? {});
  if (outcomes.length === 0) add(["outcomes"], 'declare at least one outcome, e.g. { cost: "cost", qaly: "effect" }');
  const outcomeClass = new Uint8Array(outcomes.length);
  outcomes.forEach((name, o) => {
    const kind = declared![name];
    if (kind !== "cost" && kind !== "effect") add(["outcomes", name], `outcome kind must be "cost" or "effect" (received ${JSON.stringify(kind)})`, kind);
    if (name.endsWith("Undiscounted")) add(["outcomes", name], "names ending in Undiscounted are reserved for the undiscounted totals, which are reported automatically");
    outcomeClass[o] = kind === "effect" ? 1 : 0;
  });
  const costIsSum = !outcomes.includes("cost") && outcomes.some((_, o) => outcomeClass[o] === 0);
  const named = costIsSum ? ["cost", ...outcomes] : outcomes;
  return { outcomes, outcomeClass, costIsSum, outputs: [...named, ...named.map((name) => `${name}Undiscounted`)], named: named.length };
}

/**
 * Writes per-outcome totals into `out` from `at` in the layout of {@link CohortOutcomes.outputs}
 * (the cost sum first when `cost` is not declared).
 */
export function writeCohortOutputs(outcomes: CohortOutcomes, total: Float64Array, totalUndiscounted: Float64Array, out: Float64Array, at: number): void {
  const offset = outcomes.costIsSum ? 1 : 0;
  const half = outcomes.named;
  let cost = 0;
  let costUndiscounted = 0;
  for (let o = 0; o < outcomes.outcomes.length; o++) {
    out[at + offset + o] = total[o]!;
    out[at + half + offset + o] = totalUndiscounted[o]!;
    if (outcomes.outcomeClass[o] === 0) {
      cost += total[o]!;
      costUndiscounted += totalUndiscounted[o]!;
    }
  }
  if (offset === 1) {
    out[at] = cost;
    out[at + half] = costUndiscounted;
  }
}
