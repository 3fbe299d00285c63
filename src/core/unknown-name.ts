import { closestName, didYouMean } from "./closest-name.js";
import { fail, type IssueCode, type PathSegment } from "./errors.js";

/**
 * Throws a `QalyError` for a name that is not among `known`, suggesting the closest known name.
 * Shared by the deterministic analyses and budget impact so every "unknown X" reads the same.
 * @internal
 */
export function unknownName(code: IssueCode, path: readonly PathSegment[], kind: string, name: string, known: readonly string[]): never {
  const suggestion = closestName(name, known);
  fail(code, path, `unknown ${kind} '${name}'; ${didYouMean(name, known)}`, { received: name, expected: suggestion ?? `a known ${kind}` });
}

/**
 * Checks that `name` is one of `known` and returns it typed, or throws {@link unknownName}.
 * @internal
 */
export function requireName<N extends string>(code: IssueCode, path: readonly PathSegment[], kind: string, name: string, known: readonly N[]): N {
  if ((known as readonly string[]).includes(name)) return name as N;
  return unknownName(code, path, kind, name, known);
}
