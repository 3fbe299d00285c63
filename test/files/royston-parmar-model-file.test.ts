import { describe, expect, it } from "vitest";
import { compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { roystonParmarSurvival } from "../../src/survival/index.js";

// A partitioned survival model file whose OS curve is a Royston–Parmar spline, written as the
// definition `qaly fit --splines` and `fit.curve().def` produce.
const PSM = (scale: string) => `metadata: { title: Spline PSM, currency: SEK }
parameters:
  g0: -3.2
  uPF: 0.8
  uPD: 0.6
strategies:
  Standard: { variables: { shift: 0 } }
  New: { variables: { shift: -0.3 } }
model:
  type: partitioned-survival
  outcomes: { cost: cost, qaly: effect, lifeYears: effect }
  timeUnit: months
  cycleLength: 1/12
  horizon: 10
  curves:
    PFS: { kind: weibull, shape: 1.2, scale: 10 }
    OS: { kind: royston-parmar, gamma: [g0 + shift, 1.3, 0.02], knots: [0, 2, 4], scale: ${scale} }
  values:
    qaly: { PF: uPF, PD: uPD }
    lifeYears: { PF: 1, PD: 1 }
    cost: { PF: 0 }
`;

describe("model files: Royston–Parmar curves", () => {
  it("compileModelFile reads a royston-parmar curve (scale as a word, gamma as expressions) and a lower γ₀ (hazard ratio e^−0.3) adds life-years", () => {
    const project = compileModelFile(PSM("hazard"), { fileName: "spline.yaml" });
    const base = evaluateModel(project.model, project.parameters.base()) as Record<string, Record<string, number>>;
    const ly = (strategy: string) => base[strategy]!["lifeYearsUndiscounted"]!;
    expect(ly("New")).toBeGreaterThan(ly("Standard"));
    // Life-years on OS ≈ ∫ S over 10 years (120 months) in years; the engine's cycle correction keeps them within 1%.
    const os = roystonParmarSurvival({ gamma: [-3.2, 1.3, 0.02], knots: [0, 2, 4], scale: "hazard" });
    expect(Math.abs(ly("Standard") / (os.restrictedMean(120) / 12) - 1)).toBeLessThan(0.01);
  });

  it("compileModelFile reports an unknown spline scale with the curve's path", () => {
    expect(() => compileModelFile(PSM("logit"), { fileName: "spline.yaml" })).toThrow(/royston-parmar|scale/);
  });
});
