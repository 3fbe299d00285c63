// Totals of two exponential endpoints in closed form (src/models/psm/closed-form-pair.ts) against
// the generic row loop (the same curves stripped of their exponential mark: one e^{−H} per row).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CycleCorrection } from "../../../src/math/cycle-weights.js";
import type { DiscountTiming } from "../../../src/math/discount-timing.js";
import { partitionedSurvival } from "../../../src/models/psm/index.js";
import { compilePsm } from "../../../src/models/psm/compile-psm.js";
import { closedFormPair } from "../../../src/models/psm/closed-form-pair.js";
import { populationFloor } from "../../../src/models/psm/population-floor.js";
import { evaluateModel } from "../../../src/models/model.js";
import { defineCurve } from "../../../src/survival/define-curve.js";
import { exponentialSurvival, lifeTable } from "../../../src/survival/index.js";
import type { SurvivalCurve } from "../../../src/survival/survival-curve.js";

const table = lifeTable({ ages: [0, 60, 70, 80, 90], rates: { female: [0.001, 0.008, 0.02, 0.06, 0.18], male: [0.0012, 0.011, 0.027, 0.075, 0.2] } });
const strip = (curve: SurvivalCurve): SurvivalCurve => defineCurve({ def: curve.def, label: "generic", survival: curve.survival, hazard: curve.hazard, cumulativeHazard: curve.cumulativeHazard });

interface Setting {
  readonly cycles: number;
  readonly cycleLength: number;
  readonly rates: readonly [number, number];
  readonly correction: CycleCorrection;
  readonly timing: DiscountTiming;
  readonly startAge: number | undefined;
  readonly crossing: "clamp" | "error" | "floor";
  readonly costByYear: boolean;
}

type P = { rPfs: number; rOs: number; cap: number };
type O = "lyPf" | "lyAlive" | "qaly" | "cost";

function make(setting: Setting, exponential: boolean) {
  return partitionedSurvival<P, "SoC", O>({
    strategies: ["SoC"], outcomes: { lyPf: "effect", lyAlive: "effect", qaly: "effect", cost: "cost" },
    cycles: setting.cycles, cycleLength: setting.cycleLength, timeUnit: "months",
    discountRate: { cost: setting.rates[0], effect: setting.rates[1] }, cycleCorrection: setting.correction, discountTiming: setting.timing,
    crossing: setting.crossing,
    ...(setting.costByYear && setting.cycles * setting.cycleLength >= 3 ? { costByYear: 3 } : {}),
    ...(setting.startAge === undefined ? {} : { startAge: setting.startAge, backgroundMortality: { lifeTable: table, sexMix: { female: 0.4, male: 0.6 } } }),
    curves: (p) => {
      const pfs = exponentialSurvival({ rate: p.rPfs });
      const os = exponentialSurvival({ rate: p.rOs });
      return exponential ? { PFS: pfs, OS: os } : { PFS: strip(pfs), OS: strip(os) };
    },
    values: () => ({ lyPf: { PF: 1 }, lyAlive: { PF: 1, PD: 1 }, qaly: { PF: 0.8, PD: 0.6 }, cost: { PF: 1200, PD: 700 } }),
    entryValues: () => ({ cost: { PD: 300, Dead: 5000 } }),
    cappedValues: (p) => ({ drug: { outcome: "cost", states: ["PF", "PD"], perYear: 9000, maxDuration: p.cap } }),
  });
}

const settings = fc.record({
  cycles: fc.integer({ min: 3, max: 600 }),
  cycleLength: fc.constantFrom(1 / 12, 1 / 4, 1),
  rates: fc.tuple(fc.double({ min: 0, max: 0.1, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true })),
  correction: fc.constantFrom<CycleCorrection>("half-cycle", "trapezoid", "none-beginning", "none-end", "life-table", "simpson"),
  timing: fc.constantFrom<DiscountTiming>("row", "cycle-start", "cycle-end", "cycle-middle"),
  startAge: fc.option(fc.integer({ min: 30, max: 95 }), { nil: undefined }),
  crossing: fc.constantFrom("clamp" as const, "error" as const, "floor" as const),
  costByYear: fc.boolean(),
}).map((s) => (["none-beginning", "none-end", "half-cycle"].includes(s.correction as string) ? s : { ...s, timing: "row" as const }));

