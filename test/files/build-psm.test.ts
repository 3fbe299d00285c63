import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withCodeGenerationRefused } from "../helpers/code-generation-refused.js";
import { checkModelFile, compileModelFile } from "../../src/files/compile-model-file.js";
import { evaluateModel } from "../../src/models/model.js";
import { partitionedSurvival } from "../../src/models/psm/partitioned-survival.js";
import { weibullSurvival } from "../../src/survival/weibull-survival.js";
import { applyHazardRatioToCurve } from "../../src/survival/apply-hazard-ratio-to-curve.js";
import { parseLifeTableCsv } from "../../src/survival/parse-life-table-csv.js";
import { readFileSync } from "node:fs";
import { joinCurves } from "../../src/survival/join-curves.js";
import { exponentialRateOf, exponentialSurvival } from "../../src/survival/exponential-survival.js";
import { survivalCurveFromDef } from "../../src/survival/survival-curve-from-def.js";

const PSM = `metadata: { title: PSM, currency: SEK }
parameters:
  shapePfs: 1.2
  scalePfs: 10
  shapeOs: 1.1
  scaleOs: 20
  hrPfs: { value: 0.7, distribution: { kind: lognormal, estimate: 0.7, lower: 0.55, upper: 0.9 } }
  cDrug: 100000
  cProgressed: 30000
  cEndOfLife: 50000
  uPF: 0.8
  uPD: 0.6
strategies:
  Chemotherapy: { variables: { hr: 1, weeks: 26 } }
  Immunotherapy: { variables: { hr: hrPfs, weeks: 104 } }
model:
  type: partitioned-survival
  outcomes: { costDrug: cost, costCare: cost, qaly: effect, lifeYears: effect }
  timeUnit: months
  cycleLength: 1/12
  horizon: 10
  startAge: 65
  curves:
    PFS: { kind: hazard-ratio, hazardRatio: hr, curve: { kind: weibull, shape: shapePfs, scale: scalePfs } }
    OS: { kind: weibull, shape: shapeOs, scale: scaleOs }
  values:
    costCare: { PD: cProgressed }
    qaly: { PF: uPF, PD: "age < 70 ? uPD : uPD * 0.9" }
    lifeYears: { PF: 1, PD: 1 }
  entryValues: { costCare: { Dead: cEndOfLife } }
  cappedValues:
    drug: { outcome: costDrug, states: PF, perYear: cDrug, maxDuration: weeks * 7 / 365.25 }
`;

