// The cells of examples/notebook.ipynb as a script; keep the two in step. The notebook runs on the
// installed package (CI: .ci/notebook.sh, in Deno's Jupyter kernel); in this repository the same
// imports, "qaly" and "qaly/report", map to the sources (tsconfig paths), so this script runs with
// tsx and is type-checked with the rest.
//
// In the notebook the last value of a cell is displayed: a `notebookView(...)` shows as SVG or
// HTML because it has a [Symbol.for("Jupyter.display")]() method. In Observable, call
// `.toElement()`; anywhere else `String(view)` is the markup. This script builds the same views
// and prints what a notebook front end would receive.
// Run: npx tsx examples/notebook.ts [draws]
import { beta, ceac, ceaf, cePlane, complement, defineParameters, evpi, gamma, icerTable, markovCohort, oneWay, param, rateToProbability, runBaseCase, runPsa, threshold, tornado, type ParameterValues } from "qaly";
import {
  ceacChart,
  cePlaneChart,
  evpiChart,
  htmlReportFragment,
  icerReportTable,
  JUPYTER_DISPLAY,
  markovTraceChart,
  notebookView,
  parameterReportTable,
  tableToHtml,
  tableToMarkdown,
  tornadoChart,
  type NotebookView,
} from "qaly/report";

const draws = Number(process.argv[2] ?? 1000);
const views: Record<string, NotebookView> = {};

// Code cell 1: the inputs, each with its uncertainty and where it comes from.
const parameters = defineParameters({
  rProgression: param(gamma({ shape: 50, rate: 500 }), { label: "Progression rate", unit: "per year", source: "illustrative" }),
  hrNew: param(gamma({ shape: 100, rate: 143 }), { label: "HR progression, new drug", source: "illustrative" }),
  pSickDeath: param(beta({ alpha: 10, beta: 90 }), { label: "Death when sick, per year", source: "illustrative" }),
  cDrug: param(20_000, { label: "Drug cost", unit: "SEK per year", status: "placeholder" }),
  cSick: param(gamma({ shape: 25, scale: 2_000 }), { label: "Cost when sick", unit: "SEK per year", source: "illustrative" }),
  uWell: param(beta({ alpha: 85, beta: 15 }), { label: "Utility, well", source: "illustrative" }),
  uSick: param(beta({ alpha: 60, beta: 40 }), { label: "Utility, sick", source: "illustrative" }),
});
type P = ParameterValues<typeof parameters>; // { rProgression: number; …; uSick: number }
views.parameters = notebookView(tableToHtml(parameterReportTable(parameters.describe())));

// Code cell 2: the model, the base case and its ICER table.
const model = markovCohort({
  title: "New drug vs standard care",
  states: ["Well", "Sick", "Dead"],
  strategies: ["Standard care", "New drug"],
  outcomes: { cost: "cost", qaly: "effect" },
  start: { Well: 1 },
  cycleLength: 1,
  cycles: 40,
  discountRate: { cost: 0.03, effect: 0.03 },
  transitions: (p: P, _time, strategy) => {
    const pProgress = rateToProbability(p.rProgression * (strategy === "New drug" ? p.hrNew : 1));
    return { Well: { Sick: pProgress, Well: complement }, Sick: { Dead: p.pSickDeath, Sick: complement }, Dead: { Dead: 1 } };
  },
  values: (p: P, _time, strategy) => ({
    cost: { Well: strategy === "New drug" ? p.cDrug : 0, Sick: p.cSick, Dead: 0 },
    qaly: { Well: p.uWell, Sick: p.uSick, Dead: 0 },
  }),
});
const base = runBaseCase(model, parameters);
const table = icerTable(base.summary);
views.icers = notebookView(tableToHtml(icerReportTable(table, { currency: "SEK" })));
console.log(tableToMarkdown(icerReportTable(table, { currency: "SEK" })));

// Code cell 3: the threshold price of the drug.
const price = threshold(model, parameters, { parameter: "cDrug", range: [0, 200_000], strategies: ["New drug", "Standard care"], wtp: 500_000 });
const priceRoot = price.roots[0];
console.log(
  priceRoot === undefined
    ? `No threshold price between SEK 0 and 200 000 (${price.status}).`
    : `At SEK 500 000 per QALY the new drug is cost-effective up to a price of SEK ${Math.round(priceRoot.value).toLocaleString("en-US")} per year.`,
);

// Code cell 4: one-way sensitivity analysis and its tornado diagram.
const labels = Object.fromEntries(parameters.describe().map((row) => [row.name, row.label]));
const dsa = oneWay(model, parameters, {
  wtp: 500_000,
  parameters: { rProgression: "distribution", hrNew: "distribution", pSickDeath: "distribution", cDrug: { low: 10_000, high: 40_000 }, cSick: "distribution", uWell: "distribution", uSick: "distribution" },
});
views.tornado = notebookView(tornadoChart(tornado(dsa, { strategy: "New drug", comparator: "Standard care" }), { currency: "SEK", labels }));

// Code cells 5 to 7: the PSA, its CE plane, acceptability curves with the frontier, and the EVPI.
const psa = await runPsa(model, parameters, { samples: draws, seed: "notebook" });
views.plane = notebookView(cePlaneChart(cePlane(psa), { currency: "SEK", wtp: [500_000, 1_000_000] }));
const grid = { from: 0, to: 2_000_000, step: 20_000 };
views.curves = notebookView(ceacChart(ceac(psa, grid), { currency: "SEK", ceaf: ceaf(psa, grid), thresholds: [500_000, 1_000_000] }));
views.evpi = notebookView(evpiChart(evpi(psa, grid), { currency: "SEK", thresholds: [500_000, 1_000_000] }));

// Code cell 8: the Markov trace of the new drug.
const run = model.run(parameters.base());
const trace = run.strategies["New drug"];
views.trace = notebookView(markovTraceChart({ strategy: "New drug", cycleLength: run.cycleLength, states: run.states, proportions: run.states.map((s) => Float64Array.from(trace.trace, (row) => row[s])) }));

// Code cell 9: the whole report, scoped so it does not restyle the notebook.
views.report = notebookView(
  htmlReportFragment({
    name: "new-drug",
    metadata: { title: model.title, currency: "SEK", question: "Is the new drug cost-effective at SEK 500 000 per QALY?" },
    outcomes: { cost: "cost", effect: "qaly" },
    parameters: parameters.describe(),
    warnings: [],
    baseCase: base,
    icerTable: table,
    wtp: { grid, thresholds: [500_000, 1_000_000] },
    psa,
    run: { version: psa.provenance?.version ?? "", date: new Date().toISOString(), seed: "notebook", samples: psa.size, modelHash: psa.provenance?.modelHash ?? "" },
  }),
);

for (const [name, view] of Object.entries(views)) {
  const bundle = view[JUPYTER_DISPLAY]();
  console.log(`${name}: ${Object.keys(bundle).join(", ")} (${(view.markup.length / 1024).toFixed(0)} kB)`);
}
