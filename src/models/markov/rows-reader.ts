import { complement } from "../complement.js";
import type { CompiledMarkov } from "./compile-markov.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { compileReader, enumerated, sameKeys, ShapeReaders } from "./shape-readers.js";

/**
 * Reads one call's transition rows for one tunnel position into the sparse matrix, or returns false
 * (leaving rows half written) when anything differs from the shape it was generated for or any
 * check fails; the caller then fills the same rows through the checked path, which reports the
 * error or fills them.
 */
export type RowsReader = (rows: unknown, position: number) => boolean;

/**
 * One generated reader per strategy, specialised to the shape (key order of the rows object and of
 * each row) that the strategy's transitions function returned when it was last filled through the
 * checked path. Reading a row object key by key through a shared loop makes every property access
 * megamorphic in V8 (about 5× the cost of the arithmetic); the generated reader loads each key
 * from its own site. It checks exactly what `fillRow` checks, in a form that only passes when
 * `fillRow` would pass and write the same entries: the same keys in the same order (so the row sum
 * is added up in the same order), finite probabilities in [−tol, 1 + tol], at most one
 * complement, the row sum. The code is built from integers only; state names reach it as data.
 */
export class RowsReaders extends ShapeReaders<RowsReader> {
  constructor(model: CompiledMarkov, work: MarkovWorkspace) {
    const scratch = new Float64Array(model.states.length);
    super(model.strategies.length, (rows) => generate(model, work, scratch, rows));
  }
}

function generate(model: CompiledMarkov, work: MarkovWorkspace, scratch: Float64Array, rows: object): RowsReader | undefined {
  const states = model.states;
  // Keys as data: the rows object's own keys (for-in order), then each row's, in declared state order.
  const keys: string[] = [];
  const lines: string[] = ['"use strict";', "return function readRows(rows, position) {", 'if (rows === null || typeof rows !== "object") return false;', "let n = 0;"];
  const fromKeys = enumerated(rows);
  const fromAt = keys.length;
  keys.push(...fromKeys);
  lines.push(sameKeys("rows", fromAt, fromKeys.length));
  lines.push("let r, v, sum, ct, c, e;");
  const background = model.background;
  for (let from = 0; from < states.length; from++) {
    const row = (rows as Record<string, object>)[states[from]!]!;
    const toKeys = enumerated(row);
    const toIndex = toKeys.map((name) => model.stateIndex.get(name)!);
    const nameAt = keys.length;
    keys.push(states[from]!);
    const rowAt = keys.length;
    keys.push(...toKeys);
    const tunnel = model.tunnel[from]!;
    const base = model.base[from]!;
    lines.push(`if (position < ${tunnel}) {`);
    lines.push(`r = rows[K[${nameAt}]];`, 'if (r === null || typeof r !== "object") return false;', sameKeys("r", rowAt, toKeys.length));
    lines.push("sum = 0; ct = -1;");
    toKeys.forEach((_, j) => {
      const to = toIndex[j]!;
      // Every key's scratch entry is written (the complement's after the sum), so nothing needs clearing.
      lines.push(`v = r[K[${rowAt + j}]];`, `if (v === C) { if (ct >= 0) return false; ct = ${to}; } else { if (typeof v !== "number" || !(v >= -tol && v <= 1 + tol)) return false; S[${to}] = v > 0 ? v : 0; sum += v; }`);
    });
    lines.push("if (ct >= 0) { const rest = 1 - sum; if (rest < -tol) return false; S[ct] = rest > 0 ? rest : 0; } else if (Math.abs(sum - 1) > tol) return false;");
    lines.push(`e = ${base} + position;`, "c = rowStart[e];");
    const keep = background !== undefined && background.dead[from] === 0 ? background.primary : -1;
    const destinations = [...new Set([...toIndex, ...(keep >= 0 ? [keep] : [])])].sort((a, b) => a - b);
    const last = tunnel - 1;
    for (const to of destinations) {
      const value = toIndex.includes(to) ? `S[${to}]` : "0";
      const column = to === from ? (last === 0 ? `${base}` : `${base} + (position < ${last} ? position + 1 : ${last})`) : `${model.base[to]!}`;
      const write = `col[c] = ${column}; colState[c] = ${to}; target[c] = v; c++;`;
      lines.push(`v = ${value};`, to === keep ? `deathSlot[e] = c; ${write}` : `if (v !== 0) { ${write} }`);
    }
    lines.push("rowEnd[e] = c;", "}");
  }
  lines.push("return true;", "};");
  return compileReader<RowsReader>(["K", "C", "S", "tol", "rowStart", "rowEnd", "col", "colState", "target", "deathSlot"], lines, [keys, complement, scratch, model.tolerance, work.rowStart, work.rowEnd, work.col, work.colState, work.rawVal, work.deathSlot]);
}
