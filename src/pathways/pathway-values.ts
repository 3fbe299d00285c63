// Arithmetic on `Value`s (a number or a function of the parameters) that keeps constants
// constant, so the decision tree can still check constant probabilities at construction.
import { resolveValue } from "../models/tree/resolve-value.js";
import type { Value } from "../models/tree/tree-types.js";

/**
 * A value computed from others: a number when all inputs are numbers, else a function of the
 * parameters that evaluates the inputs and applies `combine`.
 *
 * @internal
 */
export function combineValues<P>(values: readonly Value<P>[], combine: (numbers: readonly number[]) => number): Value<P> {
  if (values.every((v) => typeof v === "number")) return combine(values as readonly number[]);
  const scratch = new Array<number>(values.length);
  return (p: P) => {
    for (let i = 0; i < values.length; i++) scratch[i] = resolveValue(values[i]!, p);
    return combine(scratch);
  };
}

/** Σ values. @internal */
export function sumValues<P>(values: readonly Value<P>[]): Value<P> {
  return values.length === 1 ? values[0]! : combineValues(values, (xs) => xs.reduce((a, b) => a + b, 0));
}

/** Π values. @internal */
export function productValues<P>(values: readonly Value<P>[]): Value<P> {
  return values.length === 1 ? values[0]! : combineValues(values, (xs) => xs.reduce((a, b) => a * b, 1));
}

/** max(values). @internal */
export function maxValues<P>(values: readonly Value<P>[]): Value<P> {
  return values.length === 1 ? values[0]! : combineValues(values, (xs) => Math.max(...xs));
}

/** 1 − Π(1 − values): the probability that at least one of independent events happens. @internal */
export function anyOfValues<P>(values: readonly Value<P>[]): Value<P> {
  return values.length === 1 ? values[0]! : combineValues(values, (xs) => 1 - xs.reduce((a, b) => a * (1 - b), 1));
}

/** Whether a value is the literal number `x` (a function is never literal). @internal */
export function isLiteral<P>(value: Value<P> | undefined, x: number): boolean {
  return value === x;
}

/**
 * Combined values built once per kind and list of inputs, so that equal combinations are one
 * function object: the decision tree evaluates each distinct function once per draw (its value
 * table deduplicates by identity), where a pathway otherwise builds the same combination for every
 * category and stage (NSCLC: 327 combined values per draw, about 20 distinct). Inputs are keyed by
 * identity (functions) or value (numbers, −0 apart from 0). One memo per compiled pathway.
 *
 * @internal
 */
export class ValueMemo<P> {
  private readonly ids = new Map<unknown, number>();
  private readonly built = new Map<string, Value<P>>();

  /** The value `make` builds from `inputs`, built on the first call with this kind and inputs. */
  get(kind: string, inputs: readonly Value<P>[], make: () => Value<P>): Value<P> {
    let key = kind;
    for (const input of inputs) key += typeof input === "number" ? (Object.is(input, -0) ? ",n-0" : `,n${input}`) : `,f${this.idOf(input)}`;
    let value = this.built.get(key);
    if (value === undefined) {
      value = make();
      this.built.set(key, value);
    }
    return value;
  }

  private idOf(input: unknown): number {
    let id = this.ids.get(input);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(input, id);
    }
    return id;
  }
}
