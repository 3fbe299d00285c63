import { IssueCollector } from "../core/errors.js";

/** The domain a survival parameter must lie in. */
export type ParameterDomain = "positive" | "finite" | "nonnegative";

const EXPECTED: Record<ParameterDomain, string> = {
  positive: "a finite number > 0",
  finite: "a finite number",
  nonnegative: "a finite number ≥ 0",
};

function holds(value: unknown, domain: ParameterDomain): boolean {
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  return domain === "finite" || (domain === "positive" ? value > 0 : value >= 0);
}

/**
 * Checks every parameter of a survival family and throws one `QalyError` listing all that are
 * invalid, each at path `[family, name]`.
 */
export function checkParameters(family: string, values: Record<string, unknown>, domains: Record<string, ParameterDomain>): void {
  // Valid parameters (every PSA draw) pass without allocating; the collector is built only to report.
  let valid = true;
  for (const name in domains) valid &&= holds(values[name], domains[name]!);
  if (valid) return;
  const issues = new IssueCollector();
  for (const [name, domain] of Object.entries(domains)) {
    const value = values[name];
    if (!holds(value, domain)) {
      issues.add({ code: "invalid_parameter", path: [family, name], message: `${family} ${name} must be ${EXPECTED[domain]} (received ${String(value)})`, received: value, expected: EXPECTED[domain] });
    }
  }
  issues.throwIfAny(`${family} survival curve`);
}
