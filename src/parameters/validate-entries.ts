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

// Validated by hand rather than with zod, so that the main entry (which runs in browsers) does
// not carry zod: the messages are the ones the zod schema gave.

const META_FIELDS = ["label", "unit", "source", "status", "note"] as const;
const STATUSES: readonly string[] = ["sourced", "assumption", "placeholder"];

/** How a value's type is named in messages: `number`, `NaN`, `array`, `null`, a class name, … */
function describeType(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? "number" : String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === "string" && name !== "" ? (name === "Object" ? "object" : name) : "object";
  }
  return typeof value;
}

/**
 * Parameter metadata (label, unit, source, status, note), validated: every problem is added to the
 * collector under `prefix`, and the valid fields are returned (absent ones left out).
 */
export function checkParameterMeta(meta: unknown, collector: IssueCollector, prefix: readonly PathSegment[]): ParameterMeta {
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
    collector.add({ code: "invalid_parameter", path: [...prefix], message: `Invalid input: expected object, received ${describeType(meta)}` });
    return {};
  }
  const record = meta as Record<string, unknown>;
  const checked: Record<string, string> = {};
  for (const field of META_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (field === "status" ? typeof value === "string" && STATUSES.includes(value) : typeof value === "string") {
      checked[field] = value as string;
    } else if (field === "status") {
      collector.add({ code: "invalid_parameter", path: [...prefix, field], message: `must be "sourced", "assumption" or "placeholder" (received ${JSON.stringify(value)})` });
    } else {
      collector.add({ code: "invalid_parameter", path: [...prefix, field], message: `Invalid input: expected string, received ${describeType(value)}` });
    }
  }
  for (const key of Object.keys(record)) {
    if (!(META_FIELDS as readonly string[]).includes(key)) {
      collector.add({ code: "invalid_parameter", path: [...prefix, key], message: `unknown metadata field '${key}' (expected label, unit, source, status or note)` });
    }
  }
  return checked as ParameterMeta;
}

function checkValue(value: unknown, path: readonly PathSegment[], collector: IssueCollector): { value?: number; distribution?: Distribution } {
  if (isDistribution(value)) {
    // fixed(v) is a point mass: treat it as the number, so it needs no stream and prints as a value.
    if (value.def.kind === "fixed") return checkValue(value.mean(), path, collector);
    return { distribution: value };
  }
  if (typeof value === "number") {
    if (Number.isFinite(value)) return { value };
    collector.add({ code: "invalid_parameter", path, message: `must be a finite number (received ${String(value)})` });
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
      meta = checkParameterMeta(entry.meta, collector, path);
    } else {
      checked = checkValue(entry, path, collector);
    }
    nodes.push(Object.freeze({ name, value: checked.value, distribution: checked.distribution, meta: Object.freeze(meta) }));
  }
  collector.throwIfAny("parameters");
  return nodes;
}
