// Charts and the report as notebook output. In a Deno Jupyter notebook (examples/notebook.ipynb)
// the last value of a cell is displayed: a `notebookView(...)` shows as SVG or HTML because it has
// a [Symbol.for("Jupyter.display")]() method. In Observable, call `.toElement()`; anywhere else
// `String(view)` is the markup. This script builds the same objects and prints what a notebook
// front end would receive.
// Run: npx tsx examples/notebook.ts [draws]
import { baseParameters, sickSicker } from "../models/sick-sicker/model.js";
import { psaParameters } from "../models/sick-sicker/parameters.js";
import { ceac, ceaf, cePlane, icerTable, QALY_VERSION, runBaseCase, runPsa } from "../src/index.js";
import { ceacChart, cePlaneChart, htmlReportFragment, icerReportTable, JUPYTER_DISPLAY, notebookView, tableToHtml, tableToMarkdown } from "../src/report/index.js";

const draws = Number(process.argv[2] ?? 500);
const grid = { from: 0, to: 200_000, step: 5_000 };
const units = { currency: "USD", effectUnit: "QALY" };

const base = runBaseCase(sickSicker, baseParameters);
const table = icerTable(base.summary);
const psa = await runPsa(sickSicker, psaParameters, { samples: draws, seed: "notebook" });

// Cell 1: the ICER table, as HTML in the notebook (and Markdown for a text log).
const icers = notebookView(tableToHtml(icerReportTable(table, units)));
console.log(tableToMarkdown(icerReportTable(table, units)));

// Cell 2: the CE plane and the acceptability curves with the frontier.
const plane = notebookView(cePlaneChart(cePlane(psa), { ...units, wtp: [100_000] }));
const curves = notebookView(ceacChart(ceac(psa, grid), { ...units, ceaf: ceaf(psa, grid), thresholds: [100_000] }));

// Cell 3: the whole report, scoped so it does not restyle the notebook.
const report = notebookView(
  htmlReportFragment({
    name: "sick-sicker",
    metadata: { title: sickSicker.title, currency: "USD" },
    outcomes: { cost: "cost", effect: "qaly" },
    warnings: [],
    baseCase: base,
    icerTable: table,
    wtp: { grid, thresholds: [100_000, 150_000] },
    psa,
    run: { version: QALY_VERSION, date: new Date().toISOString(), seed: "notebook", samples: draws },
  }),
);

for (const [name, view] of Object.entries({ icers, plane, curves, report })) {
  const bundle = view[JUPYTER_DISPLAY]();
  console.log(`${name}: ${Object.keys(bundle).join(", ")} (${(view.markup.length / 1024).toFixed(0)} kB)`);
}
