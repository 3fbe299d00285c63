// The scripts in examples/ are documentation too: each must run to the end (with few PSA draws).
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const run = (script: string, ...args: string[]): string =>
  execFileSync(process.execPath, ["--import", "tsx", resolve(ROOT, "examples", script), ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

describe("examples", () => {
  it("examples/sick-sicker.ts prints the published base-case ICERs and a PSA summary", () => {
    const out = run("sick-sicker.ts", "100", "test");
    expect(out).toContain("72,988");
    expect(out).toContain("125,764");
    expect(out).toMatch(/EVPI per person at 100,000 per QALY: [\d,]+/);
  });

  it("examples/nsclc-gene-panel.ts prints the base case, a price change and a PSA", () => {
    const out = run("nsclc-gene-panel.ts", "20");
    expect(out).toContain("Broad panel at SEK 8 000 per test");
    expect(out).toMatch(/NGS-BROAD: \d+ actionable drivers identified per 1 000 tested/);
    expect(out).toContain("PSA, 20 draws");
  });

  it("examples/notebook.ts builds the notebook views", () => {
    const out = run("notebook.ts", "50");
    expect(out.length).toBeGreaterThan(0);
  });
});
