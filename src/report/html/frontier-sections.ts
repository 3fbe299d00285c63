import { decisionChanging } from "../../analysis/dsa/frontier-tornadoes.js";
import type { TornadoResult } from "../../analysis/dsa/tornado.js";
import { frontierNeighbours } from "../../analysis/cea/frontier-neighbours.js";
import { escapeXml } from "../format/escape-xml.js";
import { formatMoney, formatNumber, formatPercent } from "../format/format-number.js";
import { numberCell, tableToHtml, textCell, type ReportTable } from "../format/report-table.js";
import { optionalWording, thresholdStatement } from "../format/threshold-statement.js";
import { cePlaneChart } from "../svg/ce-plane-chart.js";
import { tornadoChart } from "../svg/tornado-chart.js";
import type { ReportContext } from "./report-context.js";
import { figure } from "./summary-sections.js";
import { scenarioOptimalAt } from "../tables/scenario-report-table.js";

/** The ICER between two frontier neighbours as a phrase, from the base-case ICER table. */
function neighbourIcer(context: ReportContext, a: string, b: string): string {
  const row = context.input.icerTable.find((r) => (r.strategy === a && r.comparator === b) || (r.strategy === b && r.comparator === a));
  if (row === undefined || row.icer === null || row.comparator === null) return "";
  return `ICER of ${row.strategy} vs ${row.comparator}: ${formatMoney(row.icer, context.currency)} per ${context.effectUnit}`;
}

/** Tornado phrase: how many drawn parameters can change the choice alone. */
function crossingPhrase(t: TornadoResult, labels: Readonly<Record<string, string>>): string {
  const crossing = decisionChanging(t).map((p) => labels[p] ?? p);
  const drawn = t.others.length === 0 ? `the ${t.bars.length} parameter${t.bars.length === 1 ? "" : "s"} varied` : `the ${t.bars.length} most influential parameters`;
  if (crossing.length === 0) return `Against ${t.comparator}, none of ${drawn} changes the choice on its own within its range`;
  return `Against ${t.comparator}, ${crossing.length} of ${drawn} can each change the choice on ${crossing.length === 1 ? "its" : "their"} own: ${crossing.join("; ")}`;
}

/**
 * The decision at each threshold, right after the answer: the optimal strategy, its frontier
 * neighbours with their ICER, the pairwise PSA probability, how many tornado parameters can change
 * the choice and which scenarios change it. @internal
 */
export function decisionSection(context: ReportContext): string {
  const { input, currency, effectUnit, thresholds } = context;
  // A cost-only model has no thresholds to decide at: its answer is the least costly strategy.
  if (thresholds.length === 0 || input.icerTable.length < 2 || input.outcomes.costOnly === true) return "";
  const labels = context.labels;
  const items = thresholds.map((wtp) => {
    const { optimal, competitors } = frontierNeighbours(input.icerTable, wtp);
    const parts: string[] = [];
    for (const competitor of competitors) {
      const icer = neighbourIcer(context, optimal, competitor);
      const pair = context.pairs.find((p) => p.wtp === wtp && p.competitor === competitor);
      const psa = pair === undefined ? "" : `; ${optimal} has the higher net monetary benefit in ${formatPercent(pair.row.probabilityCostEffective)} of PSA draws`;
      parts.push(`Next on the frontier: ${competitor}${icer === "" ? "" : ` (${icer})`}${psa}.`);
    }
    const frontier = input.frontier?.find((f) => f.wtp === wtp);
    const tornadoes = (frontier?.tornadoes ?? []).filter((t) => t.bars.length > 0).map((t) => crossingPhrase(t, labels));
    const scenarios = input.scenarios;
    const changes =
      scenarios === undefined
        ? []
        : scenarios.rows.slice(1).flatMap((row) => {
            const best = scenarioOptimalAt(scenarios, row, wtp);
            return best === optimal ? [] : [`${row.scenario} (${best})`];
          });
    const sentences = [
      `At ${formatMoney(wtp, currency)} per ${effectUnit}: ${optimal}.`,
      ...parts,
      ...tornadoes.map((t) => `${t}.`),
      ...(scenarios === undefined ? [] : [changes.length === 0 ? "No scenario changes the choice." : `Scenario${changes.length === 1 ? "" : "s"} that change${changes.length === 1 ? "s" : ""} it: ${changes.join("; ")}.`]),
    ];
    return `<li>${escapeXml(sentences.join(" ")).replace(/(\d) (?=\d{3}\b)/g, "$1&#160;")}</li>`;
  });
  return `<section class="decision"><h2>The decision at each threshold</h2><ul>${items.join("")}</ul></section>`;
}

