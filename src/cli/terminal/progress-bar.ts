import type { CliIo } from "./cli-io.js";

/** Milliseconds a run must last before progress appears: short runs stay silent. */
const SHOW_AFTER_MS = 1000;
/** Without a terminal, a plain line at least this often even when a tenth of the draws takes longer. */
const LINE_EVERY_MS = 10_000;
const WIDTH = 28;

/**
 * Progress of PSA draws on standard error: a bar redrawn in place on a terminal (at most ten times
 * a second); otherwise (a log file, CI, a pipe) plain lines, one per tenth of the draws and at least
 * one every ten seconds. Nothing appears during the first second, so short runs stay silent. The
 * time left is estimated from the pace since the first draws were reported, so that the start-up
 * before them (worker threads starting, each compiling the model) is not taken for the pace of the
 * draws: NSCLC's 5 000 draws with two workers said "53 s left" at 10 % of a PSA that took 3 s. Until
 * there is such a pace (the first report), no estimate is shown.
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
  const pace = new Pace();
  return {
    update({ completed, total }) {
      const now = Date.now();
      const left = pace.secondsLeft(completed, total, now);
      if (now - started < SHOW_AFTER_MS || (now - lastDraw < 100 && completed < total)) return;
      lastDraw = now;
      drawn = true;
      const share = total === 0 ? 1 : completed / total;
      const filled = Math.round(share * WIDTH);
      io.stderr(`\r${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% ${completed}/${total} draws${left === undefined ? "" : `, ${left} s left`} `);
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
  const pace = new Pace();
  return {
    update({ completed, total }) {
      const now = Date.now();
      const left = pace.secondsLeft(completed, total, now);
      if (finished || now - started < SHOW_AFTER_MS) return;
      const share = total === 0 ? 1 : completed / total;
      const tenth = Math.floor(share * 10);
      if (tenth <= lastTenth && now - lastLine < LINE_EVERY_MS) return;
      lastLine = now;
      lastTenth = tenth;
      finished = completed >= total;
      const elapsed = now - started;
      const tail = finished ? `, done in ${(elapsed / 1000).toFixed(0)} s` : left === undefined ? "" : `, ${left} s left`;
      io.stderr(`${label} ${completed}/${total} draws (${Math.floor(share * 100)}%)${tail}\n`);
    },
    done() {},
  };
}

/** The pace of the draws since the first report of some done (see {@link progressBar}). */
class Pace {
  private firstAt = 0;
  private firstCompleted = 0;

  /** Estimated whole seconds left at `now` (ms) ("<1" under half a second), or undefined while no draws have been done since the first report. */
  secondsLeft(completed: number, total: number, now: number): string | undefined {
    if (this.firstCompleted === 0) {
      if (completed > 0) {
        this.firstAt = now;
        this.firstCompleted = completed;
      }
      return undefined;
    }
    const done = completed - this.firstCompleted;
    const elapsed = now - this.firstAt;
    if (done <= 0 || elapsed <= 0) return undefined;
    const seconds = (Math.max(0, total - completed) * elapsed) / done / 1000;
    return seconds < 0.5 && completed < total ? "<1" : seconds.toFixed(0);
  }
}
