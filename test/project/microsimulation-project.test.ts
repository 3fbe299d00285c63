// A microsimulation model file runs through the whole project pipeline unchanged (the Model
// contract): base case, ICER table, PSA with its CEAC and EVPI inputs, and the HTML report input.
import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { runProject } from "../../src/project/run-project.js";
import { psaIsDegenerate } from "../../src/analysis/psa/is-degenerate.js";
import { htmlReport } from "../../src/report/html/html-report.js";

const text = `metadata: { title: Microsimulation project, currency: SEK }
parameters:
  pDie: { value: 0.1, distribution: { kind: beta, alpha: 10, beta: 90 }, source: test, status: assumption }
  cDrug: { value: 1000, distribution: { kind: gamma, mean: 1000, se: 100 }, source: test, status: assumption }
strategies:
  Usual care: { variables: { hr: 1, cost: 0 } }
  Drug: { variables: { hr: 0.7, cost: cDrug } }
psa: { samples: 12, seed: 5 }
model:
  type: microsimulation
  states: [Well, Dead]
  outcomes: { cost: cost, qaly: effect }
  individuals: 300
  cycles: 5
  attributes: { frailty: { kind: uniform, min: 0.5, max: 1.5 } }
  start: { Well: 1 }
  transitions:
    Well: { Dead: "min(1, pDie * hr * frailty)", Well: complement }
    Dead: { Dead: 1 }
  values:
    cost: { Well: cost }
    qaly: { Well: 1 }
`;

describe("microsimulation in a project", () => {
  it("runProject gives a base case with MCSEs, an ICER table and a seeded PSA of every draw", async () => {
    const project = compileModelFile(text, { fileName: "micro.yaml" });
    const run = await runProject(project, { dsa: false, psa: 12 });
    expect(run.icerTable.map((row) => row.strategy).sort()).toEqual(["Drug", "Usual care"]);
    expect(run.psa?.size).toBe(12);
    expect(run.psa?.outcomes).toEqual(expect.arrayContaining(["cost", "qaly", "costMcse", "qalyMcse"]));
    const qaly = Array.from(run.psa!.values("qaly", "Drug"));
    expect(qaly.every((value) => Number.isFinite(value) && value > 0)).toBe(true);
    // Same seed, same draws, same individuals: the PSA is reproducible.
    const again = await runProject(compileModelFile(text, { fileName: "micro.yaml" }), { dsa: false, psa: 12 });
    expect(Array.from(again.psa!.values("qaly", "Drug"))).toEqual(qaly);
    expect(psaIsDegenerate(run.psa!)).toBe(false);
  });

  it("without uncertain parameters the PSA's draws differ only by Monte Carlo noise: it is degenerate, and the report quotes no probability", async () => {
    const fixed = text.replace(/, distribution: \{[^}]*\}/g, "");
    const run = await runProject(compileModelFile(fixed, { fileName: "micro.yaml" }), { dsa: false, psa: 12 });
    const cost = Array.from(run.psa!.values("cost", "Drug"));
    expect(new Set(cost).size).toBeGreaterThan(1);
    expect(psaIsDegenerate(run.psa!)).toBe(true);
    expect(htmlReport(run)).toContain("The probabilistic analysis is degenerate");
    // No EVPPI from noise: neither the ranking nor the groups are computed for a degenerate PSA.
    expect(run.evppiRanking).toBeUndefined();
    expect(run.evppi).toBeUndefined();
  });
});
