// V8 code caches for qaly's bundled scripts (scripts/bundle-cli.mjs, scripts/bundle-psa-task.mjs):
// a small ES-module launcher runs a CommonJS script compiled by node:vm with the cache made here, and
// the script's dynamic imports of files known only at run time go through the launcher's import().
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

// The wrapper the script is compiled in: the cache is only accepted for the same text.
const WRAP_OPEN = "(function (exports, require, module, __filename, __dirname, __qalyImport) {";
const WRAP_CLOSE = "\n})";

/**
 * The script's `import(url)` calls (not `import("./x.js")`, nor the text of a worker's `import(${...})`)
 * as calls of the launcher's import(), passed in as __qalyImport: a node:vm script has no import()
 * of its own in Node 20 (experimental, warns, and lost with a code cache).
 */
export function viaLauncherImport(text) {
  return text.replace(/(?<![\w.$`])import\((?=[A-Za-z_])/g, "__qalyImport(");
}

/** The launcher: `header` (comment lines), then code that runs ./<script> with ./<cache> when V8 accepts it, then `tail`. */
export function launcherSource(header, script, cache, tail = "") {
  return `${header}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const file = fileURLToPath(new URL("./${script}", import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(fileURLToPath(new URL("./${cache}", import.meta.url)));
} catch {
  // No cache: V8 compiles the source.
}
const source = ${JSON.stringify(WRAP_OPEN)} + readFileSync(file, "utf8") + ${JSON.stringify(WRAP_CLOSE)};
const script = new Script(source, { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), (specifier) => import(specifier));
${tail}`;
}

/**
 * Compiles `text` (the script at `file`) as the launcher does, runs it, awaits `warmUp(exports)`
 * and writes the code V8 compiled by then to `cache`. A failure only warns (`what` says who starts
 * without the cache): the cache is never required.
 */
export async function writeCodeCache(file, text, cache, warmUp, what) {
  try {
    const script = new Script(WRAP_OPEN + text + WRAP_CLOSE, { filename: file });
    const module = { exports: {} };
    script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), (specifier) => import(specifier));
    await warmUp(module.exports);
    writeFileSync(cache, script.createCachedData());
  } catch (error) {
    console.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
