import { stat } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { fail } from "../core/errors.js";
import type { ModelProject } from "../files/model-project.js";
import { projectPsaSetup, type ProjectPsaSetup } from "../project/project-psa-setup.js";
import { COMPILED, compileCheckedModelFile, compileModelFile } from "../files/compile-model-file.js";
import type { ModelFile } from "../files/model-file-schema.js";
import { applyScenario } from "../files/apply-scenario.js";
import { bundledDataName } from "../files/bundled-data.js";
import { bundledModel, bundledModelHint, MODEL_FILE_NAMES } from "./bundled-models.js";
import { bundledDataPath } from "./bundled-data.js";
import { readRegularFile } from "./read-regular-file.js";
import { parsedBundledModel } from "./parsed-models.js";
import { dataFileProblem, FILE_SIZE_LIMITS } from "../files/file-access.js";
import type { ResourceLimits } from "../files/resource-budget.js";

export { MODEL_FILE_NAMES } from "./bundled-models.js";

/** A loaded model: the project and where it came from. */
export interface LoadedModel {
  /** The project, ready for `runProject`. */
  readonly project: ModelProject;
  /** Absolute path of the file that defined it (`model.yaml`, `project.ts`, …). */
  readonly file: string;
  /** `"model-file"` for YAML/JSON, `"module"` for a TypeScript/JavaScript project module. */
  readonly kind: "model-file" | "module";
}

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /** Work and memory limits of a model file (default `RESOURCE_LIMITS`), as `compileModelFile` takes them. */
  readonly limits?: Partial<ResourceLimits> | undefined;
}

const MODEL_FILE_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
const MODULE_EXTENSIONS = new Set([".ts", ".mts", ".js", ".mjs"]);

/**
 * Loads a model from a path: a model file (`.yaml`, `.yml`, `.json`), a module exporting `project`
 * (a `ModelProject` built with the TypeScript API; `.ts` needs a TypeScript loader such as tsx),
 * or a folder holding one of {@link MODEL_FILE_NAMES}. A name that is not an existing path, such as
 * `"sick-sicker"`, is looked up among the models bundled in the package's `models/` folder. Data
 * tables named in a model file are read relative to the file; `qaly:<name>` reads a data table
 * bundled with the package (`models/data/`), so a model folder copied elsewhere runs unchanged.
 *
 * @param path - file or folder, relative to the working directory or absolute; or a bundled model's name
 * @param options - work and memory limits of a model file
 * @returns the project, its defining file and its kind
 * @throws QalyError `file_not_found` (path `["file", path]`; for a bare name, with the closest
 *   bundled model's name); `invalid_model` for a module without a
 *   `project` export; `parse_error` and every validation issue of a model file
 * @example
 * // import { loadModel } from "qaly/node";
 * // const { project } = await loadModel("models/sick-sicker");
 * // project.metadata.currency === "USD"
 * // (await loadModel("sick-sicker")).file is …/node_modules/qaly/models/sick-sicker/model.yaml
 */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  return load(path, options.limits, null);
}

/** {@link loadModel}, a model file compiled from what the calling thread checked of it when the file still holds that text. */
async function load(path: string, limits: Partial<ResourceLimits> | undefined, checked: CheckedModelText | null): Promise<LoadedModel> {
  const file = await modelFile(path);
  const extension = extname(file).toLowerCase();
  if (MODEL_FILE_EXTENSIONS.has(extension)) return { project: await compileFile(file, limits, checked), file, kind: "model-file" };
  if (MODULE_EXTENSIONS.has(extension)) return { project: await importProject(file), file, kind: "module" };
  return fail("invalid_argument", ["file", path], `cannot load "${path}": expected a .yaml, .yml or .json model file, a project.ts/.js module, or a folder holding one`, { received: path });
}

/**
 * The PSA task factory the worker pool calls in every worker (`export: "psaTask"` of this module):
 * loads the model at `path` and returns its PSA setup under `scenario`.
 *
 * @param path - absolute path of the model file or folder
 * @param scenario - scenario name, or `null` for the base case
 * @param limits - work and memory limits the model file was loaded with, or `null` for the defaults
 * @returns the model and the parameter sampler
 * @example
 * // runPsaParallel({ module: new URL("./load-model.js", import.meta.url), export: "psaTask", args: ["/abs/models/sick-sicker", null] }, { samples: 5000, seed: 1, workers: 4 })
 */
