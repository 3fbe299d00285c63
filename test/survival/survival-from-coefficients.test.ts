import { describe, expect, it } from "vitest";
import { flexsurvFamily, survivalFromCoefficients } from "../../src/survival/survival-from-coefficients.js";
import type { FlexsurvDistribution } from "../../src/survival/index.js";
import { thrown } from "../helpers/thrown.js";

describe("survivalFromCoefficients", () => {
  it("takes positive parameters on the log scale, in flexsurv's order", () => {
    const os = survivalFromCoefficients("weibull", [Math.log(1.5), Math.log(20)]);
    expect(os.toString()).toBe("Weibull(shape=1.5, scale=20)");
    // S(t) = exp(-(t / scale)^shape) at t = scale.
    expect(os.survival(20)).toBeCloseTo(Math.exp(-1), 14);
    expect(flexsurvFamily("gengamma").coefficientNames).toEqual(["mu", "log(sigma)", "Q"]);
  });

  it("an unknown distribution or the wrong number of coefficients is a typed error", () => {
    expect(thrown(() => survivalFromCoefficients("weibul" as FlexsurvDistribution, [0, 0]))).toMatchObject({ code: "invalid_argument", path: ["distribution"] });
    expect(thrown(() => survivalFromCoefficients("weibull", [0]))).toMatchObject({ code: "dimension_mismatch", path: ["coefficients"] });
  });

  // An object-internal name used to reach Object.prototype's members and crash with a TypeError.
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])("distribution '%s' is an unknown distribution, not a crash", (name) => {
    expect(thrown(() => survivalFromCoefficients(name as FlexsurvDistribution, [0, 0]))).toMatchObject({ code: "invalid_argument", path: ["distribution"] });
  });
});