/** Pairwise PSA results of the optimal strategy against its frontier neighbours at each threshold. @internal */
export function frontierPsaSection(context: ReportContext): string {
  const { pairs, currency, effectUnit, input } = context;
  if (pairs.length === 0 || input.psa === undefined) return "";
  const money = (v: number): string => formatNumber(v);
  const interval = (e: { mean: number; lower: number; upper: number }, f: (v: number) => string): string => `${f(e.mean)} (${f(e.lower)} to ${f(e.upper)})`;
  const effect = (v: number): string => formatNumber(v, 3);
  const table: ReportTable = {
    caption: "The optimal strategy against its frontier neighbours over the PSA draws (means, 95% intervals)",
    columns: ["Willingness to pay", "Comparison", `Δ cost${currency === "" ? "" : ` (${currency})`}`, `Δ ${effectUnit}`, `Δ NMB${currency === "" ? "" : ` (${currency})`}`, "Probability of higher NMB"],
    numeric: [true, false, true, true, true, true],
    rows: pairs.map((p) => [
      numberCell(p.wtp, (v) => `${formatMoney(v, currency)} per ${effectUnit}`),
      textCell(`${p.optimal} vs ${p.competitor}`),
      textCell(interval(p.row.incrementalCost, money)),
      textCell(interval(p.row.incrementalEffect, effect)),
      textCell(interval(p.row.incrementalNmb, money)),
      numberCell(p.row.probabilityCostEffective, (v) => formatPercent(v, 1)),
    ]),
  };
  let out = `<h3>Along the frontier</h3>${tableToHtml(table)}`;
  // One plane per pair of strategies, whichever threshold it decides.
  const seen = new Set<string>();
  for (const p of pairs) {
    const key = [p.optimal, p.competitor].sort().join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    const plane = context.pairPlane(p.optimal, p.competitor);
    const at = pairs.filter((q) => [q.optimal, q.competitor].sort().join("\u0000") === key).map((q) => formatMoney(q.wtp, currency));
    out += figure(
      cePlaneChart(plane, { currency, effectUnit, wtp: context.thresholds, strategies: input.psa.strategies, title: `${p.optimal} vs ${p.competitor}` }),
      `Incremental cost and effect of ${p.optimal} against ${p.competitor} in each PSA draw (the pair that decides at ${at.join(" and ")} per ${effectUnit}); draws below a dashed willingness-to-pay line favour ${p.optimal} at that threshold.`,
    );
  }
  return out;
}

/**
 * The deterministic analyses at each threshold: tornadoes of the optimal strategy against each
 * frontier neighbour and the threshold analyses of that pair. @internal
 */
export function frontierDsaSection(context: ReportContext): string {
  const { input, currency, effectUnit } = context;
  const frontier = (input.frontier ?? []).filter((f) => f.tornadoes.length > 0 || f.thresholds.length > 0);
  if (frontier.length === 0) return "";
  const labels = context.labels;
  const rows = new Map((input.parameters ?? []).map((r) => [r.name, r]));
  let out = `<section class="major"><h2>Sensitivity analyses along the frontier</h2><p class="note">At each threshold, the strategy with the highest net monetary benefit against its neighbours on the cost-effectiveness frontier: the comparisons that decide the choice there. The optimal strategy's incremental net monetary benefit is positive in the base case; a bar reaching below zero marks a parameter whose range alone changes the decision.</p>`;
  for (const f of frontier) {
    out += `<h3>${escapeXml(`At ${formatMoney(f.wtp, currency)} per ${effectUnit}: ${f.optimal}`)}</h3>`;
    for (const t of f.tornadoes) {
      if (t.bars.length === 0) continue;
      out += figure(tornadoChart(t, { currency, effectUnit, labels }), `Incremental net monetary benefit of ${t.strategy} against ${t.comparator} at ${formatMoney(t.wtp, currency)} per ${effectUnit}; each bar spans one parameter's range, others at base case. Below zero, ${t.comparator} is preferred.`);
      out += `<p class="note">${escapeXml(`${crossingPhrase(t, labels)}.`)}</p>`;
    }
    if (f.thresholds.length > 0) {
      out += `<ul>${f.thresholds.map((t) => `<li>${escapeXml(thresholdStatement(t, { currency, effectUnit, ...optionalWording(rows.get(t.parameter)) }))}</li>`).join("")}</ul>`;
    }
  }
  return `${out}</section>`;
}

/**
 * The scenarios' PSAs side by side with the base case's: at each threshold, the strategy with the
 * highest expected net monetary benefit and its probability of having the highest NMB. @internal
 */
export function scenarioPsaTable(context: ReportContext): string {
  const { input, currency, effectUnit, thresholds } = context;
  const rows = input.scenarioPsa ?? [];
  if (rows.length === 0 || thresholds.length === 0) return "";
  const cell = (probabilities: readonly { wtp: number; strategy: string; probability: number; optimal: boolean }[], degenerate: boolean, wtp: number) => {
    if (degenerate) return textCell("degenerate (nothing varies)");
    const best = probabilities.find((p) => p.wtp === wtp && p.optimal);
    return textCell(best === undefined ? "" : `${best.strategy} (${formatPercent(best.probability, 1)})`);
  };
  const base = context.psa === null ? [] : [[textCell("Base case"), textCell(formatNumber(input.psa?.size ?? 0)), ...thresholds.map((w) => cell(context.psa!.probabilities, false, w))]];
  const table: ReportTable = {
    caption: "Scenario PSAs side by side: strategy with the highest expected NMB (probability it has the highest NMB)",
    columns: ["Scenario", "Draws", ...thresholds.map((w) => `At ${formatMoney(w, currency)} per ${effectUnit}`)],
    numeric: [false, true, ...thresholds.map(() => false)],
    rows: [...base, ...rows.map((r) => [textCell(r.scenario), textCell(formatNumber(r.samples)), ...thresholds.map((w) => cell(r.probabilities, r.degenerate, w))])],
  };
  return tableToHtml(table);
}
