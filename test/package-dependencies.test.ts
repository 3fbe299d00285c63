// Dependencies match imports (issue 12): package.json declares what src/ imports, and nothing else.
//
// - Every bare import in src/ (value or type, static or dynamic; `node:` built-ins excepted) names a
//   package in `dependencies`: a user installs only those.
// - Every package in `dependencies` is imported by src/, or, for `@types/x`, is needed by the
//   emitted declarations: a `.d.ts` that imports `x` needs `@types/x` at the user's side (TS7016
//   with `skipLibCheck: false` otherwise), so it is a runtime dependency; every other `@types/x`
//   belongs in `devDependencies`. `@types/node` is the user's environment and is left out.
// The declarations are emitted per file by TypeScript's `transpileDeclaration` (syntax only, as
// `tsc` does for the explicit types in exported signatures).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const dependencies = Object.keys(pkg.dependencies ?? {});
const devDependencies = Object.keys(pkg.devDependencies ?? {});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The package a module specifier names (`d3-array`, `@stdlib/math-base-special-erf`), or undefined for relative paths, `node:` and built-ins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

/** Every module specifier of a file: import/export declarations, `import("x")` and `import type`. */
function specifiersOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!)) found.push(node.arguments[0].text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(SRC);
const imported = new Map<string, string>(); // package → first file importing it
const declared = new Map<string, string>(); // package imported by an emitted .d.ts → first file
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const packages = specifiersOf(file, text).flatMap((s) => packageOf(s) ?? []);
  for (const name of packages) if (!imported.has(name)) imported.set(name, file.slice(ROOT.length + 1));
  // A declaration emitted from syntax alone names only what the file itself imports, so a file that
  // imports no package has none in its .d.ts either: only the ~65 of ~460 files that do are emitted
  // (transpiling every file took ~6 s of the suite).
  if (packages.length === 0) continue;
  const dts = ts.transpileDeclaration(text, { fileName: file, compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  for (const name of specifiersOf(`${file}.d.ts`, dts).flatMap((s) => packageOf(s) ?? [])) if (!declared.has(name)) declared.set(name, file.slice(ROOT.length + 1));
}
const typesFor = (name: string): string => (name.startsWith("@") ? `@types/${name.slice(1).replace("/", "__")}` : `@types/${name}`);

describe("package.json dependencies match the imports of src/", () => {
  it("finds the imports (the scan works)", () => {
    expect(imported.has("zod")).toBe(true);
    expect(packageOf("node:fs")).toBeUndefined();
    expect(packageOf("fs")).toBeUndefined();
    expect(packageOf("@stdlib/math-base-special-erf/lib/index.js")).toBe("@stdlib/math-base-special-erf");
    expect(specifiersOf("x.ts", 'import type { A } from "a"; export { b } from "b"; const c = await import("c"); type D = import("d").D;')).toEqual(["a", "b", "c", "d"]);
  });

  it("every package src/ imports is a runtime dependency", () => {
    const undeclared = [...imported].filter(([name]) => !dependencies.includes(name)).map(([name, file]) => `${name} (imported by ${file})`);
    expect(undeclared).toEqual([]);
  });

  it("every runtime dependency is imported by src/ (or, for @types/x, needed by the emitted .d.ts)", () => {
    const unused = dependencies.filter((name) => (name.startsWith("@types/") ? ![...declared.keys()].some((d) => typesFor(d) === name) : !imported.has(name)));
    expect(unused).toEqual([]);
  });

  it("@types/x is a runtime dependency exactly when an emitted .d.ts imports x", () => {
    const needed = [...declared].filter(([name]) => [...dependencies, ...devDependencies].includes(typesFor(name))).map(([name, file]) => `${typesFor(name)} (for ${file})`);
    const misplaced = needed.filter((entry) => !dependencies.includes(entry.split(" ")[0]!));
    expect(misplaced).toEqual([]);
    const devOnly = devDependencies.filter((name) => name.startsWith("@types/") && name !== "@types/node");
    expect(devOnly.filter((name) => [...declared.keys()].some((d) => typesFor(d) === name))).toEqual([]);
  });
});
