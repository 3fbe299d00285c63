import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { evpi, evppi } from "../../../src/analysis/voi/index.js";
import { psaResult, psaResultFromCsv } from "../../../src/analysis/psa/index.js";
import { chemoPsa } from "../psa/chemo.js";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";

/** voi's toy model: t1 has NB 0, t2 has effect p1 and cost p2 (NB = p1 − p2 at WTP 1). */
function toyPsa() {
  const text = readFileSync(new URL("../../fixtures/voi-toy/voi_toy_inputs_seed1_n10000.csv", import.meta.url), "utf8");
  const rows = text.trim().split("\n").slice(1).map((line) => line.split(",").map(Number));
  const p1 = rows.map((r) => r[0]!);
  const p2 = rows.map((r) => r[1]!);
  const zeros = p1.map(() => 0);
  const csv = ["draw,cost_t1,effect_t1,cost_t2,effect_t2,p1,p2", ...p1.map((v, i) => `${i + 1},0,0,${p2[i]},${v},${v},${p2[i]}`)].join("\n");
  return { psa: psaResultFromCsv(csv), p1, p2, zeros };
}

function sd(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

describe("evppi", () => {
  const { psa, p1, p2 } = toyPsa();
  const n = p1.length;

  it("evppi(psa, 'p1', [1]) matches the closed form Φ(1) + φ(1) − 1 for voi's toy model within 4 standard errors", () => {
    const exact = 0.841344746068543 + 0.241970724519143 - 1;
    // The estimate is the mean negative part of E[NB | p1] = p1 − mean(p2): its sampling SE plus the
    // effect of the intercept's error (SE of mean(p2), weighted by P(p1 < 0) ≤ 1).
    const se = Math.hypot(sd(p1.map((v) => Math.max(0, -v))) / Math.sqrt(n), sd(p2) / Math.sqrt(n));
    const value = evppi(psa, "p1", [1]).perPerson[0]!;
    expect(Math.abs(value - exact)).toBeLessThanOrEqual(4 * se);
  });

  it("evppi(psa, 'p2', [1]) matches the closed form Φ(0.5) + 2φ(0.5) − 1 within 4 standard errors", () => {
    const exact = 0.691462461274013 + 2 * 0.3520653267642995 - 1;
    const se = Math.hypot(sd(p2.map((v) => Math.max(0, v - 1))) / Math.sqrt(n), sd(p1) / Math.sqrt(n));
    const value = evppi(psa, "p2", [1]).perPerson[0]!;
    expect(Math.abs(value - exact)).toBeLessThanOrEqual(4 * se);
  });

  it("evppi(psa, parameter, wtp) lies between 0 and EVPI on the voi chemotherapy PSA with parameters", () => {
    const base = chemoPsa();
    // A parameter that is pure noise has EVPPI near 0; one equal to the incremental NMB has EVPPI = EVPI.
    const inb = Float64Array.from(base.values("qaly", "Novel"), (e, i) => 20_000 * (e - base.values("qaly", "SoC")[i]!) - (base.values("cost", "Novel")[i]! - base.values("cost", "SoC")[i]!));
    const noise = Float64Array.from({ length: base.size }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const psa = psaResult({ strategies: base.strategies, outcomes: base.outcomes, buffer: Float64Array.from(base.buffer), parameters: { names: ["inb", "noise"], size: base.size, column: (name) => (name === "inb" ? inb : noise), row: (i) => ({ inb: inb[i]!, noise: noise[i]! }) } });
    const total = evpi(psa, [20_000]).perPerson[0]!;
    const perfect = evppi(psa, "inb", [20_000]).perPerson[0]!;
    const none = evppi(psa, "noise", [20_000]).perPerson[0]!;
    expect(perfect).toBeGreaterThan(0.9 * total);
    expect(perfect).toBeLessThanOrEqual(total * (1 + 1e-9));
    expect(none).toBeGreaterThanOrEqual(0);
    expect(none).toBeLessThan(0.1 * total);
  });

  it("evppi(psa, ['p1', 'p2'], [1]) matches voi's toy EVPI, Φ(1/√5) + √5·φ(1/√5) − 1, within 4 standard errors", () => {
    // Learning both inputs resolves all uncertainty: NB of t2 = p1 − p2 ~ N(1, √5) with p1 ~ N(1, 1)
    // and p2 ~ N(0, 2) (voi's toy model), so the group's EVPPI is the EVPI E[max(0, X)] − max(0, E X).
    const mu = 1;
    const sigma = Math.sqrt(5);
    const z = mu / sigma;
    const exact = mu * normalCdf(z, 0, 1) + sigma * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) - mu;
    const x = p1.map((v, i) => v - p2[i]!);
    const se = sd(x.map((v) => Math.max(0, -v))) / Math.sqrt(n);
    const group = evppi(psa, ["p1", "p2"], [1]);
    expect(group.parameters).toEqual(["p1", "p2"]);
    expect(group.parameter).toBe("p1, p2");
    expect(Math.abs(group.perPerson[0]! - exact)).toBeLessThanOrEqual(4 * se);
    // The sample EVPI of the same draws, which the group's EVPPI estimates without regression error here.
    expect(group.perPerson[0]!).toBeLessThanOrEqual(evpi(psa, [1]).perPerson[0]! * (1 + 1e-6));
    // A group's EVPPI is at least each member's (up to the regression's sampling error).
    expect(group.perPerson[0]!).toBeGreaterThan(evppi(psa, "p1", [1]).perPerson[0]!);
    expect(group.perPerson[0]!).toBeGreaterThan(evppi(psa, "p2", [1]).perPerson[0]!);
  });

  it("evppi(psa, [one]) equals evppi(psa, one) exactly", () => {
    expect(Array.from(evppi(psa, ["p2"], [0.5, 1, 2]).perPerson)).toEqual(Array.from(evppi(psa, "p2", [0.5, 1, 2]).perPerson));
  });

  it("evppi(psa, group) reports an empty group, a repeated name and an unknown member by its index", () => {
    expect(() => evppi(psa, [])).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["parameter"] }));
    expect(() => evppi(psa, ["p1", "p1"])).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["parameter", 1] }));
    expect(() => evppi(psa, ["p1", "p9"])).toThrow(expect.objectContaining({ code: "unknown_parameter", path: ["parameter", 1] }));
  });

  it("evppi(psa, parameter) reports missing draws, unknown parameters and bad knots", () => {
    const bare = psaResult({ strategies: ["A"], outcomes: ["cost", "effect"], values: { cost: { A: [1] }, effect: { A: [1] } } });
    expect(() => evppi(bare, "p1")).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["parameters"] }));
    expect(() => evppi(psa, "p3")).toThrow(expect.objectContaining({ code: "unknown_parameter", path: ["parameter"] }));
    expect(() => evppi(psa, "p1", [1], { knots: 1 })).toThrow(expect.objectContaining({ code: "invalid_argument", path: ["knots"] }));
  });
});
