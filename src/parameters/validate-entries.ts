import { z } from "zod";
import type { Distribution } from "../distributions/distribution.js";
import { IssueCollector, type PathSegment } from "../core/errors.js";
import { isDistribution, isParameterSpec, type ParameterMeta } from "./param.js";

/** One validated scalar parameter: a fixed value or a distribution, with metadata. */
export interface ScalarNode {
  readonly name: string;
  readonly value: number | undefined;
  readonly distribution: Distribution | undefined;
  readonly meta: ParameterMeta;
}

const finiteNumber = z.number({
  error: (issue) => `must be a finite number (received ${typeof issue.input === "number" ? String(issue.input) : typeof issue.input})`,
});

const metaSchema = z.strictObject({
  label: z.string().optional(),
  unit: z.string().optional(),
  source: z.string().optional(),
  status: z.enum(["sourced", "assumption", "placeholder"], { error: (issue) => `must be "sourced", "assumption" or "placeholder" (received ${JSON.stringify(issue.input)})` }).optional(),
  note: z.string().optional(),
});

/** Parameter metadata, validated (label, unit, source, status, note). */
export const parameterMetaSchema = metaSchema;

/** Adds zod's issues to a collector, under a path in model vocabulary. */
export function addZodIssues(collector: IssueCollector, error: z.ZodError, prefix: readonly PathSegment[]): void {
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)))];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        collector.add({ code: "invalid_parameter", path: [...path, key], message: `unknown metadata field '${key}' (expected label, unit, source, status or note)` });
      }
      continue;
    }
    collector.add({ code: "invalid_parameter", path, message: issue.message, ...("input" in issue && issue.input !== undefined ? { received: issue.input } : {}) });
  }
}

function checkValue(value: unknown, path: readonly PathSegment[], collector: IssueCollector): { value?: number; distribution?: Distribution } {
  if (isDistribution(value)) {
    // fixed(v) is a point mass: treat it as the number, so it needs no stream and prints as a value.
    if (value.def.kind === "fixed") return checkValue(value.mean(), path, collector);
    return { distribution: value };
  }
  if (typeof value === "number") {
    const parsed = finiteNumber.safeParse(value);
    if (parsed.success) return { value: parsed.data };
    addZodIssues(collector, parsed.error, path);
    return {};
  }
  if (typeof value === "function") {
    collector.add({ code: "invalid_parameter", path, message: "a function is not a parameter value: use .derive((p) => ({ name: … })) for derived parameters", received: "function" });
    return {};
  }
  collector.add({ code: "invalid_parameter", path, message: `must be a number, a distribution or param(…) (received ${value === null ? "null" : typeof value})`, received: value });
  return {};
}

/**
 * Validates the entries given to `defineParameters`, collecting every problem before throwing a
 * single `QalyError` whose issues have paths `["parameters", name, …]`.
 */
export function validateEntries(entries: unknown, reserved: ReadonlySet<string> = new Set()): ScalarNode[] {
  const collector = new IssueCollector();
  if (typeof entries !== "object" || entries === null || Array.isArray(entries)) {
    collector.add({ code: "invalid_argument", path: ["parameters"], message: "defineParameters expects an object of named parameters", received: entries });
    collector.throwIfAny();
  }
  const nodes: ScalarNode[] = [];
  for (const [name, entry] of Object.entries(entries as Record<string, unknown>)) {
    const path = ["parameters", name];
    if (name.trim() === "") collector.add({ code: "invalid_parameter", path, message: "a parameter needs a non-empty name" });
    if (reserved.has(name)) collector.add({ code: "invalid_parameter", path, message: `parameter '${name}' is defined twice` });
    let meta: ParameterMeta = {};
    let checked: { value?: number; distribution?: Distribution };
    if (isParameterSpec(entry)) {
      checked = checkValue(entry.value, [...path, "value"], collector);
      const parsed = metaSchema.safeParse(entry.meta);
      if (parsed.success) meta = stripUndefined(parsed.data);
      else addZodIssues(collector, parsed.error, path);
    } else {
      checked = checkValue(entry, path, collector);
    }
    nodes.push(Object.freeze({ name, value: checked.value, distribution: checked.distribution, meta: Object.freeze(meta) }));
  }
  collector.throwIfAny("parameters");
  return nodes;
}

/** Drops keys whose value is `undefined` (exactOptionalPropertyTypes keeps absent and undefined apart). */
export function stripUndefined(value: object): ParameterMeta {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as ParameterMeta;
}
