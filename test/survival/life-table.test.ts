import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capByBackgroundMortality, exponentialSurvival, lifeTable, lifeTableSurvival, parseLifeTableCsv, weibullSurvival } from "../../src/survival/index.js";
import { integrate } from "../../src/survival/integrate.js";
import { swedenLifeExpectancyAtBirth2019, swedenLifeTable2019, swedenLifeTable2019Probabilities } from "../../models/data/sweden-life-table-2019.js";
import { thrown } from "../helpers/thrown.js";

const small = lifeTable({ ages: [0, 50, 60, 70], rates: { female: [0.001, 0.005, 0.012, 0.04], male: [0.002, 0.009, 0.022, 0.07] } });

describe("lifeTable", () => {
  it("lifeTable(...).rate(age, sex) looks up the interval of a fractional age and uses the open last interval beyond it", () => {
    expect(small.rate(55.9, "female")).toBe(0.005);
    expect(small.rate(60, "male")).toBe(0.022);
    expect(small.rate(104.5, "male")).toBe(0.07);
    expect(small.rate(-1, "male")).toBeNaN();
  });
  it("lifeTable(...).cycleProbability(age, sex, Δ) is 1 − exp(−m·Δ) for any cycle length", () => {
    expect(small.cycleProbability(65, "female", 1)).toBeCloseTo(1 - Math.exp(-0.012), 15);
    expect(small.cycleProbability(65, "female", 1 / 12)).toBeCloseTo(1 - Math.exp(-0.012 / 12), 15);
    // Twelve monthly cycles compound to the annual probability under a constant hazard.
    expect(1 - (1 - small.cycleProbability(65, "male", 1 / 12)) ** 12).toBeCloseTo(small.cycleProbability(65, "male", 1), 14);
  });
  it("lifeTable(...).cumulativeHazard(from, to, sex) integrates across age intervals exactly", () => {
    expect(small.cumulativeHazard(58, 62, "female")).toBeCloseTo(2 * 0.005 + 2 * 0.012, 15);
    expect(small.cumulativeHazard(69, 80, "male")).toBeCloseTo(0.022 + 10 * 0.07, 14);
  });
  it("lifeTable({ probabilities }) converts qₓ to the constant hazard −log(1 − qₓ)/width", () => {
    const table = lifeTable({ ages: [60, 61, 65], probabilities: { female: [0.01, 0.1, 0.2] } });
    expect(table.rate(60.5, "female")).toBeCloseTo(-Math.log(0.99), 15);
    expect(table.rate(62, "female")).toBeCloseTo(-Math.log(0.9) / 4, 15);
    expect(table.cycleProbability(61, "female", 4)).toBeCloseTo(0.1, 14);
  });
  it("lifeTable rejects q = 1 in the open interval, mismatched lengths and unknown sexes, with paths", () => {
    const error = thrown(() => lifeTable({ ages: [0, 1], probabilities: { female: [0.01, 1], male: [0.01] } }));
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["invalid_parameter", ["lifeTable", "probabilities", "female", 1]],
      ["dimension_mismatch", ["lifeTable", "probabilities", "male"]],
    ]);
    expect(thrown(() => small.rate(60, "total")).path).toEqual(["sex"]);
  });
});

describe("lifeTableSurvival (cohort sex mix)", () => {
  it("lifeTableSurvival mixes the surviving cohorts: S = Σ w·S_s and h = Σ w·S_s·m_s / S, not the average rate", () => {
    const cohort = lifeTableSurvival(small, { startAge: 60, sexMix: { female: 0.5, male: 0.5 } });
    const sf = Math.exp(-0.012 * 10 - 0.04 * 5);
    const sm = Math.exp(-0.022 * 10 - 0.07 * 5);
    expect(cohort.survival(15)).toBeCloseTo(0.5 * sf + 0.5 * sm, 15);
    expect(cohort.hazard(15)).toBeCloseTo((0.5 * sf * 0.04 + 0.5 * sm * 0.07) / (0.5 * sf + 0.5 * sm), 14);
    // The survivor-weighted hazard is below the average of the two rates once men have died faster.
    expect(cohort.hazard(15)).toBeLessThan(0.055);
    expect(cohort.restrictedMean(30)).toBeCloseTo(integrate(cohort.survival, 0, 30, 1e-14), 10);
  });
  it("lifeTableSurvival in months rescales time and hazard", () => {
    const years = lifeTableSurvival(small, { startAge: 58, sexMix: { male: 1 } });
    const months = lifeTableSurvival(small, { startAge: 58, sexMix: { male: 1 }, timeUnit: "months" });
    expect(months.survival(30)).toBeCloseTo(years.survival(2.5), 15);
    expect(months.hazard(30)).toBeCloseTo(years.hazard(2.5) / 12, 16);
  });
  it("lifeTableSurvival rejects a sex mix that does not sum to 1 or names an absent sex", () => {
    expect(thrown(() => lifeTableSurvival(small, { startAge: 60, sexMix: { female: 0.5, male: 0.4 } })).path).toEqual(["sexMix"]);
    expect(thrown(() => lifeTableSurvival(small, { startAge: 60, sexMix: { other: 1 } })).path).toEqual(["sexMix", "other"]);
  });
});

