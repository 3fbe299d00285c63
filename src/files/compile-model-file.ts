import { QalyError, type Issue, type SafeResult } from "../core/errors.js";
import type { ModelProject } from "./model-project.js";
import { modelFileSchema, type ModelFile } from "./model-file-schema.js";
import { parseModelText, type ModelFileIssue, type ParsedModelText } from "./parse-model-text.js";
import { buildProject } from "./build-project.js";
import { duplicateNames } from "./duplicate-names.js";
import { fileBudgetIssues, RESOURCE_LIMITS, type ResourceLimits } from "./resource-budget.js";
import { ownEntry } from "../core/own-entry.js";

/** Options of {@link compileModelFile} and {@link checkModelFile}. */
export interface CompileModelFileOptions {
  /** The file's name (e.g. `"models/sick-sicker/model.yaml"`): named in every error; its base name becomes the project name. */
  readonly fileName: string;
  /** `"yaml"` or `"json"`; by default from the file name (`.json` → JSON, otherwise YAML). */
  readonly format?: "yaml" | "json";
  /**
   * Reads a file next to the model file (data tables), given its path relative to the model file.
   * The caller supplies it, so the compiler itself never touches the file system (it runs in browsers).
   */
  readonly readFile?: (relativePath: string) => string;
  /** Work and memory limits (default `RESOURCE_LIMITS`); a model that needs more is a `resource_limit` issue. */
  readonly limits?: Partial<ResourceLimits>;
  /**
   * The plain data that `text` parses to without issues, when the caller knows it (a cache made at
   * build time from exactly this text, node/parsed-models.ts): validated and compiled as if parsed
   * here; the text is parsed only to locate an issue. @internal
   */
  readonly parsedData?: unknown;
}

/** What a compiled model file keeps to rebuild itself for a scenario. */
export interface CompiledFile {
  /** The validated file. */
  readonly file: ModelFile;
  /** The options it was compiled with. */
  readonly options: CompileModelFileOptions;
  /** Locates a file path's issue. */
  readonly locate: (issue: Issue) => ModelFileIssue;
}

/** Compiled projects → what they were compiled from (for {@link applyScenario}). @internal */
export const COMPILED = new WeakMap<ModelProject, CompiledFile>();

/**
 * Validates a model file and compiles it, without throwing.
 *
 * @param text - the file's contents (YAML or JSON)
 * @param options - file name, format and how to read data tables next to it
 * @returns `{ ok: true, value: project }` or `{ ok: false, issues }` with every problem of the file,
 *   each with code, YAML path, file, line and column
 * @example
 * const text = "metadata: { title: Demo, currency: SEK }\nstrategies: [Only]\nmodel:\n  type: decision-tree\n  root: { decision: { Only: { terminal: { payoffs: { cost: 1, qaly: 1 } } } } }\n";
 * checkModelFile(text, { fileName: "demo.yaml" }).ok // => true
 * checkModelFile("metadata: {}", { fileName: "bad.yaml" }).ok // => false
 */
