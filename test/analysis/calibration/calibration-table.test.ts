// calibrationTable: targets against model outcomes, whole population or subgroup; errors by path.
import { describe, expect, it } from "vitest";
import { calibrationTable } from "../../../src/analysis/calibration/calibration-table.js";

const whole = { CONV: { os5: 0.3, cr: 0.77 }, NGS: { os5: 0.31, cr: 0.77 } };
const adverse = { CONV: { os5: 0.17, cr: 0.6 }, NGS: { os5: 0.182, cr: 0.6 } };
const outcomesOf = (subgroup: string | undefined): Readonly<Record<string, Readonly<Record<string, number>>>> => (subgroup === "Adverse" ? adverse : whole);

describe("calibrationTable", () => {
  it("reports model, target, difference and whether it is within the tolerance, per target in order", () => {
    const rows = calibrationTable(
      [
        { name: "5-year OS, adverse", subgroup: "Adverse", strategy: "NGS", outcome: "os5", target: 0.18, tolerance: 0.05, source: "Boddu 2019" },
        { name: "CR rate", strategy: "CONV", outcome: "cr", target: 0.7, tolerance: 0.05 },
        { name: "5-year OS, all", strategy: "CONV", outcome: "os5", target: 0.35 },
      ],
      outcomesOf,
      ["Adverse"],
    );
    expect(rows.map((r) => [r.name, r.model, r.withinTolerance])).toEqual([
      ["5-year OS, adverse", 0.182, true],
      ["CR rate", 0.77, false],
      ["5-year OS, all", 0.3, undefined],
    ]);
    expect(rows[0]!.difference).toBeCloseTo(0.002, 15);
    expect(rows[1]!.difference).toBeCloseTo(0.07, 15);
    expect(rows[0]!.source).toBe("Boddu 2019");
    expect("withinTolerance" in rows[2]!).toBe(false);
  });

  it("names every unknown subgroup, strategy and outcome and every bad number by its index, at once", () => {
    let caught: unknown;
    try {
      calibrationTable(
        [
          { name: "a", subgroup: "Adverse risk", strategy: "NGS", outcome: "os5", target: 0.18 },
          { name: "b", strategy: "NSG", outcome: "os5", target: 0.18 },
          { name: "c", strategy: "NGS", outcome: "os6", target: 0.18 },
          { name: "d", strategy: "NGS", outcome: "os5", target: Number.NaN, tolerance: -1 },
        ],
        outcomesOf,
        ["Adverse"],
      );
    } catch (error) {
      caught = error;
    }
    const issues = (caught as { issues: { path: unknown[]; message: string }[] }).issues;
    expect(issues.map((i) => i.path)).toEqual([
      ["calibration", 0, "subgroup"],
      ["calibration", 1, "strategy"],
      ["calibration", 2, "outcome"],
      ["calibration", 3, "target"],
      ["calibration", 3, "tolerance"],
    ]);
    expect(issues[0]!.message).toContain("'Adverse'");
    expect(issues[1]!.message).toContain("did you mean 'NGS'");
  });
});
