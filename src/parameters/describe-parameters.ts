import betaQuantile from "@stdlib/stats-base-dists-beta-quantile/lib/main.js";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile/lib/main.js";
import type { ParameterMeta, ParameterStatus } from "./param.js";
import type { ParameterKind, SpaceState, GroupNode } from "./space-state.js";

/** One row of a parameter table, as printed in a report. */
export interface ParameterRow {
  /** Parameter name. */
  readonly name: string;
  /** How the value arises: fixed number, distribution, component of a group, or derived. */
  readonly kind: ParameterKind;
  /** Human-readable label (the name when none was given). */
  readonly label: string;
  /** Unit, or `""`. */
  readonly unit: string;
  /**
   * The distribution as text, e.g. `Beta(α=95, β=5)`; the number for a fixed value; `derived`;
   * `fixed at 0.081 (declared Dirichlet(…) [1/10])` for a parameter held fixed by `fix()`.
   */
  readonly distribution: string;
  /** Mean (fixed value; for a derived parameter, its base-case value). */
  readonly mean: number;
  /** 2.5% quantile, or `null` for fixed and derived parameters. */
  readonly lower: number | null;
  /** 97.5% quantile, or `null` for fixed and derived parameters. */
  readonly upper: number | null;
  /** Source, or `""`. */
  readonly source: string;
  /** Evidence status, or `null` when not stated. */
  readonly status: ParameterStatus | null;
  /** Note, or `""`. */
  readonly note: string;
}

/** Rows of the parameter table, in table order. `base` supplies derived parameters' values. */
export function describeParameters(state: SpaceState, base: Readonly<Record<string, number>>): ParameterRow[] {
  const rows: ParameterRow[] = [];
  for (const s of state.scalars) {
    const d = s.distribution;
    const held = state.fixed.get(s.name);
    if (held !== undefined) {
      rows.push(fixedRow(s.name, s.meta.label ?? s.name, s.meta, held, d === undefined ? String(s.value) : d.toString()));
      continue;
    }
    rows.push({
      name: s.name,
      kind: d === undefined ? "fixed" : "distribution",
      label: s.meta.label ?? s.name,
      unit: s.meta.unit ?? "",
      distribution: d === undefined ? String(s.value) : d.toString(),
      mean: s.value ?? d!.mean(),
      lower: d === undefined ? null : d.quantile(0.025),
      upper: d === undefined ? null : d.quantile(0.975),
      source: s.meta.source ?? "",
      status: s.meta.status ?? null,
      note: s.meta.note ?? "",
    });
  }
  for (const g of state.groups) {
    const mean = g.distribution.mean();
    const covariance = g.distribution.covariance();
    const k = g.components.length;
    g.components.forEach((name, j) => {
      const label = g.meta.label === undefined ? name : `${g.meta.label}: ${name}`;
      const held = state.fixed.get(name);
      if (held !== undefined) {
        rows.push(fixedRow(name, label, g.meta, held, `${g.distribution.toString()} [${j + 1}/${k}]`));
        return;
      }
      const [lower, upper] = marginalInterval(g, mean[j]!, covariance[j * k + j]!);
      rows.push({
        name,
        kind: "group",
        label,
        unit: g.meta.unit ?? "",
        distribution: `${g.distribution.toString()} [${j + 1}/${k}]`,
        mean: mean[j]!,
        lower,
        upper,
        source: g.meta.source ?? "",
        status: g.meta.status ?? null,
        note: g.meta.note ?? "",
      });
    });
  }
  for (const d of state.derivations) {
    for (const name of d.names) {
      rows.push({ name, kind: "derived", label: name, unit: "", distribution: "derived", mean: base[name]!, lower: null, upper: null, source: "", status: null, note: "" });
    }
  }
  return rows;
}

/** The row of a parameter held fixed by `fix()`: kind `fixed`, its value, and what was declared. */
function fixedRow(name: string, label: string, meta: ParameterMeta, value: number, declared: string): ParameterRow {
  return {
    name,
    kind: "fixed",
    label,
    unit: meta.unit ?? "",
    distribution: `fixed at ${value} (declared ${declared})`,
    mean: value,
    lower: null,
    upper: null,
    source: meta.source ?? "",
    status: meta.status ?? null,
    note: meta.note ?? "",
  };
}

/**
 * 95% interval of one component: a Dirichlet component is Beta(αⱼ, α₀ − αⱼ), recovered from its
 * mean m and variance v as α₀ = m(1 − m)/v − 1; a multivariate normal component is normal.
 */
function marginalInterval(group: GroupNode, mean: number, variance: number): [number | null, number | null] {
  const kind = group.distribution.def.kind.toLowerCase();
  if (kind.includes("dirichlet")) {
    const total = (mean * (1 - mean)) / variance - 1;
    const a = mean * total;
    const b = (1 - mean) * total;
    return [betaQuantile(0.025, a, b), betaQuantile(0.975, a, b)];
  }
  if (kind.includes("normal")) {
    const sd = Math.sqrt(variance);
    return [normalQuantile(0.025, mean, sd), normalQuantile(0.975, mean, sd)];
  }
  return [null, null];
}
