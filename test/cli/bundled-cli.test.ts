// The bundled command line (scripts/bundle-cli.mjs, written by `npm run build` over dist/cli/main.js):
// one CommonJS script run by main.js with V8's code cache of it. It must print what the command line
// from the sources prints, with the cache, without it and with a cache V8 rejects; find the package's
// models and data from its compiled location; name every bundled package and licence; and report a
// project module's QalyError (made by the library's copy of core/errors.js, not the script's) as a
// model error (exit 1, its issues) and not as an unexpected error; the bundled models' files are
// parsed at build time. Built into a temporary dist/
// holding only what it reads.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transformSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qaly as inProcess } from "./run-in-process.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
let work: string;
let cli: string;

function bundled(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...argv], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "qaly-bundled-cli-"));
  // A package folder: the bundle finds models/ from its files' compiled location, as in node_modules/qaly.
  cpSync(join(ROOT, "package.json"), join(work, "package.json"));
  symlinkSync(join(ROOT, "models"), join(work, "models"), "dir");
  symlinkSync(join(ROOT, "node_modules"), join(work, "node_modules"), "dir");
  // The one compiled file the bundle imports (the rest of dist/ is what tsc writes for the library).
  mkdirSync(join(work, "dist/core"), { recursive: true });
  mkdirSync(join(work, "dist/cli"), { recursive: true });
  writeFileSync(join(work, "dist/core/errors.js"), transformSync(readFileSync(join(ROOT, "src/core/errors.ts"), "utf8"), { loader: "ts", format: "esm" }).code);
  execFileSync(process.execPath, [join(ROOT, "scripts/bundle-cli.mjs"), join(work, "dist")], { cwd: ROOT, stdio: "pipe" });
  cli = join(work, "dist/cli/main.js");
}, 120_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe("the bundled command line (scripts/bundle-cli.mjs)", () => {
  it("is an executable entry, a script that names the packages and licences bundled in it, and a code cache", () => {
    const main = readFileSync(cli, "utf8");
    expect(main.startsWith("#!/usr/bin/env node\n// qaly's command line")).toBe(true);
    expect(readdirSync(join(work, "dist/cli")).sort()).toEqual(["main.js", "qaly-cli.cache", "qaly-cli.cjs"]);
    // The bundled models parsed at build time (src/node/parsed-models.ts), each with the text it was parsed from.
    const parsed = JSON.parse(readFileSync(join(work, "dist/node/parsed-models/sick-sicker.json"), "utf8")) as { file: string; text: string };
    expect(parsed.file).toBe("model.yaml");
    expect(parsed.text).toBe(readFileSync(join(ROOT, "models/sick-sicker/model.yaml"), "utf8"));
    const script = readFileSync(join(work, "dist/cli/qaly-cli.cjs"), "utf8");
    expect(script.startsWith("// qaly's command line (src/cli/main.ts), bundled by scripts/bundle-cli.mjs with:\n")).toBe(true);
    const banner = script.slice(0, script.indexOf("\nvar __qalyCliUrl")).split("\n").filter((line) => line.startsWith("//   ")).join("\n");
    expect(banner).toMatch(/^\/\/ {3}zod \d+\.\d+\.\d+ \(MIT\)$/m);
    expect(banner).toMatch(/^\/\/ {3}yaml \d+\.\d+\.\d+ \(ISC\)$/m);
    // mathjs's parser is bundled on its own first: its packages are named all the same.
    expect(banner).toMatch(/^\/\/ {3}mathjs \d+\.\d+\.\d+ \(Apache-2\.0\)$/m);
    expect(banner).toMatch(/^\/\/ {3}typed-function \d+\.\d+\.\d+ \(MIT\)$/m);
    // exceljs is required from node_modules where a workbook is written, not bundled.
    expect(banner).not.toMatch(/exceljs/);
    expect(script).toContain('require("exceljs")');
  });

  it("runs the same without the code cache and with one V8 rejects", async () => {
    const cache = join(work, "dist/cli/qaly-cli.cache");
    const good = readFileSync(cache);
    const expected = await inProcess("validate", "sick-sicker");
    try {
      rmSync(cache);
      expect(await bundled("validate", "sick-sicker")).toEqual(expected);
      writeFileSync(cache, Buffer.from("not a V8 code cache"));
      expect(await bundled("validate", "sick-sicker")).toEqual(expected);
      writeFileSync(cache, good.subarray(0, good.length >> 1));
      expect(await bundled("validate", "sick-sicker")).toEqual(expected);
    } finally {
      writeFileSync(cache, good);
    }
  });

  it.concurrent.each([
    ["validate", "sick-sicker"],
    ["describe", "sick-sicker"],
    ["validate", "models/nsclc-gene-panel"],
    ["list"],
    ["validate", "no-such-model"],
    ["run", "sick-sicker", "--bogus"],
  ].map((argv) => [argv.join(" "), argv] as const))("qaly %s prints what the sources print, with the same exit code", async (_, argv) => {
    const [fromBundle, fromSources] = [await bundled(...argv), await inProcess(...argv)];
    expect(fromBundle).toEqual(fromSources);
  });

  it("reports a project module's QalyError as a model error with its issues", async () => {
    const folder = join(work, "project");
    mkdirSync(folder);
    const errors = pathToFileURL(join(work, "dist/core/errors.js")).href;
    writeFileSync(join(folder, "project.mjs"), `import { QalyError } from ${JSON.stringify(errors)};\nthrow new QalyError([{ code: "invalid_parameter", path: ["parameters", "x"], message: "x must be positive" }]);\n`);
    const result = await bundled("validate", join(folder, "project.mjs"));
    expect(result.stderr).toBe("qaly validate: 1 issue\n  ✖ invalid_parameter: x must be positive\n    → at parameters.x\n");
    expect(result.code).toBe(1);
  });
});
