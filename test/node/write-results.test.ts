import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { runProject } from "../../src/project/run-project.js";
import { runResultFileParts, runResultFiles, writeResultFiles } from "../../src/node/write-results.js";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A cost-only tree, by hand: A costs 100 + 0.5 × 40 = 120, B costs 90 + 0.25 × 40 = 100, so B is least costly and A costs 20 more.
const COST_ONLY = `metadata: { title: Two options, currency: SEK }
parameters:
  pA: { value: 0.5, distribution: { kind: beta, mean: 0.5, se: 0.05 } }
  pB: { value: 0.25, distribution: { kind: beta, mean: 0.25, se: 0.05 } }
strategies: [A, B]
outcomes: { effect: null }
model:
  type: decision-tree
  root:
    decision:
      A: { payoffs: { cost: 100 }, next: { chance: [{ label: Event, probability: pA, next: { terminal: { payoffs: { cost: 40 } } } }, { label: None, probability: complement, next: { terminal: {} } }] } }
      B: { payoffs: { cost: 90 }, next: { chance: [{ label: Event, probability: pB, next: { terminal: { payoffs: { cost: 40 } } } }, { label: None, probability: complement, next: { terminal: {} } }] } }
`;

describe("runResultFiles", () => {
  it("a cost-only model writes a cost comparison instead of an ICER table (base case and PSA means), with the hand-computed difference", async () => {
    const run = await runProject(compileModelFile(COST_ONLY, { fileName: "two.yaml" }), { psa: 50, seed: 1, dsa: false, detail: false });
    const files = runResultFiles(run);
    expect(Object.keys(files)).not.toContain("icer-table.csv");
    expect(Object.keys(files)).not.toContain("psa-icer-table.csv");
    expect(files["cost-comparison.csv"]).toBe("rank,strategy,cost,comparator,incremental_cost,least_costly\n1,B,100,,,true\n2,A,120,B,20,false\n");
    expect(files["psa-cost-comparison.csv"]!.split("\n")[0]).toBe("rank,strategy,cost,comparator,incremental_cost,least_costly");
  });

  it("a model with an effect outcome keeps its ICER tables", async () => {
    const run = await runProject(compileModelFile(COST_ONLY.replace("outcomes: { effect: null }\n", "").replace("payoffs: { cost: 100 }", "payoffs: { cost: 100, qaly: 1 }").replace("payoffs: { cost: 90 }", "payoffs: { cost: 90, qaly: 1 }"), { fileName: "two.yaml" }), { psa: 20, seed: 1, dsa: false, detail: false });
    const files = runResultFiles(run);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["icer-table.csv", "psa-icer-table.csv"]));
    expect(Object.keys(files)).not.toContain("cost-comparison.csv");
  });

  it("writeResultFiles writes the PSA draws chunk by chunk, byte for byte the text of runResultFiles", async () => {
    const run = await runProject(compileModelFile(COST_ONLY, { fileName: "dressing.yaml" }), { psa: 50, dsa: false });
    const folder = mkdtempSync(join(tmpdir(), "qaly-write-"));
    try {
      const parts = runResultFileParts(run);
      expect(typeof parts["psa-draws.csv"]).not.toBe("string");
      await writeResultFiles(folder, parts);
      const files = runResultFiles(run);
      for (const [name, text] of Object.entries(files)) {
        if (name === "results.json") continue; // its run.date and durationMs are the same run's, but written later
        expect(readFileSync(join(folder, name), "utf8"), name).toBe(text);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
