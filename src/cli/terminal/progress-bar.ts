import type { CliIo } from "./cli-io.js";

/** Milliseconds a run must last before progress appears: short runs stay silent. */
const SHOW_AFTER_MS = 1000;
/** Without a terminal, a plain line at least this often even when a tenth of the draws takes longer. */
const LINE_EVERY_MS = 10_000;
const WIDTH = 28;

/**
 * Progress of PSA draws on standard error: a bar redrawn in place on a terminal (at most ten times
 * a second); otherwise (a log file, CI, a pipe) plain lines, one per tenth of the draws and at least
 * one every ten seconds. Nothing appears during the first second, so short runs stay silent.
 */
export interface ProgressBar {
  /** Reports progress. */
  update(progress: { readonly completed: number; readonly total: number }): void;
  /** Clears the bar (plain lines stay). */
  done(): void;
}

/** Makes a {@link ProgressBar}: a bar when standard error is a terminal, plain lines otherwise, silent when `enabled` is false (`--quiet`). */
export function progressBar(io: CliIo, label: string, enabled: boolean): ProgressBar {
  const started = Date.now();
  if (!enabled) return { update: () => undefined, done: () => undefined };
  return io.stderrIsTty ? terminalBar(io, label, started) : progressLines(io, label, started);
}

function terminalBar(io: CliIo, label: string, started: number): ProgressBar {
  let lastDraw = 0;
  let drawn = false;
  return {
    update({ completed, total }) {
      const now = Date.now();
      if (now - started < SHOW_AFTER_MS || (now - lastDraw < 100 && completed < total)) return;
      lastDraw = now;
      drawn = true;
      const share = total === 0 ? 1 : completed / total;
      const filled = Math.round(share * WIDTH);
      io.stderr(`\r${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% ${completed}/${total} draws, ${secondsLeft(share, now - started)} s left `);
    },
    done() {
      if (drawn) io.stderr(`\r${" ".repeat(WIDTH + label.length + 50)}\r`);
    },
  };
}

function progressLines(io: CliIo, label: string, started: number): ProgressBar {
  let lastLine = started;
  let lastTenth = 0;
  let finished = false;
  return {
    update({ completed, total }) {
      const now = Date.now();
      if (finished || now - started < SHOW_AFTER_MS) return;
      const share = total === 0 ? 1 : completed / total;
      const tenth = Math.floor(share * 10);
      if (tenth <= lastTenth && now - lastLine < LINE_EVERY_MS) return;
      lastLine = now;
      lastTenth = tenth;
      finished = completed >= total;
      const elapsed = now - started;
      const tail = finished ? `done in ${(elapsed / 1000).toFixed(0)} s` : `${secondsLeft(share, elapsed)} s left`;
      io.stderr(`${label} ${completed}/${total} draws (${Math.floor(share * 100)}%), ${tail}\n`);
    },
    done() {},
  };
}

/** Estimated seconds left, from the share done after `elapsedMs`. */
function secondsLeft(share: number, elapsedMs: number): string {
  const elapsed = elapsedMs / 1000;
  return (share > 0 ? Math.max(0, elapsed / share - elapsed) : 0).toFixed(0);
}
