import { fail, IssueCollector } from "../core/errors.js";
import { didYouMean } from "../core/closest-name.js";
import { locate, namesOf, type SpaceState } from "./space-state.js";

/**
 * A new state holding the given parameters fixed (base case and every draw), merged over any
 * earlier `fix()`. Declared scalars and group components may be fixed; a derived parameter may not
 * (its inputs are named instead). Every problem is collected before one `QalyError` is thrown.
 *
 * @param base - the space's base values, asked for only to name a derived parameter's inputs
 */
export function addFixed(state: SpaceState, values: Readonly<Record<string, number>>, base: () => Readonly<Record<string, number>>): SpaceState {
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    fail("invalid_argument", ["fix"], "fix() expects an object of parameter values, e.g. { cDrug: 1200 }", { received: values });
  }
  const collector = new IssueCollector();
  const fixed = new Map(state.fixed);
  for (const [name, value] of Object.entries(values)) {
    const path = ["parameters", name];
    const where = locate(state, name);
    if (where === undefined) {
      collector.add({ code: "unknown_parameter", path, message: `unknown parameter '${name}' in fix(): ${didYouMean(name, namesOf(state))}`, received: name });
    } else if (where.kind === "derived") {
      const inputs = derivedInputs(state, name, base());
      const instead = inputs.length === 0 ? "the parameters it is computed from" : inputs.map((input) => `'${input}'`).join(", ");
      collector.add({ code: "invalid_parameter", path, message: `'${name}' is derived (computed from other parameters) and cannot be fixed; fix ${instead} instead` });
    } else if (typeof value !== "number" || !Number.isFinite(value)) {
      collector.add({ code: "non_finite_value", path, message: `a fixed value must be a finite number (received ${String(value)})`, received: value, expected: "finite number" });
    } else {
      fixed.set(name, value);
    }
  }
  collector.throwIfAny("fix()");
  return { ...state, fixed };
}

/**
 * The declared parameters (scalars and group components) a derived parameter reads, found by
 * re-running the derivations on the base values through a proxy that records every name read.
 * Reads through earlier derived parameters are followed to their own inputs. A branch not taken
 * at the base case is not seen, which is acceptable for an error message.
 */
function derivedInputs(state: SpaceState, name: string, base: Readonly<Record<string, number>>): string[] {
  const derivedNames = new Set(state.derivations.flatMap((d) => d.names));
  const readsOf = new Map<string, Set<string>>();
  for (const derivation of state.derivations) {
    const reads = new Set<string>();
    const proxy = new Proxy({ ...base }, {
      get(target, key, receiver) {
        if (typeof key === "string" && key in target) reads.add(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    try {
      derivation.fn(proxy);
    } catch {
      // The derivation ran at the base case when it was added; a failure here only loses the hint.
    }
    for (const output of derivation.names) readsOf.set(output, reads);
  }
  const inputs = new Set<string>();
  const seen = new Set<string>();
  const visit = (derived: string): void => {
    if (seen.has(derived)) return;
    seen.add(derived);
    for (const read of readsOf.get(derived) ?? []) {
      if (derivedNames.has(read)) visit(read);
      else inputs.add(read);
    }
  };
  visit(name);
  return namesOf(state).filter((n) => inputs.has(n));
}
