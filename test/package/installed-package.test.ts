// The package as a user installs it: build into a staging folder, `npm pack`, install the tarball
// into an empty project, then import every entry from ESM and type-check a consumer that uses every
// import shown in the README, docs/*.md, examples/ and the bundled models, with `strict` and
// `skipLibCheck: false` (so the published .d.ts must resolve with the runtime dependencies alone).
//
// The install is offline: the tarball is unpacked into the consumer's node_modules/qaly, and the
// runtime dependencies (the closure of package.json "dependencies", nothing from
// "devDependencies") are linked from this repository's node_modules, as `npm install` would place
// them. The consumer adds only @types/node, as a Node user of `qaly/node` would.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const TSC = require.resolve("typescript/bin/tsc");

interface PackageJson {
  readonly name: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, unknown>>;
}
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as PackageJson;

/** The entry specifiers the package exports (`qaly`, `qaly/report`, …), without the data and package.json paths. */
const ENTRIES = Object.keys(pkg.exports)
  .filter((key) => !key.includes("*") && key !== "./package.json")
  .map((key) => (key === "." ? pkg.name : `${pkg.name}/${key.slice(2)}`));

interface ShownImport {
  readonly entry: string;
  readonly name: string;
  readonly typeOnly: boolean;
  readonly where: string;
}

/** The named imports from the package in a piece of TypeScript. */
function importsIn(code: string, where: string): ShownImport[] {
  const source = ts.createSourceFile("shown.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: ShownImport[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const entry = statement.moduleSpecifier.text;
    if (entry !== pkg.name && !entry.startsWith(`${pkg.name}/`)) continue;
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      found.push({ entry, name: (element.propertyName ?? element.name).text, typeOnly: clause!.isTypeOnly || element.isTypeOnly, where });
    }
  }
  return found;
}

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, suffix) : name.endsWith(suffix) ? [path] : [];
  });
}

