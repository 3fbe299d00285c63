import { QalyError, type Issue, type PathSegment } from "../core/errors.js";
import { parseLifeTableCsv } from "../survival/parse-life-table-csv.js";
import type { LifeTable } from "../survival/life-table.js";
import { bundledDataName } from "./bundled-data.js";

/** Where a model file's life table is: `file` (a path next to the model file, or `qaly:<name>`), and which `year` and `measure` to read. */
export interface LifeTableFileSpec {
  readonly file: string;
  readonly year?: number | undefined;
  readonly measure?: "mx" | "qx" | undefined;
}

/**
 * Reads the general-population life table of a model file's `backgroundMortality` (HMD-style CSV:
 * year, sex, age, mx, qx). Problems are pushed onto `issues` at `path` (the caller throws them all
 * at once) and undefined is returned.
 */
export function readLifeTableFile(spec: LifeTableFileSpec, readFile: ((path: string) => string) | undefined, path: readonly PathSegment[], issues: Issue[]): LifeTable | undefined {
  let text: string;
  try {
    if (readFile === undefined) throw new Error(bundledDataName(spec.file) === undefined ? "no readFile was given to load files next to the model file" : "it is bundled data: give compileModelFile a readFile that supplies it (loadModel of qaly/node does)");
    text = readFile(spec.file);
  } catch (error) {
    // A reader's QalyError keeps its code (file_not_allowed, resource_limit); anything else is a missing file.
    const code = error instanceof QalyError ? error.code : "file_not_found";
    const reason = error instanceof QalyError ? error.issues[0]!.message : (error as Error).message;
    issues.push({ code, path: [...path, "file"], message: `cannot read the life table "${spec.file}": ${reason}`, received: spec.file });
    return undefined;
  }
  try {
    return parseLifeTableCsv(text, { ...(spec.year === undefined ? {} : { year: spec.year }), ...(spec.measure === undefined ? {} : { measure: spec.measure }), source: spec.file });
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    for (const issue of error.issues) issues.push({ ...issue, path: [...path], message: `${spec.file}: ${issue.message}` });
    return undefined;
  }
}