describe("capByBackgroundMortality", () => {
  it("capByBackgroundMortality(curve, table, cohort) has h = max(h_curve, h_population) and H its integral", () => {
    // A Weibull with a falling hazard crosses the population hazard during a year of age.
    const curve = weibullSurvival({ shape: 0.6, scale: 40 });
    const options = { startAge: 55.5, sexMix: { female: 0.4, male: 0.6 } } as const;
    const capped = capByBackgroundMortality(curve, small, options);
    const population = lifeTableSurvival(small, options);
    for (const t of [0.5, 3, 7.25, 14.5, 30]) {
      expect(capped.hazard(t)).toBe(Math.max(curve.hazard(t), population.hazard(t)));
      expect(capped.hazard(t)).toBeGreaterThanOrEqual(population.hazard(t));
      const expected = curve.cumulativeHazard(t) + integrate((s) => Math.max(0, population.hazard(s) - curve.hazard(s)), 0, t, 1e-13, 1e-16, 2000);
      expect(Math.abs(capped.cumulativeHazard(t) - expected)).toBeLessThan(1e-9);
    }
    expect(capped.survival(30)).toBeLessThanOrEqual(Math.min(curve.survival(30), population.survival(30)));
  });
  it("capByBackgroundMortality leaves a curve whose hazard is always higher unchanged", () => {
    const curve = exponentialSurvival({ rate: 0.5 });
    const capped = capByBackgroundMortality(curve, small, { startAge: 60, sexMix: { female: 1 } });
    expect(capped.survival(12)).toBeCloseTo(curve.survival(12), 15);
  });
});

describe("Sweden 2019 life table (models/data)", () => {
  const csv = readFileSync(new URL("../../models/data/sweden-life-table-hmd-2018-2020.csv", import.meta.url), "utf8");
  it("parseLifeTableCsv(csv, { year: 2019 }) equals the generated module swedenLifeTable2019", () => {
    const parsed = parseLifeTableCsv(csv, { year: 2019 });
    expect(parsed.def.ages).toEqual(swedenLifeTable2019.ages);
    expect(parsed.def.rates).toEqual(swedenLifeTable2019.rates);
    const probabilities = parseLifeTableCsv(csv, { year: 2019, measure: "qx" });
    expect(probabilities.rate(70, "male")).toBeCloseTo(-Math.log1p(-swedenLifeTable2019Probabilities.male[70]!), 15);
    expect(probabilities.rate(112, "male")).toBe(swedenLifeTable2019.rates.male![110]);
    expect(thrown(() => parseLifeTableCsv(csv)).path).toEqual(["year"]);
  });
  it("lifeTable(swedenLifeTable2019) reproduces HMD's life expectancy at birth 2019 (84.73 women, 81.35 men) within 0.01 years", () => {
    // HMD prints e₀ to 2 decimals and builds it with its own aₓ (time lived by those dying within
    // the year); a constant hazard within each year differs by well under 0.01 year.
    const table = lifeTable(swedenLifeTable2019);
    for (const sex of ["female", "male"] as const) {
      const e0 = lifeTableSurvival(table, { startAge: 0, sexMix: { [sex]: 1 } }).restrictedMean(130);
      expect(Math.abs(e0 - swedenLifeExpectancyAtBirth2019[sex])).toBeLessThanOrEqual(0.01);
    }
  });
});

describe("parseLifeTableCsv: CSV as other tools write it", () => {
  it("parseLifeTableCsv(text) reads quoted fields (a sex label with a comma, a quoted open age) and CRLF", () => {
    const text = '"year","sex","age","mx"\r\n2019,"women, all",0,0.002\r\n2019,"women, all","1+",0.01\r\n';
    const table = parseLifeTableCsv(text);
    expect(table.rate(0.5, "women, all")).toBe(0.002);
    expect(table.rate(40, "women, all")).toBe(0.01);
  });

  it("parseLifeTableCsv(text, { file }) names file, line and column of a missing rate, and of a missing column", () => {
    const error = thrown(() => parseLifeTableCsv("year,sex,age,mx\n2019,female,0,0.002\n2019,female,1,NA\n", { file: "life.csv" }));
    expect(error.code).toBe("parse_error");
    expect(error.path).toEqual(["life.csv", "line", 3, "column", "mx"]);
    expect(thrown(() => parseLifeTableCsv("year,sex,age,mx\n2019,female,0,\n")).path).toEqual(["csv", "line", 2, "column", "mx"]);
    expect(thrown(() => parseLifeTableCsv("year,sex,age\n2019,female,0\n")).path).toEqual(["csv", "header"]);
  });

  it("parseLifeTableCsv(text, { delimiter: ';' }) reads Excel's semicolon CSV with decimal commas", () => {
    const table = parseLifeTableCsv("year;sex;age;mx\n2019;female;0;0,002\n2019;female;1+;0,01\n", { delimiter: ";" });
    expect(table.rate(3, "female")).toBe(0.01);
  });
});
