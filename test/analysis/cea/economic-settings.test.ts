import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { economicSettings } from "../../../src/analysis/cea/economic-settings.js";
import { ECONOMIC_PRESETS } from "../../../src/analysis/cea/economic-presets.js";
import { QalyError } from "../../../src/core/errors.js";

function issuesOf(run: () => unknown): { code: string; path: readonly (string | number)[]; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof QalyError) return error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }));
    throw error;
  }
  throw new Error("expected a QalyError");
}

describe("economicSettings", () => {
  it("Sweden: TLV practice as cited in Läkartidningen 2018 (moderate ≈ SEK 500 000, very high ≈ SEK 1 000 000 per QALY), 3 %/3 % (TLVAR 2003:2)", () => {
    const s = economicSettings({ preset: "sweden", severity: "very high" });
    expect(s.currency).toBe("SEK");
    expect(s.thresholds).toEqual([500_000, 1_000_000]);
    expect(s.discountRate).toEqual({ cost: 0.03, effect: 0.03 });
    expect(s.locale).toBe("sv-SE");
    expect(s.severity).toEqual({ level: "very high", reference: 1_000_000 });
    expect(economicSettings({ preset: "sweden", severity: "moderate" }).severity?.reference).toBe(500_000);
    // No published figure for low or high severity: none is invented.
    expect(economicSettings({ preset: "sweden", severity: "high" }).severity?.reference).toBeUndefined();
  });

  it("England: NICE GBP 20 000–30 000, severity modifier 1.2×/1.7× (PMG36 §6.2) reported as weighted thresholds too, 3.5 %", () => {
    const s = economicSettings({ preset: "england", severity: "1.7x" });
    expect(s.currency).toBe("GBP");
    expect(s.discountRate).toEqual({ cost: 0.035, effect: 0.035 });
    expect(s.thresholds).toEqual([20_000, 30_000, 34_000, 51_000]);
    expect(s.severity?.weightedRange).toEqual([34_000, 51_000]);
    expect(economicSettings({ preset: "england", severity: "1.2x" }).thresholds).toEqual([20_000, 30_000, 24_000, 36_000]);
    expect(economicSettings({ preset: "england" }).thresholds).toEqual([20_000, 30_000]);
  });

  it("the neutral default names no currency", () => {
    const s = economicSettings({});
    expect(s.preset).toBe("neutral");
    expect(s.currency).toBe("currency units");
    expect(s.payer).toBe("");
  });

  it("explicit values override the preset", () => {
    const s = economicSettings({ preset: "sweden", currency: "EUR", priceYear: 2023, thresholds: [50_000], discountRate: { effect: 0 }, locale: "de-DE" });
    expect(s).toMatchObject({ currency: "EUR", priceYear: 2023, thresholds: [50_000], discountRate: { cost: 0.03, effect: 0 }, locale: "de-DE" });
  });

  it("an unknown preset is a typed error naming the setting, with a suggestion", () => {
    expect(issuesOf(() => economicSettings({ preset: "swden" }))).toEqual([
      { code: "invalid_argument", path: ["economics", "preset"], message: "unknown economic preset 'swden'; did you mean 'sweden'?" },
    ]);
  });

  it.each(["__proto__", "constructor", "toString"])("a preset named %s (an Object member) is an unknown preset, not a crash", (preset) => {
    expect(issuesOf(() => economicSettings({ preset })).map((issue) => [issue.code, issue.path])).toEqual([["invalid_argument", ["economics", "preset"]]]);
  });

  it("a threshold ≤ 0 is a typed error naming the threshold; every bad setting is reported at once", () => {
    const issues = issuesOf(() => economicSettings({ thresholds: [500_000, 0, -1], discountRate: { cost: 1.5 }, priceYear: 2024.5, locale: "not a locale!" }, ["settings"]));
    expect(issues.map((i) => i.path)).toEqual([
      ["settings", "thresholds", 1],
      ["settings", "thresholds", 2],
      ["settings", "discountRate", "cost"],
      ["settings", "priceYear"],
      ["settings", "locale"],
    ]);
    expect(issues[0]!.message).toBe("a decision threshold must be a finite amount > 0 per unit of effect (received 0)");
  });

  it("a severity level the preset does not have is a typed error", () => {
    expect(issuesOf(() => economicSettings({ preset: "sweden", severity: "very hgh" }))[0]).toMatchObject({ path: ["economics", "severity"], message: "unknown severity level 'very hgh'; did you mean 'very high'?" });
    expect(issuesOf(() => economicSettings({ severity: "high" }))[0]!.message).toContain("the neutral preset has no severity levels");
  });

  it("property: any positive finite thresholds are accepted as given; any non-positive one is refused at its index", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 5 }), fc.nat(4), fc.double({ max: 0, noNaN: true }), (good, at, bad) => {
        expect(economicSettings({ thresholds: good }).thresholds).toEqual(good);
        const withBad = [...good];
        const index = at % (good.length + 1);
        withBad.splice(index, 0, bad);
        expect(issuesOf(() => economicSettings({ thresholds: withBad })).map((i) => i.path)).toEqual([["economics", "thresholds", index]]);
      }),
    );
  });

  it("every preset resolves, with thresholds > 0 inside its grid", () => {
    for (const name of Object.keys(ECONOMIC_PRESETS)) {
      const s = economicSettings({ preset: name });
      for (const t of s.thresholds) expect(t > 0 && t <= s.grid.to).toBe(true);
    }
  });
});