/** Every import of the package shown to users: README and docs code blocks, examples (scripts and notebook), bundled models. */
function shownImports(): ShownImport[] {
  const shown: ShownImport[] = [];
  const markdown = [join(ROOT, "README.md"), ...filesUnder(join(ROOT, "docs"), ".md")];
  for (const file of markdown) {
    for (const block of readFileSync(file, "utf8").matchAll(/```(?:ts|typescript|js|javascript)\n([\s\S]*?)```/g)) shown.push(...importsIn(block[1]!, file.slice(ROOT.length + 1)));
  }
  for (const file of [...filesUnder(join(ROOT, "examples"), ".ts"), ...filesUnder(join(ROOT, "models"), ".ts")]) {
    shown.push(...importsIn(readFileSync(file, "utf8"), file.slice(ROOT.length + 1)));
  }
  for (const file of filesUnder(join(ROOT, "examples"), ".ipynb")) {
    const notebook = JSON.parse(readFileSync(file, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    for (const cell of notebook.cells) if (cell.cell_type === "code") shown.push(...importsIn([cell.source].flat().join(""), file.slice(ROOT.length + 1)));
  }
  return shown;
}

/** The runtime dependency closure of the package, as folders in this repository's node_modules. */
function dependencyClosure(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, from: string): void => {
    if (found.has(name)) return;
    // Walk up from the dependent's folder, as Node resolution does.
    let dir = from;
    for (;;) {
      const candidate = join(dir, "node_modules", name);
      if (existsSync(join(candidate, "package.json"))) {
        found.set(name, candidate);
        const manifest = JSON.parse(readFileSync(join(candidate, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
        for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, candidate);
        return;
      }
      const parent = dirname(dir);
      if (parent === dir) throw new Error(`runtime dependency ${name} is not installed`);
      dir = parent;
    }
  };
  for (const name of Object.keys(pkg.dependencies ?? {})) visit(name, ROOT);
  return found;
}

/** Set to 1 by .ci/run: pack the dist/ that `npm ci` has just built instead of building it again (~25 s of CPU). */
const PACK_BUILT_DIST = "QALY_TEST_PACK_BUILT_DIST";

const run = (command: string, args: readonly string[], cwd: string): string => execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let work: string;
let consumer: string;
let tarball: string;
const shown = shownImports();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "qaly-package-"));
  // Build once into a staging copy of the package (the repository's dist/ is left alone), then pack it.
  const stage = join(work, "stage");
  if (process.env[PACK_BUILT_DIST] === "1") {
    // CI (.ci/run) has just built dist/ in a fresh clone (npm ci runs `prepare`: tsc and the bundles), which is
    // exactly what this build makes; a developer's dist/ may be stale or hold files of deleted sources, so it is
    // used only when CI says so.
    if (!existsSync(join(ROOT, "dist", "cli", "qaly-cli.cjs"))) throw new Error(`${PACK_BUILT_DIST}=1 but dist/ has no built command line: run npm run build`);
    cpSync(join(ROOT, "dist"), join(stage, "dist"), { recursive: true });
  } else {
    run(process.execPath, [TSC, "-p", join(ROOT, "tsconfig.json"), "--outDir", join(stage, "dist")], ROOT);
    // The bundles `npm run build` and `prepare` add (mathjs's parser, the workers' PSA task, the command line), in this order.
    run(process.execPath, [join(ROOT, "scripts", "bundle-mathjs-parse.mjs"), join(stage, "dist", "files", "mathjs-parse.js")], ROOT);
    // bundle-psa-task.mjs imports the staged dist/node/load-model.js (its export names, and building a model for the
    // code cache): its packages resolve through a link to the repository's node_modules, removed before packing.
    const modules = join(stage, "node_modules");
    symlinkSync(join(ROOT, "node_modules"), modules, "dir");
    try {
      for (const script of ["bundle-psa-task.mjs", "bundle-cli.mjs"]) run(process.execPath, [join(ROOT, "scripts", script), join(stage, "dist")], ROOT);
    } finally {
      rmSync(modules);
    }
  }
  for (const name of ["package.json", "README.md", "LICENSE", "models"]) cpSync(join(ROOT, name), join(stage, name), { recursive: true });
  // The API reference (`npm run docs`, ~10 MB of HTML in dist/docs/) is not part of the package: a page stands in for it.
  mkdirSync(join(stage, "dist", "docs"), { recursive: true });
  writeFileSync(join(stage, "dist", "docs", "index.html"), "<!doctype html>\n");
  const packed = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], stage)) as { filename: string }[];
  tarball = join(work, packed[0]!.filename);

  consumer = join(work, "consumer");
  const installed = join(consumer, "node_modules", pkg.name);
  mkdirSync(installed, { recursive: true });
  run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], work);
  // The consumer type-checks against Node's types; a runtime dependency may already bring them (exceljs does).
  const links = dependencyClosure();
  if (!links.has("@types/node")) links.set("@types/node", join(ROOT, "node_modules", "@types", "node"));
  for (const [name, folder] of links) {
    mkdirSync(dirname(join(consumer, "node_modules", name)), { recursive: true });
    symlinkSync(folder, join(consumer, "node_modules", name), "dir");
  }
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { [pkg.name]: `file:${tarball}` } }, null, 2));
}, 180_000);

// Removing the staging build and the unpacked package took over 10 s on the shared machine under load.
afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
}, 60_000);

interface TypeCheck {
  /** tsc's diagnostics outside the installed models: the consumer's own files, the dependencies' .d.ts, tsc itself. */
  readonly consumer: string;
  /** tsc's diagnostics outside the consumer's own files: the installed models, the dependencies' .d.ts, tsc itself. */
  readonly models: string;
  /** Which of the consumer's own files the program read. */
  readonly consumerFiles: readonly string[];
  /** How many of the installed package's model files the program read. */
  readonly modelFiles: number;
}

const typeChecks = new Map<boolean, TypeCheck>();

/**
 * One tsc program per setting (strict, skipLibCheck: false, with or without exactOptionalPropertyTypes) over the consumer's
 * files and the installed models, listing the files it read: with skipLibCheck off, most of tsc's time is checking the
 * dependencies' .d.ts, so a program per question (and one more to list files) repeated that work four times.
 */
