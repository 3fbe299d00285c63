// qaly run --draws and qaly merge: shards evaluated by separate processes (as a Slurm job array or a
// Kubernetes Indexed Job would) merge into exactly the outputs of one run. A small decision tree
// (Evans et al. 1997, sumatriptan) keeps the processes short.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { qaly } from "../run-in-process.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const MODEL = join(root, "models/sumatriptan-evans-1997");
const RUN = ["--psa", "240", "--seed", "11", "--tornado-bars", "4"];

/** `qaly <argv>` in its own process, through tsx (what `npx qaly` runs before a build). */
function subprocess(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...argv], { cwd: root, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

/** results.json without the two fields that describe when the process ran, not what it computed. */
function withoutTiming(text: string): unknown {
  const json = JSON.parse(text) as { run: Record<string, unknown> };
  delete json.run.date;
  delete json.run.durationMs;
  return json;
}

describe("qaly run --draws and qaly merge", () => {
  const work = mkdtempSync(join(tmpdir(), "qaly-shards-"));
  const single = join(work, "single");
  const shards = join(work, "shards");

  beforeAll(async () => {
    // Two shard processes run at the same time, like two tasks of a job array.
    const [a, b, one] = await Promise.all([
      subprocess("run", MODEL, ...RUN, "--draws", "0/2", "--out", shards, "--quiet"),
      subprocess("run", MODEL, ...RUN, "--draws", "1/2", "--out", shards, "--quiet"),
      qaly("run", MODEL, ...RUN, "--out", single, "--quiet"),
    ]);
    expect([a.stderr, b.stderr, one.stderr]).toEqual(["", "", ""]);
    expect([a.code, b.code, one.code]).toEqual([0, 0, 0]);
    expect(a.stdout).toMatch(/^shard: draws 0–120 of 240 \(sampled all 240 draws in \d+ ms, evaluated 120 in \d+ ms\): .*psa-shard-0-120\.json\n$/);
  }, 120_000);

  it("qaly merge <2 shards from 2 processes> --out DIR writes every CSV byte for byte as one run, and results.json equal but for its date and duration", async () => {
    const merged = join(work, "merged");
    const result = await qaly("merge", join(shards, "psa-shard-120-240.json"), join(shards, "psa-shard-0-120.json"), "--out", merged, "--report", join(merged, "report.html"), "--quiet");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = readdirSync(single).sort();
    expect(files).toContain("psa-draws.csv");
    expect(readdirSync(merged).sort()).toEqual([...files, "report.html"].sort());
    for (const file of files.filter((name) => name.endsWith(".csv"))) expect(readFileSync(join(merged, file), "utf8"), file).toBe(readFileSync(join(single, file), "utf8"));
    expect(withoutTiming(readFileSync(join(merged, "results.json"), "utf8"))).toEqual(withoutTiming(readFileSync(join(single, "results.json"), "utf8")));
  });

  it("qaly merge with a missing, a duplicate or a foreign shard exits 1 with shard_gap, shard_overlap or shard_mismatch", async () => {
    const first = join(shards, "psa-shard-0-120.json");
    const second = join(shards, "psa-shard-120-240.json");
    const gap = await qaly("merge", first, "--quiet");
    expect([gap.code, gap.stderr]).toEqual([1, expect.stringContaining("shard_gap: no shard holds draws 120–240 of 240")]);
    const duplicate = await qaly("merge", first, first, second, "--quiet");
    expect([duplicate.code, duplicate.stderr]).toEqual([1, expect.stringContaining("shard_overlap")]);
    const foreign = join(work, "foreign");
    expect((await qaly("run", MODEL, "--psa", "240", "--seed", "12", "--draws", "120:240", "--out", foreign, "--quiet")).code).toBe(0);
    const mismatch = await qaly("merge", first, join(foreign, "psa-shard-120-240.json"), "--quiet");
    expect([mismatch.code, mismatch.stderr]).toEqual([1, expect.stringMatching(/shard_mismatch: .*seed 12 vs 11/)]);
  });

  it("qaly merge refuses shards whose model file changed since (shard_mismatch at model)", async () => {
    const folder = join(work, "model-copy");
    cpSync(MODEL, folder, { recursive: true });
    const out = join(work, "changed");
    expect((await qaly("run", folder, "--psa", "50", "--seed", "1", "--draws", "0:50", "--out", out, "--quiet")).code).toBe(0);
    const file = join(folder, "model.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n# edited after the shard was written\n`);
    const result = await qaly("merge", join(out, "psa-shard-0-50.json"), "--quiet");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("shard_mismatch");
    expect(result.stderr).toContain("is not the model file the shards were evaluated from");
  });

  it("qaly run --draws outside the PSA, without --out, with --report or with --workers 2 is a usage error (exit 2)", async () => {
    for (const argv of [
      ["--psa", "100", "--draws", "50:101", "--out", work],
      ["--psa", "100", "--draws", "2/2", "--out", work],
      ["--psa", "100", "--draws", "0:10"],
      ["--psa", "100", "--draws", "0:10", "--out", work, "--report", join(work, "r.html")],
      ["--psa", "100", "--draws", "ten", "--out", work],
      ["--psa", "100", "--draws", "0:10", "--out", work, "--workers", "2"],
    ]) {
      expect((await qaly("run", MODEL, ...argv)).code, argv.join(" ")).toBe(2);
    }
  });
});
