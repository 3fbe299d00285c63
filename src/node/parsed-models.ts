import { readFileSync } from "node:fs";
import { basename, dirname, relative, sep } from "node:path";
import { bundledModelsFolder } from "./bundled-models.js";

// The bundled models' files parsed at build time (scripts/bundle-cli.mjs writes dist/node/parsed-models/):
// reading a 5 kB YAML file with the yaml package cost `qaly validate sick-sicker` some 50 ms of its
// start (cold code, run once), JSON.parse of the same data well under 1 ms. An entry is used only for
// a file that holds exactly the text it was made from, so an edited bundled model is parsed as usual.

/** One bundled model file parsed at build time. @internal */
export interface ParsedModel {
  /** The model file's name in its folder (`model.yaml`). */
  readonly file: string;
  /** The text it was parsed from. */
  readonly text: string;
  /** What `parseModelText` made of it (with no issues), as JSON. */
  readonly data: unknown;
}

/** The folder of the cache: next to the compiled module (dist/node/parsed-models/). */
const CACHE = new URL("./parsed-models/", import.meta.url);

/**
 * The data a bundled model file parses to, from the cache made at build time, when `file` is a
 * bundled model's file and holds exactly the text the entry was made from; otherwise `undefined`
 * (no cache, as under tsx from src/, another file, or an edited text). @internal
 *
 * @param file - absolute path of the model file
 * @param text - its contents, as read
 * @param cache - the cache folder (tests give their own)
 * @returns the parsed data, or `undefined`
 * @example
 * // parsedBundledModel("/…/models/sick-sicker/model.yaml", text) is the file's data from dist/node/parsed-models/sick-sicker.json
 */
export function parsedBundledModel(file: string, text: string, cache: URL = CACHE): unknown {
  const models = bundledModelsFolder();
  if (models === undefined) return undefined;
  const inside = relative(models, dirname(file));
  // Only a model folder directly under models/ (its name is the entry's name).
  if (inside === "" || inside.startsWith("..") || inside.includes(sep)) return undefined;
  let entry: Partial<ParsedModel>;
  try {
    entry = JSON.parse(readFileSync(new URL(`${encodeURIComponent(inside)}.json`, cache), "utf8")) as Partial<ParsedModel>;
  } catch {
    return undefined;
  }
  return entry.file === basename(file) && entry.text === text ? entry.data : undefined;
}
