// The Sick-Sicker microsimulation of Krijkamp et al., Med Decis Making 2018;38(3):400-22,
// reproduced within Monte Carlo error at its published sample size (100 000 individuals).
//
// Published numbers: the output tables printed at the end of the tutorial's appendices in its public
// code, github.com/DARTH-git/Microsimulation-tutorial (commit a7fdd34): Appendix_A.pdf (simple
// microsimulation), Appendix_B.pdf (extended: duration-dependent mortality and utility, effect
// modifier) and Appendix_C.pdf (the Markov cohort version of Appendix A). Costs are printed to $1,
// QALYs to 0.001, with their MCSE.
//
// Tolerance: the published means are themselves Monte Carlo estimates with the printed MCSE, from
// R's streams, independent of ours; the difference of two independent estimates has standard error
// √(SE_ours² + SE_published²), and we accept 4 of those (a false alarm once in ~16 000 runs) plus
// the half unit of printing.
import { describe, expect, it } from "vitest";
import { krijkampMicrosim, krijkampParameters } from "../../models/sick-sicker-microsim/model.js";
import { complement, markovCohort, probabilityToRate, rateToProbability } from "../../src/index.js";
import { evaluateModel } from "../../src/models/model.js";

interface Published {
  readonly cost: readonly [number, number];
  readonly qaly: readonly [number, number];
}
interface PublishedTable {
  readonly "No Treatment": Published;
  readonly Treatment: Published;
  readonly incrementalCost: readonly [number, number];
  readonly incrementalQaly: readonly [number, number];
}

/** Appendix_A.pdf, final table: [mean, MCSE]. */
const appendixA: PublishedTable = {
  "No Treatment": { cost: [75996, 183], qaly: [15.823, 0.016] },
  Treatment: { cost: [141644, 343], qaly: [16.384, 0.016] },
  incrementalCost: [65648, 164],
  incrementalQaly: [0.561, 0.001],
};
/** Appendix_B.pdf, final table: [mean, MCSE]. */
const appendixB: PublishedTable = {
  "No Treatment": { cost: [62667, 120], qaly: [15.279, 0.017] },
  Treatment: { cost: [117455, 231], qaly: [15.786, 0.017] },
  incrementalCost: [54787, 117],
  incrementalQaly: [0.508, 0.001],
};
/** Appendix_C.pdf, final table (Markov cohort: exact expectations of Appendix A's model). */
const appendixC = { "No Treatment": { cost: 75976, qaly: 15.839 }, Treatment: { cost: 141623, qaly: 16.4 } };

const within = (ours: number, oursSe: number, published: number, publishedSe: number, unit: number): boolean => Math.abs(ours - published) <= 4 * Math.hypot(oursSe, publishedSe) + unit / 2;

function reproduces(extended: boolean, table: PublishedTable): void {
  const run = krijkampMicrosim({ extended }).run(krijkampParameters);
  const none = run.strategies["No Treatment"]!;
  const treated = run.strategies.Treatment!;

  it.each(["No Treatment", "Treatment"] as const)("%s: mean cost and QALYs within 4 SE of the published ones, MCSE within 10 % of the published MCSE", (strategy) => {
    const ours = run.strategies[strategy]!;
    const published = table[strategy];
    expect(within(ours.mean.cost!, ours.mcse.cost!, published.cost[0], published.cost[1], 1)).toBe(true);
    expect(within(ours.mean.qaly!, ours.mcse.qaly!, published.qaly[0], published.qaly[1], 0.001)).toBe(true);
    // Standard errors estimate the same population sd, so they agree closely (printed to $1 / 0.001).
    expect(Math.abs(ours.mcse.cost! / published.cost[1] - 1)).toBeLessThan(0.1);
    expect(Math.abs(ours.mcse.qaly! - published.qaly[1])).toBeLessThan(0.0015);
  });

  it("incremental cost and QALYs within 4 SE of the published ones (common random numbers: SE of the paired difference)", () => {
    const se = run.differenceMcse.Treatment!["No Treatment"]!;
    const incrementalCost = treated.mean.cost! - none.mean.cost!;
    const incrementalQaly = treated.mean.qaly! - none.mean.qaly!;
    expect(within(incrementalCost, se.cost!, table.incrementalCost[0], table.incrementalCost[1], 1)).toBe(true);
    expect(within(incrementalQaly, se.qaly!, table.incrementalQaly[0], table.incrementalQaly[1], 0.001)).toBe(true);
    expect(Math.abs(se.cost! / table.incrementalCost[1] - 1)).toBeLessThan(0.1);
    // The published QALY MCSE of the difference is printed as 0.001.
    expect(se.qaly!).toBeLessThan(0.0015);
  });

  it("every trace row counts all 100 000 individuals", () => {
    for (const row of none.trace) expect(row.H + row.S1 + row.S2 + row.D).toBe(100_000);
  });
}

describe("Sick-Sicker microsimulation, Krijkamp et al. 2018, Appendix A (simple), n = 100 000", () => reproduces(false, appendixA));
describe("Sick-Sicker microsimulation, Krijkamp et al. 2018, Appendix B (history: duration-dependent death and utility; effect modifier), n = 100 000", () => reproduces(true, appendixB));

describe("without history, the microsimulation converges to the cohort Markov model", () => {
  const p = krijkampParameters;
  // Appendix C: the same model as a cohort (our Markov engine), every row counted, 3 % from row 0.
  const cohort = markovCohort({
    states: ["H", "S1", "S2", "D"],
    strategies: ["No Treatment", "Treatment"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: 30,
    start: { H: 1 },
    cycleCorrection: "every-row",
    discountRate: { cost: 0.03, effect: 0.03 },
    transitions: () => ({
      H: { H: complement, S1: p.pHS1, D: p.pHD },
      S1: { H: p.pS1H, S1: complement, S2: p.pS1S2, D: rateToProbability(p.rrS1 * probabilityToRate(p.pHD)) },
      S2: { S2: complement, D: rateToProbability(p.rrS2 * probabilityToRate(p.pHD)) },
      D: { D: 1 },
    }),
    values: (_p, _t, g) => ({
      cost: { H: p.cH, S1: p.cS1 + (g === "Treatment" ? p.cTrt : 0), S2: p.cS2 + (g === "Treatment" ? p.cTrt : 0) },
      qaly: { H: p.uH, S1: g === "Treatment" ? p.uTrt : p.uS1, S2: p.uS2 },
    }),
  });
  const expected = evaluateModel(cohort, {});

  it("our cohort model reproduces Appendix C's published cohort results ($1, 0.001)", () => {
    for (const strategy of ["No Treatment", "Treatment"] as const) {
      expect(Math.abs(expected[strategy].cost! - appendixC[strategy].cost)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(expected[strategy].qaly! - appendixC[strategy].qaly)).toBeLessThanOrEqual(0.0005);
    }
  });

  it.each([
    [1, 100_000],
    [7, 20_000],
    ["other seed", 5_000],
  ] as const)("seed %s, %i individuals: |microsimulation − cohort| < 4 MCSE for every output and strategy", (seed, individuals) => {
    const result = evaluateModel(krijkampMicrosim({ seed, individuals }), krijkampParameters);
    for (const strategy of ["No Treatment", "Treatment"] as const) {
      for (const output of ["cost", "qaly", "costUndiscounted", "qalyUndiscounted"]) {
        const diff = result[strategy]![output]! - expected[strategy][output]!;
        expect(Math.abs(diff), `${strategy} ${output}`).toBeLessThan(4 * result[strategy]![`${output}Mcse`]!);
      }
    }
  });
});
