import { describe, expect, it } from "vitest";
import { QalyError } from "../../../src/core/errors.js";
import { runBaseCase } from "../../../src/analysis/run/run-base-case.js";
import { baseCasePerCohort } from "../../../src/analysis/run/base-case-per-cohort.js";
import { icerTable } from "../../../src/analysis/cea/icer-table.js";

const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto: (_: unknown, out: Float64Array) => out.set([1000, 1, 4000, 1.5]) };

describe("baseCasePerCohort", () => {
  it("baseCasePerCohort multiplies every outcome by the cohort size and leaves the per-person result and the ICER unchanged", () => {
    const person = runBaseCase(model, {});
    const cohort = baseCasePerCohort(person, 1000);
    expect(cohort.values).toEqual({ SoC: { cost: 1_000_000, qaly: 1000 }, New: { cost: 4_000_000, qaly: 1500 } });
    expect(person.values.New).toEqual({ cost: 4000, qaly: 1.5 });
    expect(icerTable(cohort.summary)[1]!.icer).toBe(icerTable(person.summary)[1]!.icer);
  });

  it("baseCasePerCohort refuses a cohort size that is not a finite number > 0", () => {
    for (const size of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => baseCasePerCohort(runBaseCase(model, {}), size)).toThrow(QalyError);
  });
});
