import type { IndexedCorrelationReport } from "../parameters/sample-parameters.js";
import type { SerializedError } from "./worker-error.js";

/** `workerData` of a PSA worker: which task to load. @internal */
export interface PsaWorkerInit {
  readonly url: string;
  readonly exportName: string;
  readonly args: readonly unknown[];
  /** Workers start through tsx's loader: the factory imports TypeScript. */
  readonly typescript: boolean;
}

/**
 * The one message the calling thread sends per run. `control` holds {@link CONTROL_SLOTS} Int32
 * slots: the next chunk of draws to evaluate (workers claim chunks with `Atomics.add`, so chunks
 * are handed out in index order), a stop flag set after the first failure, the next column task,
 * correlation block and chunk of rows to sample, and a barrier counter. With `sampling` the
 * workers sample the draws into `draws` first (phases: column tasks, correlation blocks, rows,
 * each closed by a barrier); without it `draws` already holds them. @internal
 */
export interface PsaWorkerStart {
  /** Identifies the run, so late messages of an earlier run are ignored. */
  readonly run: number;
  readonly names: readonly string[];
  readonly size: number;
  readonly chunk: number;
  readonly draws: SharedArrayBuffer;
  readonly out: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  /** Threads taking part (for the barriers). */
  readonly workers: number;
  /** Sample in the workers with the parameter space's `columnSampling(size, sampling)`. */
  readonly sampling?: { readonly seed: string | number; readonly method: "random" | "lhs" };
}

/**
 * Messages a PSA worker sends back: `ready` once the model is built, with its strategies and
 * outcomes (the pool checks them against the calling thread's model), then per run the reports of
 * the correlation blocks it sampled, `progress` per chunk and `done` or `failed` (`from`: first
 * draw of the failing chunk; −1 while sampling columns and correlations). Loading failures carry
 * run −1. @internal
 */
export type PsaWorkerMessage =
  | { readonly type: "ready"; readonly strategies: readonly string[]; readonly outcomes: readonly string[] }
  | { readonly type: "progress"; readonly run: number; readonly from: number; readonly to: number }
  | { readonly type: "correlation"; readonly run: number; readonly reports: readonly IndexedCorrelationReport[] }
  | { readonly type: "done"; readonly run: number }
  | { readonly type: "failed"; readonly run: number; readonly from: number; readonly error: SerializedError };

/** Index of the next-chunk counter in `control`. @internal */
export const NEXT_CHUNK = 0;
/** Index of the stop flag in `control`. @internal */
export const STOP = 1;
/** Index of the next column task to sample. @internal */
export const NEXT_COLUMN = 2;
/** Index of the next correlation block. @internal */
export const NEXT_BLOCK = 3;
/** Index of the next chunk of rows (fixed and derived values). @internal */
export const NEXT_ROWS = 4;
/** Index of the barrier counter: barrier k is passed once it reaches k × workers. @internal */
export const BARRIER = 5;
/** Int32 slots of `control`. @internal */
export const CONTROL_SLOTS = 6;
