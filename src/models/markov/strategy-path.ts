import { codeGenerationRefused } from "../../core/generated-function.js";
import { complement } from "../complement.js";
import type { EvaluationContext } from "../model.js";
import type { CompiledMarkov } from "./compile-markov.js";
import type { EngineCycleGrid } from "./cycle-grid.js";
import { BY_CYCLE, COMPLEMENT, CONSTANT, type TransitionArrayPlan } from "./fill-transition-arrays.js";
import { BY_CYCLE as VALUE_BY_CYCLE, CONSTANT as VALUE_CONSTANT, type ValueArrayPlan } from "./fill-value-arrays.js";
import { compileReader, sameKeys } from "./shape-readers.js";
import { cycleLines, sameCoefficients } from "./vector-cycle.js";

/**
 * A whole strategy run in one generated call: the strategy's `transitionArrays` and `valueArrays`
 * called, their results checked against the shapes learned from an interpreted run and read into
 * locals, the cycles run and the totals written to `total` / `totalU` (and the last masses to
 * `cur`). Returns false, or throws, where anything differs from those shapes or a check fails; the
 * caller then runs the strategy the interpreted way, which reports the error (or reads a new shape)
 * exactly as before. Nothing but `cur`, `total` and `totalU` is written, and only on success.
 */
export type StrategyPath = (params: unknown, grid: EngineCycleGrid, cur: Float64Array, total: Float64Array, totalU: Float64Array) => boolean;

/**
 * Whether an evaluation runs the strategies from their own start at time 0: the only runs a path is
 * learnt from (evaluate-strategy.ts) and taken for (markov-cohort.ts), so both ask here.
 */
export function fromOwnStart(context: EvaluationContext | undefined): boolean {
  return context?.start === undefined && (context?.startTime ?? 0) === 0;
}

/** Generations per strategy before the interpreted path is kept for good (shapes that keep changing). */
const MAX_GENERATIONS = 8;

/**
 * Per strategy, the {@link StrategyPath} generated for the shapes of its last interpreted run, for
 * models the path covers: the vector form of transitions and values, no tunnels, at most 16 states,
 * no background mortality, milestones, transition or starting values. Per draw such a strategy
 * otherwise costs a dozen calls (readers writing the plans, the fill of cycle 1, shape look-ups of
 * the kernels, zeroing, the run) whose bookkeeping outweighs its arithmetic (HIV: 20 cycles of 4 states).
 * The path does the same arithmetic in the same order as the loop the interpreted run takes, so
 * results are bit-identical: the homogeneous kernel (transitions and values fixed for the run:
 * homogeneous-kernel.ts, then addWeightedTotals) or the direct run (both by cycle: vectorLoop's addRow
 * of row 0, then direct-kernel.ts). Other mixes keep the interpreted path.
 */
export class StrategyPaths {
  private readonly paths: (StrategyPath | undefined)[];
  private readonly generations: Int32Array;
  /** Whether the model's form allows a path at all (fixed at build). */
  private readonly eligible: boolean[];

  constructor(private readonly model: CompiledMarkov) {
    const strategies = model.strategies.length;
    this.paths = new Array<StrategyPath | undefined>(strategies).fill(undefined);
    this.generations = new Int32Array(strategies);
    this.calls = new Int32Array(strategies);
    this.misses = new Int32Array(strategies);
    this.fellBack = new Uint8Array(strategies);
    const modelFits = model.maxTunnel === 1 && model.expanded <= 16 && model.background === undefined && model.milestones.length === 0 && model.annualYears === 0;
    this.eligible = model.strategies.map((s) => modelFits && s.transitionArrays !== undefined && s.valueArrays !== undefined && s.transitionValues === undefined && s.startingValues === undefined && s.start !== undefined);
  }

  /** Per strategy: calls of its path since it was generated, and how many of them fell back. */
  private readonly calls: Int32Array;
  private readonly misses: Int32Array;
  /** Per strategy: 1 when its path fell back since it was made (the next interpreted run may teach a new shape). */
  private readonly fellBack: Uint8Array;

  /** The strategy's path, if one was generated. */
  pathOf(strategy: number): StrategyPath | undefined {
    return this.paths[strategy];
  }

