// Report benchmark: time and size of the HTML report and the CE plane for a Sick-Sicker PSA of
// 1 000 and 5 000 draws (4 strategies). Targets (printed, not asserted): report < 1 s, CE plane of
// 5 000 draws × 3 increments < 500 kB.
import { cePlane } from "../../src/index.js";
import { cePlaneChart, htmlReport } from "../../src/report/index.js";
import { sickSickerInput } from "../report/fixtures/sick-sicker-input.js";

export async function bench(): Promise<void> {
  console.log("report: htmlReport (Sick-Sicker, 4 strategies, DSA, traces)");
  for (const draws of [1000, 5000]) {
    const input = sickSickerInput(draws);
    htmlReport(input); // warm-up
    const runs = 5;
    const t0 = performance.now();
    let html = "";
    for (let r = 0; r < runs; r++) html = htmlReport(input);
    const ms = (performance.now() - t0) / runs;
    const plane = cePlaneChart(cePlane(input.psa!), { wtp: [100_000] });
    console.log(`  ${String(draws).padStart(5)} draws: report ${ms.toFixed(0)} ms, ${(html.length / 1024).toFixed(0)} kB; CE plane ${(plane.length / 1024).toFixed(0)} kB (targets < 1 000 ms, < 500 kB)`);
  }
}
