import { fail } from "../../core/errors.js";
import type { Model } from "../../models/model.js";
import type { ParameterDraws } from "../../parameters/parameter-draws.js";
import type { PsaResult } from "../psa/psa-result.js";
import { evaluateDrawRange } from "./evaluate-draw-range.js";
import { finishPsa, planPsa, psaSize } from "./plan-psa.js";

/** Anything that draws parameters for a PSA, such as a parameter space from `defineParameters`. */
export interface ParameterSampler {
  /** Draws `n` samples of every parameter. */
  sample(n: number, options: { readonly seed: string | number; readonly method?: "random" | "lhs" }): ParameterDraws;
  /** A JSON form of the definitions, hashed into the provenance when present. */
  toJSON?(): unknown;
}

/** Progress of a PSA run. */
export interface PsaProgress {
  /** Draws evaluated so far. */
  readonly completed: number;
  /** Draws in the run. */
  readonly total: number;
}

/** Options of {@link runPsa} and {@link runPsaSync}. */
export interface PsaRunOptions {
  /** Number of draws (required with a sampler; ignored with draws). */
  readonly samples?: number;
  /** Seed (required with a sampler; with draws, recorded in the provenance if given). */
  readonly seed?: string | number;
  /** `"random"` (default) or `"lhs"` (Latin hypercube), passed to the sampler. */
  readonly method?: "random" | "lhs";
  /** Called after every `checkEvery` draws and at the end. */
  readonly onProgress?: (progress: PsaProgress) => void;
  /** Cancels the run: it stops within `checkEvery` draws with a `cancelled` error. */
  readonly signal?: AbortSignal;
  /** Draws between progress calls and cancellation checks (default 256). */
  readonly checkEvery?: number;
}

interface Plan<P> {
  readonly model: Model<P>;
  readonly draws: ParameterDraws;
  readonly buffer: Float64Array;
  readonly step: number;
  readonly options: PsaRunOptions;
  readonly finish: () => PsaResult;
}

/**
 * Runs a probabilistic sensitivity analysis: evaluates the model once per parameter draw and
 * collects every outcome of every strategy into a {@link PsaResult} (Briggs, Claxton & Sculpher
 * 2006, ch. 4). Give either ready draws (`ParameterDraws`) or a sampler (a parameter space) with
 * `{ samples, seed, method }`. Draws are assembled by index, so the result is bit-identical for a
 * given seed whatever evaluates them. Between chunks of draws it reports progress, checks the
 * abort signal and yields to the event loop (about every 20 ms) so a user interface stays live.
 *
 * @param model - the model
 * @param parameters - parameter draws, or a sampler with `sample(n, { seed, method })`
 * @param options - samples, seed, method, progress callback, abort signal
 * @returns a promise of the frozen result, with provenance (seed, "alea", version, model hash)
 * @throws QalyError `cancelled` (path `["draws", i]`) when the signal aborts; `invalid_argument`; `non_finite_value`; any error of the model
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost"], evaluateInto(p, out) { out[0] = 2 * p.c; } };
 * const space = { sample: (n) => ({ names: ["c"], size: n, column: () => new Float64Array(n).fill(5), row: () => ({ c: 5 }) }) };
 * const psa = await runPsa(model, space, { samples: 3, seed: 1 });
 * Array.from(psa.values("cost", "A")) // => [10, 10, 10]
 */
export async function runPsa<P, S extends string>(model: Model<P, S>, parameters: ParameterDraws | ParameterSampler, options: PsaRunOptions = {}): Promise<PsaResult<S>> {
  const plan = prepare(model, parameters, options);
  const now = (): number => (typeof performance === "undefined" ? Date.now() : performance.now());
  let lastYield = now();
  for (let from = 0; from < plan.draws.size; from += plan.step) {
    const to = Math.min(plan.draws.size, from + plan.step);
    checkSignal(options.signal, from, plan.draws.size);
    evaluateDrawRange(model, plan.draws, from, to, plan.buffer);
    options.onProgress?.({ completed: to, total: plan.draws.size });
    if (now() - lastYield > 20) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = now();
    }
  }
  checkSignal(options.signal, plan.draws.size, plan.draws.size);
  return plan.finish() as PsaResult<S>;
}

/**
 * {@link runPsa} without yielding to the event loop: returns the result directly. Progress calls
 * and the abort signal still work, but only code running inside `onProgress` can abort it.
 *
 * @param model - the model
 * @param parameters - parameter draws, or a sampler with `sample(n, { seed, method })`
 * @param options - samples, seed, method, progress callback, abort signal
 * @returns the frozen result
 * @throws QalyError as {@link runPsa}
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost"], evaluateInto(p, out) { out[0] = p.c; } };
 * const draws = { names: ["c"], size: 2, column: () => new Float64Array([1, 2]), row: (i) => ({ c: i + 1 }) };
 * runPsaSync(model, draws).mean("cost", "A") // => 1.5
 */
export function runPsaSync<P, S extends string>(model: Model<P, S>, parameters: ParameterDraws | ParameterSampler, options: PsaRunOptions = {}): PsaResult<S> {
  const plan = prepare(model, parameters, options);
  for (let from = 0; from < plan.draws.size; from += plan.step) {
    const to = Math.min(plan.draws.size, from + plan.step);
    checkSignal(options.signal, from, plan.draws.size);
    evaluateDrawRange(model, plan.draws, from, to, plan.buffer);
    options.onProgress?.({ completed: to, total: plan.draws.size });
  }
  checkSignal(options.signal, plan.draws.size, plan.draws.size);
  return plan.finish() as PsaResult<S>;
}

function prepare<P>(model: Model<P>, parameters: ParameterDraws | ParameterSampler, options: PsaRunOptions): Plan<P> {
  const step = options.checkEvery ?? 256;
  psaSize(model as Model<never>, parameters, options);
  const plan = planPsa(model as Model<never>, parameters, options);
  const buffer = new Float64Array(model.outcomes.length * model.strategies.length * plan.draws.size);
  return { model, draws: plan.draws, buffer, step, options, finish: () => finishPsa(model as Model<never>, plan, buffer) };
}

function checkSignal(signal: AbortSignal | undefined, completed: number, total: number): void {
  if (signal?.aborted === true) fail("cancelled", ["draws", completed], `PSA cancelled after ${completed} of ${total} draws`, { received: signal.reason });
}
