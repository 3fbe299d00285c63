// The built-in example the README's first command runs: the published Sick-Sicker Markov model
// (Alarid-Escudero et al. 2023) with its base case, a 2 000-draw PSA from the paper's
// distributions, the ICER frontier, the probability of being cost-effective and the EVPI.
// Run: npx tsx examples/sick-sicker.ts [draws] [seed]
import { baseParameters, sickSicker } from "../models/sick-sicker/model.js";
import { psaParameters } from "../models/sick-sicker/parameters.js";
import { evpi, icerTable, icerTableFromPsa, probabilityCostEffective, runBaseCase, runPsa, type IcerRow } from "../src/index.js";

const draws = Number(process.argv[2] ?? 2000);
const seed = process.argv[3] ?? "sick-sicker-readme";
const thresholds = [100_000, 150_000]; // US$ per QALY, the tutorial's setting

const money = (x: number | null): string => (x === null ? "" : Math.round(x).toLocaleString("en-US"));
function printIcers(title: string, table: readonly IcerRow[]): void {
  console.log(`\n${title}`);
  console.table(table.map((row) => ({ strategy: row.strategy, cost: money(row.cost), QALYs: row.effect.toFixed(3), ICER: money(row.icer), status: row.status })));
}

const base = runBaseCase(sickSicker, baseParameters);
console.log(`${sickSicker.title}: base case and probabilistic analysis (US$, 3 % discounting)`);
printIcers("Base case, ICER table", icerTable(base.summary));

const started = performance.now();
const psa = await runPsa(sickSicker, psaParameters, { samples: draws, seed });
console.log(`\nPSA: ${psa.size} draws, seed "${seed}", model hash ${psa.provenance?.modelHash ?? "?"}, ${(performance.now() - started).toFixed(0)} ms`);
printIcers("PSA means, ICER table", icerTableFromPsa(psa));

console.log("\nProbability cost-effective");
console.table(probabilityCostEffective(psa, thresholds).map((row) => ({ "WTP per QALY": money(row.wtp), strategy: row.strategy, probability: row.probability.toFixed(3), optimal: row.optimal ? "yes" : "" })));

const voi = evpi(psa, thresholds);
for (const wtp of thresholds) console.log(`EVPI per person at ${money(wtp)} per QALY: ${money(voi.at(wtp).perPerson)}`);
