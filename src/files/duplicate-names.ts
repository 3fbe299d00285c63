import type { Issue, PathSegment } from "../core/errors.js";

// Mappings cannot repeat a key (the YAML parser refuses it), but lists can: `strategies: [A, A]`
// or `states: [H, S, H]` would make two columns of results with one name.
const NAME_LISTS = new Set(["strategies", "states"]);

/**
 * The repeated names in the name lists of a model file (`strategies` and `states`, at any depth, as
 * in named models and threshold analyses), and a cost outcome that is also the effect outcome.
 *
 * @param data - the model file as plain data (after the schema accepted it)
 * @returns one `invalid_model` issue per repeated entry, at its path; empty when all is well
 * @example
 * duplicateNames({ strategies: ["A", "B", "A"] })[0]?.path // => ["strategies", 2]
 * duplicateNames({ outcomes: { cost: "cost", effect: "cost" } })[0]?.path // => ["outcomes", "effect"]
 */
export function duplicateNames(data: unknown): Issue[] {
  const issues: Issue[] = [];
  const outcomes = (data as { outcomes?: { cost?: unknown; effect?: unknown } } | null)?.outcomes;
  if (outcomes?.effect !== undefined && (outcomes.cost ?? "cost") === outcomes.effect) {
    issues.push({ code: "invalid_model", path: ["outcomes", "effect"], message: `the effect outcome '${String(outcomes.effect)}' is also the cost outcome: an ICER needs two different outcomes`, received: outcomes.effect });
  }
  // An explicit stack instead of recursion: the depth of a model file is bounded by the parser's
  // limits, but a walk should not depend on that.
  const stack: [unknown, PathSegment[]][] = [[data, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    const key = path.at(-1);
    if (Array.isArray(value) && typeof key === "string" && NAME_LISTS.has(key)) {
      const seen = new Set<unknown>();
      value.forEach((item, i) => {
        if (typeof item === "string" && seen.has(item)) issues.push({ code: "invalid_model", path: [...path, i], message: `'${item}' is named twice in ${key}: names are unique per kind`, received: item });
        seen.add(item);
      });
    }
    for (const [k, item] of Object.entries(value)) stack.push([item, [...path, Array.isArray(value) ? Number(k) : k]]);
  }
  return issues;
}
