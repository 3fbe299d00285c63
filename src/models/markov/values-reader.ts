import type { CompiledMarkov } from "./compile-markov.js";
import type { MarkovWorkspace } from "./markov-workspace.js";
import { compileReader, outcomeStateWalk, ShapeReaders } from "./shape-readers.js";

/**
 * Writes one call's state values (outcome → state → value per year) for one tunnel position into
 * the workspace, or returns false (values half written) when the table differs from the shape it
 * was generated for or a value is not finite; the caller then writes the same table through the
 * checked path, which reports the error or writes it.
 */
export type ValuesReader = (table: unknown, position: number) => boolean;

/**
 * One generated reader per strategy for the shape of the table its values function returned when
 * last written through the checked path (see rows-reader.ts for why): the same outcome and state
 * keys in the same order, each value a finite number. Built from integers only; names are data.
 */
export class ValuesReaders extends ShapeReaders<ValuesReader> {
  constructor(model: CompiledMarkov, work: MarkovWorkspace) {
    super(model.strategies.length, (table) => generate(model, work, table));
  }
}

function generate(model: CompiledMarkov, work: MarkovWorkspace, table: object): ValuesReader | undefined {
  const keys: string[] = [];
  const lines: string[] = ['"use strict";', "return function readValues(table, position) {", 'if (table === null || typeof table !== "object") return false;', "let n = 0, b, v, j;"];
  outcomeStateWalk(table, keys, lines, (outcomeName, stateName) => {
    const o = model.outcomeIndex.get(outcomeName)!;
    const i = model.stateIndex.get(stateName)!;
    const tunnel = model.tunnel[i]!;
    const at0 = o * model.expanded + model.base[i]!;
    lines.push('if (typeof v !== "number" || v - v !== 0) return false;');
    lines.push(tunnel === 1 ? `if (position === 0) T[${at0}] = v;` : `if (position === 0) for (j = 0; j < ${tunnel}; j++) T[${at0} + j] = v; else if (position < ${tunnel}) T[${at0} + position] = v;`);
  });
  lines.push("return true;", "};");
  return compileReader<ValuesReader>(["K", "T"], lines, [keys, work.values]);
}
