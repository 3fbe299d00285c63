import { fail } from "../../core/errors.js";
import type { Model } from "../../models/model.js";
import type { ParameterDraws } from "../../parameters/parameter-draws.js";
import { createPsaResult, type PsaProvenance, type PsaResult } from "../psa/psa-result.js";
import { modelHash } from "./model-hash.js";
import type { ParameterSampler, PsaRunOptions } from "./run-psa.js";
import { QALY_VERSION } from "./version.js";

/** What a PSA run (in-process or on workers) needs before any draw is evaluated. @internal */
export interface PsaPlan {
  /** The parameter draws (sampled once, on the calling thread). */
  readonly draws: ParameterDraws;
  /** Provenance, exactly as `runPsa` records it for the same model, parameters and options. */
  readonly provenance: PsaProvenance;
}

/**
 * Number of draws a run will have, checking the options (same codes and paths for every runner),
 * before anything is sampled. @internal
 */
export function psaSize(model: Model<never>, parameters: ParameterDraws | ParameterSampler, options: PsaRunOptions): number {
  const step = options.checkEvery ?? 256;
  if (!Number.isInteger(step) || step < 1) fail("invalid_argument", ["checkEvery"], `checkEvery must be a whole number ≥ 1 (received ${step})`, { received: step });
  if (model.strategies.length === 0 || model.outcomes.length === 0) fail("invalid_model", ["model"], "the model needs at least one strategy and one outcome");
  if (isSampler(parameters)) {
    const { samples } = options;
    if (samples === undefined || !Number.isInteger(samples) || samples < 1) fail("invalid_argument", ["samples"], `give the number of draws as a whole number ≥ 1 (received ${String(samples)})`, { received: samples });
    if (options.seed === undefined) fail("invalid_argument", ["seed"], "give a seed, so that the PSA can be reproduced");
    return samples;
  }
  if (typeof parameters.row !== "function" || !Number.isInteger(parameters.size) || parameters.size < 1) fail("invalid_argument", ["parameters"], "give parameter draws (names, size ≥ 1, column, row) or a sampler with sample(n, { seed })");
  return parameters.size;
}

/**
 * Samples the draws (when given a sampler) and computes the provenance, so every runner records
 * the same seed, method and model hash. Call {@link psaSize} first. @internal
 */
export function planPsa(model: Model<never>, parameters: ParameterDraws | ParameterSampler, options: PsaRunOptions): PsaPlan {
  let draws: ParameterDraws;
  let description: unknown;
  let method: string | undefined = options.method;
  if (isSampler(parameters)) {
    const samples = options.samples!;
    draws = parameters.sample(samples, { seed: options.seed!, ...(options.method === undefined ? {} : { method: options.method }) });
    if (draws.size !== samples) fail("dimension_mismatch", ["parameters"], `the sampler returned ${draws.size} draws where ${samples} were asked for`);
    description = typeof parameters.toJSON === "function" ? parameters.toJSON() : draws.names;
    method ??= "random";
  } else {
    draws = parameters;
    description = draws.names;
    method ??= (draws as { method?: string }).method;
  }
  return { draws, provenance: psaProvenance(model, description, options.seed, method) };
}

/**
 * The provenance of a run: seed, generator, version, method and the hash of the model with its
 * parameter description (a sampler's `toJSON()` form, else the names). Runners that sample
 * elsewhere (the worker pool samples in its workers) record the provenance `planPsa` would. @internal
 */
export function psaProvenance(model: Model<never>, description: unknown, seed: string | number | undefined, method: string | undefined): PsaProvenance {
  return {
    seed: seed ?? null,
    generator: "alea",
    version: QALY_VERSION,
    modelHash: modelHash(model, description),
    ...(method === undefined ? {} : { method }),
  };
}

/** Wraps an evaluated buffer as the frozen result of a planned run. @internal */
export function finishPsa(model: Model<never>, plan: PsaPlan, buffer: Float64Array): PsaResult {
  return createPsaResult(model.strategies, model.outcomes, buffer, plan.draws, plan.provenance);
}

function isSampler(parameters: ParameterDraws | ParameterSampler): parameters is ParameterSampler {
  return typeof (parameters as ParameterSampler).sample === "function";
}
