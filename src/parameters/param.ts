import type { Distribution } from "../distributions/distribution.js";

/**
 * How well a parameter value is supported: `sourced` (from a cited study or registry),
 * `assumption` (an analyst's judgement, to be varied in sensitivity analysis) or `placeholder`
 * (not yet known; a report should flag it).
 */
export type ParameterStatus = "sourced" | "assumption" | "placeholder";

/** Metadata of one parameter, shown in parameter tables and reports. */
export interface ParameterMeta {
  /** Human-readable name, e.g. "Response, new drug". */
  readonly label?: string;
  /** Unit of the value, e.g. "per year", "GBP 2024", "QALY". */
  readonly unit?: string;
  /** Where the value comes from, e.g. "Trial X, table 2". */
  readonly source?: string;
  /** How well supported the value is. */
  readonly status?: ParameterStatus;
  /** Any other remark (adjustments, inflation, why this distribution). */
  readonly note?: string;
}

/** A parameter's value: a fixed number or a distribution for probabilistic analysis. */
export type ParameterValue = number | Distribution;

/** A parameter with its metadata, as returned by {@link param}. */
export interface ParameterSpec {
  /** Marks the object as made by {@link param}. */
  readonly kind: "parameter";
  /** The fixed value or distribution. */
  readonly value: ParameterValue;
  /** Label, unit, source, status and note. */
  readonly meta: ParameterMeta;
}

/** One entry of {@link defineParameters}: a number, a distribution or a {@link param} spec. */
export type ParameterEntry = ParameterValue | ParameterSpec;

/**
 * Attaches metadata (label, unit, source, evidence status) to a parameter value or distribution.
 * Reports print it in the parameter table, so every input of a model can be traced to its source
 * (as the CHEERS 2022 checklist asks for).
 *
 * The entry is validated by {@link defineParameters}, which knows the parameter's name.
 *
 * @param value - a fixed number or a distribution
 * @param meta - label, unit, source, status and note (all optional)
 * @returns the spec to use as an entry of {@link defineParameters}
 * @example
 * const spec = param(2400, { label: "Drug cost", unit: "GBP per year", source: "BNF 2024", status: "sourced" });
 * spec.meta.unit // => "GBP per year"
 */
export function param(value: ParameterValue, meta: ParameterMeta = {}): ParameterSpec {
  return Object.freeze({ kind: "parameter" as const, value, meta: Object.freeze({ ...meta }) });
}

/**
 * Whether an entry was made by {@link param}.
 *
 * @param entry - any value
 * @returns `true` for a {@link ParameterSpec}
 * @example
 * isParameterSpec(param(0.5, { label: "Response" })) // => true
 * isParameterSpec(0.5) // => false
 */
export function isParameterSpec(entry: unknown): entry is ParameterSpec {
  return typeof entry === "object" && entry !== null && (entry as { kind?: unknown }).kind === "parameter" && "meta" in entry;
}

/**
 * Whether a value looks like a univariate {@link Distribution} (duck-typed, so any implementation
 * works).
 *
 * @param value - any value
 * @returns `true` when it has `def`, `mean`, `cdf`, `quantile` and `sample`
 * @example
 * isDistribution(beta({ alpha: 2, beta: 3 })) // => true
 * isDistribution(0.4) // => false
 */
export function isDistribution(value: unknown): value is Distribution {
  if (typeof value !== "object" || value === null) return false;
  const d = value as Record<string, unknown>;
  return typeof d.sample === "function" && typeof d.quantile === "function" && typeof d.mean === "function" && typeof d.cdf === "function" && typeof d.def === "object" && d.def !== null;
}
