import type { MultivariateDistribution } from "../distributions/distribution.js";
import { fail, IssueCollector, type PathSegment } from "../core/errors.js";
import { didYouMean } from "../core/closest-name.js";
import { cholesky } from "./cholesky.js";
import { scoreCorrelation } from "./iman-conover.js";
import type { ParameterMeta } from "./param.js";
import { blockMatrix, correlationBlocks } from "./sample-parameters.js";
import { locate, namesOf, type DerivationNode, type SpaceState } from "./space-state.js";
import { checkParameterMeta } from "./validate-entries.js";

/** A new state with a derivation appended; its names come from one call on the base values. */
export function addDerivation(state: SpaceState, fn: DerivationNode["fn"], base: Readonly<Record<string, number>>): SpaceState {
  if (typeof fn !== "function") fail("invalid_argument", ["derive"], "derive() expects a function (p) => ({ name: value })", { received: fn });
  const result = fn({ ...base });
  if (typeof result !== "object" || result === null || Array.isArray(result)) {
    fail("invalid_argument", ["derive"], `a derivation must return an object of named values (received ${result === null ? "null" : typeof result})`, { received: result });
  }
  const names = Object.keys(result);
  const known = new Set(namesOf(state));
  const collector = new IssueCollector();
  if (names.length === 0) collector.add({ code: "invalid_argument", path: ["derive"], message: "a derivation must return at least one named value" });
  for (const name of names) {
    if (known.has(name)) collector.add({ code: "invalid_parameter", path: ["parameters", name], message: `derived parameter '${name}' is already defined; choose a new name` });
    const value = (result as Record<string, unknown>)[name];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      collector.add({ code: "non_finite_value", path: ["parameters", name], message: `derived parameter '${name}' is ${typeof value === "number" ? value : typeof value} for the base case (expected a finite number)`, received: value });
    }
  }
  collector.throwIfAny("derived parameters");
  return { ...state, derivations: [...state.derivations, Object.freeze({ fn, names: Object.freeze(names) })] };
}

/** A new state with a rank correlation appended, after checking names, range and positive definiteness. */
export function addCorrelation(state: SpaceState, a: string, b: string, rho: number): SpaceState {
  const path: PathSegment[] = ["correlations", `${a}, ${b}`];
  const collector = new IssueCollector();
  const known = namesOf(state);
  for (const name of [a, b]) {
    const where = locate(state, name);
    if (where === undefined) collector.add({ code: "unknown_parameter", path: [...path, name], message: `unknown parameter '${name}' in correlate(): ${didYouMean(name, known)}`, received: name });
    else if (where.kind !== "distribution") {
      const why = where.kind === "fixed" ? "it has a fixed value" : where.kind === "derived" ? "it is derived (correlate the parameters it is computed from)" : `it is a component of group '${where.node.name}', whose joint distribution sets its correlations`;
      collector.add({ code: "invalid_argument", path: [...path, name], message: `cannot rank-correlate '${name}': ${why}` });
    }
  }
  if (a === b) collector.add({ code: "invalid_argument", path, message: `a parameter cannot be correlated with itself ('${a}')` });
  if (typeof rho !== "number" || !(rho >= -1 && rho <= 1)) {
    collector.add({ code: "invalid_argument", path: [...path, "rho"], message: `rank correlation must be a number in [-1, 1] (received ${String(rho)})`, received: rho });
  }
  if (state.correlations.some((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a))) {
    collector.add({ code: "invalid_argument", path, message: `the correlation of '${a}' and '${b}' is already set` });
  }
  collector.throwIfAny("correlate()");
  const correlations = [...state.correlations, Object.freeze({ a, b, rho })];
  for (const block of correlationBlocks(correlations)) {
    if (!block.names.includes(a)) continue;
    const k = block.names.length;
    const matrix = blockMatrix(block, scoreCorrelation);
    if (cholesky(matrix, k) === undefined) {
      const pairs = block.pairs.map((c) => `${c.a}~${c.b}=${c.rho}`).join(", ");
      fail("not_positive_definite", path, `these rank correlations cannot hold together (${pairs}): the correlation matrix is not positive definite; unlisted pairs in a block are taken as 0, and ±1 is only possible between two parameters alone`);
    }
  }
  return { ...state, correlations };
}

/** A new state with a group of jointly sampled components appended. */
export function addGroup(state: SpaceState, name: string, distribution: MultivariateDistribution, components: readonly string[], meta: ParameterMeta): SpaceState {
  const path: PathSegment[] = ["groups", name];
  const collector = new IssueCollector();
  if (typeof name !== "string" || name.trim() === "") collector.add({ code: "invalid_argument", path, message: "a group needs a non-empty name" });
  if (state.groups.some((g) => g.name === name)) collector.add({ code: "invalid_argument", path, message: `group '${name}' is already defined` });
  const valid = typeof distribution === "object" && distribution !== null && typeof distribution.sample === "function" && typeof distribution.mean === "function" && typeof distribution.covariance === "function" && Number.isInteger(distribution.dimension);
  if (!valid) collector.add({ code: "invalid_argument", path: [...path, "distribution"], message: "expected a multivariate distribution (dirichlet(…) or multivariateNormal(…))", received: distribution });
  if (!Array.isArray(components)) {
    collector.add({ code: "invalid_argument", path: [...path, "components"], message: "expected an array of parameter names, one per component" });
  } else {
    if (valid && components.length !== distribution.dimension) {
      collector.add({ code: "dimension_mismatch", path: [...path, "components"], message: `${distribution.toString()} has ${distribution.dimension} components but ${components.length} names were given`, received: components.length, expected: String(distribution.dimension) });
    }
    const known = new Set(namesOf(state));
    const seen = new Set<string>();
    components.forEach((component, j) => {
      if (typeof component !== "string" || component.trim() === "") collector.add({ code: "invalid_parameter", path: [...path, "components", j], message: "a component needs a non-empty name", received: component });
      else if (known.has(component) || seen.has(component)) collector.add({ code: "invalid_parameter", path: [...path, "components", j], message: `parameter '${component}' is already defined; group components are new parameters` });
      seen.add(component);
    });
  }
  const checkedMeta = checkParameterMeta(meta, collector, [...path, "meta"]);
  collector.throwIfAny(`group '${name}'`);
  const node = Object.freeze({ name, distribution, components: Object.freeze([...components]), meta: Object.freeze(checkedMeta) });
  return { ...state, groups: [...state.groups, node] };
}
