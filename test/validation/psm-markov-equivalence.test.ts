// A partitioned survival model whose curves come from a constant-hazard Markov chain reproduces
// that chain's trace and totals. Chain: PF → PD at rate λ, PF → Dead and PD → Dead at the same rate
// μ, no PD → PF. Then S_PFS(t) = e^{−(λ+μ)t}, S_OS(t) = e^{−μt}, and per cycle Δ the exact
// probabilities are P(PF→Dead) = P(PD→Dead) = 1 − e^{−μΔ}, P(PF→PD) = e^{−μΔ}(1 − e^{−λΔ})
// (death is independent of progression because its hazard is the same in both states).
// Woods et al., NICE DSU TSD 19 (2017), §2: PSM and state transition models agree when the
// transition structure is consistent with the curves.
import { describe, expect, it } from "vitest";
import { rateToProbability } from "../../src/math/rate-to-probability.js";
import { complement } from "../../src/models/complement.js";
import { markovCohort } from "../../src/models/markov/index.js";
import { evaluateModel } from "../../src/models/model.js";
import { partitionedSurvival } from "../../src/models/psm/index.js";
import { exponentialSurvival } from "../../src/survival/index.js";

type P = { rProgress: number; rDeath: number; cPF: number; cPD: number; cDeath: number; uPF: number; uPD: number };
const params: P = { rProgress: 0.35, rDeath: 0.08, cPF: 24_000, cPD: 9_000, cDeath: 6_500, uPF: 0.8, uPD: 0.55 };
const STRATEGIES = ["SoC", "New"] as const;
const hr = (s: string) => (s === "New" ? 0.7 : 1);
const common = {
  outcomes: { costCare: "cost", qaly: "effect", lifeYears: "effect" },
  cycles: 120, cycleLength: 1 / 12, startAge: 62,
  discountRate: { cost: 0.035, effect: 0.015 },
} as const;
const values = (p: P) => ({ costCare: { PF: p.cPF, PD: p.cPD }, qaly: { PF: p.uPF, PD: p.uPD }, lifeYears: { PF: 1, PD: 1 } });

type Correction = "trapezoid" | "none-end" | "half-cycle";

function markov(cycleCorrection: Correction) {
  return markovCohort({
    ...common, cycleCorrection,
    states: ["PF", "PD", "Dead"],
    strategies: STRATEGIES,
    start: { PF: 1 },
    transitions: (p: P, _time, s) => {
      const pDeath = rateToProbability(p.rDeath, 1 / 12);
      return {
        PF: { PD: (1 - pDeath) * rateToProbability(p.rProgress * hr(s), 1 / 12), Dead: pDeath, PF: complement },
        PD: { Dead: pDeath, PD: complement },
        Dead: { Dead: 1 },
      };
    },
    values,
    transitionValues: (p: P) => ({ costCare: { PF: { Dead: p.cDeath }, PD: { Dead: p.cDeath } } }),
  });
}

function psm(cycleCorrection: Correction) {
  return partitionedSurvival({
    ...common, cycleCorrection,
    strategies: STRATEGIES,
    curves: (p: P, s) => ({ PFS: exponentialSurvival({ rate: p.rProgress * hr(s) + p.rDeath }), OS: exponentialSurvival({ rate: p.rDeath }) }),
    values,
    entryValues: (p: P) => ({ costCare: { Dead: p.cDeath } }),
  });
}

describe("PSM from a constant-hazard Markov chain (TSD 19 consistency)", () => {
  for (const correction of ["trapezoid", "none-end", "half-cycle"] as const) {
    it(`partitionedSurvival(def) reproduces markovCohort(def)'s trace and totals (${correction})`, () => {
      const m = markov(correction);
      const s = psm(correction);
      for (const strategy of STRATEGIES) {
        const a = m.run(params).strategies[strategy].trace;
        const b = s.run(params).strategies[strategy].trace;
        // Product of 120 probabilities against exp(−rate·t): agreement to rounding, 1e-12 absolute.
        for (let t = 0; t <= 120; t++) for (const state of ["PF", "PD", "Dead"] as const) expect(Math.abs(a[t]![state] - b[t]![state])).toBeLessThan(1e-12);
      }
      const markovResult = evaluateModel(m, params);
      const psmResult = evaluateModel(s, params);
      for (const strategy of STRATEGIES) {
        for (const outcome of ["cost", "costCare", "qaly", "lifeYears", "costUndiscounted", "qalyUndiscounted"]) {
          expect(Math.abs(psmResult[strategy][outcome]! / markovResult[strategy][outcome]! - 1)).toBeLessThan(1e-11);
        }
        expect(psmResult[strategy].clampedCycles).toBe(0);
      }
    });
  }
});

