import type { CompiledMarkov } from "./compile-markov.js";
import { BY_CYCLE, CONSTANT, type ValueArrayPlan } from "./fill-value-arrays.js";
import { compileReader, outcomeStateWalk, ShapeReaders, sharedReader } from "./shape-readers.js";

/**
 * Reads one `valueArrays` result into the plan and writes the values of trace row 0 into `T` (the
 * workspace's values), or returns false (both half written) when anything differs from the shape it
 * was generated for or a value is not finite; the caller then reads it through `plan.read`, which
 * reports the error or reads it.
 */
export type ValuePlanReader = (table: unknown, plan: ValueArrayPlan, T: Float64Array) => boolean;

/** The `by` tag of each array kind of a value plan (fill-value-arrays.ts). */
const TAG: readonly string[] = ["", "cycle", "stateTime", "cycleAndStateTime"];

/**
 * One generated reader per strategy for the shape of the table its `valueArrays` returned when last
 * read through `plan.read` (see plan-reader.ts): the same outcome and state keys in the same order,
 * each entry a number or a time array with the same tag and length. It checks what `plan.read`
 * checks (finite numbers, in the entries and in row 0 of the arrays) and writes what it writes; the
 * entry list is written as constants. Built from integers only; names are data.
 */
export class ValuePlanReaders extends ShapeReaders<ValuePlanReader> {
  constructor(model: CompiledMarkov, plan: ValueArrayPlan) {
    super(model.strategies.length, (table) => generate(model, plan, table, this.compiled));
  }
}

function generate(model: CompiledMarkov, plan: ValueArrayPlan, table: object, compiled: Map<string, ValuePlanReader | undefined>): ValuePlanReader | undefined {
  // A product is formed into the plan's own array by plan.read (fill-value-arrays.ts): such tables stay on that path.
  if (plan.products > 0) return undefined;
  const keys: string[] = [];
  // Entries not in the table are 0, as plan.read leaves them (a reader that returns false may leave T
  // half written: plan.read writes all of it again).
  const lines: string[] = ['"use strict";', "return function readValuePlan(table, P, T) {", 'if (table === null || typeof table !== "object") return false;', "let n = 0, b, v, a, x, j;", "", "const kind = P.kind, arrays = P.arrays;"];
  const zeroLine = 4;
  // The slots the table writes; the others are zeroed (by name when few, else with everything first).
  const written = new Uint8Array(model.outcomes.length * model.expanded);
  // One state time: a store; a tunnel: a loop over its positions.
  const store = (at0: number, tunnel: number, value: string): string => {
    written.fill(1, at0, at0 + tunnel);
    return tunnel === 1 ? `T[${at0}] = ${value};` : `for (j = 0; j < ${tunnel}; j++) T[${at0} + j] = ${value};`;
  };
  let count = 0;
  outcomeStateWalk(table, keys, lines, () => {
    const c = count++;
    const i = plan.state[c]!;
    const tunnel = model.tunnel[i]!;
    const at0 = plan.outcome[c]! * model.expanded + model.base[i]!;
    const kind = plan.kind[c]!;
    if (kind === CONSTANT) {
      lines.push('if (typeof v !== "number" || v - v !== 0) return false;', store(at0, tunnel, "v"), `arrays[${c}] = undefined;`);
    } else {
      lines.push(`if (v === null || typeof v !== "object" || v.by !== ${JSON.stringify(TAG[kind])}) return false;`, "a = v.values;", `if (a === null || typeof a !== "object" || a.length !== ${plan.arrays[c]!.length}) return false;`, `arrays[${c}] = a;`);
      // Trace row 0, checked as writeEntry checks it.
      if (kind === BY_CYCLE) lines.push('x = a[0]; if (typeof x !== "number" || x - x !== 0) return false;', store(at0, tunnel, "x"));
      else {
        written.fill(1, at0, at0 + tunnel);
        lines.push(`for (j = 0; j < ${tunnel}; j++) { x = a[j]; if (typeof x !== "number" || x - x !== 0) return false; T[${at0} + j] = x; }`);
      }
    }
    lines.push(`kind[${c}] = ${kind}; P.outcome[${c}] = ${plan.outcome[c]!}; P.state[${c}] = ${i};`);
  });
  const unwritten: number[] = [];
  written.forEach((w, slot) => {
    if (w === 0) unwritten.push(slot);
  });
  lines[zeroLine] = unwritten.length <= 32 ? unwritten.map((slot) => `T[${slot}] = 0;`).join(" ") : "T.fill(0);";
  lines.push(Array.from({ length: plan.varyingCount }, (_, k) => `P.varying[${k}] = ${plan.varying[k]!};`).join(" "));
  lines.push(`P.count = ${count}; P.varyingCount = ${plan.varyingCount};`, "return true;", "};");
  return sharedReader(compiled, lines, keys, () => compileReader<ValuePlanReader>(["K"], lines, [keys]));
}