  /**
   * Counts a call of the strategy's path, `ran` or fallen back. A path that falls back in more than a
   * quarter of its calls (after 16 fallbacks) is dropped for good: results whose shapes keep changing
   * would pay for the path and the interpreted run, which calls the functions again.
   */
  count(strategy: number, ran: boolean): void {
    this.calls[strategy]!++;
    if (ran) return;
    this.fellBack[strategy] = 1;
    const misses = ++this.misses[strategy]!;
    if (misses >= 16 && 4 * misses > this.calls[strategy]!) {
      this.paths[strategy] = undefined;
      this.generations[strategy] = MAX_GENERATIONS;
    }
  }

  /**
   * After an interpreted run of the strategy that read `plan` and `values` (its vector-form plans
   * for the draw) from its start at time 0 without a recorder: generates the path of their shapes
   * when the run took one of the two loops the path reproduces.
   */
  learn(strategy: number, plan: TransitionArrayPlan, values: ValueArrayPlan): void {
    // A path that has not fallen back since it was made is kept (interpreted runs from elsewhere, e.g. evaluateStartsInto, teach nothing new).
    if (this.paths[strategy] !== undefined && this.fellBack[strategy] === 0) return;
    this.fellBack[strategy] = 0;
    if (!this.eligible[strategy] || codeGenerationRefused() || this.generations[strategy]! >= MAX_GENERATIONS) {
      this.paths[strategy] = undefined;
      return;
    }
    this.generations[strategy]!++;
    this.calls[strategy] = 0;
    this.misses[strategy] = 0;
    this.paths[strategy] = generate(this.model, strategy, plan, values);
  }
}

/** Aborts a path (the interpreted run then reports what failed). */
function abandon(): never {
  throw new Error("strategy path abandoned");
}

