// Small models with closed-form results for the deterministic-analysis tests.
import type { Model, ParameterValues } from "../../../src/models/model.js";

export const STRATEGIES = ["Standard care", "New drug"] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Base case of {@link linearModel}. */
export const BASE = { cCare: 50_000, cDrug: 100_000, uBase: 5, pResponse: 0.5, uGain: 0.6 } as const;

/**
 * Standard care: cost = cCare, qaly = uBase, lifeYears = 10.
 * New drug: cost = cCare + cDrug, qaly = uBase + pResponse·uGain, lifeYears = 10 + pResponse.
 * So incremental NMB = wtp·pResponse·uGain − cDrug, and ICER = cDrug / (pResponse·uGain).
 * `effectScale` multiplies every QALY (a structural option, like a different discount rate).
 */
export function linearModel(effectScale = 1): Model<ParameterValues, Strategy> {
  return {
    title: "linear toy",
    strategies: STRATEGIES,
    outcomes: ["cost", "qaly", "lifeYears"],
    evaluateInto(p, out) {
      out[0] = p.cCare!;
      out[1] = effectScale * p.uBase!;
      out[2] = 10;
      out[3] = p.cCare! + p.cDrug!;
      out[4] = effectScale * (p.uBase! + p.pResponse! * p.uGain!);
      out[5] = 10 + p.pResponse!;
    },
  };
}

/**
 * Three strategies with cost = a_s·x + c_s and qaly = b_s·x + e_s for one parameter x, and
 * `others` parameters that do nothing; coefficients given per strategy.
 */
export function affineModel(coefficients: readonly { a: number; c: number; b: number; e: number }[]): Model<ParameterValues, string> {
  return {
    title: "affine toy",
    strategies: coefficients.map((_, i) => `S${i}`),
    outcomes: ["cost", "qaly"],
    evaluateInto(p, out) {
      coefficients.forEach(({ a, c, b, e }, i) => {
        out[2 * i] = a * p.x! + c;
        out[2 * i + 1] = b * p.x! + e;
      });
    },
  };
}

/** A model whose incremental NMB is an arbitrary function `g(x)` (costs zero, QALYs g/wtp). */
export function nmbModel(g: (x: number) => number, wtp: number): Model<ParameterValues, "A" | "B"> {
  return {
    title: "nonlinear toy",
    strategies: ["A", "B"],
    outcomes: ["cost", "qaly"],
    evaluateInto(p, out) {
      out[0] = 0;
      out[1] = g(p.x!) / wtp;
      out[2] = 0;
      out[3] = 0;
    },
  };
}
