// Browser bundle size of the browser-safe entries: each bundled alone with esbuild (minified, ESM,
// browser platform, tree-shaken), from the sources, with every export kept.
//
// Which figure meets the target: a browser app ships its code with the licence comments in a
// separate file (esbuild `legalComments: "external"` or `"linked"`), so the target of the main entry
// (`qaly` ≤ 300 kB minified) is compared with that figure. esbuild's default (`legalComments:
// "eof"`) appends every bundled file's licence comment to the code (@stdlib has one per module, about
// 79 kB in the main entry); that inline size is printed too. The largest contributors are listed by
// package and, for the main entry, by source folder.
//
// A script keeps only what it imports (the package has no side effects), so two smaller bundles of
// the main entry are printed beside it: the README's quick start (its `import … from "qaly"` line)
// and `markovCohort` alone (the figure README quotes).
import { build, type BuildOptions } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = resolve(ROOT, "src");
const ENTRIES: readonly (readonly [string, string, number | undefined])[] = [
  ["qaly", "index.ts", 300],
  ["qaly/survival-fit", "qaly-survival-fit.ts", undefined],
  ["qaly/microsimulation", "qaly-microsimulation.ts", undefined],
  ["qaly/report", "report/index.ts", undefined],
  ["qaly/files", "qaly-files.ts", undefined],
];

/** The package a bundled input belongs to (`zod`, `@stdlib/…`), or `qaly` for the sources. */
function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match === null ? "qaly" : match[1]!.startsWith("@stdlib/") ? "@stdlib/*" : match[1]!;
}

/** The layer folder of one of qaly's sources (`models/markov`, `analysis/dsa`, `survival`), or `undefined` for a package's file. */
function folderOf(path: string): string | undefined {
  const match = /^src\/(.*)\/[^/]+$/.exec(path);
  if (path.includes("node_modules") || match === null) return undefined;
  const parts = match[1]!.split("/");
  return ["models", "analysis", "survival"].includes(parts[0]!) && parts.length > 1 ? parts.slice(0, 2).join("/") : parts[0]!;
}

interface BundleSize {
  /** Bytes with the licence comments inline (esbuild's default, `legalComments: "eof"`). */
  readonly inline: number;
  /** Bytes of the code alone (`legalComments: "external"`): what a browser app ships. */
  readonly code: number;
  /** Gzipped bytes of the code alone. */
  readonly gzip: number;
  readonly byPackage: Map<string, number>;
  readonly byFolder: Map<string, number>;
}

/** Minified bytes of one bundle, with the bytes per package and per source folder. */
async function bundleSize(input: Pick<BuildOptions, "entryPoints" | "stdin">): Promise<BundleSize> {
  // One set of options for both builds, so the two sizes differ only in where the licences go.
  const options = { ...input, bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false as const, logLevel: "silent", outfile: "bundle.js" } satisfies BuildOptions;
  const inline = await build({ ...options, metafile: true });
  const external = await build({ ...options, legalComments: "external" });
  const code = external.outputFiles.find((file) => file.path.endsWith("bundle.js"))!.contents;
  const byPackage = new Map<string, number>();
  const byFolder = new Map<string, number>();
  for (const output of Object.values(inline.metafile.outputs)) {
    for (const [path, entry] of Object.entries(output.inputs)) {
      byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + entry.bytesInOutput);
      const folder = folderOf(path);
      if (folder !== undefined) byFolder.set(folder, (byFolder.get(folder) ?? 0) + entry.bytesInOutput);
    }
  }
  return { inline: inline.outputFiles[0]!.contents.length, code: code.length, gzip: gzipSync(code).length, byPackage, byFolder };
}

/** A bundle of some of the main entry's exports, as a script importing them would ship. */
function mainEntryImports(names: readonly string[]): Pick<BuildOptions, "stdin"> {
  return { stdin: { contents: `export { ${names.join(", ")} } from ${JSON.stringify(resolve(SRC, "index.ts"))};`, resolveDir: ROOT, loader: "ts" } };
}

