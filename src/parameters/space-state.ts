import type { MultivariateDistribution } from "../distributions/distribution.js";
import type { ParameterMeta } from "./param.js";
import type { ScalarNode } from "./validate-entries.js";

/** Components of a multivariate distribution bound to named parameters, sampled jointly. */
export interface GroupNode {
  readonly name: string;
  readonly distribution: MultivariateDistribution;
  readonly components: readonly string[];
  readonly meta: ParameterMeta;
}

/** A derivation: a function of earlier parameters and the names it returns. */
export interface DerivationNode {
  readonly fn: (p: Readonly<Record<string, number>>) => Readonly<Record<string, number>>;
  readonly names: readonly string[];
}

/** A requested Spearman rank correlation between two sampled parameters. */
export interface CorrelationNode {
  readonly a: string;
  readonly b: string;
  readonly rho: number;
}

/**
 * Everything a parameter space holds. Immutable: every builder method of the space returns a new
 * state sharing the unchanged parts.
 */
export interface SpaceState {
  readonly scalars: readonly ScalarNode[];
  readonly groups: readonly GroupNode[];
  readonly derivations: readonly DerivationNode[];
  readonly correlations: readonly CorrelationNode[];
  /**
   * Parameters held at a value in the base case and in every draw (a scenario), set by `fix()`.
   * They are still drawn (so no other column moves) and overwritten before derivation.
   */
  readonly fixed: ReadonlyMap<string, number>;
}

/** Names in table order: declared scalars, group components, derived. */
export function namesOf(state: SpaceState): string[] {
  return [...state.scalars.map((s) => s.name), ...state.groups.flatMap((g) => g.components), ...state.derivations.flatMap((d) => d.names)];
}

/** Kind of a parameter, as shown by `describe()`. */
export type ParameterKind = "fixed" | "distribution" | "group" | "derived";

/** Where a name is defined. */
export type Located =
  | { readonly kind: "fixed" | "distribution"; readonly node: ScalarNode }
  | { readonly kind: "group"; readonly node: GroupNode; readonly component: number }
  | { readonly kind: "derived"; readonly node: DerivationNode };

/** Finds where a parameter is defined, or `undefined`. */
export function locate(state: SpaceState, name: string): Located | undefined {
  const scalar = state.scalars.find((s) => s.name === name);
  if (scalar !== undefined) return { kind: scalar.distribution === undefined ? "fixed" : "distribution", node: scalar };
  for (const group of state.groups) {
    const component = group.components.indexOf(name);
    if (component >= 0) return { kind: "group", node: group, component };
  }
  const derivation = state.derivations.find((d) => d.names.includes(name));
  return derivation === undefined ? undefined : { kind: "derived", node: derivation };
}
