// Arithmetic on `Value`s (a number or a function of the parameters) that keeps constants
// constant, so the decision tree can still check constant probabilities at construction.
import type { Value } from "../models/tree/tree-types.js";

/**
 * A value computed from others: a number when all inputs are numbers, else a function of the
 * parameters that evaluates the inputs and applies `combine`.
 *
 * @internal
 */
export function combineValues<P>(values: readonly Value<P>[], combine: (numbers: readonly number[]) => number): Value<P> {
  if (values.every((v) => typeof v === "number")) return combine(values as readonly number[]);
  // Numbers (anything not a function, as resolveValue passes it on) sit in the scratch list once;
  // only the functions are called per draw, in input order.
  const scratch = values.map((v) => (typeof v === "function" ? 0 : v));
  const at = values.flatMap((v, i) => (typeof v === "function" ? [i] : []));
  const functions = at.map((i) => values[i] as (p: P) => number);
  return (p: P) => {
    for (let k = 0; k < at.length; k++) scratch[at[k]!] = functions[k]!(p);
    return combine(scratch);
  };
}

// The folds below add or multiply from the left, starting from 0 or 1, as `reduce` with that start
// value does (the same operations in the same order), without a callback per element.

/** Σ values. @internal */
export function sumValues<P>(values: readonly Value<P>[]): Value<P> {
  return values.length === 1 ? values[0]! : combineValues(values, sumOf);
}

/** Π values. @internal */
export function productValues<P>(values: readonly Value<P>[]): Value<P> {
  return values.length === 1 ? values[0]! : combineValues(values, productOf);
}

/** max(values). @internal */
export function maxValues<P>(values: readonly Value<P>[]): Value<P> {
  return values.length === 1 ? values[0]! : combineValues(values, (xs) => Math.max(...xs));
}

/** 1 − Π(1 − values): the probability that at least one of independent events happens. @internal */
export function anyOfValues<P>(values: readonly Value<P>[]): Value<P> {
  return values.length === 1 ? values[0]! : combineValues(values, anyOf);
}

function sumOf(xs: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return sum;
}

function productOf(xs: readonly number[]): number {
  let product = 1;
  for (let i = 0; i < xs.length; i++) product *= xs[i]!;
  return product;
}

function anyOf(xs: readonly number[]): number {
  let none = 1;
  for (let i = 0; i < xs.length; i++) none *= 1 - xs[i]!;
  return 1 - none;
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
