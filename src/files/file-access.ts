import { unknownBundledData, bundledDataName } from "./bundled-data.js";

// Model files travel between regions, consultants and reviewers, so a model file is untrusted
// input. What it may read is decided here, from the reference alone (browser-safe, no I/O); the
// Node reader (`dataReader` of qaly/node) adds what only the file system can tell: symbolic links
// out of the folder, special files and sizes.

/** Limits on what qaly reads, in bytes. Both can be raised where they are taken as options. */
export interface FileSizeLimits {
  /** A model file (YAML or JSON). */
  readonly modelFile: number;
  /** A data table or life table a model file reads. */
  readonly dataFile: number;
}

/**
 * Default size limits: 8 MB for a model file (the largest bundled one is 32 kB) and 64 MB for a data
 * file (a national life table by year, sex and age is under 1 MB).
 */
export const FILE_SIZE_LIMITS: FileSizeLimits = Object.freeze({ modelFile: 8 * 1024 * 1024, dataFile: 64 * 1024 * 1024 });

// A URL scheme or a Windows drive letter (`file:`, `http:`, `C:`): not a path inside the folder.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Why a model file may not read `reference`, or `undefined` when it may. A model file reads only
 * bundled data (`qaly:<name>`, a known name) or a relative path with forward slashes that stays
 * inside its own folder: no absolute path, drive letter or URL, no `..` segment, no backslash, no
 * control character. (Symbolic links and special files are checked by the reader, which sees the
 * file system.)
 *
 * @param reference - a `file:` value of a model file
 * @returns the reason, in words a modeller understands, or `undefined`
 * @example
 * dataFileProblem("data/prices.csv") // => undefined
 * dataFileProblem("qaly:sweden-life-table-hmd-2018-2020") // => undefined
 * dataFileProblem("../secrets.csv") // => "a model file reads only files inside its own folder: \"../secrets.csv\" leaves it through '..'"
 */
export function dataFileProblem(reference: string): string | undefined {
  if (bundledDataName(reference) !== undefined) return unknownBundledData(reference);
  const shown = JSON.stringify(reference);
  const rule = "a model file reads only files inside its own folder";
  if (reference.trim() === "") return `${rule}: the file name is empty`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(reference)) return `${rule}: ${JSON.stringify(reference)} holds a control character`;
  if (reference.startsWith("/")) return `${rule}: ${shown} is an absolute path (write it relative to the model file)`;
  if (reference.includes("\\")) return `${rule}: ${shown} holds a backslash (separate folders with '/')`;
  if (SCHEME.test(reference)) return `${rule}: ${shown} is a URL or drive path, not a path relative to the model file (bundled data is 'qaly:<name>')`;
  if (reference.split("/").includes("..")) return `${rule}: ${shown} leaves it through '..'`;
  return undefined;
}