function typeCheck(exactOptionalPropertyTypes: boolean): TypeCheck {
  const cached = typeChecks.get(exactOptionalPropertyTypes);
  if (cached !== undefined) return cached;
  if (!existsSync(join(consumer, "imports.ts"))) writeConsumerFiles();
  const models = `node_modules/${pkg.name}/models/`;
  const project = `tsconfig.${exactOptionalPropertyTypes ? "exact" : "strict"}.json`;
  writeFileSync(
    join(consumer, project),
    JSON.stringify({
      compilerOptions: { target: "ES2022", lib: ["ES2022"], module: "NodeNext", moduleResolution: "NodeNext", types: ["node"], strict: true, exactOptionalPropertyTypes, skipLibCheck: false, noEmit: true },
      include: exactOptionalPropertyTypes ? [`${models}**/*.ts`] : ["*.ts", `${models}**/*.ts`],
    }),
  );
  let output: string;
  try {
    output = run(process.execPath, [TSC, "-p", project, "--listFiles", "--pretty", "false"], consumer);
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  // --listFiles prints absolute paths; diagnostics name files relative to the consumer (continuation lines are indented).
  const lines = output.split("\n").filter((line) => line !== "");
  const diagnostics: string[][] = [];
  for (const line of lines) {
    if (line.startsWith("/")) continue;
    if (/^\s/.test(line) && diagnostics.length > 0) diagnostics.at(-1)!.push(line);
    else diagnostics.push([line]);
  }
  const own = ["imports.ts", "quick-start.ts"];
  const inModels = (diagnostic: readonly string[]): boolean => diagnostic[0]!.startsWith(models);
  const inOwn = (diagnostic: readonly string[]): boolean => own.some((file) => diagnostic[0]!.startsWith(`${file}(`));
  const result: TypeCheck = {
    consumer: diagnostics.filter((d) => !inModels(d)).flat().join("\n"),
    models: diagnostics.filter((d) => !inOwn(d)).flat().join("\n"),
    consumerFiles: own.filter((file) => lines.includes(join(consumer, file))),
    modelFiles: lines.filter((line) => line.startsWith("/") && line.includes(`/node_modules/${pkg.name}/models/`)).length,
  };
  typeChecks.set(exactOptionalPropertyTypes, result);
  return result;
}

/** The consumer's files: every shown import under an alias, and the README's quick start as a user would paste it. */
function writeConsumerFiles(): void {
  const lines: string[] = [];
  const byEntry = new Map<string, Map<string, boolean>>();
  for (const item of shown) {
    const names = byEntry.get(item.entry) ?? new Map<string, boolean>();
    names.set(item.name, (names.get(item.name) ?? true) && item.typeOnly);
    byEntry.set(item.entry, names);
  }
  let index = 0;
  for (const [entry, names] of byEntry) {
    const aliases = [...names].map(([name, typeOnly]) => `${typeOnly ? "type " : ""}${name} as _${index}_${name}`);
    lines.push(`import { ${aliases.join(", ")} } from "${entry}";`);
    lines.push(`export type { ${[...names.keys()].map((name) => `_${index}_${name}`).join(", ")} };`);
    index++;
  }
  writeFileSync(join(consumer, "imports.ts"), `${lines.join("\n")}\n`);
  const quickStart = /```ts\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, "README.md"), "utf8"));
  writeFileSync(join(consumer, "quick-start.ts"), `${quickStart?.[1] ?? ""}\nexport {};\n`);
}

describe("the installed package", () => {
  it("finds imports to check in the README, docs, examples and models", () => {
    expect(shown.length).toBeGreaterThan(50);
    expect(new Set(shown.map((item) => item.entry))).toEqual(new Set(ENTRIES));
  });

  it("every import shown names an entry the package exports", () => {
    const unknown = shown.filter((item) => !ENTRIES.includes(item.entry)).map((item) => `${item.where}: ${item.entry}`);
    expect(unknown).toEqual([]);
  });

  it("ships the compiled entries, the bundled models and data, and no sources or tests", () => {
    const listing = run("tar", ["-tzf", tarball], work).split("\n");
    expect(listing).toContain("package/dist/index.js");
    expect(listing).toContain("package/dist/qaly-files.d.ts");
    expect(listing).toContain("package/models/data/sweden-life-table-hmd-2018-2020.csv");
    expect(listing.filter((path) => path.startsWith("package/src/") || path.startsWith("package/test/"))).toEqual([]);
    expect(listing.filter((path) => path.startsWith("package/dist/docs/"))).toEqual([]);
  });

  it("imports every entry from ESM, with every value the docs, examples and models import", () => {
    const wanted = Object.fromEntries(ENTRIES.map((entry) => [entry, [...new Set(shown.filter((item) => item.entry === entry && !item.typeOnly).map((item) => item.name))]]));
    const script = `
      const wanted = ${JSON.stringify(wanted)};
      const missing = [];
      const counts = {};
      for (const [entry, names] of Object.entries(wanted)) {
        const module = await import(entry);
        counts[entry] = Object.keys(module).length;
        for (const name of names) if (module[name] === undefined) missing.push(entry + ": " + name);
      }
      const { readBundledData } = await import("qaly/node");
      const { parseLifeTableCsv } = await import("qaly");
      const table = parseLifeTableCsv(readBundledData("sweden-life-table-hmd-2018-2020"), { year: 2019 });
      const dataPath = fileURLToPath(import.meta.resolve("qaly/data/sweden-life-table-hmd-2018-2020.csv"));
      console.log(JSON.stringify({ missing, counts, table: typeof table, dataPath }));
    `;
    writeFileSync(join(consumer, "check.mjs"), `import { fileURLToPath } from "node:url";\n${script}`);
    const result = JSON.parse(run(process.execPath, ["check.mjs"], consumer)) as { missing: string[]; counts: Record<string, number>; table: string; dataPath: string };
    expect(result.missing).toEqual([]);
    for (const entry of ENTRIES) expect(result.counts[entry], entry).toBeGreaterThan(0);
    expect(result.table).toBe("object");
    expect(result.dataPath.startsWith(join(consumer, "node_modules", pkg.name))).toBe(true);
  });

  it("modelFileTask names the installed package's single-file task bundle, and a pool of 2 built from it gives runPsaSync's PSA bit for bit", () => {
    const script = `
      const { createPsaWorkerPool, modelFileTask, psaTask } = await import("qaly/node");
      const { runPsaSync } = await import("qaly");
      const task = modelFileTask("sick-sicker");
      const pool = await createPsaWorkerPool(task, { workers: 2 });
      const psa = await pool.run({ samples: 300, seed: 5, checkEvery: 32 });
      await pool.close();
      const own = await psaTask("sick-sicker", null, null);
      const expected = runPsaSync(own.model, own.parameters, { samples: 300, seed: 5 });
      const same = Buffer.from(psa.buffer.buffer).equals(Buffer.from(expected.buffer.buffer));
      console.log(JSON.stringify({ module: String(task.module), same }));
    `;
    writeFileSync(join(consumer, "task.mjs"), script);
    const result = JSON.parse(run(process.execPath, ["task.mjs"], consumer)) as { module: string; same: boolean };
    expect(result.module).toMatch(new RegExp(`/node_modules/${pkg.name}/dist/node/load-model\\.bundle\\.js$`));
    expect(result.same).toBe(true);
  }, 60_000);

  it("runs a bundled TypeScript project under tsx with 2 worker threads, as with 1 (the workers load project.ts through tsx too)", () => {
    // tsx is the user's (docs/cli.md: `npx tsx node_modules/.bin/qaly run …/project.ts`); the test lends it the repository's.
    const tsx = join(consumer, "node_modules", "tsx");
    if (!existsSync(tsx)) symlinkSync(join(ROOT, "node_modules", "tsx"), tsx, "dir");
    const cli = join("node_modules", pkg.name, "dist", "cli", "main.js");
    const project = join("node_modules", pkg.name, "models", "nsclc-gene-panel", "project.ts");
    for (const workers of ["1", "2"]) run(process.execPath, ["--import", "tsx", cli, "run", project, "--psa", "120", "--no-dsa", "--quiet", "--workers", workers, "--out", `ts-run-${workers}`], consumer);
    const draws = (workers: string): string => readFileSync(join(consumer, `ts-run-${workers}`, "psa-draws.csv"), "utf8");
    expect(draws("1").split("\n").length).toBeGreaterThan(120);
    expect(draws("2")).toBe(draws("1"));
  }, 180_000);

  it("type-checks a consumer of every shown import with strict and skipLibCheck: false", () => {
    const result = typeCheck(false);
    expect(result.consumerFiles).toEqual(["imports.ts", "quick-start.ts"]);
    expect(result.consumer).toBe("");
  }, 180_000);

  it("type-checks the bundled TypeScript models as installed (they name types through the namespaces: Tree.Node, Dsa.Scenario, …)", () => {
    // The models import "qaly" by name, so this checks the published .d.ts, type namespaces included, as a user's model would see them:
    // with `strict` alone (a user's usual setting) and with the repository's exactOptionalPropertyTypes.
    for (const exactOptionalPropertyTypes of [false, true]) {
      const result = typeCheck(exactOptionalPropertyTypes);
      expect(result.modelFiles, `exactOptionalPropertyTypes: ${exactOptionalPropertyTypes}`).toBeGreaterThan(10);
      expect(result.models, `exactOptionalPropertyTypes: ${exactOptionalPropertyTypes}`).toBe("");
    }
  }, 180_000);
});
