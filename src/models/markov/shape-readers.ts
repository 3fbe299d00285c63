import { codeGenerationRefused, generatedFunction } from "../../core/generated-function.js";

/** Reader generations per strategy before the checked path is kept for good (shapes that keep changing). */
const MAX_GENERATIONS = 8;

/**
 * One generated reader per strategy, for the shape of the object its function returned when it was
 * last read through the checked path (see rows-reader.ts for why): `learn` makes a new one, at most
 * {@link MAX_GENERATIONS} times per strategy, and none where code generation is not allowed.
 */
export class ShapeReaders<R> {
  private readonly readers: (R | undefined)[];
  private readonly generations: Int32Array;
  /**
   * Readers already compiled, by their source and keys: strategies whose results have the same shape
   * (AML's three true-risk groups) share one function, which V8 then compiles and optimises once
   * instead of once per strategy (each of AML's plan readers took 40-85 ms of a compile thread).
   */
  protected readonly compiled = new Map<string, R | undefined>();

  constructor(strategies: number, private readonly generate: (shape: object) => R | undefined) {
    this.readers = new Array<R | undefined>(strategies).fill(undefined);
    this.generations = new Int32Array(strategies);
  }

  /** The strategy's reader, if one was generated. */
  readerOf(strategy: number): R | undefined {
    return this.readers[strategy];
  }

  /** Generates a reader for the shape of `shape`, which the checked path has just read without error. */
  learn(strategy: number, shape: object): void {
    if (codeGenerationRefused() || this.generations[strategy]! >= MAX_GENERATIONS) {
      this.readers[strategy] = undefined;
      return;
    }
    this.generations[strategy]!++;
    this.readers[strategy] = this.generate(shape);
  }
}

/**
 * Compiles a reader factory from generated lines (built from integers only: names reach the code as
 * data among `args`) and calls it with `args`; `undefined`, for good, when code generation is refused.
 */
export function compileReader<R>(parameters: readonly string[], lines: readonly string[], args: readonly unknown[]): R | undefined {
  const factory = generatedFunction<(...values: unknown[]) => R>(parameters, lines.join("\n"));
  return factory?.(...args);
}

/**
 * The reader of `lines` over the keys `keys` from `compiled` when one was made from the same text and
 * keys (the rest of a reader's data, the model's complement and tolerance, is the same for every
 * strategy of a model), else `make()`'s, kept there.
 */
export function sharedReader<R>(compiled: Map<string, R | undefined>, lines: readonly string[], keys: readonly string[], make: () => R | undefined): R | undefined {
  const key = `${lines.join("\n")}\n${JSON.stringify(keys)}`;
  if (compiled.has(key)) return compiled.get(key);
  const reader = make();
  compiled.set(key, reader);
  return reader;
}

/** Keys in for-in order (what a reader's checks enumerate). */
export function enumerated(object: object): string[] {
  const keys: string[] = [];
  for (const key in object) keys.push(key);
  return keys;
}

/** Generated check that `variable` has exactly `count` enumerable keys, equal to `K[at …]` in order. */
export function sameKeys(variable: string, at: number | string, count: number): string {
  return `n = 0; for (const k in ${variable}) { if (n === ${count} || k !== K[${at} + n]) return false; n++; } if (n !== ${count}) return false;`;
}

/**
 * Generates the walk of an outcome → state → entry table as `table` holds it (for-in order): checks
 * that the generated reader's `table` has the same outcome keys, each outcome absent as here or an
 * object with the same state keys, and loads each entry into `v` before `entry` adds the lines that
 * check and store it. Keys go into `keys` (the reader's `K`); the reader declares `n`, `b` and `v`.
 */
export function outcomeStateWalk(table: object, keys: string[], lines: string[], entry: (outcome: string, state: string) => void): void {
  const outcomeKeys = enumerated(table);
  const outcomeAt = keys.length;
  keys.push(...outcomeKeys);
  lines.push(sameKeys("table", outcomeAt, outcomeKeys.length));
  outcomeKeys.forEach((outcome, at) => {
    const byState = (table as Record<string, unknown>)[outcome];
    lines.push(`b = table[K[${outcomeAt + at}]];`);
    if (byState === undefined) {
      lines.push("if (b !== undefined) return false;");
      return;
    }
    const stateKeys = enumerated(byState as object);
    const first = keys.length;
    keys.push(...stateKeys);
    lines.push('if (b === null || typeof b !== "object") return false;', sameKeys("b", first, stateKeys.length));
    stateKeys.forEach((state, s) => {
      lines.push(`v = b[K[${first + s}]];`);
      entry(outcome, state);
    });
  });
}
