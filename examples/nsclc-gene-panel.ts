// The NSCLC gene-panel decision scripted with the API, for health economists who prefer code to
// the command line: load the bundled model's project, change an input, and compare.
// Run: npx tsx examples/nsclc-gene-panel.ts [draws]
import { project } from "../models/nsclc-gene-panel/project.js";
import { icerTable, probabilityCostEffective, runBaseCase, runPsa, SWEDISH_WTP_THRESHOLDS, type IcerRow } from "../src/index.js";

const draws = Number(process.argv[2] ?? 1000);
const sek = (x: number | null): string => (x === null ? "" : Math.round(x).toLocaleString("sv-SE"));
const show = (title: string, table: readonly IcerRow[]): void => {
  console.log(`\n${title}`);
  console.table(table.map((r) => ({ strategy: r.strategy, "cost (SEK)": sek(r.cost), QALYs: r.effect.toFixed(4), "ICER (SEK/QALY)": sek(r.icer), status: r.status })));
};

for (const warning of project.warnings) console.log(`! ${warning}`);

// Base case: the model's own base values (medians of the survival inputs).
const base = runBaseCase(project.model, project.baseCase!);
show("Base case", icerTable(base.summary));

// What if the broad panel cost SEK 8 000 instead of 12 000? Derived inputs follow automatically.
const cheaper = runBaseCase(project.model, project.parameters.base({ ...project.baseCase!, cNgs: 8_000 }));
show("Broad panel at SEK 8 000 per test", icerTable(cheaper.summary));

// Patients with an actionable driver identified per 1 000 tested.
for (const strategy of project.model.strategies) {
  console.log(`${strategy}: ${(1000 * base.values[strategy].actionableDetected!).toFixed(0)} actionable drivers identified per 1 000 tested`);
}

// Probabilistic analysis with the project's seed.
const psa = await runPsa(project.model, project.parameters, { samples: draws, seed: project.psa.seed });
console.log(`\nPSA, ${psa.size} draws: probability cost-effective`);
console.table(probabilityCostEffective(psa, SWEDISH_WTP_THRESHOLDS).map((r) => ({ "SEK per QALY": sek(r.wtp), strategy: r.strategy, probability: r.probability.toFixed(2) })));
