import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../../../src/survival/fit/index.js";
import { thrown } from "../../helpers/thrown.js";
import { readDataset, reference } from "./fixtures.js";

describe("kaplanMeier", () => {
  // R: survfit(Surv(time, event) ~ 1, data = lung), in fit-reference.json. Counts must match
  // exactly; S, its standard error and the interval are products and sums of the same rationals,
  // so they agree to rounding (1e-12 asserted).
  it("kaplanMeier(lung) matches survfit's times, counts, S, Greenwood standard errors, log intervals and median", () => {
    const lung = readDataset("lung");
    const km = kaplanMeier({ time: lung.time!, event: lung.event! });
    const ref = reference.lungKaplanMeier;
    expect(Array.from(km.time)).toEqual(ref.time);
    expect(Array.from(km.atRisk)).toEqual(ref.nRisk);
    expect(Array.from(km.events)).toEqual(ref.nEvent);
    expect(Array.from(km.censored)).toEqual(ref.nCensor);
    ref.survival.forEach((s, j) => {
      expect(Math.abs(km.survival[j]! - s)).toBeLessThan(1e-12);
      expect(Math.abs(km.standardError[j]! - s * ref.stdErr[j]!)).toBeLessThan(1e-12);
      expect(Math.abs(km.lower[j]! - ref.lower[j]!)).toBeLessThan(1e-12);
      expect(Math.abs(km.upper[j]! - ref.upper[j]!)).toBeLessThan(1e-12);
    });
    expect(km.median).toBe(310);
    expect(km.survivalAt(0)).toBe(1);
    expect(km.survivalAt(ref.time[10]!)).toBe(km.survival[10]);
    expect(km.survivalAt(1e9)).toBe(km.survival[km.survival.length - 1]);
  });

  it("kaplanMeier gives S = 0 and NaN standard errors once everyone has had the event; median Infinity when S stays above ½", () => {
    const all = kaplanMeier({ time: [1, 2], event: [1, 1] });
    expect(Array.from(all.survival)).toEqual([0.5, 0]);
    expect(Number.isNaN(all.standardError[1]!)).toBe(true);
    expect(all.median).toBe(1);
    expect(kaplanMeier({ time: [1, 2, 3], event: [1, 0, 0] }).median).toBe(Infinity);
    expect(Array.from(kaplanMeier({ time: [1, 2], event: [0, 0] }).survival)).toEqual([1, 1]);
  });

  it("kaplanMeier rejects invalid data with paths", () => {
    expect(thrown(() => kaplanMeier({ time: [1, -1], event: [1, 1] })).path).toEqual(["time", 1]);
    expect(thrown(() => kaplanMeier({ time: [1], event: [3] })).path).toEqual(["event", 0]);
  });
});
