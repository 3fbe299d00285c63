// The @examples of src/pathways/ run here against the main entry plus the pathways barrel, until
// src/index.ts exports the pathways (test/docs.test.ts runs every example against the main entry
// only). Same convention: `expression // => expected`, numbers at their printed precision.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as main from "../../src/index.js";
import * as pathways from "../../src/pathways/index.js";

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/pathways");
const scope: Record<string, unknown> = { ...main, ...pathways };

function examples(file: string): string[] {
  const text = readFileSync(join(DIR, file), "utf8");
  return [...text.matchAll(/\/\*\*([\s\S]*?)\*\//g)].flatMap((comment) => {
    const body = comment[1]!.split("\n").map((line) => line.replace(/^\s*\* ?/, "")).join("\n");
    return [...body.matchAll(/@example([\s\S]*?)(?=\n\s*@\w|$)/g)].map((m) => m[1]!.trim()).filter((code) => code !== "");
  });
}

function runnable(code: string): string {
  const checked = code.split("\n").map((line) => {
    const match = /^(.*?);?\s*\/\/\s*=>\s*(.+)$/.exec(line);
    return match === null ? line : `__check((${match[1]}), (${match[2]}), ${JSON.stringify(match[2]!.trim())});`;
  });
  return ts.transpileModule(checked.join("\n"), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText.replace(/^export \{\};?\s*$/m, "");
}

function check(actual: unknown, expected: unknown, literal: string): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const decimals = /\.(\d+)$/.exec(literal)?.[1]?.length ?? 0;
    expect(Math.abs(actual - expected), `${literal}: got ${actual}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals * (1 + 1e-9));
  } else expect(actual, literal).toEqual(expected);
}

const files = readdirSync(DIR).filter((name) => name.endsWith(".ts"));
describe("pathways: every @example runs and its `// =>` results hold", () => {
  for (const file of files) {
    examples(file).forEach((code, i) => {
      it(`${file} example ${i + 1}`, () => {
        new Function("__check", ...Object.keys(scope), runnable(code))(check, ...Object.values(scope));
      });
    });
  }
  it("finds the examples", () => {
    expect(files.flatMap(examples).length).toBeGreaterThanOrEqual(9);
  });
});
