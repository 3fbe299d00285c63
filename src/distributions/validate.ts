import { fail, type PathSegment } from "../core/errors.js";
import { standardNormalQuantile } from "./standard-normal.js";

// Constructors validate their natural parameters here so that every family reports the same
// code ("invalid_argument"), a path such as ["beta", "alpha"], and the value it received.

/** Throws unless `value` is a finite number; returns it typed. */
export function requireFinite(value: unknown, path: readonly PathSegment[]): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail("invalid_argument", path, `must be a finite number (received ${describe(value)})`, { received: value, expected: "a finite number" });
  }
  return value;
}

/** Throws unless `value` is a finite number greater than 0. */
export function requirePositive(value: unknown, path: readonly PathSegment[]): number {
  const x = requireFinite(value, path);
  if (!(x > 0)) fail("invalid_argument", path, `must be greater than 0 (received ${x})`, { received: x, expected: "a finite number > 0" });
  return x;
}

/** Throws unless `value` is an array of finite numbers with at least `minLength` entries. */
export function requireFiniteArray(value: unknown, path: readonly PathSegment[], minLength: number): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    fail("invalid_argument", path, `must be an array of numbers (received ${describe(value)})`, { received: value, expected: "an array of finite numbers" });
  }
  const array = Array.from(value as ArrayLike<unknown>);
  if (array.length < minLength) {
    fail("invalid_argument", path, `must have at least ${minLength} value${minLength === 1 ? "" : "s"} (received ${array.length})`, { received: array.length, expected: `length ≥ ${minLength}` });
  }
  return array.map((entry, index) => requireFinite(entry, [...path, index]));
}

/**
 * Throws `impossible_fit` at `path` unless every natural parameter a fit computed is a finite number
 * greater than 0: a mean and SE of very different scales (a mean of 1e308, an SE of 1e-200) give
 * shapes that overflow to Infinity or underflow to 0, which no distribution can use.
 */
export function requireFitted(parameters: Readonly<Record<string, number>>, path: readonly PathSegment[], inputs: string): void {
  for (const [name, value] of Object.entries(parameters)) {
    if (!(Number.isFinite(value) && value > 0)) {
      fail("impossible_fit", path, `${inputs} give ${name} = ${value}, beyond what double-precision numbers hold (the SE is too small or too large for the mean)`, { received: value, expected: `a finite ${name} > 0` });
    }
  }
}

/** Throws unless `value` is a plain object (the argument of a factory). */
export function requireObject(value: unknown, path: readonly PathSegment[], expected: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("invalid_argument", path, `expected an object ${expected} (received ${describe(value)})`, { received: value, expected });
  }
  return value as Record<string, unknown>;
}

function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/**
 * Checks a confidence level in (0, 1) and returns the two-sided normal critical value
 * z = Φ⁻¹((1 + level)/2), e.g. 1.959964 for 0.95.
 */
export function criticalValue(level: unknown, path: readonly PathSegment[]): number {
  const x = requireFinite(level, path);
  if (!(x > 0 && x < 1)) fail("invalid_argument", path, `a confidence level must lie strictly between 0 and 1, e.g. 0.95 (received ${x})`, { received: x, expected: "0 < level < 1" });
  return standardNormalQuantile((1 + x) / 2);
}
