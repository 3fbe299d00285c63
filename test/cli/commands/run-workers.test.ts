// qaly run --workers: worker threads sample and evaluate the draws of a model file's PSA; the
// results are those of one thread, byte for byte; `auto` (the default) keeps a short PSA in-process.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { qaly } from "../run-in-process.js";

const MODEL = fileURLToPath(new URL("../../../models/sumatriptan-evans-1997", import.meta.url));
const RUN = ["--psa", "700", "--seed", "3", "--no-dsa", "--quiet"];

describe("qaly run --workers", () => {
  const work = mkdtempSync(join(tmpdir(), "qaly-workers-"));

  it("qaly run --workers 2 writes the PSA draws of --workers 1 byte for byte, and --workers auto those too", async () => {
    const results = await Promise.all(["1", "2", "auto"].map(async (workers) => {
      const out = join(work, `w${workers}`);
      const result = await qaly("run", MODEL, ...RUN, "--workers", workers, "--out", out);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      return readFileSync(join(out, "psa-draws.csv"), "utf8");
    }));
    expect(results[0]!.split("\n")).toHaveLength(702);
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
  }, 180_000);

  it("qaly run --workers 0 or --workers many is a usage error (exit 2)", async () => {
    for (const workers of ["0", "many"]) expect((await qaly("run", MODEL, ...RUN, "--workers", workers)).code, workers).toBe(2);
  });
});
