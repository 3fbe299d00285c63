import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { progressBar } from "../../../src/cli/terminal/progress-bar.js";
import type { CliIo } from "../../../src/cli/terminal/cli-io.js";

function io(tty: boolean): CliIo & { text: () => string } {
  let written = "";
  return { stdout: () => undefined, stderr: (t) => void (written += t), stderrIsTty: tty, text: () => written };
}

describe("progressBar", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it("progressBar(io) stays silent during the first second, then draws on a terminal and clears at the end", () => {
    const out = io(true);
    const bar = progressBar(out, "PSA", true);
    bar.update({ completed: 10, total: 100 });
    expect(out.text()).toBe("");
    vi.setSystemTime(1500);
    bar.update({ completed: 50, total: 100 });
    expect(out.text()).toContain("50% 50/100 draws");
    bar.done();
    expect(out.text().endsWith("\r")).toBe(true);
  });

  it("progressBar(io) draws nothing when disabled (--quiet), on a terminal or not", () => {
    for (const tty of [true, false]) {
      const out = io(tty);
      const bar = progressBar(out, "PSA", false);
      vi.setSystemTime(Date.now() + 5000);
      bar.update({ completed: 50, total: 100 });
      bar.update({ completed: 100, total: 100 });
      bar.done();
      expect(out.text()).toBe("");
    }
  });

  it("progressBar(io) without a terminal prints plain lines: none in the first second, one per tenth of the draws, a last one when done", () => {
    const out = io(false);
    const bar = progressBar(out, "PSA", true);
    bar.update({ completed: 300, total: 5000 });
    expect(out.text()).toBe("");
    vi.setSystemTime(1500);
    for (let completed = 400; completed <= 5000; completed += 100) {
      vi.setSystemTime(Date.now() + 10);
      bar.update({ completed, total: 5000 });
    }
    bar.done();
    const lines = out.text().split("\n").filter((line) => line !== "");
    expect(out.text()).not.toContain("\r");
    expect(lines[0]).toMatch(/^PSA 500\/5000 draws \(10%\), \d+ s left$/);
    expect(lines.at(-1)).toMatch(/^PSA 5000\/5000 draws \(100%\), done in \d+ s$/);
    // 10%, 20%, … 100%: one line per tenth, never a line per update.
    expect(lines).toHaveLength(10);
  });

  it("progressBar(io) without a terminal prints a line at least every ten seconds when a tenth takes longer", () => {
    const out = io(false);
    const bar = progressBar(out, "PSA", true);
    vi.setSystemTime(2000);
    bar.update({ completed: 1, total: 1000 });
    expect(out.text()).toBe("");
    vi.setSystemTime(9_999);
    bar.update({ completed: 2, total: 1000 });
    expect(out.text()).toBe("");
    vi.setSystemTime(10_000);
    bar.update({ completed: 4, total: 1000 });
    // The pace since the first report (1 draw at 2 s): 3 draws in 8 s, so 996 draws in 2 656 s.
    expect(out.text()).toBe("PSA 4/1000 draws (0%), 2656 s left\n");
    vi.setSystemTime(15_000);
    bar.update({ completed: 6, total: 1000 });
    expect(out.text().split("\n")).toHaveLength(2);
  });

  it("progressBar(io) estimates the time left from the pace since the first draws were reported, not from a start-up before them, and shows none until it has a pace", () => {
    const out = io(false);
    const bar = progressBar(out, "PSA", true);
    // 5 s of start-up (worker threads compiling the model), then 500 draws per second.
    vi.setSystemTime(5000);
    bar.update({ completed: 500, total: 5000 });
    for (let completed = 1000; completed <= 2500; completed += 500) {
      vi.setSystemTime(Date.now() + 1000);
      bar.update({ completed, total: 5000 });
    }
    const lines = out.text().split("\n").filter((line) => line !== "");
    expect(lines[0]).toBe("PSA 500/5000 draws (10%)");
    expect(lines[1]).toBe("PSA 1000/5000 draws (20%), 8 s left");
    expect(lines.at(-1)).toBe("PSA 2500/5000 draws (50%), 5 s left");
    const tty = io(true);
    const onTerminal = progressBar(tty, "PSA", true);
    vi.setSystemTime(Date.now() + 5000);
    onTerminal.update({ completed: 500, total: 5000 });
    expect(tty.text()).toContain("500/5000 draws ");
    expect(tty.text()).not.toContain("left");
    vi.setSystemTime(Date.now() + 1000);
    onTerminal.update({ completed: 1000, total: 5000 });
    expect(tty.text()).toContain("1000/5000 draws, 8 s left");
    // A fast run: under half a second left reads "<1 s", not "0 s".
    vi.setSystemTime(Date.now() + 1000);
    onTerminal.update({ completed: 4900, total: 5000 });
    expect(tty.text()).toContain("4900/5000 draws, <1 s left");
  });
});
