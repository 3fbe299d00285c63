/**
 * Stable identifiers for everything that can be wrong with a model, its inputs or a call.
 * Tests and callers switch on these, never on message text.
 */
export type IssueCode =
  | "invalid_argument"
  | "invalid_parameter"
  | "unknown_parameter"
  | "circular_dependency"
  | "impossible_fit"
  | "not_positive_definite"
  | "probability_out_of_range"
  | "row_sum_not_one"
  | "negative_complement"
  | "non_finite_value"
  | "unknown_strategy"
  | "unknown_state"
  | "unknown_outcome"
  | "dimension_mismatch"
  | "invalid_model"
  | "parse_error"
  | "cancelled"
  | "unknown_scenario"
  | "file_not_found"
  | "survival_increasing"
  | "curves_cross"
  | "worker_failed"
  | "file_not_allowed"
  | "resource_limit"
  | "shard_mismatch"
  | "shard_overlap"
  | "shard_gap";

/** One path segment: a key in model vocabulary or an index. */
export type PathSegment = string | number;

/**
 * One problem found in a model, its inputs or a call: what is wrong (`code`, `message`) and where
 * it is, in model terms (`path`).
 */
export interface Issue {
  /** Stable snake_case identifier. */
  readonly code: IssueCode;
  /** Where the problem is, e.g. `["strategies", "panel", "transitions", "PFS", "Dead"]`. */
  readonly path: readonly PathSegment[];
  /** What is wrong, for a health economist. */
  readonly message: string;
  /** The offending value, where there is one. */
  readonly received?: unknown;
  /** What would have been valid. */
  readonly expected?: string;
}

/**
 * Formats a path the way a modeller writes it: `strategies.panel.transitions[2][3]` or
 * `strategies["New drug"].cycle[3]` when a key is not a plain identifier.
 *
 * @example formatPath(["strategies", "New drug", "cycle", 3]) // => 'strategies["New drug"].cycle[3]'
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Renders issues as the multi-line message of a {@link QalyError}. */
export function formatIssues(issues: readonly Issue[], subject?: string): string {
  const head = `${issues.length} issue${issues.length === 1 ? "" : "s"}${subject === undefined ? "" : ` in ${subject}`}`;
  const lines = issues.map((issue) => {
    const where = issue.path.length > 0 ? `\n    → at ${formatPath(issue.path)}` : "";
    return `  ✖ ${issue.code}: ${issue.message}${where}`;
  });
  return [head, ...lines].join("\n");
}

// Marks every QalyError, whichever copy of this module made it: the bundled command line carries its
// own copy, while a project module imports the library's, and both must be reported as model errors.
// Symbol.for gives every copy (and realm) the same key.
const QALY_ERROR = Symbol.for("qaly.QalyError");
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

/**
 * The one error class of qaly. It carries every issue found (validation collects all issues
 * before throwing), each with a stable `code` and a `path` in model vocabulary.
 * `error instanceof QalyError` also holds for an error made by another copy of qaly (a bundle
 * beside the package, two installed versions): every instance carries the same registered brand.
 *
 * @example
 * const error = new QalyError([{ code: "invalid_argument", path: ["wtp"], message: "must be finite" }]);
 * error.code // => "invalid_argument"
 */
export class QalyError extends Error {
  /**
   * Whether `value` is a QalyError from any copy of qaly (its brand), or an instance by the prototype
   * chain. A subclass keeps the ordinary prototype test, so `instanceof Subclass` means that class.
   *
   * @example
   * Object.assign(new Error("x"), { [Symbol.for("qaly.QalyError")]: true, issues: [] }) instanceof QalyError // => true
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (ordinaryHasInstance.call(this, value)) return true;
    if (this !== QalyError || typeof value !== "object" || value === null) return false;
    const branded = value as { [QALY_ERROR]?: unknown; issues?: unknown };
    return branded[QALY_ERROR] === true && Array.isArray(branded.issues);
  }

  /** Every issue found, in the order found. */
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[], subject?: string) {
    if (issues.length === 0) throw new TypeError("QalyError needs at least one issue");
    super(issues.length === 1 && subject === undefined ? singleLine(issues[0]!) : formatIssues(issues, subject));
    this.name = "QalyError";
    this.issues = Object.freeze([...issues]);
  }

  /** The code of the first issue (convenient when there is one). */
  get code(): IssueCode {
    return this.issues[0]!.code;
  }

  /** The path of the first issue. */
  get path(): readonly PathSegment[] {
    return this.issues[0]!.path;
  }
}

// On the prototype, so instances (and subclasses) carry it without an own property that would show
// in comparisons or serialisation.
Object.defineProperty(QalyError.prototype, QALY_ERROR, { value: true });

function singleLine(issue: Issue): string {
  return issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message;
}

/**
 * Throws a {@link QalyError} with a single issue. Kernels use it at boundaries, so the
 * thrown error always names a path.
 */
export function fail(code: IssueCode, path: readonly PathSegment[], message: string, extra?: { received?: unknown; expected?: string }): never {
  const issue: Issue = { code, path, message, ...(extra?.received !== undefined ? { received: extra.received } : {}), ...(extra?.expected !== undefined ? { expected: extra.expected } : {}) };
  throw new QalyError([issue]);
}

/** Collects issues during validation and throws them all at once. */
export class IssueCollector {
  private readonly found: Issue[] = [];

  /** Records one issue. */
  add(issue: Issue): void {
    this.found.push(issue);
  }

  /** Whether any issue was recorded. */
  get hasIssues(): boolean {
    return this.found.length > 0;
  }

  /** The issues recorded so far. */
  get issues(): readonly Issue[] {
    return this.found;
  }

  /** Throws a {@link QalyError} with every recorded issue, if there is any. */
  throwIfAny(subject?: string): void {
    if (this.found.length > 0) throw new QalyError(this.found, subject);
  }
}

/** Result of a validation that does not throw. */
export type SafeResult<T> =
  | {
      /** The input was valid. */
      readonly ok: true;
      /** The validated value. */
      readonly value: T;
    }
  | {
      /** The input was invalid. */
      readonly ok: false;
      /** Every problem found, each with its path. */
      readonly issues: readonly Issue[];
    };
