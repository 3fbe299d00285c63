import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { fail } from "../core/errors.js";
import type { Model } from "../models/model.js";
import type { ParameterDraws } from "../parameters/parameter-draws.js";
import type { ParameterSampler } from "../analysis/run/run-psa.js";

/**
 * Names the ES module that builds a model in every worker of {@link runPsaParallel}. Functions
 * cannot be sent to a worker thread, so each worker imports the module and calls the factory
 * itself; the calling thread does the same to sample the draws.
 */
export interface PsaTask {
  /** The module: a `file:` URL (e.g. `new URL("./psa-task.ts", import.meta.url)`) or a file path (relative paths resolve against the working directory). */
  readonly module: string | URL;
  /** The export holding the factory (default `"default"`). */
  readonly export?: string;
  /** Arguments passed to the factory; they must survive `structuredClone` (numbers, strings, plain objects, arrays). */
  readonly args?: readonly unknown[];
  /**
   * The factory imports TypeScript (e.g. a `project.ts` named in `args`): workers start through tsx's
   * loader, which must be installed. A task module that is itself TypeScript needs no flag.
   */
  readonly typescript?: boolean;
}

/** What a PSA task factory returns: the model and its parameters (a sampler such as a parameter space, or ready draws). */
export interface PsaSetup {
  /** The model evaluated for every draw. */
  readonly model: Model<never>;
  /** The parameters: a sampler with `sample(n, { seed, method })` or ready `ParameterDraws`. */
  readonly parameters: ParameterDraws | ParameterSampler;
}

/** The factory a {@link PsaTask} module exports: builds the model and parameters, possibly asynchronously. */
export type PsaTaskFactory = (...args: never[]) => PsaSetup | Promise<PsaSetup>;

/** The module of a task as a URL string: URLs pass through, paths become `file:` URLs. @internal */
export function taskUrl(task: PsaTask): string {
  const { module } = task;
  if (module instanceof URL) return module.href;
  if (typeof module !== "string" || module === "") fail("invalid_argument", ["task", "module"], "name the task module as a file path or a file: URL", { received: module });
  if (/^(file|data):/.test(module)) return module;
  return pathToFileURL(isAbsolute(module) ? module : resolve(module)).href;
}

/**
 * Imports a task module, calls its factory and checks what it returns. The calling thread and
 * every worker run this same code, so a task that loads on one loads on all. @internal
 */
export async function loadPsaTask(url: string, exportName: string, args: readonly unknown[]): Promise<PsaSetup> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    fail("invalid_argument", ["task", "module"], `cannot import the PSA task module ${url}: ${error instanceof Error ? error.message : String(error)}`, { received: url });
  }
  const factory = namespace[exportName];
  if (typeof factory !== "function") {
    const names = Object.keys(namespace).filter((key) => typeof namespace[key] === "function");
    fail("invalid_argument", ["task", "export"], `the PSA task module has no factory function "${exportName}" (functions exported: ${names.length === 0 ? "none" : names.join(", ")})`, { received: exportName });
  }
  const setup = (await (factory as (...values: readonly unknown[]) => unknown)(...args)) as Partial<PsaSetup> | null | undefined;
  const model = setup?.model;
  if (model === undefined || model === null || typeof model.evaluateInto !== "function" || !Array.isArray(model.strategies) || !Array.isArray(model.outcomes)) {
    fail("invalid_argument", ["task", "model"], `the factory "${exportName}" must return { model, parameters } where model has strategies, outcomes and evaluateInto`);
  }
  const parameters = setup!.parameters as Partial<ParameterSampler & ParameterDraws> | undefined;
  if (parameters === undefined || parameters === null || (typeof parameters.sample !== "function" && typeof parameters.row !== "function")) {
    fail("invalid_argument", ["task", "parameters"], `the factory "${exportName}" must return { model, parameters } where parameters is a sampler (sample(n, { seed })) or parameter draws`);
  }
  return setup as PsaSetup;
}