/** The barrels of the engines and analyses every decision model needs (Markov and tree models, testing pathways, parameters, PSA, ICERs). */
const CORE_FOLDERS = ["models/markov/index.ts", "models/tree/index.ts", "pathways/index.ts", "parameters/index.ts", "distributions/index.ts", "analysis/psa/index.ts", "analysis/cea/index.ts", "analysis/run/index.ts", "random/rng.ts", "core/errors.ts"] as const;

/** A bundle of every export of some of the sources' barrels. */
function folderExports(barrels: readonly string[]): Pick<BuildOptions, "stdin"> {
  return { stdin: { contents: barrels.map((barrel) => `export * from ${JSON.stringify(resolve(SRC, barrel))};`).join("\n"), resolveDir: ROOT, loader: "ts" } };
}

/** The values the README's quick start imports from "qaly". */
function quickStartImports(): string[] {
  const readme = readFileSync(resolve(ROOT, "README.md"), "utf8");
  const line = /```ts\n[\s\S]*?import \{([^}]*)\} from "qaly";/.exec(readme);
  if (line === null) throw new Error("README.md: no quick start importing from \"qaly\"");
  return line[1]!.split(",").map((name) => name.trim()).filter((name) => name !== "" && !name.startsWith("type "));
}

const kB = (bytes: number): string => (bytes / 1000).toFixed(0);

export async function bench(): Promise<void> {
  console.log("browser bundle (esbuild, minified, tree-shaken; each entry alone, every export kept); code = licences in an external file (what an app ships)");
  for (const [name, entry, target] of ENTRIES) {
    const { inline, code, gzip, byPackage, byFolder } = await bundleSize({ entryPoints: [resolve(SRC, entry)] });
    const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([pkg, size]) => `${pkg} ${kB(size)}`).join(", ");
    const goal = target === undefined ? "" : ` (target ≤ ${target} kB for the code: ${code <= target * 1000 ? "met" : "not met"})`;
    console.log(`  ${name.padEnd(20)} code ${kB(code).padStart(5)} kB, gzip ${kB(gzip).padStart(4)} kB; with licence comments inline ${kB(inline)} kB${goal}; largest: ${largest} kB`);
    if (target === undefined) continue;
    // Where the main entry's own code goes, for deciding what belongs in it.
    console.log(`    its qaly sources by folder: ${[...byFolder].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([folder, size]) => `${folder} ${kB(size)}`).join(", ")} kB`);
    for (const [label, names] of [["README quick start", quickStartImports()], ["markovCohort alone", ["markovCohort"]]] as const) {
      const part = await bundleSize(mainEntryImports(names));
      console.log(`    ${label.padEnd(20)} code ${kB(part.code).padStart(5)} kB, gzip ${kB(part.gzip).padStart(4)} kB (${names.length} import${names.length === 1 ? "" : "s"}; largest: ${[...part.byPackage].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([pkg, size]) => `${pkg} ${kB(size)}`).join(", ")} kB)`);
    }
    // What no split of the entry goes below while it holds "models, parameters, PSA, analyses": every
    // export of the folders a cost-effectiveness decision with a testing pathway needs, nothing else
    // (no PSM or survival, VOI, DSA, BIA, calibration).
    const core = await bundleSize(folderExports(CORE_FOLDERS));
    console.log(`    ${"core folders alone".padEnd(20)} code ${kB(core.code).padStart(5)} kB, gzip ${kB(core.gzip).padStart(4)} kB (every export of ${CORE_FOLDERS.map((folder) => folder.replace(/\/index\.ts$|\.ts$/, "")).join(", ")}; largest: ${[...core.byPackage].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([pkg, size]) => `${pkg} ${kB(size)}`).join(", ")} kB)`);
  }
}
