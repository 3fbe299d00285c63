import { optimalStrategy } from "../../analysis/cea/icer-table.js";
import { formatMoney, formatNumber, formatPercent } from "../format/format-number.js";
import type { ReportInput } from "../report-input.js";
import { severityStatement } from "../format/severity-statement.js";
import { reportContext, type ReportContext } from "./report-context.js";
import { costOnlyAnswer } from "./cost-only-answer.js";

/**
 * The answer a report opens with, in two sentences generated from the base-case ICER table and
 * the net monetary benefit at the thresholds: which strategy is cost-effective at the first
 * threshold (and how that changes at the others), and how probable that is according to the PSA.
 *
 * @param input - the report input
 * @returns two sentences of plain text
 * @example
 * const model = { title: "Demo", strategies: ["SoC", "New"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { out.set([100000, 5, 300000, 5.5]); } };
 * const baseCase = runBaseCase(model, {});
 * const input = { name: "demo", metadata: { title: "Demo", currency: "SEK" }, outcomes: { cost: "cost", effect: "qaly" }, warnings: [], baseCase, icerTable: icerTable(baseCase.summary), wtp: { grid: { from: 0, to: 1000000, step: 100000 }, thresholds: [500000] }, run: { version: "0.1.0", date: "2026-01-01" } };
 * reportAnswer(input) // => "At SEK 500 000 per QALY, New has the highest net monetary benefit (SEK 2 450 000 per patient); its ICER against SoC is SEK 400 000 per QALY. No probabilistic analysis was run, so the probability that this choice is cost-effective is not known."
 */
export function reportAnswer(input: ReportInput): string {
  return answerOf(reportContext(input));
}

/** The answer from a computed context. @internal */
export function answerOf(context: ReportContext): string {
  const costOnly = costOnlyAnswer(context);
  if (costOnly !== undefined) return costOnly;
  // The payer's severity judgement and its reference cost per QALY, when the settings state one.
  const severity = context.input.economics === undefined ? undefined : severityStatement(context.input.economics, context.effectUnit);
  const answer = answerAtThresholds(context);
  return severity === undefined ? answer : `${answer} ${severity}`;
}

function answerAtThresholds(context: ReportContext): string {
  const { input, currency, effectUnit } = context;
  const thresholds = context.thresholds.length > 0 ? context.thresholds : [500_000];
  const perEffect = (w: number): string => `${formatMoney(w, currency)} per ${effectUnit}`;
  const table = input.icerTable;
  const first = thresholds[0]!;
  const choice = optimalStrategy(table, first);
  const row = table.find((r) => r.strategy === choice)!;
  const nmb = first * row.effect - row.cost;
  const why = row.comparator === null || row.icer === null ? (table.length > 1 ? "; it is the least costly strategy on the frontier" : "") : `; its ICER against ${row.comparator} is ${perEffect(row.icer)}`;
  const others = thresholds.slice(1).map((w) => [w, optimalStrategy(table, w)] as const);
  const changes = others.filter(([, s]) => s !== choice);
  const also = others.length === 0 ? "" : changes.length === 0 ? ` (also at ${others.map(([w]) => formatMoney(w, currency)).join(" and ")})` : ` (at ${changes.map(([w, s]) => `${formatMoney(w, currency)}: ${s}`).join("; ")})`;
  const sentence1 = `At ${perEffect(first)}, ${choice} has the highest net monetary benefit (${formatMoney(nmb, currency)} per patient)${why}${also}.`;
  if (context.degenerate) return `${sentence1} The probabilistic analysis is degenerate (no parameter is uncertain), so the probability that this choice is cost-effective is not known.`;
  if (context.psa === null) return `${sentence1} No probabilistic analysis was run, so the probability that this choice is cost-effective is not known.`;
  const probabilities = context.psa.probabilities;
  const at = (w: number, s: string): number | undefined => probabilities.find((p) => p.wtp === w && p.strategy === s)?.probability;
  const parts = thresholds.map((w) => {
    const strategy = w === first ? choice : optimalStrategy(table, w);
    return `${formatPercent(at(w, strategy))}${changes.length === 0 ? "" : ` (${strategy})`} at ${formatMoney(w, currency)}`;
  });
  const expected = probabilities.find((p) => p.wtp === first && p.optimal)?.strategy;
  const disagree = expected !== undefined && expected !== choice ? `; by expected NMB over the PSA, ${expected} is preferred instead` : "";
  const size = input.psa?.size ?? 0;
  const subject = changes.length === 0 ? "Its probability of being cost-effective" : "The probability that the preferred strategy is cost-effective";
  return `${sentence1} ${subject} is ${parts.join(" and ")} per ${effectUnit} (${formatNumber(size)} PSA draws)${disagree}.`;
}