export function checkModelFile(text: string, options: CompileModelFileOptions): SafeResult<ModelProject> {
  const format = options.format ?? (/\.json$/i.test(options.fileName) ? "json" : "yaml");
  const parsed = options.parsedData === undefined ? parseModelText(text, options.fileName, format) : knownParse(text, options.parsedData, options.fileName, format);
  if (parsed.issues.length > 0) return { ok: false, issues: parsed.issues };
  if (typeof parsed.data !== "object" || parsed.data === null || Array.isArray(parsed.data)) {
    return { ok: false, issues: [parsed.locate({ code: "invalid_model", path: [], message: "a model file is a mapping with metadata, parameters, strategies and model" })] };
  }
  const reserved = reservedKeys(parsed.data, []);
  if (reserved.length > 0) return { ok: false, issues: reserved.map(parsed.locate) };
  // Without zod's generated fast path: a model file is validated once, and compiling that code for
  // every object schema cost more than it saved (about 10 ms of qaly validate's start).
  const checked = modelFileSchema.safeParse(parsed.data, { jitless: true });
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      // Point at the unknown key itself, not at the object holding it.
      if (issue.code === "unrecognized_keys" && issue.keys.length === 1) path.push(issue.keys[0]!);
      // `{ B: f(x, y) }` in YAML flow style splits at the comma and leaves a key such as "y)".
      const split = path.some((segment) => typeof segment === "string" && /^[^(]*\)/.test(segment));
      const missing = issue.code === "invalid_type" && valueAt(parsed.data, path) === undefined;
      const what = missing ? `'${String(path.at(-1))}' is missing${expectedText(issue)}` : issue.message;
      const message = split ? `${what}; inside { … } a comma ends an entry, so quote expressions that contain commas` : what;
      // A refinement may name its own code (a data file outside the folder is `file_not_allowed`).
      const code = issue.code === "custom" && typeof issue.params?.["issueCode"] === "string" ? (issue.params["issueCode"] as Issue["code"]) : "invalid_model";
      return parsed.locate({ code, path, message });
    });
    return { ok: false, issues: [...issues, ...issuesBeyondStructure(parsed.data as Record<string, unknown>, issues, options, parsed.locate)] };
  }
  const repeated = duplicateNames(parsed.data);
  if (repeated.length > 0) return { ok: false, issues: repeated.map(parsed.locate) };
  const compiled: CompiledFile = { file: checked.data, options, locate: parsed.locate };
  const built = buildSafely(compiled);
  if (!built.ok) return built;
  COMPILED.set(built.value, compiled);
  return built;
}

/** zod's type names in a model file's words. */
const EXPECTED_WORDS: Readonly<Record<string, string>> = { record: "a mapping", object: "a mapping", array: "a list", tuple: "a list", string: "text", number: "a number", boolean: "true or false" };

/** What a missing entry should have held, in a model file's words (zod says "expected record, received undefined"). */
function expectedText(issue: { readonly expected?: unknown; readonly message: string }): string {
  const expected = typeof issue.expected === "string" ? ownEntry(EXPECTED_WORDS, issue.expected) : undefined;
  return expected === undefined ? ` (${issue.message})` : ` (expected ${expected})`;
}

/**
 * Compiles a model file (YAML or JSON) into a {@link ModelProject}: metadata, parameter space, the
 * model (Markov cohort or decision tree with Markov leaves), scenarios, DSA ranges, thresholds, WTP
 * and PSA settings. The file is validated completely first: a file with problems yields no model.
 *
 * @param text - the file's contents
 * @param options - file name, format and how to read data tables next to it
 * @returns the project, ready for `runProject`, the command line or the report
 * @throws QalyError with every problem of the file (`parse_error`, `invalid_model`,
 *   `invalid_parameter`, `unknown_parameter`, `unknown_state`, `unknown_strategy`,
 *   `unknown_outcome`, `circular_dependency`, `file_not_found`, `impossible_fit`), each with the YAML
 *   path and, in the message, `file:line:column`
 * @example
 * const text = "metadata: { title: Demo, currency: SEK }\nstrategies: [Only]\nmodel:\n  type: decision-tree\n  root: { decision: { Only: { terminal: { payoffs: { cost: 1, qaly: 1 } } } } }\n";
 * compileModelFile(text, { fileName: "demo.yaml" }).model.strategies // => ["Only"]
 */
export function compileModelFile(text: string, options: CompileModelFileOptions): ModelProject {
  const result = checkModelFile(text, options);
  if (!result.ok) throw new QalyError(result.issues, options.fileName);
  return result.value;
}

/**
 * Compiles a model file from the definition that {@link checkModelFile} made of exactly this text
 * (`COMPILED`'s `file` of the project it returned), without parsing or validating the text again:
 * a PSA worker thread of `qaly run` builds the model the calling thread has checked, once it has read
 * the same text from the file. The build runs as in `checkModelFile` (size limits first; data tables
 * read through `options.readFile`); the text is parsed only to locate an issue of the build. @internal
 *
 * @param text - the file's contents, which `file` was validated from
 * @param file - the validated definition of `text`
 * @param options - file name, format, how to read data tables and the limits
 * @returns the project, as `compileModelFile` returns it
 * @throws QalyError with the build's issues, located in the file
 * @example
 * // const checked = COMPILED.get(compileModelFile(text, options))!.file;
 * // compileCheckedModelFile(text, checked, options) builds the same project without the YAML parse or the schema
 */
