import type { PathSegment } from "../../core/errors.js";
import { didYouMean } from "../../core/closest-name.js";

/** Receives one problem found in a start distribution. */
export type Report = (path: PathSegment[], message: string, code: "invalid_model" | "unknown_state", received?: unknown) => void;

/** A start distribution as an expanded vector (tunnel position 0), or undefined after reporting issues. */
export function startVector(spec: Readonly<Record<string, number | undefined>>, states: readonly string[], stateIndex: ReadonlyMap<string, number>, tunnel: ArrayLike<number>, tolerance: number, report: Report, into?: Float64Array): Float64Array | undefined {
  let expanded = 0;
  const base: number[] = [];
  for (let i = 0; i < states.length; i++) {
    base.push(expanded);
    expanded += tunnel[i]!;
  }
  const vector = into ?? new Float64Array(expanded);
  vector.fill(0);
  let sum = 0;
  let ok = true;
  for (const name in spec) {
    const value = spec[name];
    const i = stateIndex.get(name);
    if (i === undefined) {
      report([name], `unknown state "${name}": ${didYouMean(name, states)}`, "unknown_state", name);
      ok = false;
    } else if (value === undefined) continue;
    else if (!(value >= 0 && value <= 1)) {
      report([name], `starting proportion must be in [0, 1] (received ${value})`, "invalid_model", value);
      ok = false;
    } else {
      vector[base[i]!] = value;
      sum += value;
    }
  }
  if (ok && Math.abs(sum - 1) > Math.max(tolerance, 1e-12)) {
    report([], `starting proportions must sum to 1 (sum = ${sum})`, "invalid_model", sum);
    ok = false;
  }
  return ok ? vector : undefined;
}
