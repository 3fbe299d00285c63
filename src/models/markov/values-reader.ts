import type { CompiledMarkov } from "./compile-markov.js";
import type { MarkovWorkspace } from "./markov-workspace.js";

/**
 * Writes one call's state values (outcome → state → value per year) for one tunnel position into
 * the workspace, or returns false (values half written) when the table differs from the shape it
 * was generated for or a value is not finite; the caller then writes the same table through the
 * checked path, which reports the error or writes it.
 */
export type ValuesReader = (table: unknown, position: number) => boolean;

/** Reader generations per strategy before the checked path is kept for good. */
const MAX_GENERATIONS = 8;

let codeGenerationAllowed = true;

/**
 * One generated reader per strategy for the shape of the table its values function returned when
 * last written through the checked path (see rows-reader.ts for why): the same outcome and state
 * keys in the same order, each value a finite number. Built from integers only; names are data.
 */
export class ValuesReaders {
  private readonly readers: (ValuesReader | undefined)[];
  private readonly generations: Int32Array;

  constructor(private readonly model: CompiledMarkov, private readonly work: MarkovWorkspace) {
    this.readers = new Array<ValuesReader | undefined>(model.strategies.length).fill(undefined);
    this.generations = new Int32Array(model.strategies.length);
  }

  /** The strategy's reader, if one was generated. */
  readerOf(strategy: number): ValuesReader | undefined {
    return this.readers[strategy];
  }

  /** Generates a reader for the shape of `table`, which the checked path has just written without error. */
  learn(strategy: number, table: object): void {
    if (!codeGenerationAllowed || this.generations[strategy]! >= MAX_GENERATIONS) {
      this.readers[strategy] = undefined;
      return;
    }
    this.generations[strategy]!++;
    this.readers[strategy] = generate(this.model, this.work, table);
  }
}

function generate(model: CompiledMarkov, work: MarkovWorkspace, table: object): ValuesReader | undefined {
  const keys: string[] = [];
  const outcomeKeys = enumerated(table);
  keys.push(...outcomeKeys);
  const lines: string[] = ['"use strict";', "return function readValues(table, position) {", 'if (table === null || typeof table !== "object") return false;', "let n = 0, b, v, j;"];
  lines.push(`for (const k in table) { if (n === ${outcomeKeys.length} || k !== K[n]) return false; n++; }`, `if (n !== ${outcomeKeys.length}) return false;`);
  outcomeKeys.forEach((outcomeName, at) => {
    const o = model.outcomeIndex.get(outcomeName)!;
    const byState = (table as Record<string, unknown>)[outcomeName];
    lines.push(`b = table[K[${at}]];`);
    if (byState === undefined) {
      lines.push("if (b !== undefined) return false;");
      return;
    }
    const stateKeys = enumerated(byState as object);
    const first = keys.length;
    keys.push(...stateKeys);
    lines.push('if (b === null || typeof b !== "object") return false;', "n = 0;");
    lines.push(`for (const k in b) { if (n === ${stateKeys.length} || k !== K[${first} + n]) return false; n++; }`, `if (n !== ${stateKeys.length}) return false;`);
    stateKeys.forEach((stateName, s) => {
      const i = model.stateIndex.get(stateName)!;
      const tunnel = model.tunnel[i]!;
      const at0 = o * model.expanded + model.base[i]!;
      lines.push(`v = b[K[${first + s}]];`, 'if (typeof v !== "number" || v - v !== 0) return false;');
      lines.push(tunnel === 1 ? `if (position === 0) T[${at0}] = v;` : `if (position === 0) for (j = 0; j < ${tunnel}; j++) T[${at0} + j] = v; else if (position < ${tunnel}) T[${at0} + position] = v;`);
    });
  });
  lines.push("return true;", "};");
  try {
    const factory = new Function("K", "T", lines.join("\n")) as (...args: unknown[]) => ValuesReader;
    return factory(keys, work.values);
  } catch {
    codeGenerationAllowed = false;
    return undefined;
  }
}

/** Keys in for-in order (what the reader's checks enumerate). */
function enumerated(object: object): string[] {
  const keys: string[] = [];
  for (const key in object) keys.push(key);
  return keys;
}
