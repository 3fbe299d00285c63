// `npm run bench`: runs every benchmark in this folder (or the ones named on the command line)
// and prints its figures. Speed targets are printed next to the measurements, never asserted.
// Each area runs in a fresh process, as a user's model runs in its own `qaly` process: in one shared
// process an area ran on the heap and the JIT state the areas before it left (call sites that other
// models had made polymorphic, a larger heap to collect), so its figures could depend on which areas
// ran first and `npm run bench X` could disagree with the full run for reasons other than the code.
//
// Each area runs as JavaScript, as the package ships: esbuild bundles the area with the sources it
// imports (packages stay imports, but for mathjs, whose parser is tree-shaken as in the package's
// dist/files/mathjs-parse.js), and a plain `node` runs the bundle. Under tsx (how this runner itself
// starts) the same code ran 10-20 % slower (2026-12-07, quiet machine, CPU: one esbuild bundle of the
// PSM area 125-136 ms plain, 146-167 ms with tsx's CommonJS hook loaded and nothing transformed; the
// AML model file's 10 000-draw PSA from tsc's dist/ 1.07-1.18 s first run, 0.75-0.84 s steady, from
// the sources under tsx 1.26-1.50 / 0.87-1.01 s, where the sources' mathjs-parse.ts also loads the
// whole published mathjs, ~600 files, which the package never loads). QALY_BENCH_TSX=1 runs the areas
// under tsx as before, for comparison.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cpus } from "node:os";
import { build, type Plugin } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, "../..");
const AREA = "QALY_BENCH_AREA";
const area = process.env[AREA];
/** Areas that need tsx in their own process: workers loads a TypeScript task module in its worker threads. */
const UNDER_TSX = new Set(["workers.ts"]);
/**
 * Where the bundles go: two folders below the root, as src/node is, so the `new URL("../../models/…",
 * import.meta.url)` its modules use to find bundled models and data still resolve in a bundle (out/ is
 * ignored by git and not in the package). A test file's import.meta.url is replaced by its own URL
 * (testFileUrls), wherever it sits.
 */
const BUNDLES = join(ROOT, "out", "bench");
/** The packages a bundle imports rather than contains (read once per run; declared above the top-level await that uses it). */
let externalPackages: string[] | undefined;

/** Replaces `import.meta.url` in the test folder's files with the file's own URL, so their relative paths to fixtures and reference values resolve from the bundle. */
const testFileUrls: Plugin = {
  name: "test-file-urls",
  setup(build) {
    build.onLoad({ filter: /[\\/]test[\\/].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
    }));
  },
};

if (area !== undefined) {
  // A child under tsx: one area, in this process.
  const module = (await import(pathToFileURL(`${here}/${area}`).href)) as { bench?: () => Promise<void> };
  if (typeof module.bench === "function") {
    console.log(`── ${area.replace(/\.ts$/, "")} ──`);
    await module.bench();
    console.log("");
  }
} else {
  const wanted = process.argv.slice(2);
  const files = readdirSync(here)
    .filter((name) => name.endsWith(".ts") && name !== "main.ts" && name !== "timing.ts")
    .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
    .sort();
  const underTsx = process.env.QALY_BENCH_TSX === "1";
  console.log(
    `qaly benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, one core unless stated; each area in a fresh process, ` +
      `${underTsx ? "the TypeScript sources under tsx (QALY_BENCH_TSX=1)" : `bundled by esbuild and run by plain node (${[...UNDER_TSX].map((name) => name.replace(/\.ts$/, "")).join(", ")} under tsx)`}\n`,
  );
  const failed: string[] = [];
  for (const name of files) {
    const child = underTsx || UNDER_TSX.has(name)
      ? // The same Node and loader flags (tsx's), so the child runs the TypeScript sources as this process does.
        spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env: { ...process.env, [AREA]: name }, stdio: "inherit" })
      : spawnSync(process.execPath, [await bundle(name)], { stdio: "inherit" });
    if (child.status !== 0) failed.push(`${name} (${child.signal ?? `exit ${child.status}`})`);
  }
  if (failed.length > 0) {
    console.error(`benchmarks that failed: ${failed.join(", ")}`);
    process.exitCode = 1;
  }
}

/** Bundles area `name` (a file in this folder) with a header and footer as the tsx child prints them; returns the bundle's path. */
async function bundle(name: string): Promise<string> {
  const external = (externalPackages ??= packagesKeptExternal());
  const outfile = join(BUNDLES, name.replace(/\.ts$/, ".mjs"));
  mkdirSync(BUNDLES, { recursive: true });
  const title = name.replace(/\.ts$/, "");
  await build({
    stdin: {
      contents: `import { bench } from ${JSON.stringify(`./${name}`)};\nconsole.log(${JSON.stringify(`── ${title} ──`)});\nawait bench();\nconsole.log("");\n`,
      resolveDir: here,
      sourcefile: `${title}-entry.ts`,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: [...external, ...external.map((pkg) => `${pkg}/*`)],
    outfile,
    logLevel: "warning",
    plugins: [testFileUrls],
    // Some packages are CommonJS: a bundled require() of a Node built-in needs a require in ESM.
    banner: { js: 'import { createRequire as __qalyCreateRequire } from "node:module"; const require = __qalyCreateRequire(import.meta.url);' },
  });
  return outfile;
}

/** Every dependency and dev dependency in package.json but mathjs. */
function packagesKeptExternal(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((pkg) => pkg !== "mathjs");
}
