import { describe, expect, it } from "vitest";
import { psaResult } from "../../../src/analysis/psa/psa-result.js";
import { psaIsDegenerate } from "../../../src/analysis/psa/is-degenerate.js";
import { QalyError } from "../../../src/core/errors.js";
import { columnDraws } from "../../../src/analysis/psa/column-draws.js";

const psa = (costB: number[], qalyB: number[]) =>
  psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly", "other"], values: { cost: { A: costB.map(() => 1), B: costB }, qaly: { A: qalyB.map(() => 1), B: qalyB }, other: { A: costB.map((_, i) => i), B: costB.map((_, i) => i) } } });

describe("psaIsDegenerate", () => {
  it("psaIsDegenerate(psa) is true when no cost or effect varies, whatever other outcomes do", () => {
    expect(psaIsDegenerate(psa([5, 5, 5], [2, 2, 2]))).toBe(true);
    expect(psaIsDegenerate(psa([5], [2]))).toBe(true);
  });

  it("psaIsDegenerate(psa) is false when one cost or one effect of one strategy varies in one draw", () => {
    expect(psaIsDegenerate(psa([5, 5, 6], [2, 2, 2]))).toBe(false);
    expect(psaIsDegenerate(psa([5, 5, 5], [2, 2.000001, 2]))).toBe(false);
  });

  it("psaIsDegenerate(psa) is true when the parameter draws are all constant although the outcomes vary (a microsimulation's Monte Carlo noise), false when one parameter varies", () => {
    const values = { cost: { A: [1, 1, 1], B: [2, 2.1, 1.9] }, qaly: { A: [1, 1, 1], B: [2, 2, 2] } };
    expect(psaIsDegenerate(psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values, parameters: columnDraws({ pA: [0.1, 0.1, 0.1], cB: [5, 5, 5] }) }))).toBe(true);
    expect(psaIsDegenerate(psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values, parameters: columnDraws({ pA: [0.1, 0.1, 0.1], cB: [5, 6, 5] }) }))).toBe(false);
    expect(psaIsDegenerate(psaResult({ strategies: ["A", "B"], outcomes: ["cost", "qaly"], values }))).toBe(false);
  });

  it("psaIsDegenerate(psa, { cost: unknown }) is a typed error", () => {
    expect(() => psaIsDegenerate(psa([1], [1]), { cost: "costs" })).toThrow(QalyError);
  });
});
