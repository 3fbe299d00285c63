// Documentation is executable: every `@example` in src/ runs against the public entry, and each
// line `expression // => expected` must hold (mathjs' doc tests, stdlib's examples).
//
// Numbers are compared at the precision they are printed with: `// => 0.417` holds for any value
// that rounds to 0.417. Other values are compared deeply (numbers inside them to 1e-9 relative).
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import * as qalyMain from "../src/index.js";
import * as qalyReport from "../src/report/index.js";
import * as qalyFiles from "../src/qaly-files.js";
import * as qalySurvivalFit from "../src/qaly-survival-fit.js";
import * as qalyMicrosimulation from "../src/qaly-microsimulation.js";
import * as qalyNode from "../src/node/index.js";

// Examples see every entry: "qaly", "qaly/report", "qaly/files", "qaly/survival-fit", "qaly/microsimulation" and "qaly/node".
const qaly = { ...qalyMain, ...qalyReport, ...qalyFiles, ...qalySurvivalFit, ...qalyMicrosimulation, ...qalyNode };

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** Every `@example` block of every TSDoc comment, with comment stars and code fences removed. */
function examplesOf(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const found: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const body = comment[1]!
      .split("\n")
      .map((line) => line.replace(/^\s*\* ?/, ""))
      .join("\n");
    for (const block of body.matchAll(/@example([\s\S]*?)(?=\n\s*@\w|$)/g)) {
      const code = block[1]!.replace(/```\w*/g, "").trim();
      const line = text.slice(0, comment.index).split("\n").length;
      if (code !== "") found.push({ file: relative(SRC, file), line, code });
    }
  }
  return found;
}

function decimalsOf(literal: string): number {
  const match = /^-?\d[\d_]*(?:\.(\d+))?(?:e[+-]?\d+)?$/i.exec(literal.trim());
  if (match === null) return -1;
  return match[1]?.length ?? 0;
}

function check(actual: unknown, expected: unknown, literal: string, where: string): void {
  if (typeof expected === "number" && typeof actual === "number" && Number.isFinite(expected)) {
    const decimals = decimalsOf(literal);
    const tolerance = decimals >= 0 ? 0.5 * 10 ** -decimals * (1 + 1e-9) : Math.abs(expected) * 1e-9;
    expect(Math.abs(actual - expected), `${where}: got ${actual}, documented ${literal}`).toBeLessThanOrEqual(tolerance);
    return;
  }
  expect(normalise(actual), `${where}: documented ${literal}`).toEqual(normalise(expected));
}

function normalise(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : Number(value.toPrecision(10));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, normalise);
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalise(inner)]));
  }
  return value;
}

/** Turns `expr // => expected` lines into checks and compiles the example to plain JavaScript. */
function compile(example: Example): string {
  const lines = example.code.split("\n").map((line, index) => {
    const match = /^(.*?);?\s*\/\/\s*=>\s*(.+)$/.exec(line);
    if (match === null) return line;
    const where = JSON.stringify(`${example.file}:${example.line} example line ${index + 1}`);
    return `__check((${match[1]}), (${match[2]}), ${JSON.stringify(match[2]!.trim())}, ${where});`;
  });
  return ts.transpileModule(lines.join("\n"), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
}

const examples = sourceFiles(SRC).flatMap(examplesOf);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

describe("docs: every @example in src/ runs and its `// =>` results hold", () => {
  it("finds examples to check", () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  for (const example of examples) {
    it(`${example.file}:${example.line}`, async () => {
      // An internal helper (exported by its module or its folder's barrel, not by an entry) is
      // documented too: its example also sees its own module's and its folder's exports.
      const barrel = resolve(SRC, dirname(example.file), "index.ts");
      const folder = existsSync(barrel) ? ((await import(barrel)) as Record<string, unknown>) : {};
      const scope: Record<string, unknown> = { ...folder, ...((await import(resolve(SRC, example.file))) as Record<string, unknown>), ...qaly };
      const names = Object.keys(scope);
      const body = compile(example).replace(/^export \{\};?\s*$/m, "");
      const run = new AsyncFunction("__check", ...names, body);
      await run(check, ...names.map((name) => scope[name]));
    });
  }
});

describe("docs: the README's quick start runs against the public entry", () => {
  it("README.md quick start", async () => {
    const readme = readFileSync(resolve(SRC, "../README.md"), "utf8");
    const block = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(block, "README has a ```ts quick start").not.toBeNull();
    // `import { a, b } from "qaly"` becomes a destructuring of the entry passed in.
    const source = block![1]!.replace(/^import \{([^}]*)\} from "qaly";$/m, (_, names: string) => `const {${names.replace(/\btype \w+,?/g, "")}} = __qaly;`);
    const body = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const printed: unknown[][] = [];
    const quiet = { log: (...args: unknown[]) => printed.push(args), table: (...args: unknown[]) => printed.push(args) };
    await new AsyncFunction("__qaly", "console", body)(qaly, quiet);
    // It prints the ICER table, then the CEAC and EVPI at the threshold.
    const table = printed[0]![0] as { strategy: string; status: string }[];
    expect(table.map((row) => row.strategy).sort()).toEqual(["New drug", "Standard"]);
    const [probability, value] = printed[1] as [Record<string, number>, { perPerson: number }];
    expect(probability["New drug"]! + probability["Standard"]!).toBeCloseTo(1, 12);
    expect(value.perPerson).toBeGreaterThanOrEqual(0);
  });
});
