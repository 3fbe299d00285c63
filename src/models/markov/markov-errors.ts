import { fail, type IssueCode, type PathSegment } from "../../core/errors.js";

/** Where the kernel is when it finds a problem, to name it in model vocabulary. */
export interface ErrorSite {
  strategy: string;
  draw: number | undefined;
  cycle: number;
  /** "cycle" for transitions, "row" for state values (trace row). */
  at: "cycle" | "row";
}

/** Throws a QalyError whose path names draw, strategy, cycle, states and whose message repeats them. */
export function failAt(site: ErrorSite, code: IssueCode, tail: readonly PathSegment[], message: string, received?: unknown): never {
  const path: PathSegment[] = [...(site.draw === undefined ? [] : ["draw", site.draw]), "strategies", site.strategy, site.at, site.cycle, ...tail];
  const where = ` (strategy "${site.strategy}", ${site.at} ${site.cycle}${site.draw === undefined ? "" : `, PSA draw ${site.draw}`})`;
  return fail(code, path, message + where, received === undefined ? undefined : { received });
}