function generate(model: CompiledMarkov, strategyIndex: number, plan: TransitionArrayPlan, values: ValueArrayPlan): StrategyPath | undefined {
  const states = model.states.length;
  const expanded = model.expanded;
  const entries = plan.entryStart[states]!;
  // Which loop the interpreted run takes follows from the kinds: all fixed (homogeneous) or both by cycle (direct).
  let arrays = 0;
  for (let n = 0; n < entries; n++) {
    const kind = plan.kind[n]!;
    if (kind === BY_CYCLE) arrays++;
    else if (kind !== CONSTANT && kind !== COMPLEMENT) return undefined;
  }
  for (let c = 0; c < values.count; c++) if (values.kind[c] !== VALUE_CONSTANT && values.kind[c] !== VALUE_BY_CYCLE) return undefined;
  const direct = arrays > 0;
  if (direct !== values.varies) return undefined;

  const keys: string[] = [];
  const lines: string[] = ['"use strict";', "const low = -tol, high = 1 + tol;", "return function strategyPath(params, grid, cur, total, totalU) {", "let n, k, r, v, a, b, x;"];
  // transitionArrays: the states as keys (any order, as plan.read takes them), each row's keys in the learned order.
  lines.push("const rows = TA(params, grid, NAME);", 'if (rows === null || typeof rows !== "object") return false;');
  const stateAt = keys.length;
  keys.push(...model.states);
  lines.push(`n = 0; for (k in rows) { if (${model.states.map((_, i) => `k !== K[${stateAt + i}]`).join(" && ")}) return false; n++; } if (n !== ${states}) return false;`);
  const arrayNames: string[] = [];
  for (let from = 0; from < states; from++) {
    const first = plan.entryStart[from]!;
    const end = plan.entryStart[from + 1]!;
    const rowAt = keys.length;
    for (let n = first; n < end; n++) keys.push(model.states[plan.to[n]!]!);
    lines.push(`r = rows[K[${stateAt + from}]];`, 'if (r === null || typeof r !== "object") return false;', sameKeys("r", rowAt, end - first));
    for (let n = first; n < end; n++) {
      const kind = plan.kind[n]!;
      lines.push(`v = r[K[${rowAt + n - first}]];`);
      if (kind === COMPLEMENT) lines.push("if (v !== CMP) return false;");
      else if (kind === CONSTANT) lines.push('if (typeof v !== "number" || !(v >= low && v <= high)) return false;', `C[${n}] = v;`);
      else {
        arrayNames.push(`A${n}`);
        lines.push('if (v === null || typeof v !== "object" || v.by !== "cycle") return false;', "a = v.values;", `if (a === null || typeof a !== "object" || a.length !== ${model.cycles}) return false;`, `A${n} = a;`);
      }
    }
  }
  // valueArrays: the outcomes and states of the learned entries, in their order (an outcome without entries falls back).
  lines.push("const table = VA(params, grid, NAME);", 'if (table === null || typeof table !== "object") return false;');
  const outcomeKeys: number[] = [];
  for (let c = 0; c < values.count; c++) if (c === 0 || values.outcome[c] !== values.outcome[c - 1]) outcomeKeys.push(values.outcome[c]!);
  if (new Set(outcomeKeys).size !== outcomeKeys.length) return undefined;
  const outcomeAt = keys.length;
  keys.push(...outcomeKeys.map((o) => model.outcomes[o]!));
  lines.push(sameKeys("table", outcomeAt, outcomeKeys.length));
  // Per value slot (outcome × state): a local fixed for the run (X), a value array by trace row (VA), or 0.
  const slot: string[] = new Array<string>(model.outcomes.length * expanded).fill("0");
  const rowReads: string[] = [];
  const valueArrays: string[] = [];
  let c = 0;
  outcomeKeys.forEach((o, at) => {
    const stateAtValues = keys.length;
    const first = c;
    while (c < values.count && values.outcome[c] === o) keys.push(model.states[values.state[c++]!]!);
    lines.push(`b = table[K[${outcomeAt + at}]];`, 'if (b === null || typeof b !== "object") return false;', sameKeys("b", stateAtValues, c - first));
    for (let e = first; e < c; e++) {
      const at0 = o * expanded + model.base[values.state[e]!]!;
      lines.push(`v = b[K[${stateAtValues + e - first}]];`);
      if (values.kind[e] === VALUE_CONSTANT) {
        lines.push('if (typeof v !== "number" || v - v !== 0) return false;', `const X${at0} = v;`);
        slot[at0] = `X${at0}`;
      } else {
        // Row 0 checked here as the value reader does, each later row as it is reached (as the direct run does).
        valueArrays.push(`W${at0}`);
        lines.push('if (v === null || typeof v !== "object" || v.by !== "cycle") return false;', "a = v.values;", `if (a === null || typeof a !== "object" || a.length !== ${model.cycles + 1}) return false;`, `W${at0} = a;`);
        lines.push(`x = a[0]; if (typeof x !== "number" || x - x !== 0) return false;`, `let Y${at0} = x;`);
        rowReads.push(`x = W${at0}[r]; if (typeof x !== "number" || x - x !== 0) return false; Y${at0} = x;`);
        slot[at0] = `Y${at0}`;
      }
    }
  });
  if (arrayNames.length > 0 || valueArrays.length > 0) lines.splice(4, 0, `let ${[...arrayNames, ...valueArrays].join(", ")};`);
  lines.push(`let ${Array.from({ length: expanded }, (_, e) => `M${e} = ST[${e}]`).join(", ")};`);
  const outcomeClass = Array.from(model.outcomeClass);
  if (direct) {
    // vectorLoop's addRow of row 0, then the direct run (direct-kernel.ts): per row the terms of every state in ascending order.
    const sums = (): string[] => {
      const out: string[] = ["rc = CC[r]; re = EC[r]; ru = UC[r];"];
      outcomeClass.forEach((cls, o) => {
        const terms = Array.from({ length: expanded }, (_, e) => `sv += M${e} * ${slot[o * expanded + e]};`);
        out.push(`sv = 0; ${terms.join(" ")}`, `T${o} += ${cls === 0 ? "rc" : "re"} * sv; U${o} += ru * sv;`);
      });
      return out;
    };
    // The interpreted run fills every row of cycle 1 first (fillArrayRows), so a row that fails its sum fails
    // there even when no mass reaches it; the cycles below check only rows that hold mass.
    for (let from = 0; from < states; from++) {
      const terms: string[] = ["0"];
      let complementTo = -1;
      for (let n = plan.entryStart[from]!; n < plan.entryStart[from + 1]!; n++) {
        if (plan.kind[n] === COMPLEMENT) complementTo = n;
        else terms.push(plan.kind[n] === CONSTANT ? `C[${n}]` : `A${n}[0]`);
      }
      lines.push(complementTo >= 0 ? `if (1 - (${terms.join(" + ")}) < -tol) return false;` : `if (Math.abs(${terms.join(" + ")} - 1) > tol) return false;`);
    }
    lines.push(`let ${outcomeClass.map((_, o) => `T${o} = 0, U${o} = 0`).join(", ")}, rc, re, ru, sv;`, "r = 0;", ...sums());
    lines.push(`for (let row = 0; row < ${model.cycles}; row++) {`, "{", ...cycleLines(model, plan, new Int32Array(0), true), "}", "r = row + 1;", ...rowReads, ...sums(), "}");
    lines.push(Array.from({ length: expanded }, (_, e) => `cur[${e}] = M${e};`).join(" "), outcomeClass.map((_, o) => `total[${o}] = T${o}; totalU[${o}] = U${o};`).join(" "));
  } else {
    // The homogeneous kernel (homogeneous-kernel.ts) over the matrix the generated fill writes: per state its
    // probabilities (the complement floored at 0), the inflows summed over source states in ascending order.
    const inflow: string[][] = Array.from({ length: expanded }, () => []);
    for (let from = 0; from < states; from++) {
      const first = plan.entryStart[from]!;
      const end = plan.entryStart[from + 1]!;
      // The fill's sum (from 0, in the row's key order) and its checks; each probability as the fill stores it.
      const terms: string[] = ["0"];
      let complementTo = -1;
      const probability = new Map<number, string>();
      for (let n = first; n < end; n++) {
        if (plan.kind[n] === COMPLEMENT) {
          complementTo = plan.to[n]!;
          continue;
        }
        terms.push(`C[${n}]`);
        lines.push(`const P${n} = C[${n}] > 0 ? C[${n}] : 0;`);
        probability.set(plan.to[n]!, `P${n}`);
      }
      lines.push(`const S${from} = ${terms.join(" + ")};`);
      if (complementTo >= 0) {
        lines.push(`const R${from} = 1 - S${from};`, `if (R${from} < -tol) return false;`, `const Q${from} = R${from} > 0 ? R${from} : 0;`);
        probability.set(complementTo, `Q${from}`);
      } else lines.push(`if (Math.abs(S${from} - 1) > tol) return false;`);
      for (let d = plan.destStart[from]!; d < plan.destStart[from + 1]!; d++) inflow[model.base[plan.dest[d]!]!]!.push(`M${model.base[from]!} * ${probability.get(plan.dest[d]!)!}`);
    }
    const same = sameCoefficients(model);
    lines.push(`let ${Array.from({ length: expanded }, (_, e) => `a${e} = 0, b${e} = 0, u${e} = 0`).join(", ")};`);
    lines.push(`for (let t = 0; ; t++) {`, "const cc = CC[t], ce = EC[t], cu = UC[t];");
    for (let e = 0; e < expanded; e++) lines.push(same ? `a${e} += cc * M${e}; u${e} += cu * M${e};` : `a${e} += cc * M${e}; b${e} += ce * M${e}; u${e} += cu * M${e};`);
    lines.push(`if (t === ${model.cycles}) break;`);
    for (let e = 0; e < expanded; e++) lines.push(`const n${e} = ${inflow[e]!.length === 0 ? "0" : inflow[e]!.join(" + ")};`);
    lines.push(Array.from({ length: expanded }, (_, e) => `M${e} = n${e};`).join(" "), "}");
    // addWeightedTotals: per outcome the weighted trace of its class times its values, states ascending.
    outcomeClass.forEach((cls, o) => {
      const weighted = cls === 0 || same ? "a" : "b";
      lines.push(`{ let s = 0, su = 0; ${Array.from({ length: expanded }, (_, e) => `s += ${weighted}${e} * ${slot[o * expanded + e]}; su += u${e} * ${slot[o * expanded + e]};`).join(" ")} total[${o}] = 0 + s; totalU[${o}] = 0 + su; }`);
    });
    lines.push(Array.from({ length: expanded }, (_, e) => `cur[${e}] = M${e};`).join(" "));
  }
  lines.push("return true;", "};");
  const strategy = model.strategies[strategyIndex]!;
  const live = new Uint8Array(states).fill(1);
  const site = { bad: abandon, rowBad: abandon };
  return compileReader<StrategyPath>(
    ["K", "CMP", "tol", "TA", "VA", "NAME", "C", "ST", "CC", "EC", "UC", "live", "bad", "rowBad"],
    lines,
    [keys, complement, model.tolerance, strategy.transitionArrays, strategy.valueArrays, strategy.name, new Float64Array(Math.max(entries, 1)), strategy.start, model.coefficients[0], model.coefficients[1], model.undiscounted, live, site.bad, site.rowBad],
  );
}
