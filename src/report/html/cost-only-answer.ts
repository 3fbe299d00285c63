import { costComparison } from "../../analysis/cea/cost-comparison.js";
import { formatMoney, formatNumber, formatPercent } from "../format/format-number.js";
import type { ReportContext } from "./report-context.js";

/**
 * The opening answer of a cost-only report (no effect outcome): which strategy is least costly and
 * by how much, and how often it is least costly in the PSA; undefined for a cost-effectiveness
 * analysis. @internal
 */
export function costOnlyAnswer(context: ReportContext): string | undefined {
  const { input, currency } = context;
  if (input.outcomes.costOnly !== true) return undefined;
  const table = costComparison(input.icerTable);
  const cheapest = table[0]!;
  const next = table[1];
  const margin = next === undefined ? "" : `; ${next.strategy} costs ${formatMoney(next.incrementalCost!, currency)} more`;
  const sentence1 = `The model has no effect outcome, so this is a cost comparison (cost-minimisation): ${cheapest.strategy} is the least costly strategy (${formatMoney(cheapest.cost, currency)} per patient${margin}).`;
  if (context.psa === null) return `${sentence1} No probabilistic analysis with uncertain parameters was run, so the probability that it is least costly is not known.`;
  // With every effect 0 the net benefit is minus the cost: the probability of being least costly is the same at every threshold.
  const probability = context.psa.probabilities.find((p) => p.strategy === cheapest.strategy)?.probability;
  return `${sentence1} It is least costly in ${formatPercent(probability)} of ${formatNumber(input.psa?.size ?? 0)} PSA draws.`;
}
