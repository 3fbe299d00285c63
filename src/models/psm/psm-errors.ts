import { fail, type IssueCode, type PathSegment } from "../../core/errors.js";

/** Where the engine is when it finds a problem, to name it in model vocabulary. */
export interface PsmSite {
  strategy: string;
  draw: number | undefined;
}

/** Throws a QalyError whose path starts with the draw and strategy, and whose message repeats them. */
export function failPsm(site: PsmSite, code: IssueCode, tail: readonly PathSegment[], message: string, received?: unknown): never {
  const path: PathSegment[] = [...(site.draw === undefined ? [] : ["draw", site.draw]), "strategies", site.strategy, ...tail];
  const where = ` (strategy "${site.strategy}"${site.draw === undefined ? "" : `, PSA draw ${site.draw}`})`;
  return fail(code, path, message + where, received === undefined ? undefined : { received });
}
