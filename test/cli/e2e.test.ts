// End to end: the real `qaly` process, as `node --import tsx src/cli/main.ts` (what `npx qaly` runs
// before a build). Each case costs a Node start-up, so the cases run concurrently and only the paths
// the in-process tests (main.test.ts) cannot cover are here: process exit codes, stdout/stderr
// separation and module loading through tsx.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function qaly(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...argv], { cwd: root, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

describe("qaly (subprocess)", () => {
  it.concurrent("qaly run models/sick-sicker --psa 200 --json exits 0 and prints only JSON on stdout", async () => {
    const result = await qaly("run", "models/sick-sicker", "--psa", "200", "--json", "--quiet", "--no-dsa");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    // Alarid-Escudero et al. 2023, table-cea: ICER of Strategy B vs standard of care, US$ 72 988 (whole dollars).
    const b = json.icerTable.find((row: { strategy: string }) => row.strategy === "Strategy B");
    expect(Math.abs(b.icer - 72_988)).toBeLessThanOrEqual(0.5);
    expect(json.psa.samples).toBe(200);
  });

  it.concurrent("qaly run <broken model file> exits 1 and names the issue on stderr", async () => {
    const result = await qaly("run", "test/cli/fixtures/broken/unknown-name.yaml");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("unknown_parameter");
    expect(result.stderr).toContain("test/cli/fixtures/broken/unknown-name.yaml:");
  });

  it.concurrent("qaly run --bogus exits 2 with a pointer to --help", async () => {
    const result = await qaly("run", "models/sick-sicker", "--bogus");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("qaly run --help");
  });
});
