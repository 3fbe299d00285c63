import type { CliIo } from "./cli-io.js";

/** Milliseconds a run must last before a bar appears: short runs stay silent. */
const SHOW_AFTER_MS = 1000;
const WIDTH = 28;

/** A progress bar on standard error for PSA draws: drawn only on a terminal, after a second, at most ten times a second. */
export interface ProgressBar {
  /** Reports progress. */
  update(progress: { readonly completed: number; readonly total: number }): void;
  /** Clears the bar. */
  done(): void;
}

/** Makes a {@link ProgressBar}; a silent one when `enabled` is false or standard error is not a terminal. */
export function progressBar(io: CliIo, label: string, enabled: boolean): ProgressBar {
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const active = enabled && io.stderrIsTty;
  return {
    update({ completed, total }) {
      if (!active) return;
      const now = Date.now();
      if (now - started < SHOW_AFTER_MS || (now - lastDraw < 100 && completed < total)) return;
      lastDraw = now;
      drawn = true;
      const share = total === 0 ? 1 : completed / total;
      const filled = Math.round(share * WIDTH);
      const elapsed = (now - started) / 1000;
      const eta = share > 0 ? Math.max(0, elapsed / share - elapsed) : 0;
      io.stderr(`\r${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% ${completed}/${total} draws, ${eta.toFixed(0)} s left `);
    },
    done() {
      if (drawn) io.stderr(`\r${" ".repeat(WIDTH + label.length + 50)}\r`);
    },
  };
}