export async function psaTask(path: string, scenario: string | null = null, limits: Partial<ResourceLimits> | null = null): Promise<ProjectPsaSetup> {
  return checkedPsaTask(path, scenario, limits, null);
}

/**
 * What the calling thread has checked of a model file: the exact text it read and the definition
 * `checkModelFile` validated from that text. @internal
 */
export interface CheckedModelText {
  /** The file's text, as the calling thread read it. */
  readonly text: string;
  /** The validated definition of `text`. */
  readonly file: ModelFile;
}

/** Texts of the model files {@link loadModel} compiled, by project. */
const TEXTS = new WeakMap<ModelProject, string>();

/**
 * The {@link CheckedModelText} of a model file loaded in this thread, for {@link checkedPsaTask};
 * `null` for a project module. @internal
 *
 * @param loaded - a {@link loadModel} result
 * @returns its text and validated definition, or `null`
 * @example
 * // checkedModelText(await loadModel("sick-sicker"))?.file.strategies is the validated file's list of strategies
 */
export function checkedModelText(loaded: LoadedModel): CheckedModelText | null {
  const text = TEXTS.get(loaded.project);
  const compiled = COMPILED.get(loaded.project);
  return text === undefined || compiled === undefined ? null : { text, file: compiled.file };
}

/**
 * {@link psaTask} in a worker of `qaly run`, which passes what its own thread checked of the model
 * file (`checkedModelText`): when the file still holds exactly that text, the worker builds the
 * model from the validated definition instead of parsing and validating the text again (about half
 * of a worker's start); otherwise (another text, or `checked` null) it compiles the file as
 * `psaTask` does. Data tables are read with the same model-folder policy either way. @internal
 *
 * @param path - absolute path of the model file or folder
 * @param scenario - scenario name, or `null` for the base case
 * @param limits - work and memory limits, or `null` for the defaults
 * @param checked - the calling thread's {@link CheckedModelText} of the file, or `null`
 * @returns the model and the parameter sampler, as `psaTask` returns them
 * @example
 * // const args = [loaded.file, null, null, checkedModelText(loaded)];
 * // runPsaParallelWith({ module: new URL("./load-model.js", import.meta.url), export: "checkedPsaTask", args }, setup, options)
 */
export async function checkedPsaTask(path: string, scenario: string | null, limits: Partial<ResourceLimits> | null, checked: CheckedModelText | null): Promise<ProjectPsaSetup> {
  const chosen = withScenario(await load(path, limits ?? undefined, checked), scenario ?? undefined);
  return projectPsaSetup(chosen.project, chosen.scenario);
}

/** A project ready to run under a scenario, as {@link withScenario} returns it. */
export interface ScenarioProject {
  /** The project to run (a model file already rebuilt for the scenario). */
  readonly project: ModelProject;
  /** The scenario to pass to `runProject`: set only for TypeScript projects, whose scenarios `runProject` applies. */
  readonly scenario?: string;
}

/**
 * A loaded model under a named scenario. A model file is rebuilt for the scenario (`applyScenario`:
 * overrides fixed in the base case and every draw, derived values and settings recomputed); a
 * TypeScript project keeps its scenario name for `runProject`'s `scenario` option.
 *
 * @param loaded - a {@link loadModel} result
 * @param scenario - a scenario name, or `undefined` for the base case
 * @returns the project to run and the scenario name still to pass to `runProject` (if any)
 * @throws QalyError `unknown_scenario`
 * @example
 * // const { project, scenario } = withScenario(await loadModel("models/sick-sicker"), "Cheaper treatment B");
 * // await runProject(project, { psa: 1000, ...(scenario === undefined ? {} : { scenario }) });
 */
export function withScenario(loaded: LoadedModel, scenario: string | undefined): ScenarioProject {
  if (scenario === undefined) return { project: loaded.project };
  if (loaded.kind === "model-file") return { project: applyScenario(loaded.project, scenario) };
  return { project: loaded.project, scenario };
}

