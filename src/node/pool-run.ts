import { QalyError } from "../core/errors.js";
import type { PsaRunOptions } from "../analysis/run/run-psa.js";
import type { IndexedCorrelationReport } from "../parameters/sample-parameters.js";
import { BARRIER, STOP, type PsaWorkerMessage } from "./psa-worker-protocol.js";
import { deserializeError } from "./worker-error.js";

/**
 * The bookkeeping of one run on a worker pool: sums progress, collects failures and settles once
 * every worker has reported. A failing draw is reported as the failure of the earliest failing
 * chunk, which is the error `runPsaSync` throws: chunks are claimed in index order, so when a
 * chunk fails every earlier chunk is already claimed and its worker reports before stopping. @internal
 */
export class PoolRun {
  /** Draws evaluated so far. */
  completed = 0;
  /** Reports of the correlation blocks the workers sampled. */
  readonly correlations: IndexedCorrelationReport[] = [];
  /** Settles with the run's outcome. */
  readonly done: Promise<void>;
  private reported = 0;
  private settled = false;
  private readonly failures: { from: number; error: Error }[] = [];
  private readonly control: Int32Array;
  private resolve!: () => void;
  private reject!: (error: Error) => void;
  private readonly onAbort = (): void => {
    const { completed, total } = this;
    this.settle(new QalyError([{ code: "cancelled", path: ["draws", completed], message: `PSA cancelled after ${completed} of ${total} draws`, received: this.options.signal?.reason }]));
  };

  constructor(
    readonly id: number,
    readonly total: number,
    private readonly workers: number,
    control: SharedArrayBuffer,
    private readonly options: PsaRunOptions,
  ) {
    this.control = new Int32Array(control);
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    options.signal?.addEventListener("abort", this.onAbort);
    if (options.signal?.aborted === true) this.onAbort();
  }

  /** Handles one message of this run from a worker. */
  handle(message: PsaWorkerMessage): void {
    if (this.settled) return;
    if (message.type === "progress") {
      this.completed += message.to - message.from;
      try {
        this.options.onProgress?.({ completed: this.completed, total: this.total });
      } catch (error) {
        this.settle(error instanceof Error ? error : new Error(String(error)));
      }
      return;
    }
    if (message.type === "correlation") {
      this.correlations.push(...message.reports);
      return;
    }
    if (message.type === "failed") this.failures.push({ from: message.from, error: deserializeError(message.error) });
    this.reported += 1;
    if (this.reported === this.workers) {
      this.failures.sort((a, b) => a.from - b.from);
      this.settle(this.failures[0]?.error);
    }
  }

  /** Ends the run: resolves without an error, else rejects; stops the workers' chunk loop either way. */
  settle(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    Atomics.store(this.control, STOP, 1);
    // Wake workers waiting at a sampling barrier, so they see the stop flag now.
    Atomics.notify(this.control, BARRIER);
    this.options.signal?.removeEventListener("abort", this.onAbort);
    if (error === undefined) this.resolve();
    else this.reject(error);
  }
}
