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

  it("progressBar(io) draws nothing when standard error is not a terminal or when disabled (--quiet)", () => {
    for (const [tty, enabled] of [[false, true], [true, false]] as const) {
      const out = io(tty);
      const bar = progressBar(out, "PSA", enabled);
      vi.setSystemTime(Date.now() + 5000);
      bar.update({ completed: 50, total: 100 });
      bar.done();
      expect(out.text()).toBe("");
    }
  });
});
