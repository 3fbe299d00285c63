import type { ParameterMeta } from "./param.js";
import type { SpaceState } from "./space-state.js";

/** JSON form of one declared parameter: a fixed value, or a distribution's definition and text. */
export type ParameterJson =
  | {
      /** The fixed value. */
      readonly value: number;
    }
  | {
      /** The distribution's serialisable definition (a {@link DistributionDef} for qaly's own families). */
      readonly distribution: {
        /** The family, e.g. `"beta"`. */
        readonly kind: string;
      };
      /** Its readable form, e.g. `Beta(α=45, β=55)`. */
      readonly text: string;
    };

/** JSON form of a group of jointly sampled parameters. */
export interface GroupJson {
  /** Group name. */
  readonly name: string;
  /** The multivariate distribution's definition (a {@link DistributionDef} for qaly's own families). */
  readonly distribution: {
    /** The family, e.g. `"beta"`. */
    readonly kind: string;
  };
  /** Its readable form. */
  readonly text: string;
  /** Parameter names bound to the components, in order. */
  readonly components: readonly string[];
  /** Shared metadata. */
  readonly meta: ParameterMeta;
}

/** JSON form of a requested rank correlation. */
export interface CorrelationJson {
  /** First parameter. */
  readonly a: string;
  /** Second parameter. */
  readonly b: string;
  /** Target Spearman rank correlation. */
  readonly rho: number;
}

/** The JSON form of a parameter space: every definition except derived functions (named only). */
export interface ParameterSpaceJson {
  /** Declared parameters by name. */
  readonly parameters: Readonly<Record<string, ParameterJson>>;
  /** Metadata of the declared parameters that have any. */
  readonly meta: Readonly<Record<string, ParameterMeta>>;
  /** Jointly sampled groups. */
  readonly groups: readonly GroupJson[];
  /** Requested Spearman rank correlations. */
  readonly correlations: readonly CorrelationJson[];
  /** Names of derived parameters (their functions are not data). */
  readonly derived: readonly string[];
  /** Parameters held fixed by `fix()` (a scenario), with their values; absent when none. */
  readonly fixed?: Readonly<Record<string, number>>;
}

/** The JSON form of a space's state (see {@link ParameterSpaceJson}). */
export function spaceToJson(state: SpaceState): ParameterSpaceJson {
  const parameters: Record<string, ParameterJson> = {};
  const meta: Record<string, ParameterMeta> = {};
  for (const s of state.scalars) {
    parameters[s.name] = s.distribution === undefined ? { value: s.value! } : { distribution: s.distribution.def, text: s.distribution.toString() };
    if (Object.keys(s.meta).length > 0) meta[s.name] = s.meta;
  }
  return {
    parameters,
    meta,
    groups: state.groups.map((g) => ({ name: g.name, distribution: g.distribution.def, text: g.distribution.toString(), components: g.components, meta: g.meta })),
    correlations: state.correlations.map((c) => ({ a: c.a, b: c.b, rho: c.rho })),
    derived: state.derivations.flatMap((d) => d.names),
    ...(state.fixed.size === 0 ? {} : { fixed: Object.fromEntries(state.fixed) }),
  };
}