describe("compileModelFile: partitioned survival", () => {
  it("compileModelFile(partitioned-survival) equals partitionedSurvival written in TypeScript", () => {
    const project = compileModelFile(PSM, { fileName: "psm.yaml" });
    type P = Readonly<Record<string, number>>;
    const ts = partitionedSurvival({
      strategies: ["Chemotherapy", "Immunotherapy"],
      outcomes: { costDrug: "cost", costCare: "cost", qaly: "effect", lifeYears: "effect" },
      timeUnit: "months",
      cycleLength: 1/12,
      horizon: 10,
      startAge: 65,
      curves: (p: P, strategy) => ({
        PFS: applyHazardRatioToCurve(weibullSurvival({ shape: p["shapePfs"]!, scale: p["scalePfs"]! }), strategy === "Immunotherapy" ? p["hrPfs"]! : 1),
        OS: weibullSurvival({ shape: p["shapeOs"]!, scale: p["scaleOs"]! }),
      }),
      values: (p: P, time) => ({ costCare: { PD: p["cProgressed"]! }, qaly: { PF: p["uPF"]!, PD: time.age < 70 ? p["uPD"]! : p["uPD"]! * 0.9 }, lifeYears: { PF: 1, PD: 1 } }),
      entryValues: (p: P) => ({ costCare: { Dead: p["cEndOfLife"]! } }),
      cappedValues: (p: P, strategy) => ({ drug: { outcome: "costDrug", states: "PF", perYear: p["cDrug"]!, maxDuration: ((strategy === "Immunotherapy" ? 104 : 26) * 7) / 365.25 } }),
    });
    const params = project.baseCase!;
    expect(project.model.outcomes).toEqual(ts.outcomes);
    expect(evaluateModel(project.model, params)).toEqual(evaluateModel(ts, params));
    const draw = project.parameters.sample(3, { seed: 7 }).row(2);
    expect(evaluateModel(project.model, draw)).toEqual(evaluateModel(ts, draw));
  });

  it("one compiled model's reused value records keep nothing of an earlier strategy or draw: A, then B, then A again equal a fresh compile's", () => {
    // Each function fills one record per model (the capped values' differ by strategy: 26 or 104 weeks).
    const reused = compileModelFile(PSM, { fileName: "psm.yaml" }).model;
    const base = compileModelFile(PSM, { fileName: "psm.yaml" }).baseCase!;
    const draw = fc.record({ cDrug: fc.double({ min: 0, max: 2e5, noNaN: true }), hrPfs: fc.double({ min: 0.3, max: 1.5, noNaN: true }), uPD: fc.double({ min: 0, max: 1, noNaN: true }), cEndOfLife: fc.double({ min: 0, max: 1e5, noNaN: true }) });
    fc.assert(
      fc.property(draw, draw, (a, b) => {
        for (const changes of [a, b, a]) {
          const params = { ...base, ...changes };
          expect(evaluateModel(reused, params)).toEqual(evaluateModel(compileModelFile(PSM, { fileName: "psm.yaml" }).model, params));
        }
      }),
      { numRuns: 20 },
    );
  });

  it("values, entry values and capped values give the same numbers from their one generated function each as from the per-cell path taken when code generation is refused", async () => {
    const generated = compileModelFile(PSM, { fileName: "psm.yaml" });
    const draws = [generated.baseCase!, { ...generated.baseCase!, uPD: 0.31, cDrug: 123456.7, cEndOfLife: -0, hrPfs: 1.3 }];
    const expected = draws.map((params) => evaluateModel(generated.model, params));
    await withCodeGenerationRefused(
      async () => ({ fresh: await import("../../src/files/compile-model-file.js"), freshModel: await import("../../src/models/model.js") }),
      async ({ fresh, freshModel }) => {
        const interpreted = fresh.compileModelFile(PSM, { fileName: "psm.yaml" });
        expect(draws.map((params) => freshModel.evaluateModel(interpreted.model, params))).toEqual(expected);
        expect((await import("../../src/core/generated-function.js")).codeGenerationRefused()).toBe(true);
      },
    );
  });

  it("compileModelFile(backgroundMortality from a life-table CSV) equals partitionedSurvival with the same life table", () => {
    const csv = readFileSync(new URL("../../models/data/sweden-life-table-hmd-2018-2020.csv", import.meta.url), "utf8");
    const text = PSM.replace("  startAge: 65\n", "  startAge: 65\n  backgroundMortality: { file: life-table.csv, year: 2019, sexMix: { female: 0.45, male: 0.55 } }\n");
    const project = compileModelFile(text, { fileName: "psm.yaml", readFile: (path) => (path === "life-table.csv" ? csv : "") });
    const table = parseLifeTableCsv(csv, { year: 2019, source: "life-table.csv" });
    type P = Readonly<Record<string, number>>;
    const ts = partitionedSurvival({
      strategies: ["Chemotherapy", "Immunotherapy"],
      outcomes: { costDrug: "cost", costCare: "cost", qaly: "effect", lifeYears: "effect" },
      timeUnit: "months",
      cycleLength: 1/12,
      horizon: 10,
      startAge: 65,
      backgroundMortality: { lifeTable: table, sexMix: { female: 0.45, male: 0.55 } },
      curves: (p: P, strategy) => ({
        PFS: applyHazardRatioToCurve(weibullSurvival({ shape: p["shapePfs"]!, scale: p["scalePfs"]! }), strategy === "Immunotherapy" ? p["hrPfs"]! : 1),
        OS: weibullSurvival({ shape: p["shapeOs"]!, scale: p["scaleOs"]! }),
      }),
      values: (p: P, time) => ({ costCare: { PD: p["cProgressed"]! }, qaly: { PF: p["uPF"]!, PD: time.age < 70 ? p["uPD"]! : p["uPD"]! * 0.9 }, lifeYears: { PF: 1, PD: 1 } }),
      entryValues: (p: P) => ({ costCare: { Dead: p["cEndOfLife"]! } }),
      cappedValues: (p: P, strategy) => ({ drug: { outcome: "costDrug", states: "PF", perYear: p["cDrug"]!, maxDuration: ((strategy === "Immunotherapy" ? 104 : 26) * 7) / 365.25 } }),
    });
    expect(evaluateModel(project.model, project.baseCase!)).toEqual(evaluateModel(ts, project.baseCase!));
    const missing = checkModelFile(text, { fileName: "psm.yaml" });
    if (missing.ok) throw new Error("expected issues");
    expect([missing.issues[0]!.code, missing.issues[0]!.path]).toEqual(["file_not_found", ["model", "backgroundMortality", "file"]]);
  });

  it("exponential endpoints (kept as their rates, their curves built only for run() or the exact background cap) give the same totals, curves and errors as exponentialSurvival", () => {
    const text = `metadata: { title: PSM exponential, currency: SEK }
parameters:
  mPfs: 9
  mOs: 20
  cDrug: 100000
  cEndOfLife: 50000
  uPF: 0.8
  uPD: 0.6
strategies:
  A: { variables: { hr: 1 } }
  B: { variables: { hr: 0.7 } }
model:
  type: partitioned-survival
  outcomes: { costDrug: cost, costCare: cost, qaly: effect }
  timeUnit: months
  cycleLength: 1/12
  horizon: 5
  startAge: 65
  curves:
    PFS: { rate: hr * log(2) / mPfs, kind: exponential }
    OS: { kind: exponential, rate: log(2) / mOs }
  values:
    costDrug: { PF: cDrug }
    qaly: { PF: uPF, PD: uPD }
  entryValues: { costCare: { Dead: cEndOfLife } }
`;
    type P = Readonly<Record<string, number>>;
    const base: P = { mPfs: 9, mOs: 20, cDrug: 100000, cEndOfLife: 50000, uPF: 0.8, uPD: 0.6 };
    const csv = readFileSync(new URL("../../models/data/sweden-life-table-hmd-2018-2020.csv", import.meta.url), "utf8");
    const table = parseLifeTableCsv(csv, { year: 2019, source: "life-table.csv" });
    for (const method of [undefined, "cycle", "exact"] as const) {
      const file = method === undefined ? text : text.replace("  startAge: 65\n", `  startAge: 65\n  backgroundMortality: { file: life-table.csv, year: 2019, sexMix: { female: 0.5, male: 0.5 }, method: ${method} }\n`);
      const project = compileModelFile(file, { fileName: "psm.yaml", readFile: () => csv });
      const ts = partitionedSurvival({
        strategies: ["A", "B"],
        outcomes: { costDrug: "cost", costCare: "cost", qaly: "effect" },
        timeUnit: "months",
        cycleLength: 1 / 12,
        horizon: 5,
        startAge: 65,
        ...(method === undefined ? {} : { backgroundMortality: { lifeTable: table, sexMix: { female: 0.5, male: 0.5 }, method } }),
        curves: (p: P, strategy) => ({ PFS: exponentialSurvival({ rate: ((strategy === "B" ? 0.7 : 1) * Math.log(2)) / p["mPfs"]! }), OS: exponentialSurvival({ rate: Math.log(2) / p["mOs"]! }) }),
        values: (p: P) => ({ costDrug: { PF: p["cDrug"]! }, qaly: { PF: p["uPF"]!, PD: p["uPD"]! } }),
        entryValues: (p: P) => ({ costCare: { Dead: p["cEndOfLife"]! } }),
      });
      for (const params of [base, { ...base, mPfs: 30 }]) expect(evaluateModel(project.model, params)).toEqual(evaluateModel(ts, params));
      if (method === "exact") continue;
      // run() hands out the public curves, built from the rates: the same curves TypeScript's run() gives.
      const run = (project.model as unknown as typeof ts).run(base);
      const reference = ts.run(base);
      for (const strategy of ["A", "B"] as const) {
        for (const endpoint of ["PFS", "OS"] as const) {
          const curve = run.strategies[strategy].curves[endpoint];
          expect(Object.isFrozen(curve)).toBe(true);
          expect(curve.def).toEqual(reference.strategies[strategy].curves[endpoint].def);
          expect(exponentialRateOf(curve)).toBe(exponentialRateOf(reference.strategies[strategy].curves[endpoint]));
        }
        expect(run.strategies[strategy].totals).toEqual(reference.strategies[strategy].totals);
        expect(run.strategies[strategy].survival).toEqual(reference.strategies[strategy].survival);
      }
    }
    // A rate that is not > 0 fails as exponentialSurvival fails: at compile time from the base case, in a draw at evaluation.
    const bad = checkModelFile(text.replace("  mOs: 20", "  mOs: -20"), { fileName: "psm.yaml" });
    if (bad.ok) throw new Error("expected issues");
    expect([bad.issues[0]!.code, bad.issues[0]!.path]).toEqual(["invalid_parameter", ["model", "curves"]]);
    const model = compileModelFile(text, { fileName: "psm.yaml" }).model;
    expect(() => evaluateModel(model, { ...base, mOs: -20 })).toThrow(/exponential rate must be a finite number > 0 \(received -0.0346/);
  });

  it("compileModelFile reports a wrong curve kind or parameter with the model path", () => {
    const wrong = checkModelFile(PSM.replace("OS: { kind: weibull, shape: shapeOs", "OS: { kind: weibul, shape: shapeOs"), { fileName: "psm.yaml" });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.issues[0]!.path).toEqual(["model", "curves"]);
    const endpoint = checkModelFile(PSM.replace("    OS: { kind", "    Os: { kind"), { fileName: "psm.yaml" });
    if (endpoint.ok) throw new Error("expected issues");
    expect(endpoint.issues.map((issue) => [issue.code, issue.path.join(".")])).toEqual([
      ["unknown_state", "model.curves.Os"],
      ["invalid_model", "model.curves"],
    ]);
  });

  describe("joined curves: restartClock (issue 17, item 9)", () => {
    // PFS: exponential(0.05/month) for 12 months, then exponential(0.1) on a restarted (or model-time) clock.
    const joined = (flag: string) => PSM.replace(
      "PFS: { kind: hazard-ratio, hazardRatio: hr, curve: { kind: weibull, shape: shapePfs, scale: scalePfs } }",
      `PFS: { kind: joined, atTime: 12, first: { kind: exponential, rate: 0.05 }, second: { kind: weibull, shape: 2, scale: 30 }${flag} }`,
    );
    const api = (restartClock: boolean) => {
      type P = Readonly<Record<string, number>>;
      return partitionedSurvival({
        strategies: ["Chemotherapy", "Immunotherapy"],
        outcomes: { costDrug: "cost", costCare: "cost", qaly: "effect", lifeYears: "effect" },
        timeUnit: "months",
        cycleLength: 1 / 12,
        horizon: 10,
        startAge: 65,
        curves: (p: P) => ({
          PFS: joinCurves(exponentialSurvival({ rate: 0.05 }), weibullSurvival({ shape: 2, scale: 30 }), 12, { restartClock }),
          OS: weibullSurvival({ shape: p["shapeOs"]!, scale: p["scaleOs"]! }),
        }),
        values: (p: P, time) => ({ costCare: { PD: p["cProgressed"]! }, qaly: { PF: p["uPF"]!, PD: time.age < 70 ? p["uPD"]! : p["uPD"]! * 0.9 }, lifeYears: { PF: 1, PD: 1 } }),
        entryValues: (p: P) => ({ costCare: { Dead: p["cEndOfLife"]! } }),
        cappedValues: (p: P, strategy) => ({ drug: { outcome: "costDrug", states: "PF", perYear: p["cDrug"]!, maxDuration: ((strategy === "Immunotherapy" ? 104 : 26) * 7) / 365.25 } }),
      });
    };

    it("restartClock: true and false give the API's results, and differ from each other", () => {
      const restarted = compileModelFile(joined(", restartClock: true"), { fileName: "psm.yaml" });
      const modelTime = compileModelFile(joined(", restartClock: false"), { fileName: "psm.yaml" });
      const omitted = compileModelFile(joined(""), { fileName: "psm.yaml" });
      const params = restarted.baseCase!;
      expect(evaluateModel(restarted.model, params)).toEqual(evaluateModel(api(true), params));
      expect(evaluateModel(modelTime.model, params)).toEqual(evaluateModel(api(false), params));
      expect(evaluateModel(omitted.model, params)).toEqual(evaluateModel(api(false), params));
      expect(evaluateModel(restarted.model, params)).not.toEqual(evaluateModel(modelTime.model, params));
    });

    it("the restarted clock evaluates the second curve from the join (hand computation)", () => {
      // S(24) = e^(−0.05·12) · e^(−(12/30)²) = e^(−0.6 − 0.16); model time: e^(−0.6) · e^(−(24/30)² + (12/30)²) = e^(−0.6 − 0.48).
      const def = (restartClock: boolean) => ({ kind: "joined" as const, atTime: 12, restartClock, first: { kind: "exponential" as const, rate: 0.05 }, second: { kind: "weibull" as const, shape: 2, scale: 30 } });
      expect(survivalCurveFromDef(def(true)).survival(24)).toBeCloseTo(Math.exp(-0.76), 14);
      expect(survivalCurveFromDef(def(false)).survival(24)).toBeCloseTo(Math.exp(-1.08), 14);
    });

    it.each([["1", 1], ['"yes"', "yes"], ["0", 0], ["null", null]])("restartClock: %s is a typed error naming the path", (text, received) => {
      const result = checkModelFile(joined(`, restartClock: ${text}`), { fileName: "psm.yaml" });
      if (result.ok) throw new Error("expected issues");
      expect(result.issues.map((issue) => [issue.code, issue.path.join("."), issue.received])).toEqual([["invalid_model", "model.curves.PFS.restartClock", received]]);
      expect(result.issues[0]!.message).toContain("true or false");
    });

    it("joinCurves rejects a restartClock that is not a boolean", () => {
      expect(() => joinCurves(exponentialSurvival({ rate: 0.05 }), exponentialSurvival({ rate: 0.1 }), 12, { restartClock: 1 as unknown as boolean })).toThrow(/restartClock is true or false/);
    });
  });
});

