import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { closestName, didYouMean, editDistance } from "../../src/core/closest-name.js";

describe("editDistance", () => {
  it("editDistance(a, b) counts insertions, deletions, substitutions and adjacent swaps", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3); // the textbook Levenshtein example
    expect(editDistance("pRespond", "pRepsond")).toBe(1); // one swap
    expect(editDistance("uWell", "uWell")).toBe(0);
  });

  it("editDistance(a, b) is symmetric and zero only for equal strings (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe("closestName", () => {
  const known = ["pRespond", "pRespondNew", "cDrug", "uWell", "uSick"];
  it("closestName(name, known) suggests the nearest name for a typo", () => {
    expect(closestName("pRespnd", known)).toBe("pRespond");
    expect(closestName("uSik", known)).toBe("uSick");
    expect(closestName("cdrug", known)).toBe("cDrug"); // case only
  });
  it("closestName(name, known) suggests nothing for an unrelated name", () => {
    expect(closestName("hrProgression", known)).toBeUndefined();
    expect(closestName("x", [])).toBeUndefined();
  });
  it("didYouMean(name, known) lists known names when nothing is close", () => {
    expect(didYouMean("pRespnd", known)).toBe("did you mean 'pRespond'?");
    expect(didYouMean("zzzzzzzz", ["a", "b"])).toBe("known names: 'a', 'b'");
    expect(didYouMean("zz", [])).toBe("no names are defined");
  });
});
