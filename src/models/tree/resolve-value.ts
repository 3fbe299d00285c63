import type { Value } from "./tree-types.js";

/**
 * The number a {@link Value} stands for under given parameter values: the number itself, or the
 * function applied to the parameters. Useful inside {@link subtree} bindings
 * (`probability: (p) => 1 - resolveValue(b.pCure, p)`).
 *
 * @param value - a number or a function of the parameters
 * @param params - parameter values
 * @returns the number
 * @example resolveValue((p: { cTest: number }) => 2 * p.cTest, { cTest: 50 }) // => 100
 */
export function resolveValue<P>(value: Value<P>, params: P): number {
  return typeof value === "function" ? value(params) : value;
}
