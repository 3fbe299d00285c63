import type { Issue, PathSegment } from "../core/errors.js";
import type { TestingFile } from "./model-file-schema.js";

// Issues of src/pathways name pathway paths (`pathways.strategies.SGT.tests[1]`); in a model file
// the same input sits at `model.strategies.SGT.sequence[1]`. One translation, so every pathway
// error points at the line of the file that wrote the input.

/** The file key of each strategy kind. */
const KIND_KEYS = ["panel", "sequence", "parallel", "reflex", "sendOut"] as const;

/**
 * Translates a pathway issue path (`["pathways", …]`) into the model-file path of the input it
 * names, under `at` (the testing model's path, `["model"]`).
 *
 * @internal
 */
export function testingFilePath(path: readonly PathSegment[], def: TestingFile, at: readonly PathSegment[]): PathSegment[] {
  const start = path.indexOf("pathways");
  if (start < 0) return [...at, ...path];
  const [section, name, field, ...rest] = path.slice(start + 1);
  if (section === undefined) return [...at];
  if (section === "arms") return typeof def.arms === "string" || name === undefined || !(String(name) in def.arms) ? [...at, "arms"] : [...at, "arms", name];
  if (section !== "strategies" || name === undefined) return [...at, ...path.slice(start + 1)];
  const strategy = def.strategies[String(name)];
  const kind = strategy === undefined ? undefined : KIND_KEYS.find((key) => strategy[key] !== undefined);
  const where: PathSegment[] = [...at, "strategies", name];
  if (field === undefined || field === "kind") return where;
  if (field === "tests" || field === "test") return kind === undefined ? where : [...where, kind, ...rest];
  if (field === "first" || field === "then") return [...where, "reflex", field, ...rest];
  return [...where, field, ...rest];
}

/**
 * Moves pathway issues to their model-file paths, optionally prefixing their messages.
 *
 * @internal
 */
export function testingFileIssues(issues: readonly Issue[], def: TestingFile, at: readonly PathSegment[], prefix = ""): Issue[] {
  return issues.map((issue) => ({ ...issue, path: testingFilePath(issue.path, def, at), message: `${prefix}${issue.message}` }));
}
