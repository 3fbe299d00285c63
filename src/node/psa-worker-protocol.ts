import type { SerializedError } from "./worker-error.js";

/** `workerData` of a PSA worker: which task to load and the model it must build. @internal */
export interface PsaWorkerInit {
  readonly url: string;
  readonly exportName: string;
  readonly args: readonly unknown[];
  readonly strategies: readonly string[];
  readonly outcomes: readonly string[];
}

/**
 * The one message the calling thread sends once the draws exist. `control` holds two Int32
 * slots: the next chunk to take (workers claim chunks with `Atomics.add`, so chunks are handed
 * out in index order), and a stop flag set after the first failure. @internal
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
}

/**
 * Messages a PSA worker sends back: `ready` once the model is built, then per run `progress` per
 * chunk and `done` or `failed` (`from`: first draw of the failing chunk). Loading failures carry
 * run −1. @internal
 */
export type PsaWorkerMessage =
  | { readonly type: "ready" }
  | { readonly type: "progress"; readonly run: number; readonly from: number; readonly to: number }
  | { readonly type: "done"; readonly run: number }
  | { readonly type: "failed"; readonly run: number; readonly from: number; readonly error: SerializedError };

/** Index of the next-chunk counter in `control`. @internal */
export const NEXT_CHUNK = 0;
/** Index of the stop flag in `control`. @internal */
export const STOP = 1;
