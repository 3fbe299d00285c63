import { fail, QalyError, type Issue, type IssueCode, type PathSegment } from "../../core/errors.js";

/** Tolerance for chance-node probability sums and bounds, for detection and reporting alike. */
export const BRANCH_SUM_TOLERANCE = 1e-9;

/** A node path as a modeller reads it: `NGS panel > Sample fails > Re-biopsy`. */
export function nodePathText(labels: readonly string[]): string {
  return labels.length === 0 ? "root decision" : labels.join(" > ");
}

/** The issue path of a node: `["strategies", label, …]`, prefixed by the draw when there is one. */
export function nodeIssuePath(labels: readonly string[], draw?: number): PathSegment[] {
  const head: PathSegment[] = draw === undefined ? [] : ["draw", draw];
  return labels.length === 0 ? [...head, "root"] : [...head, "strategies", ...labels];
}

/** Throws a QalyError about a node during evaluation, naming the node path and the draw. */
export function failAtNode(code: IssueCode, labels: readonly string[], tail: readonly PathSegment[], message: string, draw: number | undefined, received?: unknown): never {
  const where = ` at "${nodePathText(labels)}"${draw === undefined ? "" : ` (PSA draw ${draw})`}`;
  return fail(code, [...nodeIssuePath(labels, draw), ...tail], message + where, received === undefined ? undefined : { received });
}

/** Re-raises a leaf model's error with the tree path of the leaf in front of the model's own path. */
export function leafError(error: unknown, labels: readonly string[], title: string, prefix: readonly (string | number)[]): unknown {
  if (!(error instanceof QalyError)) return error;
  const issues: Issue[] = error.issues.map((issue) => {
    const inner = issue.path[0] === "draw" ? issue.path.slice(2) : issue.path;
    return { ...issue, path: [...prefix, "model", ...inner], message: `${issue.message} (in model "${title}" entered at "${nodePathText(labels)}")` };
  });
  return new QalyError(issues);
}
