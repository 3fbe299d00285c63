import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import type { MultivariateDistribution } from "../distributions/distribution.js";
import { dirichlet } from "../distributions/dirichlet.js";
import { distributionFromDef, type MultivariateDistributionDef } from "../distributions/distribution-from-def.js";
import { defineParameters } from "../parameters/define-parameters.js";
import { param, type ParameterMeta, type ParameterSpec } from "../parameters/param.js";
import type { ParameterSpace } from "../parameters/parameter-space.js";
import { compileExpression, type ExpressionFunction } from "./expression.js";
import { asGetter, compileValue, type Env, type Getter } from "./expression-env.js";
import { fileDistribution } from "./file-distribution.js";
import type { CorrelationFile, GroupFile, ParameterFile } from "./model-file-schema.js";

/** The parameters of a model file, compiled. */
export interface FileParameters {
  /** The parameter space (declared parameters, then derived ones in dependency order). */
  readonly space: ParameterSpace;
  /** Base-case values when some parameter declares both a value and a distribution. */
  readonly baseCase?: Readonly<Record<string, number>>;
  /** Every parameter name (declared and derived). */
  readonly names: readonly string[];
  /** Parameters whose status is `placeholder`. */
  readonly placeholders: readonly string[];
  /** Derived parameter names. */
  readonly derived: readonly string[];
}

const META_KEYS = ["label", "unit", "source", "status", "note"] as const;

/**
 * Compiles the `parameters:`, `groups:` and `correlations:` sections: numbers are fixed values,
 * `distribution:` entries are drawn in the PSA, `expression:` entries (or plain text) are derived
 * parameters recomputed per draw. The whole space is built as declared, then `overrides` (a
 * scenario's values) are held by `space.fix(overrides)` in the base case and in every PSA draw;
 * declared parameters and group components may be fixed, derived ones not. Problems are pushed
 * onto `issues`.
 */
