// Shared by the bundling scripts: builds an esbuild bundle whose first lines name every package that
// left code in it, with its version and licence (tree-shaking drops some of the imported ones).
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** `name version (licence)` of the package a bundled file belongs to. */
function packageLine(path) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (match === null) return undefined;
  const manifest = JSON.parse(readFileSync(join(ROOT, match[1], "package.json"), "utf8"));
  return `${manifest.name} ${manifest.version} (${manifest.license})`;
}

/**
 * Bundles `options.entryPoints` into `outfile`, opening with `title` and one line per bundled package,
 * then `extra` banner lines (code the bundle needs first).
 */
export async function bundleWithCredits(options, outfile, title, extra = []) {
  const probe = await build({ ...options, write: false, metafile: true });
  const kept = Object.values(probe.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path));
  const packages = [...new Set(kept.map(packageLine).filter((line) => line !== undefined))].sort();
  const banner = [`// ${title}`, ...packages.map((line) => `//   ${line}`), ...extra].join("\n");
  await build({ ...options, outfile, banner: { js: banner } });
  rmSync(`${outfile}.map`, { force: true });
}