describe("compileModelFile: partitioned survival, found by test/files/build-psm-oracle.test.ts", () => {
  const file = (curves: string, extra = "") => `metadata: { title: found by the oracle }
strategies: [A]
model:
  type: partitioned-survival${extra}
  outcomes: { cost: cost, qaly: effect }
  cycleLength: 0.5
  cycles: 6
  discountRate: { cost: 0, effect: 0 }
  cycleCorrection: trapezoid
  curves:
${curves}
  values: { qaly: { PF: 1 } }
`;

  it("a table curve names its interpolation (it was compiled as an expression: unknown name 'linear')", () => {
    const table = (interpolation: string) => file(`    PFS: { kind: table, time: [0, 1, 2, 3], survival: [1, 0.6, 0.4, 0.3]${interpolation} }\n    OS: { kind: exponential, rate: 0.1 }`);
    const qaly = (text: string) => {
      const project = compileModelFile(text, { fileName: "model.yaml" });
      return evaluateModel(project.model, project.parameters.base()).A!.qaly!;
    };
    // PF years over 3 years, trapezoid on half-year rows: S at 0, 0.5, …, 3 is 1, 0.8, 0.6, 0.5, 0.4, 0.35, 0.3 (linear).
    expect(qaly(table(", interpolation: linear"))).toBeCloseTo(0.5 * (0.5 + 0.8 + 0.6 + 0.5 + 0.4 + 0.35 + 0.15), 12);
    expect(qaly(table(", interpolation: log-linear"))).toBe(qaly(table("")));
  });

  it("crossing: error names the last endpoint that crosses the one after it, at its first crossed row (as docs/partitioned-survival.md says)", () => {
    const text = file(`    PFS: { kind: exponential, rate: 0.1 }\n    PFS2: { kind: exponential, rate: 0.5 }\n    OS: { kind: weibull, shape: 2, scale: 3 }`, "\n  states: [PF, PD1, PD2, Dead]\n  endpoints: [PFS, PFS2, OS]\n  crossing: error").replace("cycleLength: 0.5\n  cycles: 6", "cycles: 10");
    const project = compileModelFile(text.replace("  cycleCorrection: trapezoid\n", ""), { fileName: "model.yaml" });
    let path: readonly unknown[] = [];
    try {
      evaluateModel(project.model, project.parameters.base());
    } catch (error) {
      path = (error as { path: readonly unknown[] }).path;
    }
    // PFS > PFS2 from cycle 1, PFS2 > OS from cycle 5: the second is reported.
    expect(path).toEqual(["strategies", "A", "curves", "PFS2", "cycle", 5]);
  });
});
