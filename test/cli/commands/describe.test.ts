// qaly describe --matrix (issue 17, item 11): prints a Markov model's base-case transition matrix.
// Checked against the published matrix of Briggs, Claxton & Sculpher 2006 (HIV model, Table 2.5
// counts; the book prints the monotherapy matrix to 3 decimals: A → A 0.721, A → B 0.202, A → C 0.067,
// A → D 0.010, B → C 0.407, C → D 0.250), hence the tolerance of half a unit in the third decimal.
import { describe, expect, it } from "vitest";
import { qaly } from "../run-in-process.js";

const HIV = "models/hiv-briggs-2006";

describe("qaly describe --matrix", () => {
  it("prints the monotherapy matrix of the Briggs HIV model as published (to 3 decimals)", async () => {
    const { code, stdout } = await qaly("describe", HIV, "--matrix", "--strategy", "Monotherapy", "--json");
    expect(code).toBe(0);
    const [m] = JSON.parse(stdout).transitionMatrices as { strategy: string; cycle: number; states: string[]; matrix: number[][] }[];
    expect(m!.strategy).toBe("Monotherapy");
    expect(m!.cycle).toBe(1);
    expect(m!.states).toEqual(["A", "B", "C", "D"]);
    const published = [
      [0.721, 0.202, 0.067, 0.01],
      [0, 0.581, 0.407, 0.012],
      [0, 0, 0.75, 0.25],
      [0, 0, 0, 1],
    ];
    m!.matrix.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - published[i]![j]!)).toBeLessThanOrEqual(0.0005)));
  });

  it("prints every strategy's matrix as text; the relative risk applies in cycle 1 but not in cycle 3 of combination therapy", async () => {
    const one = await qaly("describe", HIV, "--matrix");
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("Transition matrix: Monotherapy, cycle 1 (base case)");
    expect(one.stdout).toContain("Transition matrix: Combination, cycle 1 (base case)");
    // A → B with RR 0.509: 350/1734 · 0.509 = 0.102739…
    expect(one.stdout).toMatch(/0\.102739/);
    const three = await qaly("describe", HIV, "--matrix", "--strategy", "Combination", "--cycle", "3");
    expect(three.stdout).toContain("Transition matrix: Combination, cycle 3 (base case)");
    expect(three.stdout).not.toMatch(/0\.102739/);
    expect(three.stdout).toMatch(/0\.201845/); // 350/1734 without the relative risk
  });

  it("rejects an unknown strategy, a bad cycle, and --cycle without --matrix", async () => {
    expect((await qaly("describe", HIV, "--matrix", "--strategy", "Other")).code).not.toBe(0);
    const late = await qaly("describe", HIV, "--matrix", "--cycle", "21");
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/cycle/);
    expect((await qaly("describe", HIV, "--matrix", "--cycle", "0")).code).not.toBe(0);
    expect((await qaly("describe", HIV, "--cycle", "2")).code).not.toBe(0);
  });

  it("says a model without transition matrices has none", async () => {
    const tree = await qaly("describe", "models/sumatriptan-evans-1997", "--matrix");
    expect(tree.code).not.toBe(0);
    expect(tree.stderr).toMatch(/not a Markov cohort model/);
  });
});
