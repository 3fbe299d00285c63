import { IssueCollector } from "../../core/errors.js";

/** Adds an issue for every missing, empty or repeated name. @internal */
export function checkNames(names: readonly string[], kind: "strategies" | "outcomes", issues: IssueCollector): void {
  if (!Array.isArray(names) || names.length === 0) {
    issues.add({ code: "invalid_argument", path: [kind], message: `a PSA result needs at least one ${kind === "strategies" ? "strategy" : "outcome"}` });
    return;
  }
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (typeof name !== "string" || name === "") issues.add({ code: "invalid_argument", path: [kind, i], message: "names must be non-empty strings", received: name });
    else if (seen.has(name)) issues.add({ code: "invalid_argument", path: [kind, i], message: `"${name}" appears more than once`, received: name });
    seen.add(name);
  });
}

/** Copies per-outcome, per-strategy series into one laid-out buffer, checking their lengths. @internal */
export function fromValues<S extends string, O extends string>(values: Readonly<Record<O, Readonly<Record<S, ArrayLike<number>>>>>, strategies: readonly S[], outcomes: readonly O[]): Float64Array {
  const issues = new IssueCollector();
  let size = -1;
  for (const outcome of outcomes) {
    for (const strategy of strategies) {
      const series = values[outcome]?.[strategy];
      if (series === undefined || typeof series.length !== "number") {
        issues.add({ code: "dimension_mismatch", path: ["values", outcome, strategy], message: `no values for outcome "${outcome}" of strategy "${strategy}"` });
      } else if (size === -1) size = series.length;
      else if (series.length !== size) {
        issues.add({ code: "dimension_mismatch", path: ["values", outcome, strategy], message: `${series.length} draws where the first series has ${size}`, received: series.length, expected: String(size) });
      }
    }
  }
  if (size === 0) issues.add({ code: "dimension_mismatch", path: ["values"], message: "a PSA result needs at least one draw" });
  issues.throwIfAny("PSA result");
  const nS = strategies.length;
  const buffer = new Float64Array(outcomes.length * nS * size);
  outcomes.forEach((outcome, o) => strategies.forEach((strategy, s) => buffer.set(values[outcome][strategy], (o * nS + s) * size)));
  return buffer;
}

/** Throws `non_finite_value` for the first 20 non-finite values, each with outcome, strategy and draw. @internal */
export function checkFinite(buffer: Float64Array, size: number, strategies: readonly string[], outcomes: readonly string[]): void {
  const issues = new IssueCollector();
  for (let k = 0; k < buffer.length && issues.issues.length < 20; k++) {
    if (!Number.isFinite(buffer[k]!)) {
      const block = Math.floor(k / size);
      const outcome = outcomes[Math.floor(block / strategies.length)]!;
      const strategy = strategies[block % strategies.length]!;
      issues.add({ code: "non_finite_value", path: ["values", outcome, strategy, k % size], message: `value must be finite (received ${buffer[k]})`, received: buffer[k] });
    }
  }
  issues.throwIfAny("PSA result");
}