export function buildParameters(
  entries: Readonly<Record<string, ParameterFile>>,
  joint: { readonly groups?: Readonly<Record<string, GroupFile>> | undefined; readonly correlations?: readonly CorrelationFile[] | undefined },
  functions: Readonly<Record<string, ExpressionFunction>>,
  overrides: Readonly<Record<string, number>>,
  issues: Issue[],
): FileParameters | undefined {
  const declared: Record<string, ParameterSpec> = {};
  const baseValues: Record<string, number> = {};
  const expressions = new Map<string, string>();
  const placeholders: string[] = [];
  let hasOwnBase = false;
  for (const [name, entry] of Object.entries(entries)) {
    const path = ["parameters", name];
    const object = typeof entry === "object" ? entry : undefined;
    const meta: ParameterMeta = Object.fromEntries(META_KEYS.filter((key) => object?.[key] !== undefined).map((key) => [key, object![key]]));
    if (object?.status === "placeholder") placeholders.push(name);
    const expression = typeof entry === "string" ? entry : object?.expression;
    if (expression !== undefined) {
      if (object?.value !== undefined || object?.distribution !== undefined) issues.push({ code: "invalid_parameter", path, message: `parameter '${name}' has an expression, so it is derived: it cannot also have a value or a distribution` });
      expressions.set(name, expression);
      continue;
    }
    const value = typeof entry === "number" ? entry : object?.value;
    const distribution = object?.distribution === undefined ? undefined : fileDistribution(object.distribution as never, [...path, "distribution"], issues);
    if (distribution !== undefined) {
      declared[name] = param(distribution, meta);
      if (value !== undefined) (hasOwnBase = true), (baseValues[name] = value);
    } else if (value !== undefined) {
      declared[name] = param(value, meta);
    } else if (object?.distribution === undefined) {
      issues.push({ code: "invalid_parameter", path, message: `parameter '${name}' needs a value, a distribution or an expression` });
    }
  }
  if (issues.length > 0) return undefined;
  let space: ParameterSpace;
  try {
    space = defineParameters(declared) as unknown as ParameterSpace;
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
  const grouped: string[] = [];
  try {
    for (const [name, group] of Object.entries(joint.groups ?? {})) {
      const path = ["groups", name];
      const meta: ParameterMeta = Object.fromEntries(META_KEYS.filter((key) => group[key] !== undefined).map((key) => [key, group[key]]));
      if (group.status === "placeholder") placeholders.push(...group.components);
      for (const component of group.components) {
        if (entries[component] !== undefined || grouped.includes(component)) issues.push({ code: "invalid_parameter", path: [...path, "components"], message: `'${component}' is already a parameter; a group's components are new names` });
      }
      grouped.push(...group.components);
      const distribution = multivariate(group.distribution, [...path, "distribution"], issues);
      if (distribution !== undefined) space = space.group(name, distribution, group.components, meta) as unknown as ParameterSpace;
    }
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues);
  }
  for (const [i, { between, rho }] of (joint.correlations ?? []).entries()) {
    try {
      space = space.correlate(between[0], between[1], rho) as unknown as ParameterSpace;
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      issues.push(...error.issues.map((issue) => ({ ...issue, path: ["correlations", i] })));
    }
  }
  if (issues.length > 0) return undefined;
  const order = derivedOrder(expressions, [...Object.keys(declared), ...grouped], functions, issues);
  if (order === undefined) return undefined;
  try {
    for (const [name, getter] of order) space = space.derive((p) => ({ [name]: getter(p) })) as unknown as ParameterSpace;
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
  if (Object.keys(overrides).length > 0) {
    try {
      space = space.fix(overrides);
    } catch (error) {
      if (!(error instanceof QalyError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  }
  // A fixed parameter's own base value would undo the scenario, so only free ones are passed on.
  const ownBase = Object.fromEntries(Object.entries(baseValues).filter(([name]) => overrides[name] === undefined));
  const names = [...Object.keys(declared), ...grouped, ...order.map(([name]) => name)];
  return { space, ...(hasOwnBase ? { baseCase: space.base(ownBase) } : {}), names, placeholders, derived: order.map(([name]) => name) };
}

/** Compiles derived parameters and orders them so each comes after the parameters it reads. */
function derivedOrder(expressions: ReadonlyMap<string, string>, declared: readonly string[], functions: Readonly<Record<string, ExpressionFunction>>, issues: Issue[]): [string, Getter][] | undefined {
  const env: Env = { names: [...declared, ...expressions.keys()], getters: new Map(), functions };
  const compiled = new Map<string, { getter: Getter; reads: string[] }>();
  const before = issues.length;
  for (const [name, text] of expressions) {
    const local: Issue[] = [];
    const getter = asGetter(compileValue(text, env, ["parameters", name], local));
    issues.push(...local);
    const reads = local.length > 0 ? [] : compileExpression(text, { names: env.names, functions }).symbols.filter((symbol) => expressions.has(symbol));
    compiled.set(name, { getter, reads });
  }
  if (issues.length > before) return undefined;
  const order: [string, Getter][] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, chain: string[]): boolean => {
    if (state.get(name) === "done") return true;
    if (state.get(name) === "visiting") {
      issues.push({ code: "circular_dependency", path: ["parameters", name], message: `derived parameters depend on each other in a circle: ${[...chain.slice(chain.indexOf(name)), name].join(" → ")}` });
      return false;
    }
    state.set(name, "visiting");
    for (const other of compiled.get(name)!.reads) if (!visit(other, [...chain, name])) return false;
    state.set(name, "done");
    order.push([name, compiled.get(name)!.getter]);
    return true;
  };
  for (const name of expressions.keys()) if (!visit(name, [])) return undefined;
  return order;
}

/** A group's Dirichlet or multivariate normal distribution (Dirichlet also by `counts`). */
function multivariate(spec: Readonly<Record<string, unknown>>, path: readonly PathSegment[], issues: Issue[]): MultivariateDistribution | undefined {
  try {
    if (spec["kind"] === "dirichlet" && spec["counts"] !== undefined) return dirichlet.fromCounts(spec["counts"] as number[]);
    return distributionFromDef(spec as unknown as MultivariateDistributionDef);
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    issues.push(...error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path.slice(-1)] })));
    return undefined;
  }
}