describe("partitioned survival: two exponential endpoints in closed form", () => {
  it("gives the row loop's totals within 1e-12 (property over curves, horizons, corrections, discounting, floors, caps)", () => {
    // Not bit-identical: a geometric sum (expm1 ratio) and exact e^{−t·x} instead of a running sum of
    // per-row e^{−H}. Each curve's own sum (lyPf, lyAlive: positive terms) within 1e-12 relative; the
    // other totals mix states (PD = OS − PFS cancels), so within 1e-12 of their scale, the same total
    // with every value made positive (bounded by |value| × the undiscounted life-years × 2).
    fc.assert(
      fc.property(settings, fc.double({ min: 1e-4, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true }), (setting, rOs, extra, cap) => {
        const params = { rPfs: rOs + extra, rOs, cap };
        const fast = evaluateModel(make(setting, true), params).SoC!;
        const slow = evaluateModel(make(setting, false), params).SoC!;
        for (const name of ["lyPf", "lyAlive", "lyPfUndiscounted", "lyAliveUndiscounted"]) {
          expect(Math.abs(fast[name]! - slow[name]!)).toBeLessThanOrEqual(1e-12 * Math.abs(slow[name]!) + 1e-300);
        }
        const years = slow["lyAliveUndiscounted"]! + 1;
        for (const name of ["qaly", "qalyUndiscounted"]) expect(Math.abs(fast[name]! - slow[name]!)).toBeLessThanOrEqual(1e-12 * 2 * years);
        for (const name of ["cost", "costUndiscounted"]) expect(Math.abs(fast[name]! - slow[name]!)).toBeLessThanOrEqual(1e-12 * (2 * 10_900 * years + 5300));
        if (setting.costByYear && setting.cycles * setting.cycleLength >= 3) for (const name of ["costYear1", "costYear2", "costYear3"]) expect(Math.abs(fast[name]! - slow[name]!)).toBeLessThanOrEqual(1e-12 * (2 * 10_900 * years + 5300));
      }),
      { numRuns: 200 },
    );
  });

  it("a model's reused plan keeps nothing of an earlier draw: A, then B, then A again equal fresh models' evaluations, bit for bit", () => {
    // The workspace keeps one plan and rewrites it for each evaluation; B may take the closed form, the
    // row loop (PFS slower than OS) or fail (a crossing under the "error" policy), under a floor or not.
    const draw = fc.record({ rOs: fc.double({ min: 1e-4, max: 0.5, noNaN: true }), rPfs: fc.double({ min: 1e-4, max: 0.9, noNaN: true }), cap: fc.double({ min: 0, max: 60, noNaN: true }) });
    fc.assert(
      fc.property(settings, draw, draw, (setting, a, b) => {
        const reused = make(setting, true);
        // The "error" crossing policy may refuse a draw (PFS slower than OS): then both must, alike.
        const outcome = (run: () => unknown): unknown => {
          try {
            return run();
          } catch (error) {
            return String(error);
          }
        };
        for (const params of [a, b, a]) expect(outcome(() => evaluateModel(reused, params))).toEqual(outcome(() => evaluateModel(make(setting, true), params)));
      }),
      { numRuns: 100 },
    );
  });

  it("applies to the NSCLC arms' setting (monthly to age 100, half-cycle, cycle-middle discounting, floor) and not where PFS is slower than OS", () => {
    const definition = {
      strategies: ["SoC"], outcomes: { qaly: "effect" }, cycles: 372, cycleLength: 1 / 12, timeUnit: "months", startAge: 69,
      backgroundMortality: { lifeTable: table, sexMix: { female: 0.528, male: 0.472 } },
      discountRate: { cost: 0.03, effect: 0.03 }, cycleCorrection: "half-cycle", discountTiming: "cycle-middle",
      curves: () => ({ PFS: exponentialSurvival({ rate: 0.1 }), OS: exponentialSurvival({ rate: 0.01 }) }),
    } as const;
    const model = compilePsm(definition as never);
    const floor = populationFloor(model, 0);
    const plan = closedFormPair(model, 0.1, 0.01, floor);
    expect(plan).toBeDefined();
    // OS at 0.01 a month is floored once the population's monthly hazard passes it (0.12 a year: in the table's 90-year band, 0.18-0.2 a year).
    expect(plan!.curves[1].firstFloored).toBeGreaterThan(1);
    expect(plan!.curves[1].firstFloored).toBeLessThanOrEqual(372);
    expect(plan!.curves[0].firstFloored).toBe(373);
    expect(closedFormPair(model, 0.01, 0.1, floor)).toBeUndefined();
  });

  it("a workspace entered at several start times (other floors) gives each a fresh model's totals, bit for bit", () => {
    // The plan keeps the last model's ratios and floor tables (closedFormPair's lookup): a leaf entered
    // at another time brings another floor, whose tables must replace them.
    const setting: Setting = { cycles: 120, cycleLength: 1 / 12, rates: [0.03, 0.03], correction: "half-cycle", timing: "cycle-middle", startAge: 80, crossing: "clamp", costByYear: false };
    const reused = make(setting, true);
    const params = { rPfs: 0.06, rOs: 0.012, cap: 24 };
    for (const startTime of [0, 5, 0, 12.5, 5]) expect(evaluateModel(reused, params, { startTime })).toEqual(evaluateModel(make(setting, true), params, { startTime }));
    expect(evaluateModel(reused, params, { startTime: 5 })).not.toEqual(evaluateModel(reused, params, { startTime: 0 }));
  });
});