async function modelFile(path: string): Promise<string> {
  const absolute = isAbsolute(path) ? path : resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined) {
    // A bare name (no folder in it) that is not a path here may be a bundled model.
    const bare = !path.includes("/") && !path.includes(sep);
    const bundled = bare ? bundledModel(path) : undefined;
    if (bundled?.file !== undefined) return join(bundled.folder, bundled.file);
    fail("file_not_found", ["file", path], `no such file or folder: ${path}${bare ? `; ${bundledModelHint(path)}` : ""}`, { received: path });
  }
  if (!info.isDirectory()) return absolute;
  for (const name of MODEL_FILE_NAMES) {
    const candidate = join(absolute, name);
    if ((await stat(candidate).catch(() => undefined))?.isFile() === true) return candidate;
  }
  return fail("file_not_found", ["file", path], `the folder ${path} holds none of ${MODEL_FILE_NAMES.join(", ")}`, { received: path, expected: MODEL_FILE_NAMES.join(", ") });
}

/**
 * Reads and compiles a model file with {@link dataReader}; from `checked`'s definition, not
 * validated again, when the file holds exactly the text `checked` was validated from.
 */
async function compileFile(file: string, limits: Partial<ResourceLimits> | undefined, checked: CheckedModelText | null): Promise<ModelProject> {
  // Messages name the file as the user would type it: relative to the working directory when inside it.
  const shown = relative(process.cwd(), file);
  const fileName = shown === "" || shown.startsWith("..") || isAbsolute(shown) ? file : shown;
  const text = readRegularFile(file, FILE_SIZE_LIMITS.modelFile, ["file", fileName]);
  const options = { fileName, readFile: dataReader(dirname(file)), ...(limits === undefined ? {} : { limits }) };
  if (checked !== null && checked.text === text) {
    const project = compileCheckedModelFile(text, checked.file, options);
    TEXTS.set(project, text);
    return project;
  }
  // A bundled model's file still as shipped: its YAML was parsed at build time.
  const parsedData = parsedBundledModel(file, text);
  const project = compileModelFile(text, parsedData === undefined ? options : { ...options, parsedData });
  TEXTS.set(project, text);
  return project;
}

/**
 * The `readFile` that `compileModelFile` is given for a model file in `folder`, enforcing the
 * model-folder policy: `qaly:<name>` reads data bundled with the package; any other name must be a
 * relative path (see `dataFileProblem`) to a regular file that, after symbolic links are resolved,
 * lies inside the folder, and is at most `maxBytes` long. Refusals never show the file's content. @internal
 *
 * @param folder - the model file's folder
 * @param maxBytes - the largest data file read (default `FILE_SIZE_LIMITS.dataFile`)
 * @returns the reader; it throws a QalyError `file_not_found`, `file_not_allowed` or
 *   `resource_limit` at `["file", name]` (the compiler moves it to the table's path)
 * @example
 * // compileModelFile(text, { fileName: "model.yaml", readFile: dataReader("models/nsclc-gene-panel") })
 */
export function dataReader(folder: string, maxBytes: number = FILE_SIZE_LIMITS.dataFile): (name: string) => string {
  return (name) => {
    const path = ["file", name];
    const bundled = bundledDataName(name);
    if (bundled !== undefined) return readRegularFile(bundledDataPath(bundled), maxBytes, path);
    const problem = dataFileProblem(name);
    if (problem !== undefined) fail("file_not_allowed", path, problem, { received: name });
    let home: string;
    let target: string;
    try {
      home = realpathSync(folder);
    } catch {
      return fail("file_not_found", path, `no such folder ${folder}`, { received: folder });
    }
    try {
      target = realpathSync(resolve(home, name));
    } catch {
      return fail("file_not_found", path, `no such file ${resolve(folder, name)}`, { received: name });
    }
    const inside = relative(home, target);
    if (inside === "" || inside.split(sep)[0] === ".." || isAbsolute(inside)) {
      fail("file_not_allowed", path, `a model file reads only files inside its own folder: "${name}" is a symbolic link (or goes through one) that leads outside it`, { received: name });
    }
    return readRegularFile(target, maxBytes, path);
  };
}

async function importProject(file: string): Promise<ModelProject> {
  const namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const candidate = (namespace.project ?? namespace.default) as Partial<ModelProject> | undefined;
  const missing = ["model", "parameters", "outcomes", "metadata", "wtp", "psa"].filter((key) => candidate?.[key as keyof ModelProject] === undefined);
  if (candidate === undefined || missing.length > 0) {
    fail("invalid_model", ["file", file], `${basename(file)} must export \`project\`, a ModelProject (missing: ${missing.join(", ")})`, { received: Object.keys(namespace) });
  }
  return { scenarios: {}, warnings: [], ...candidate, name: candidate.name ?? basename(dirname(file)) } as ModelProject;
}
