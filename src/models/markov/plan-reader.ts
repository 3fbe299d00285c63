import { complement } from "../complement.js";
import type { CompiledMarkov } from "./compile-markov.js";
import { BY_BOTH, BY_CYCLE, BY_PRODUCT, BY_STATE_TIME, COMPLEMENT, CONSTANT, type TransitionArrayPlan } from "./fill-transition-arrays.js";
import { compileReader, enumerated, sameKeys, ShapeReaders, sharedReader } from "./shape-readers.js";

/**
 * Reads one `transitionArrays` result into the plan, or returns false (plan half written) when
 * anything differs from the shape it was generated for or a check fails; the caller then reads it
 * through `plan.read`, which reports the error or reads it.
 */
export type PlanReader = (rows: unknown, plan: TransitionArrayPlan) => boolean;

/** The `by` tag of each array kind. */
const TAG: Readonly<Record<number, string>> = { [BY_CYCLE]: "cycle", [BY_STATE_TIME]: "stateTime", [BY_BOTH]: "cycleAndStateTime" };

/**
 * One generated reader per strategy for the shape of the rows its `transitionArrays` returned when
 * last read through `plan.read` (rows-reader.ts says why: a shared loop over keys makes every
 * property access megamorphic): the same keys in the same order, and per key the same kind of entry
 * (number, complement, or a time array with the same tag and length). It checks what `plan.read`
 * checks, passing only where `plan.read` would pass and write the same plan: numbers finite and in
 * [−tol, 1 + tol], time arrays objects with a numeric length equal to the expected one. The parts of
 * the plan that follow from the shape (entry and destination lists) are written as constants, since
 * the workspace's plan may hold another strategy's. Built from integers only; names are data.
 */
export class PlanReaders extends ShapeReaders<PlanReader> {
  constructor(model: CompiledMarkov, plan: TransitionArrayPlan) {
    super(model.strategies.length, (rows) => generate(model, plan, rows, this.compiled));
  }
}

/** Tokens of generated readers (TransitionArrayPlan.shape), unique in the process. */
let nextToken = 1;

/** Generates the reader of `rows`, which `plan` has just read without error. */
function generate(model: CompiledMarkov, plan: TransitionArrayPlan, rows: object, compiled: Map<string, PlanReader | undefined>): PlanReader | undefined {
  const states = model.states;
  const keys: string[] = [];
  const lines: string[] = ['"use strict";', "return function readPlan(rows, P) {", 'P.shape = 0;', 'if (rows === null || typeof rows !== "object") return false;', "let n = 0, r, v, a, f;"];
  const fromKeys = enumerated(rows);
  keys.push(...fromKeys);
  lines.push(sameKeys("rows", 0, fromKeys.length));
  lines.push("const kind = P.kind, to = P.to, constant = P.constant, arrays = P.arrays, factors = P.factors;");
  for (let from = 0; from < states.length; from++) {
    const row = (rows as Record<string, object>)[states[from]!]!;
    const toKeys = enumerated(row);
    const nameAt = keys.length;
    keys.push(states[from]!);
    const rowAt = keys.length;
    keys.push(...toKeys);
    lines.push(`r = rows[K[${nameAt}]];`, 'if (r === null || typeof r !== "object") return false;', sameKeys("r", rowAt, toKeys.length));
    const first = plan.entryStart[from]!;
    toKeys.forEach((_, j) => {
      const n = first + j;
      const kind = plan.kind[n]!;
      lines.push(`v = r[K[${rowAt + j}]];`);
      if (kind === COMPLEMENT) lines.push("if (v !== C) return false;", `arrays[${n}] = undefined;`);
      else if (kind === CONSTANT) lines.push('if (typeof v !== "number" || !(v >= -tol && v <= 1 + tol)) return false;', `constant[${n}] = v; arrays[${n}] = undefined;`);
      else if (kind === BY_PRODUCT) {
        // plan.read's checks of a product: its two factors objects with the expected numeric lengths.
        lines.push(
          'if (v === null || typeof v !== "object" || v.by !== "cycleTimesStateTime") return false;',
          "a = v.cycle;",
          `if (a === null || typeof a !== "object" || a.length !== ${plan.arrays[n]!.length}) return false;`,
          "f = v.stateTime;",
          `if (f === null || typeof f !== "object" || f.length !== ${plan.factors[n]!.length}) return false;`,
          `arrays[${n}] = a; factors[${n}] = f;`,
        );
      } else {
        // plan.read's checks of a time array: an object tagged with this kind whose values have a numeric length, the expected one.
        lines.push(`if (v === null || typeof v !== "object" || v.by !== ${JSON.stringify(TAG[kind])}) return false;`, "a = v.values;", `if (a === null || typeof a !== "object" || a.length !== ${plan.arrays[n]!.length}) return false;`, `arrays[${n}] = a;`);
      }
      if (kind !== BY_PRODUCT) lines.push(`factors[${n}] = undefined;`);
      lines.push(`kind[${n}] = ${kind}; to[${n}] = ${plan.to[n]!};`);
    });
  }
  // What the shape decides, as plan.read wrote it.
  const constants = (name: string, values: ArrayLike<number>, count: number): string => Array.from({ length: count }, (_, i) => `P.${name}[${i}] = ${values[i]!};`).join(" ");
  const entries = states.length + 1;
  lines.push(constants("entryStart", plan.entryStart, entries), constants("destStart", plan.destStart, entries));
  const dests = plan.destStart[states.length]!;
  lines.push(constants("dest", plan.dest, dests), constants("destListed", plan.destListed, dests), constants("fixedRow", plan.fixedRow, states.length));
  lines.push(`P.varies = ${plan.varies};`);
  // A strategy whose rows have the same shape as another's gets that strategy's reader, token included.
  return sharedReader(compiled, lines, keys, () => compileReader<PlanReader>(["K", "C", "tol"], [...lines, `P.shape = ${nextToken++};`, "return true;", "};"], [keys, complement, model.tolerance]));
}
