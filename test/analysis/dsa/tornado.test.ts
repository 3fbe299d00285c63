import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oneWay, tornado } from "../../../src/analysis/dsa/index.js";
import type { Model, ParameterValues } from "../../../src/models/model.js";
import { BASE, linearModel } from "./toy-models.js";
import { thrown } from "../../helpers/thrown.js";

// Closed-form swings are exact up to rounding in a few float operations: 1e-9 relative.
const REL = 1e-9;
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(expected)));
}

describe("tornado", () => {
  const model = linearModel();
  const ranges = {
    cDrug: { low: 50_000, high: 200_000 }, // ΔNMB swing 150 000
    pResponse: { low: 0.3, high: 0.7 }, // swing wtp·0.4·0.6 = 120 000 at 500 000
    uGain: { low: 0.5, high: 0.7 }, // swing wtp·0.5·0.2 = 50 000 at 500 000
    cCare: { low: 10_000, high: 90_000 }, // no effect on ΔNMB: swing 0
  };
  const dsa = oneWay(model, BASE, { wtp: 500_000, parameters: ranges });

  it("tornado(oneWay, { measure: 'incrementalNmb' }) sorts bars by swing, with closed-form low/high values", () => {
    const result = tornado(dsa, { measure: "incrementalNmb", strategy: "New drug" });
    expect(result.bars.map((bar) => bar.parameter)).toEqual(["cDrug", "pResponse", "uGain", "cCare"]);
    expectClose(result.base, 500_000 * 0.3 - 100_000);
    const [cDrug, pResponse, uGain, cCare] = result.bars;
    expectClose(cDrug!.low, 150_000 - 50_000);
    expectClose(cDrug!.high, 150_000 - 200_000);
    expectClose(cDrug!.swing, 150_000);
    expect([cDrug!.lowValue, cDrug!.highValue, cDrug!.baseValue]).toEqual([50_000, 200_000, 100_000]);
    expectClose(pResponse!.swing, 120_000);
    expectClose(uGain!.swing, 50_000);
    expect(cCare!.swing).toBe(0);
  });

  it("tornado(oneWay, { wtp }) recomputes NMB at another WTP from the stored outcomes", () => {
    const result = tornado(dsa, { measure: "incrementalNmb", strategy: "New drug", wtp: 1_000_000 });
    expect(result.wtp).toBe(1_000_000);
    expect(result.bars.map((bar) => bar.parameter)).toEqual(["pResponse", "cDrug", "uGain", "cCare"]);
    expectClose(result.bars[0]!.swing, 240_000);
  });

  it("tornado(oneWay, { top }) keeps the N largest bars", () => {
    expect(tornado(dsa, { strategy: "New drug", top: 2 }).bars.map((bar) => bar.parameter)).toEqual(["cDrug", "pResponse"]);
  });

  it("tornado(oneWay, { measure: 'icer' | 'nmb' | outcome }) reports ICER, NMB or any outcome in closed form", () => {
    const icer = tornado(dsa, { measure: "icer", strategy: "New drug" });
    expectClose(icer.base, 100_000 / 0.3);
    const pResponse = icer.bars.find((bar) => bar.parameter === "pResponse")!;
    expectClose(pResponse.low, 100_000 / (0.3 * 0.6));
    expectClose(pResponse.high, 100_000 / (0.7 * 0.6));
    const nmb = tornado(dsa, { measure: "nmb", strategy: "Standard care" });
    expect(nmb.bars[0]!.parameter).toBe("cCare");
    expectClose(nmb.bars[0]!.swing, 80_000);
    const lifeYears = tornado(dsa, { measure: "lifeYears", strategy: "New drug" });
    expect(lifeYears.bars[0]!.parameter).toBe("pResponse");
    expectClose(lifeYears.bars[0]!.swing, 0.4);
    expectClose(tornado(dsa, { measure: "incrementalCost", strategy: "New drug" }).bars[0]!.swing, 150_000);
    expectClose(tornado(dsa, { measure: "incrementalEffect", strategy: "New drug" }).bars[0]!.swing, 0.4 * 0.6);
  });

  it("tornado(...) swing is max − min over all values when the measure is not monotone", () => {
    const bumpy: Model<ParameterValues, "A" | "B"> = {
      title: "bump",
      strategies: ["A", "B"],
      outcomes: ["cost", "qaly"],
      evaluateInto: (p, out) => out.set([0, 0, (p.x! - 1) ** 2, 0]),
    };
    const result = tornado(oneWay(bumpy, { x: 1 }, { parameters: { x: { values: [0, 1, 3] } } }), { measure: "cost", strategy: "B" });
    expect(result.bars[0]).toMatchObject({ low: 1, high: 4, min: 0, max: 4, swing: 4 });
  });

  it("tornado(...) rejects an undefined ICER, an unknown strategy or measure, and a bad top", () => {
    const icerUndefined = thrown(() => tornado(dsa, { measure: "icer", strategy: "Standard care" }));
    expect([icerUndefined.code, icerUndefined.path]).toEqual(["invalid_argument", ["base"]]);
    const strategy = thrown(() => tornado(dsa, { strategy: "New Drug" as never }));
    expect([strategy.code, strategy.path]).toEqual(["unknown_strategy", ["strategy"]]);
    expect(strategy.message).toContain("did you mean 'New drug'?");
    const measure = thrown(() => tornado(dsa, { strategy: "New drug", measure: "incrementalNMB" }));
    expect([measure.code, measure.path]).toEqual(["unknown_outcome", ["measure"]]);
    expect(measure.message).toContain("did you mean 'incrementalNmb'?");
    const top = thrown(() => tornado(dsa, { strategy: "New drug", top: 0 }));
    expect([top.code, top.path]).toEqual(["invalid_argument", ["top"]]);
  });

  it("tornado(oneWay) on an affine model: bars are sorted by swing and swing = |slope|·(high − low) (property)", () => {
    const coefficient = fc.double({ min: -1e4, max: 1e4, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(coefficient, coefficient, fc.double({ min: 0.01, max: 10, noNaN: true })), { minLength: 1, maxLength: 6 }), (spec) => {
        // Parameter i shifts New's cost by a_i·x_i and QALYs by b_i·x_i, over [0, width_i].
        const names = spec.map((_, i) => `x${i}`);
        const affine: Model<ParameterValues, "Old" | "New"> = {
          title: "affine",
          strategies: ["Old", "New"],
          outcomes: ["cost", "qaly"],
          evaluateInto(p, out) {
            let cost = 0;
            let qaly = 0;
            spec.forEach(([a, b], i) => {
              cost += a * p[names[i]!]!;
              qaly += b * p[names[i]!]!;
            });
            out.set([0, 0, cost, qaly]);
          },
        };
        const base = Object.fromEntries(names.map((name) => [name, 0]));
        const parameters = Object.fromEntries(spec.map(([, , width], i) => [names[i]!, { low: 0, high: width }]));
        const bars = tornado(oneWay(affine, base, { wtp: 10, parameters }), { strategy: "New" }).bars;
        for (let i = 1; i < bars.length; i++) expect(bars[i - 1]!.swing).toBeGreaterThanOrEqual(bars[i]!.swing);
        for (const bar of bars) {
          const [a, b, width] = spec[names.indexOf(bar.parameter)]!;
          const expected = Math.abs(10 * b - a) * width;
          expect(Math.abs(bar.swing - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, (10 * Math.abs(b) + Math.abs(a)) * width));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("tornado: bars shown and the others", () => {
  it("lists the parameters beyond top with their swing, zero included, largest first; without top there are none", () => {
    const model = { title: "toy", strategies: ["Old", "New"], outcomes: ["cost", "qaly"], evaluateInto: (p: Record<string, number>, out: Float64Array) => { out.set([1000, 1, 1000 + p.cDrug!, 1 + p.qGain!]); } };
    const base = { cDrug: 20000, qGain: 0.1, unused: 5 };
    const dsa = oneWay(model, base, { wtp: 500000, parameters: { cDrug: { low: 10000, high: 40000 }, qGain: { low: 0.05, high: 0.2 }, unused: { low: 1, high: 10 } } });
    const top1 = tornado(dsa, { strategy: "New", top: 1 });
    // By hand: qGain swings 500 000 × 0.15 = 75 000, cDrug 30 000, unused 0.
    expect(top1.bars.map((b) => b.parameter)).toEqual(["qGain"]);
    expect(top1.others).toEqual([{ parameter: "cDrug", swing: 30000 }, { parameter: "unused", swing: 0 }]);
    expect(tornado(dsa, { strategy: "New" }).others).toEqual([]);
    expect(tornado(dsa, { strategy: "New" }).bars.at(-1)).toMatchObject({ parameter: "unused", swing: 0 });
  });
});