export function compileCheckedModelFile(text: string, file: ModelFile, options: CompileModelFileOptions): ModelProject {
  const format = options.format ?? (/\.json$/i.test(options.fileName) ? "json" : "yaml");
  let parsed: ReturnType<typeof parseModelText> | undefined;
  const compiled: CompiledFile = { file, options, locate: (issue) => (parsed ??= parseModelText(text, options.fileName, format)).locate(issue) };
  const built = buildSafely(compiled);
  if (!built.ok) throw new QalyError(built.issues, options.fileName);
  COMPILED.set(built.value, compiled);
  return built.value;
}

/** The parse of `text` whose data the caller knows: no issues, and the text parsed only to locate one. */
function knownParse(text: string, data: unknown, fileName: string, format: "yaml" | "json"): ParsedModelText {
  let parsed: ParsedModelText | undefined;
  return { data, issues: [], locate: (issue) => (parsed ??= parseModelText(text, fileName, format)).locate(issue) };
}

/**
 * Builds the project, turning a QalyError thrown while building (a constant evaluated at build
 * time, such as a table lookup of a missing key) into issues, as checkModelFile promises not to throw.
 */
function buildSafely(compiled: CompiledFile): SafeResult<ModelProject> {
  // Sizes are checked before anything is built: building a 10⁹-cycle model would itself exhaust memory
  // (also when the build only collects further issues of a file that already has some).
  const tooLarge = fileBudgetIssues(compiled.file, { ...RESOURCE_LIMITS, ...compiled.options.limits });
  if (tooLarge.length > 0) return { ok: false, issues: tooLarge.map(compiled.locate) };
  try {
    return buildProject(compiled, undefined);
  } catch (error) {
    if (!(error instanceof QalyError)) throw error;
    return { ok: false, issues: error.issues.map(compiled.locate) };
  }
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

/** Sections holding named entries: an entry with a structural problem is set aside, the others checked. */
const NAMED_SECTIONS = new Set(["tables", "scenarios", "dsa", "models", "subtrees"]);

/**
 * The problems of names and expressions in a file whose structure has problems elsewhere, so that a
 * typo in one key does not hide an unknown name in another: entries with structural problems are set
 * aside (a broken parameter becomes a placeholder 0, so its name stays known) and the rest is built.
 * Nothing is attempted when the strategies or the main model are themselves malformed.
 */
function issuesBeyondStructure(data: Record<string, unknown>, structural: readonly Issue[], options: CompileModelFileOptions, locate: (issue: Issue) => ModelFileIssue): readonly ModelFileIssue[] {
  const partial: Record<string, unknown> = { ...data };
  for (const { path } of structural) {
    const [section, entry] = path;
    if (section === undefined || section === "strategies" || section === "model") return [];
    if (section === "parameters" && typeof entry === "string") partial["parameters"] = { ...(partial["parameters"] as object), [entry]: 0 };
    else if (NAMED_SECTIONS.has(String(section)) && typeof entry === "string") {
      const rest: Record<string, unknown> = { ...(partial[section] as object) };
      delete rest[entry];
      partial[section] = rest;
    } else if (section === "metadata") partial["metadata"] = { title: "" };
    else delete partial[section];
  }
  const checked = modelFileSchema.safeParse(partial, { jitless: true });
  if (!checked.success) return [];
  const built = buildSafely({ file: checked.data, options, locate });
  return built.ok ? [] : (built.issues as readonly ModelFileIssue[]);
}

/** Keys that would reach JavaScript object internals if used as names (states, strategies, parameters…). */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function reservedKeys(value: unknown, path: readonly (string | number)[]): Issue[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => reservedKeys(item, [...path, i]));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    RESERVED_KEYS.has(key) ? [{ code: "invalid_model" as const, path: [...path, key], message: `'${key}' cannot be used as a name or key in a model file` }] : reservedKeys(item, [...path, key]),
  );
}
