import { fail, IssueCollector } from "../core/errors.js";
import { didYouMean } from "../core/closest-name.js";
import { namesOf, type DerivationNode, type SpaceState } from "./space-state.js";

/**
 * Runs derivations in order on one set of values, adding each derived value to `values` (so that
 * later derivations see earlier ones). A derived value that is not a finite number throws
 * `non_finite_value` naming the parameter and, in a PSA, the draw.
 */
export function applyDerivations(derivations: readonly DerivationNode[], values: Record<string, number>, draw?: number): void {
  for (const derivation of derivations) {
    const result = derivation.fn(values);
    for (const name of derivation.names) {
      const value = result[name];
      if (typeof value !== "number" || !Number.isFinite(value)) reportDerived(name, value, draw);
      values[name] = value;
    }
  }
}

/** Throws `non_finite_value` for a derived value, naming the draw when there is one. */
export function reportDerived(name: string, value: unknown, draw: number | undefined): never {
  const where = draw === undefined ? "for the base case" : `in draw ${draw}`;
  const what = typeof value === "number" ? String(value) : value === undefined ? "nothing" : typeof value;
  const path = draw === undefined ? ["parameters", name] : ["parameters", name, "draw", draw];
  fail("non_finite_value", path, `derived parameter '${name}' is ${what} ${where} (expected a finite number)`, { received: value, expected: "finite number" });
}

/**
 * Deterministic values of a space: each declared value, else the distribution's mean; group
 * components take the components of the group's mean; fixed values (`fix()`) replace those; derived
 * parameters are computed from the result. `overrides` replace any non-derived value before
 * derivation (one-way sensitivity analysis), fixed ones included.
 */
export function baseValues(state: SpaceState, overrides?: Readonly<Record<string, number>>): Record<string, number> {
  const values: Record<string, number> = {};
  const collector = new IssueCollector();
  for (const scalar of state.scalars) {
    const value = state.fixed.get(scalar.name) ?? scalar.value ?? scalar.distribution!.mean();
    if (!Number.isFinite(value)) {
      collector.add({ code: "non_finite_value", path: ["parameters", scalar.name], message: `the mean of ${String(scalar.distribution)} is ${value}, so there is no base value (declare one with a fixed number)`, received: value });
    }
    values[scalar.name] = value;
  }
  for (const group of state.groups) {
    const mean = group.distribution.mean();
    group.components.forEach((name, j) => {
      values[name] = mean[j]!;
    });
  }
  // Fixed group components overwrite the group's mean; the free components are not renormalised.
  for (const [name, value] of state.fixed) values[name] = value;
  if (overrides !== undefined) {
    const derived = new Set(state.derivations.flatMap((d) => d.names));
    const known = namesOf(state);
    for (const [name, value] of Object.entries(overrides)) {
      if (derived.has(name)) {
        collector.add({ code: "invalid_argument", path: ["parameters", name], message: `'${name}' is derived and cannot be overridden; override the parameters it is computed from` });
      } else if (!(name in values)) {
        collector.add({ code: "unknown_parameter", path: ["parameters", name], message: `unknown parameter '${name}': ${didYouMean(name, known)}`, received: name });
      } else if (typeof value !== "number" || !Number.isFinite(value)) {
        collector.add({ code: "non_finite_value", path: ["parameters", name], message: `override must be a finite number (received ${String(value)})`, received: value });
      } else {
        values[name] = value;
      }
    }
  }
  collector.throwIfAny();
  applyDerivations(state.derivations, values);
  return values;
}
