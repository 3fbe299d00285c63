import { describe, expect, it } from "vitest";
import { hazardChart, survivalFitChart } from "../../../src/report/index.js";
import { fitSurvival, kaplanMeier, weibullSurvival } from "../../../src/survival/index.js";
import { thrown } from "../../helpers/thrown.js";
import { countElements, expectWellFormed, texts } from "../svg-structure.js";

const data = { time: [2, 3, 4, 6, 7, 9, 10, 12, 15, 20], event: [1, 1, 1, 1, 0, 1, 1, 0, 1, 0] };

describe("survivalFitChart", () => {
  it("survivalFitChart(km, curves) draws the KM steps with their interval, one path per fitted curve and the end of follow-up", () => {
    const fits = [
      { name: "Weibull <AIC 52.5>", curve: fitSurvival(data, "weibull").curve() },
      { name: "Exponential", curve: fitSurvival(data, "exp").curve() },
    ];
    const svg = survivalFitChart(kaplanMeier(data), fits, { horizon: 60, timeLabel: "Time (months)" });
    expectWellFormed(svg);
    expect(countElements(svg, "path", "km")).toBe(1);
    expect(countElements(svg, "path", "km-interval")).toBe(2);
    expect(countElements(svg, "path", "fitted")).toBe(2);
    expect(countElements(svg, "line", "extrapolation")).toBe(1);
    expect(texts(svg)).toContain("Weibull <AIC 52.5>");
    expect(texts(svg)).toContain("Time (months)");
    // Without a longer horizon the axis ends at the last follow-up: nothing is extrapolated.
    const observed = survivalFitChart(kaplanMeier(data), fits, { confidenceInterval: false });
    expect(countElements(observed, "line", "extrapolation")).toBe(0);
    expect(countElements(observed, "path", "km-interval")).toBe(0);
  });

  it("survivalFitChart's KM path steps down exactly at the event times (vertical segments at the same x)", () => {
    const km = kaplanMeier(data);
    const svg = survivalFitChart(km, [], { horizon: 20, confidenceInterval: false });
    const d = /<path class="km" d="([^"]+)"/.exec(svg)![1]!;
    const points = d.split(/[ML]/).filter(Boolean).map((p) => p.split(" ").map(Number));
    const drops = points.filter((p, i) => i > 0 && p[0] === points[i - 1]![0] && p[1] !== points[i - 1]![1]);
    expect(drops).toHaveLength(km.events.filter((e) => e > 0).length);
  });

  it("hazardChart draws one hazard path per curve and rejects a bad horizon", () => {
    const svg = hazardChart([{ name: "Weibull", curve: weibullSurvival({ shape: 0.8, scale: 20 }) }, { name: "rising", curve: weibullSurvival({ shape: 1.5, scale: 20 }) }], { horizon: 60 });
    expectWellFormed(svg);
    expect(countElements(svg, "path", "hazard")).toBe(2);
    expect(thrown(() => hazardChart([], { horizon: -1 })).path).toEqual(["horizon"]);
  });
});
