import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fail, QalyError, type PathSegment } from "../core/errors.js";

/**
 * Makes sure results can be written into `folder` before any work starts: creates it (and its
 * parents) when missing, and refuses a path that is a file or a folder that cannot be written, so a
 * run never computes for minutes and then fails half-way through its output.
 *
 * @param folder - the output folder (e.g. `--out`)
 * @param path - where an error points, e.g. `["out"]`
 * @returns the absolute path of the folder
 * @throws QalyError `invalid_argument` naming the path and why it cannot be written
 * @example
 * // checkOutputFolder("results/run-1", ["out"]) creates results/run-1 and returns its absolute path
 */
export function checkOutputFolder(folder: string, path: readonly PathSegment[]): string {
  const absolute = resolve(folder);
  return typed(path, `cannot write results into ${folder}`, folder, () => {
    if (statSync(absolute, { throwIfNoEntry: false })?.isDirectory() === false) fail("invalid_argument", path, `cannot write results into ${folder}: it is a file, not a folder`, { received: folder });
    makeFolders(absolute);
    accessSync(absolute, constants.W_OK);
    return absolute;
  });
}

/**
 * Makes sure a file (e.g. `--report out/report.html`) can be written before any work starts: its
 * folder is created when missing; a path that is a folder, or a file or folder that cannot be
 * written, is refused.
 *
 * @param file - the file to be written
 * @param path - where an error points, e.g. `["report"]`
 * @returns the absolute path of the file
 * @throws QalyError `invalid_argument` naming the path and why it cannot be written
 * @example
 * // checkOutputFile("out", ["report"]) throws when out is a folder
 */
export function checkOutputFile(file: string, path: readonly PathSegment[]): string {
  const absolute = resolve(file);
  return typed(path, `cannot write ${file}`, file, () => {
    const info = statSync(absolute, { throwIfNoEntry: false });
    if (info?.isDirectory() === true) fail("invalid_argument", path, `cannot write ${file}: it is a folder (give a file name such as ${file.replace(/\/$/, "")}/report.html)`, { received: file });
    const folder = dirname(absolute);
    makeFolders(folder);
    accessSync(info === undefined ? folder : absolute, constants.W_OK);
    return absolute;
  });
}

/** Runs a check, turning a file-system error into an `invalid_argument` issue that says why in words. */
function typed<T>(path: readonly PathSegment[], what: string, received: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof QalyError) throw error;
    return fail("invalid_argument", path, `${what}: ${reason(error)}`, { received });
  }
}

/**
 * Creates a folder and its missing parents one level at a time. (`mkdirSync(…, { recursive: true })`
 * never returns under /proc on Node 20; one level at a time fails there with ENOENT.) A level that
 * another process created since it was found missing is taken as it is: the shards of a job array
 * (`qaly run --draws i/n --out shards`) start at the same time and create the same folder.
 */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  let at = folder;
  while (statSync(at, { throwIfNoEntry: false }) === undefined && dirname(at) !== at) {
    missing.push(at);
    at = dirname(at);
  }
  if (statSync(at, { throwIfNoEntry: false })?.isDirectory() === false) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || statSync(level, { throwIfNoEntry: false })?.isDirectory() !== true) throw error;
    }
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return "permission denied";
  if (code === "ENOTDIR") return "a part of the path is a file, not a folder";
  if (code === "ENOENT") return "the folder cannot be created there";
  return code ?? (error instanceof Error ? error.message : String(error));
}
