// src/files/mathjs-parse.ts builds mathjs's parser alone (create({ parseDependencies })), and the
// package build replaces its compiled file with a single-file bundle of it (scripts/bundle-mathjs-parse.mjs,
// for start-up time). Both must be the parser of "mathjs/number" as published: the same tree
// (mathjs's own JSON form) or the same error message for every expression.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse as reference } from "mathjs/number";
import { parse } from "../../src/files/mathjs-parse.js";

const ROOT = resolve(import.meta.dirname, "../..");
type Parse = (text: string) => unknown;

/** mathjs's JSON form of the tree, or the error message. */
function outcome(parser: Parse, text: string): string {
  try {
    return JSON.stringify(parser(text));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe("mathjs's parser alone (src/files/mathjs-parse.ts) and its bundle (scripts/bundle-mathjs-parse.mjs)", () => {
  let folder: string;
  let bundle: string;
  let bundled: Parse;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "qaly-mathjs-parse-"));
    const file = join(folder, "mathjs-parse.js");
    execFileSync(process.execPath, [join(ROOT, "scripts/bundle-mathjs-parse.mjs"), file], { cwd: ROOT });
    bundle = readFileSync(file, "utf8");
    bundled = ((await import(pathToFileURL(file).href)) as { parse: Parse }).parse;
  }, 60_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // It was imported from a temporary folder with no node_modules above it, so it imports no package.
  it("is one self-contained file that names the packages bundled and their licences", () => {
    expect(folder.startsWith(ROOT)).toBe(false);
    expect(bundle).toMatch(/^\/\/ .*\n\/\/ {3}.*mathjs \d+\.\d+\.\d+ \(Apache-2\.0\)/m);
  });

  it("parses every construct of model-file expressions, and the errors, as mathjs/number does", () => {
    const texts = [
      "(1 - pDeath) * cDrug + 2^3 - -cycle / 2",
      "a < b ? exp(0) : log(100, 10)",
      "1 < a <= 3",
      "a and not b or c",
      "a mod b + 50%",
      "b * 3%",
      "2a + 3 (b) c",
      "1/2x",
      "-2^-3^2",
      "price(\"Drug A\") + price('B')",
      "state_time < 12 ? uSct1 : uSctLt",
      "rateToProbability(rProgress, 1/12)",
      "0x1F + 1e-3 + .5 + 5.",
      "x = 3",
      "f(x) = x",
      "[1, 2]",
      "a.constructor",
      "a[1]",
      "1:3",
      "x!",
      "a\nb",
      "",
      "(1 +",
      "a ? b",
      "2 +* 3",
      "\"unterminated",
    ];
    for (const text of texts) {
      expect(outcome(parse, text), text).toBe(outcome(reference, text));
      expect(outcome(bundled, text), text).toBe(outcome(reference, text));
    }
  });

  it("property: random token sequences give the same tree or the same error", () => {
    const token = fc.constantFrom("a", "b2", "x_1", "1", "2.5", "1e-3", "50", "%", "+", "-", "*", "/", "^", "mod", "and", "or", "not", "<", "<=", "==", "!=", "?", ":", "(", ")", ",", "f", "max", "\"k\"", " ", "!");
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 12 }), (tokens) => {
        const text = tokens.join(" ");
        const expected = outcome(reference, text);
        return outcome(parse, text) === expected && outcome(bundled, text) === expected;
      }),
      { numRuns: 500 },
    );
  });
});
