// Parameter metadata is validated by hand (the main entry carries no zod); the messages must stay
// the ones the zod schema it replaced gave. The schema is kept here as the reference.
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { IssueCollector, type Issue } from "../../src/core/errors.js";
import { checkParameterMeta } from "../../src/parameters/validate-entries.js";

// zod keeps its locale in a global that another zod copy in the same process can replace
// (playwright-core bundles one, loaded by the browser tests in the same worker): set English here.
z.config(z.locales.en());

const reference = z.strictObject({
  label: z.string().optional(),
  unit: z.string().optional(),
  source: z.string().optional(),
  status: z.enum(["sourced", "assumption", "placeholder"], { error: (issue) => `must be "sourced", "assumption" or "placeholder" (received ${JSON.stringify(issue.input)})` }).optional(),
  note: z.string().optional(),
});

/** The issues the zod schema gave, as validate-entries turned them into qaly issues. */
function zodIssues(meta: unknown): Issue[] {
  const parsed = reference.safeParse(meta);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue): Issue[] => {
    const path = ["parameters", "p", ...issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)))];
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ code: "invalid_parameter", path: [...path, key], message: `unknown metadata field '${key}' (expected label, unit, source, status or note)` }));
    return [{ code: "invalid_parameter", path, message: issue.message }];
  });
}

class Custom {
  readonly x = 1;
}

const inputs: unknown[] = [
  {},
  { label: "Utility", unit: "QALY", source: "Table 2", status: "sourced", note: "n" },
  { label: undefined, status: undefined },
  undefined,
  null,
  "text",
  3,
  NaN,
  [],
  [1],
  1n,
  true,
  { label: 1 },
  { label: NaN, unit: Infinity, source: -Infinity },
  { label: null, unit: [], source: {}, note: new Date(0) },
  { label: new Map(), unit: new Uint8Array(1), source: new Custom(), note: 1n },
  { label: true, unit: () => 1, source: Symbol("s") },
  { status: "x" },
  { status: 5 },
  { status: null },
  { status: ["sourced"] },
  { zz: 1, label: 2, aa: 3, status: "bad" },
  { labell: "typo" },
  Object.create(null) as object,
  new Map(),
  new Custom(),
];

describe("parameter metadata validation", () => {
  it.each(inputs.map((input, index) => [index, input]))("input %i gives the same issues and value as the zod schema", (_, input) => {
    const collector = new IssueCollector();
    const meta = checkParameterMeta(input, collector, ["parameters", "p"]);
    let issues: readonly Issue[] = [];
    try {
      collector.throwIfAny();
    } catch (error) {
      issues = (error as { issues: readonly Issue[] }).issues;
    }
    expect(issues).toEqual(zodIssues(input));
    const parsed = reference.safeParse(input);
    if (parsed.success) expect(meta).toEqual(Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined)));
  });
});
