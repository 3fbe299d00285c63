// mathjs's expression parser: the only part of mathjs qaly uses. An instance with the parser and
// its dependencies alone (mathjs's documented way to tree-shake it), so that bundlers keep just the
// parser, and the package build (`npm run build`) replaces the compiled file with a single-file
// bundle of it (scripts/bundle-mathjs-parse.mjs): importing "mathjs/number" as published loads some
// 600 files and builds every mathjs function, most of the start-up of any command that reads a
// model file (issue 20). Parsing is the same as mathjs/number's `parse` (test/files/mathjs-parse.test.ts).
import { create, parseDependencies } from "mathjs/number";

export type { MathNode } from "mathjs/number";

/** mathjs's `parse` (expression text to a tree of nodes). */
// mathjs's typings declare every `…Dependencies` export as possibly undefined; it is always defined.
export const parse = create({ parseDependencies: parseDependencies! }).parse;
