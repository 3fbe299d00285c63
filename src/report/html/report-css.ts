/**
 * The report's style sheet, scoped to `.qaly-report` so a fragment can sit in a notebook or a web
 * page without restyling it. System fonts only: the report makes no external requests. Printed,
 * the parameter appendix goes on landscape pages (`@page appendix`): its nine columns need more
 * than a portrait A4 page's 182 mm to keep every word whole; another table too wide for a portrait
 * page is printed in a smaller type (`--print-scale`, set by tableToHtml). @internal
 */
export const REPORT_CSS = `
.qaly-report { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; line-height: 1.45; max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; font-size: 15px; }
.qaly-report h1 { font-size: 1.7rem; margin: 1.2rem 0 0.3rem; }
.qaly-report h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; break-after: avoid; page-break-after: avoid; }
.qaly-report h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; break-after: avoid; page-break-after: avoid; }
.qaly-report .answer { font-size: 1.15rem; background: #eef6fb; border-left: 6px solid #0072B2; padding: 0.8rem 1rem; margin: 1rem 0; }
.qaly-report .question { font-size: 1.05rem; font-style: italic; margin: 0.2rem 0 0.6rem; }
.qaly-report .meta, .qaly-report .note { color: #555; font-size: 0.9rem; }
.qaly-report .warnings { background: #fff4e5; border: 2px solid #D55E00; border-radius: 4px; padding: 0.6rem 1rem; margin: 1rem 0; }
.qaly-report .warnings h2 { border: none; margin: 0 0 0.3rem; color: #a33f00; font-size: 1.1rem; }
.qaly-report .warnings ul { margin: 0; padding-left: 1.2rem; }
.qaly-report table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.85rem; width: 100%; break-inside: avoid; page-break-inside: avoid; }
.qaly-report caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
.qaly-report th, .qaly-report td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
.qaly-report th { background: #f3f3f3; }
.qaly-report td:not(.num) { overflow-wrap: break-word; }
.qaly-report .num { text-align: right; font-variant-numeric: tabular-nums; }
.qaly-report .appendix table { font-size: 0.78rem; }
.qaly-report .table-wrap { overflow-x: auto; break-inside: avoid; page-break-inside: avoid; }
.qaly-report tr.dominated td { color: #777; }
.qaly-report tr.placeholder td { background: #fff4e5; }
.qaly-report tr.assumption td { background: #fbfbe9; }
.qaly-report figure { margin: 0.8rem 0 1.2rem; break-inside: avoid; page-break-inside: avoid; }
.qaly-report figure svg { max-width: 100%; height: auto; }
.qaly-report figcaption { color: #555; font-size: 0.85rem; }
.qaly-report pre { background: #f7f7f7; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; }
.qaly-report dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; font-size: 0.9rem; }
.qaly-report dl.run dt { font-weight: 600; }
.qaly-report dl.run dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; }
@media print {
  .qaly-report { max-width: none; padding: 0; font-size: 11pt; }
  .qaly-report section.major { break-before: page; page-break-before: always; }
  .qaly-report .answer, .qaly-report .warnings { break-inside: avoid; }
  .qaly-report pre { white-space: pre-wrap; }
  .qaly-report table { font-size: calc(0.85rem * var(--print-scale, 1)); }
  .qaly-report section.appendix { page: appendix; }
}
@page { size: A4; margin: 16mm 14mm; }
@page appendix { size: A4 landscape; margin: 16mm 14mm; }
`;
