import { escapeXml } from "../format/escape-xml.js";
import { numberCell, tableToHtml, textCell, type ReportTable } from "../format/report-table.js";
import { formatSignificant } from "../../core/format-significant.js";
import { kaplanMeier } from "../../survival/fit/kaplan-meier.js";
import { survivalComparison, type SurvivalEvidence } from "../../survival/fit/survival-evidence.js";
import { hazardChart, survivalFitChart, type NamedSurvivalCurve } from "../svg/survival-fit-chart.js";
import { figure } from "./summary-sections.js";
import type { ReportContext } from "./report-context.js";

// The curve the model uses and at most this many other families (best AIC first) on the charts; the table lists all.
const ALTERNATIVES = 3;
// Two parameterisations of one curve: drawing the other one adds a line on top of the used one, nothing more.
const SAME_CURVE: Readonly<Record<string, string>> = { weibull: "weibullPH", weibullPH: "weibull" };

/**
 * The survival curves fitted to patient-level data: Kaplan–Meier with the fitted curve and its
 * extrapolation to the model horizon, the hazards, and the AIC/BIC comparison with the other
 * families, as NICE DSU TSD 14 asks a reviewer to see before trusting an extrapolation. @internal
 */
export function survivalEvidenceSection(context: ReportContext): string {
  const evidence = context.input.survivalEvidence ?? [];
  if (evidence.length === 0) return "";
  const parts = evidence.map(evidencePart);
  return `<section><h2>Survival evidence</h2><p class="note">Curves fitted to patient-level data when the model was built. Statistical fit (AIC, BIC) is one criterion; the visual fit, and whether the extrapolated hazard is clinically plausible, are the others (NICE DSU TSD 14). Charts show the curve the model uses and the ${ALTERNATIVES} other families with the lowest AIC (Weibull in its proportional-hazards parameterisation is the same curve as the accelerated-failure-time one and is not drawn twice).</p>${parts.join("")}</section>`;
}

function evidencePart(e: SurvivalEvidence): string {
  const used = e.fit.distribution;
  const horizon = e.horizon;
  // The other standard families, fitted to the same data for comparison (a spline fit is compared with them all).
  const comparison = survivalComparison(e);
  const others = comparison.fits.filter((fit) => fit.distribution !== used && fit.distribution !== SAME_CURVE[used]).slice(0, ALTERNATIVES);
  const curves: NamedSurvivalCurve[] = [
    { name: `${used} (used; AIC ${e.fit.aic.toFixed(1)})`, curve: e.fit.curve() },
    ...others.map((fit) => ({ name: `${fit.distribution} (AIC ${fit.aic.toFixed(1)})`, curve: fit.curve() })),
  ];
  const timeLabel = `Time (${e.timeUnit})`;
  const title = `${e.endpoint}${e.model === undefined ? "" : ` (${e.model})`}`;
  const chartOptions = { timeLabel, ...(horizon === undefined ? {} : { horizon }) };
  const km = kaplanMeier(e.data);
  const lastObserved = km.time.length === 0 ? 0 : km.time[km.time.length - 1]!;
  const extrapolation = horizon !== undefined && horizon > lastObserved ? ` The dotted line marks the last follow-up (${formatSignificant(lastObserved)} ${e.timeUnit}); beyond it, to the horizon of ${formatSignificant(horizon)} ${e.timeUnit}, the curves are extrapolated.` : "";
  const rows = [...comparison.table];
  const usedInTable = rows.some((row) => row.distribution === used);
  const table: ReportTable = {
    caption: `${title}: families compared on the same data (best AIC first)`,
    columns: ["Family", "Parameters", "AIC", "ΔAIC", "BIC", `Median (${e.timeUnit})`, ...(horizon === undefined ? [] : [`Restricted mean to horizon (${e.timeUnit})`]), "Used"],
    numeric: [false, true, true, true, true, true, ...(horizon === undefined ? [] : [true]), false],
    rows: [
      ...(usedInTable ? [] : [[textCell(used), numberCell(e.fit.coefficients.length, (v) => String(v)), numberCell(e.fit.aic, (v) => v.toFixed(1)), textCell(""), numberCell(e.fit.bic, (v) => v.toFixed(1)), textCell(""), ...(horizon === undefined ? [] : [textCell("")]), textCell("yes")]]),
      ...rows.map((row) => [
        textCell(row.distribution),
        numberCell(row.parameterCount, (v) => String(v)),
        numberCell(row.aic, (v) => v.toFixed(1)),
        numberCell(row.deltaAic, (v) => v.toFixed(1)),
        numberCell(row.bic, (v) => v.toFixed(1)),
        Number.isFinite(row.median) ? numberCell(row.median, formatSignificant) : textCell("not reached"),
        ...(horizon === undefined ? [] : [row.restrictedMean === undefined ? textCell("") : numberCell(row.restrictedMean, formatSignificant)]),
        textCell(row.distribution === used ? "yes" : ""),
      ]),
    ],
  };
  const failures = comparison.failures.length === 0 ? "" : `<p class="note">Not fitted: ${escapeXml(comparison.failures.map((f) => f.message).join("; "))}.</p>`;
  return [
    `<h3>${escapeXml(title)}</h3>`,
    `<p>${escapeXml(e.label)}.</p>`,
    figure(survivalFitChart(km, curves, { ...chartOptions, title: `${title}: Kaplan–Meier and fitted curves` }), `Kaplan–Meier estimate (black, 95% interval dashed) and fitted curves.${extrapolation}`),
    figure(hazardChart(curves, { ...chartOptions, horizon: horizon ?? (lastObserved > 0 ? lastObserved : 1), title: `${title}: hazard of the fitted curves` }), "Hazard functions of the fitted curves: where families that fit equally well part ways, the extrapolation depends on the choice."),
    tableToHtml(table),
    failures,
  ].join("");
}
