import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closestName } from "../core/closest-name.js";

// The models shipped in the package's models/ folder, found from this module's own location, so
// they are found the same way from the repository (src/, dist/) and from node_modules. Bundled data
// tables (models/data/) are in bundled-data.ts.

/** Files looked for, in this order, when a folder is given. */
export const MODEL_FILE_NAMES = ["model.yaml", "model.yml", "model.json", "project.ts", "project.js", "project.mjs"] as const;

/** A model folder bundled in the package. */
export interface BundledModel {
  /** The folder's name, which `qaly run <name>` and `loadModel(name)` accept. */
  readonly name: string;
  /** Absolute path of the folder. */
  readonly folder: string;
  /** The first of {@link MODEL_FILE_NAMES} in the folder, or `undefined` for a TypeScript-only reference model. */
  readonly file: string | undefined;
}

/**
 * The package's `models/` folder: the nearest ancestor of this module holding `package.json` and
 * `models/`.
 *
 * @returns its absolute path, or `undefined` when the package was installed without it
 * @example
 * bundledModelsFolder()?.endsWith("models") // => true
 */
export function bundledModelsFolder(): string | undefined {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, "package.json")) && existsSync(join(folder, "models"))) return join(folder, "models");
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * The bundled model folders, sorted by name (the `data` folder is not a model).
 *
 * @returns name, folder and model file of each
 * @example
 * bundledModels().some((m) => m.name === "sick-sicker" && m.file === "model.yaml") // => true
 */
export function bundledModels(): readonly BundledModel[] {
  const root = bundledModelsFolder();
  if (root === undefined) return [];
  return readdirSync(root)
    .filter((name) => name !== "data" && statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => {
      const folder = join(root, name);
      const file = MODEL_FILE_NAMES.find((candidate) => existsSync(join(folder, candidate)));
      return { name, folder, file };
    });
}

/**
 * The runnable bundled model with this folder name (one holding a model file or project module).
 *
 * @param name - a folder name such as `"sick-sicker"`
 * @returns the model, or `undefined`
 * @example
 * bundledModel("sick-sicker")?.file // => "model.yaml"
 * bundledModel("data") // => undefined
 */
export function bundledModel(name: string): BundledModel | undefined {
  return bundledModels().find((model) => model.name === name && model.file !== undefined);
}

/**
 * The sentence that explains an unknown model name: the closest bundled model, then all of them.
 *
 * @param name - the name as typed
 * @returns e.g. `did you mean the bundled model 'sick-sicker'? (bundled models: …; see qaly list)`
 * @example
 * bundledModelHint("sick-sickr").startsWith("did you mean the bundled model 'sick-sicker'?") // => true
 */
export function bundledModelHint(name: string): string {
  const names = bundledModels().filter((model) => model.file !== undefined).map((model) => model.name);
  if (names.length === 0) return "no bundled models were found";
  const close = closestName(name, names);
  const list = `bundled models: ${names.join(", ")}`;
  return close === undefined ? `nor is it a bundled model (${list})` : `did you mean the bundled model '${close}'? (${list})`;
}
