/**
 * `qaly/report`: tables (Markdown, CSV, HTML), SVG charts, the HTML report and notebook display.
 * Pure functions returning strings: browser-safe, no I/O.
 *
 * @packageDocumentation
 * @module qaly/report
 */
export type { NamedEvppi, ReportCheck, ReportInput, RunInfo, SubgroupResult, SurvivalCurveSeries, SurvivalSeries, TraceSeries } from "./report-input.js";
export { escapeXml } from "./format/escape-xml.js";
export { THOUSANDS_SEPARATOR, formatMoney, formatNumber, formatPercent, formatValue, tickFormatter } from "./format/format-number.js";
export { tableToCsv, tableToHtml, tableToMarkdown } from "./format/report-table.js";
export type { ReportCell, ReportTable } from "./format/report-table.js";
export type { UnitOptions } from "./tables/table-options.js";
export type { SurvivalEvidence } from "../survival/fit/survival-evidence.js";
export { icerReportTable } from "./tables/icer-report-table.js";
export { parameterReportTable } from "./tables/parameter-report-table.js";
export { baseCaseReportTable } from "./tables/base-case-report-table.js";
export type { BaseCaseTableOptions } from "./tables/base-case-report-table.js";
export { nmbReportTable } from "./tables/nmb-report-table.js";
export type { NmbTableOptions } from "./tables/nmb-report-table.js";
export { psaSummaryReportTable } from "./tables/psa-summary-report-table.js";
export type { PsaSummaryTableOptions } from "./tables/psa-summary-report-table.js";
export { scenarioReportTable } from "./tables/scenario-report-table.js";
export type { ScenarioTableOptions } from "./tables/scenario-report-table.js";
export { budgetImpactReportTable } from "./tables/budget-impact-report-table.js";
export { budgetImpactRunTables } from "./tables/budget-impact-run-tables.js";
export { countOutcomes, countsReportTable } from "./tables/counts-report-table.js";
export type { CountsTableOptions } from "./tables/counts-report-table.js";
export { OKABE_ITO, seriesColour } from "./svg/palette.js";
export type { ChartOptions } from "./svg/chart-options.js";
export { cePlaneChart } from "./svg/ce-plane-chart.js";
export type { CePlaneChartOptions } from "./svg/ce-plane-chart.js";
export { ceacChart } from "./svg/ceac-chart.js";
export type { CeacChartOptions } from "./svg/ceac-chart.js";
export { evpiChart } from "./svg/evpi-chart.js";
export { runningMeanChart } from "./svg/running-mean-chart.js";
export type { RunningMeanChartOptions } from "./svg/running-mean-chart.js";
export type { EvpiChartOptions } from "./svg/evpi-chart.js";
export { tornadoChart } from "./svg/tornado-chart.js";
export type { TornadoChartOptions } from "./svg/tornado-chart.js";
export { oneWayChart } from "./svg/one-way-chart.js";
export type { OneWayChartOptions } from "./svg/one-way-chart.js";
export { twoWayChart } from "./svg/two-way-chart.js";
export type { TwoWayChartOptions } from "./svg/two-way-chart.js";
export { markovTraceChart } from "./svg/markov-trace-chart.js";
export { survivalChart } from "./svg/survival-chart.js";
export { survivalPanelsChart } from "./svg/survival-panels-chart.js";
export type { SurvivalPanelsOptions } from "./svg/survival-panels-chart.js";
export { hazardChart, survivalFitChart } from "./svg/survival-fit-chart.js";
export type { NamedSurvivalCurve, SurvivalFitChartOptions } from "./svg/survival-fit-chart.js";
export { markovTracePanelsChart } from "./svg/markov-trace-panels-chart.js";
export type { TracePanelsOptions } from "./svg/markov-trace-panels-chart.js";
export { decisionTreeChart } from "./svg/decision-tree-chart.js";
export type { DecisionTreeChartOptions } from "./svg/decision-tree-chart.js";
export { costBreakdownChart, costCategories } from "./svg/cost-breakdown-chart.js";
export type { CostBreakdownOptions } from "./svg/cost-breakdown-chart.js";
export { budgetImpactChart } from "./svg/budget-impact-chart.js";
export { htmlReport, htmlReportFragment } from "./html/html-report.js";
export { reportAnswer } from "./html/report-answer.js";
export { severityStatement } from "./format/severity-statement.js";
export { JUPYTER_DISPLAY, notebookView } from "./notebook/notebook-view.js";
export type { MinimalDocument, NotebookView } from "./notebook/notebook-view.js";
