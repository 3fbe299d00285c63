// `qaly analyze` reads the PSA exports docs/cli.md and docs/uncertainty.md promise (R's write.csv,
// TreeAge), in-process; the fixtures and their hand-computed means are in test/fixtures/psa-import.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { qaly } from "./run-in-process.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/psa-import/${name}`, import.meta.url));


describe("qaly analyze: PSA output of other tools", () => {
  for (const file of ["r-write-csv.csv", "treeage-psa.csv"]) {
    it(`qaly analyze ${file} --json gives the means and ICER computed by hand`, async () => {
      const result = await qaly("analyze", fixture(file), "--json", "--wtp", "0:10000:5000", "--thresholds", "5000");
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout);
      const rows = Object.fromEntries(json.icerTable.map((row: { strategy: string }) => [row.strategy, row]));
      expect(rows["SoC"].cost).toBe(1050);
      expect(rows["New drug"].cost).toBe(3100);
      expect(rows["New drug"].effect).toBeCloseTo(1.45, 14);
      // (3 100 − 1 050) / (1.45 − 1.0)
      expect(rows["New drug"].icer).toBeCloseTo(2050 / 0.45, 9);
    });
  }
});
