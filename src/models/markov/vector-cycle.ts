import type { CompiledMarkov } from "./compile-markov.js";
import { BY_BOTH, BY_CYCLE, BY_PRODUCT, BY_STATE_TIME, COMPLEMENT, CONSTANT, type TransitionArrayPlan, badEntry, rowProblem } from "./fill-transition-arrays.js";
import { type ValueArrayPlan, badValue } from "./fill-value-arrays.js";
import type { ErrorSite } from "./markov-errors.js";

/**
 * The code of one cycle of the vector loop for a plan's shape (row = cycle − 1), shared by the
 * generated step, run and direct run (vector-kernel.ts, direct-kernel.ts): moves `cur` into `next`
 * reading each occupied row from the arrays (`A<n>`, and `F<n>` the state-time factor of a product,
 * read once per call by {@link arrayLocals}) and constants `C`, checking what it reads (`bad`,
 * `rowBad`, `low`, `high`, `tol` from the enclosing code); with `weighted`, adds the row to the weighted traces; floors living rows under background
 * mortality and adds the flows of the transition-value pairs `tvPairs` to `tv`. With `inLocals`
 * (no tunnels, unweighted) the masses stay in locals `M<e>` instead of `cur` and `next`: the same
 * terms added in the same order from 0, without a load and a store per term.
 */
export function cycleLines(model: CompiledMarkov, plan: TransitionArrayPlan, tvPairs: Int32Array, inLocals = false): string[] {
  const lines: string[] = ["let m, e, sum, rest, x, q, s, z;"];
  // In locals: the masses are M<e> from cycle to cycle and the next ones N<e>, both starting at 0 as next[] does.
  if (inLocals) lines.push(`let ${Array.from({ length: model.expanded }, (_, e) => `N${e} = 0`).join(", ")};`);
  // The row's coefficients and floor are read here, not passed: a double passed to a call that is not inlined is boxed (an allocation per cycle).
  lines.push("const cc = CC[row], ec = EC[row], uc = UC[row];");
  if (model.background !== undefined) lines.push("const qPop = F[row];");
  const states = model.states.length;
  const background = model.background;
  for (let from = 0; from < states; from++) {
    const tunnel = model.tunnel[from]!;
    const base = model.base[from]!;
    const last = tunnel - 1;
    const first = plan.entryStart[from]!;
    const end = plan.entryStart[from + 1]!;
    lines.push("{");
    // Per cycle: constants and by-cycle entries (checked once), array references of the others.
    for (let n = first; n < end; n++) {
      const kind = plan.kind[n]!;
      if (kind === CONSTANT) lines.push(`const v${n} = C[${n}], w${n} = v${n} > 0 ? v${n} : 0;`);
      else if (kind === BY_CYCLE) lines.push(`const v${n} = A${n}[row];`, `if (typeof v${n} !== "number" || !(v${n} >= low && v${n} <= high)) bad(row, ${from}, ${plan.to[n]!}, 0, v${n});`, `const w${n} = v${n} > 0 ? v${n} : 0;`);
      else if (kind === BY_STATE_TIME || kind === BY_BOTH) lines.push(`const a${n} = A${n};`);
      // A product: its cycle's factor read once per cycle, checked with each state time's (a non-number is never multiplied).
      else if (kind === BY_PRODUCT) lines.push(`const y${n} = A${n}[row], g${n} = F${n};`);
    }
    // A state no mass can reach in this run is skipped past its per-cycle checks (which stay, as every state's first position is checked every cycle).
    lines.push(`if (live[${from}] === 1) {`);
    const position = tunnel === 1 ? "0" : "p";
    // In a tunnel's loop, the flows into other states add up in locals, term by term in the same
    // order as into next[] (loaded before, stored after): the same sums without a store and a load per term.
    const local = tunnel > 1;
    const outside: number[] = [];
    for (let d = plan.destStart[from]!; d < plan.destStart[from + 1]!; d++) if (plan.dest[d] !== from) outside.push(plan.dest[d]!);
    if (local) for (const to of outside) lines.push(`let n${to} = next[${model.base[to]!}];`);
    if (inLocals) lines.push(`m = M${base}; if (m !== 0) do {`);
    else if (tunnel === 1) lines.push(`e = ${base}; m = cur[e]; if (m !== 0) do {`);
    else {
      // Mass moves one position per cycle and enters at position 0 only, so the positions below the
      // lowest occupied one of the previous cycle (plus one) are empty unless position 0 was entered:
      // the loop starts there rather than at 0 (a long tunnel holds mass in few positions).
      lines.push(`const hi = reach[${from}];`, `let lo = cur[${base}] !== 0 ? 0 : lowest[${from}];`, `while (lo < hi && cur[${base} + lo] === 0) lo++;`, `lowest[${from}] = lo < ${last} ? lo + 1 : ${last};`);
      // run: the positions it may read in this row, for the run memo (run-memo.ts).
      lines.push(`if (record) { RR[2 * (row * ${states} + ${from})] = lo; RR[2 * (row * ${states} + ${from}) + 1] = hi; }`);
      lines.push(`for (let p = lo; p <= hi; p++) { e = ${base} + p; m = cur[e]; if (m === 0) continue;`);
    }
    // With equal cost and effect coefficients the effect-weighted trace is the cost-weighted one: vectorLoop copies it at the end.
    if (!inLocals) lines.push(`if (weighted) { if (inert[e] === 1) { cur[e] = 0; ${tunnel === 1 ? "break" : "continue"}; } cw[e] += cc * m; ${sameCoefficients(model) ? "" : "ew[e] += ec * m; "}uw[e] += uc * m; }`);
    lines.push("sum = 0;");
    let complementTo = -1;
    const probabilityOf = new Map<number, string>();
    for (let n = first; n < end; n++) {
      const kind = plan.kind[n]!;
      const to = plan.to[n]!;
      if (kind === COMPLEMENT) {
        complementTo = to;
        continue;
      }
      if (kind === CONSTANT || kind === BY_CYCLE) {
        lines.push(`sum += v${n};`);
        probabilityOf.set(to, `w${n}`);
        continue;
      }
      if (kind === BY_PRODUCT) {
        lines.push(
          `z = g${n}[${position}];`,
          `if (typeof y${n} !== "number" || typeof z !== "number") bad(row, ${from}, ${to}, ${position}, typeof y${n} !== "number" ? y${n} : z);`,
          `x = y${n} * z;`,
          `if (!(x >= low && x <= high)) bad(row, ${from}, ${to}, ${position}, x);`,
          `const w${n} = x > 0 ? x : 0; sum += x;`,
        );
        probabilityOf.set(to, `w${n}`);
        continue;
      }
      const index = kind === BY_STATE_TIME ? position : `row * ${tunnel} + ${position}`;
      lines.push(`x = a${n}[${index}];`, `if (typeof x !== "number" || !(x >= low && x <= high)) bad(row, ${from}, ${to}, ${position}, x);`, `const w${n} = x > 0 ? x : 0; sum += x;`);
      probabilityOf.set(to, `w${n}`);
    }
    if (complementTo >= 0) {
      lines.push(`rest = 1 - sum; if (rest < low) rowBad(row, ${from}, ${position}, sum, ${complementTo});`, "const wc = rest > 0 ? rest : 0;");
      probabilityOf.set(complementTo, "wc");
    } else lines.push(`if (Math.abs(sum - 1) > tol) rowBad(row, ${from}, ${position}, sum, -1);`);
    // The destinations as the sparse row stores them (ascending; a living row's first death state kept at 0 when absent).
    const destinations: { to: number; raw: string }[] = [];
    for (let d = plan.destStart[from]!; d < plan.destStart[from + 1]!; d++) {
      const to = plan.dest[d]!;
      const raw = plan.destListed[d] === 1 ? probabilityOf.get(to) : "0";
      if (raw !== undefined) destinations.push({ to, raw });
    }
    const probability = new Map<number, string>();
    if (background !== undefined && background.dead[from] === 0) {
      // floorRow: q is the sum of the death entries in ascending order; below the life table's qPop the
      // first death state takes qPop − (q − its own), other death entries stay, the others scale by (1 − qPop)/(1 − q).
      lines.push("q = 0;");
      for (const { to, raw } of destinations) if (background.dead[to] === 1 && raw !== "0") lines.push(`q += ${raw};`);
      for (const { to, raw } of destinations) {
        lines.push(`let f${to} = ${raw};`);
        probability.set(to, `f${to}`);
      }
      const floored = destinations.map(({ to, raw }) => `f${to} = ${to === background.primary ? `qPop - (q - ${raw})` : background.dead[to] === 1 ? raw : `${raw} * s`};`);
      lines.push(`if (q < qPop) { s = (1 - qPop) / (1 - q); ${floored.join(" ")} }`);
    } else for (const { to, raw } of destinations) probability.set(to, raw);
    // Transition values: each (from, to) pair's values in their chain order (ascending index), as weightedStep books them.
    for (const { to } of destinations) {
      const pair = from * states + to;
      for (let n = 0; n < tvPairs.length; n++) if (tvPairs[n] === pair) lines.push(`tv[${n}] += m * ${probability.get(to)!};`);
    }
    if (!inLocals) lines.push("cur[e] = 0;");
    for (const { to } of destinations) {
      const value = probability.get(to)!;
      if (value === "0") continue;
      const column = to === from ? (last === 0 ? `${base}` : `${base} + (p < ${last} ? p + 1 : ${last})`) : `${model.base[to]!}`;
      if (inLocals) lines.push(`if (${value} !== 0) N${model.base[to]!} += m * ${value};`);
      else lines.push(local && to !== from ? `if (${value} !== 0) n${to} += m * ${value};` : `if (${value} !== 0) next[${column}] += m * ${value};`);
    }
    if (tunnel === 1) lines.push("} while (false);");
    else lines.push("}", `if (hi < ${last}) reach[${from}] = hi + 1;`);
    if (local) for (const to of outside) lines.push(`next[${model.base[to]!}] = n${to};`);
    lines.push("}", "}");
  }
  if (inLocals) lines.push(Array.from({ length: model.expanded }, (_, e) => `M${e} = N${e};`).join(" "));
  return lines;
}

/**
 * The loop over every cycle of a run around {@link cycleLines} (opened, not closed: the caller adds
 * what follows a cycle, then closes it): the step, the buffers swapped (`cur`, `next`, `t` and
 * `work`), booking of the transition-value flows and milestones called back.
 */
export function cycleLoop(lines: readonly string[], tvPairs: Int32Array): string[] {
  return [
    "for (let row = 0; row < rows; row++) {",
    "{",
    ...lines,
    "}",
    "work.current = next; work.next = cur; t = cur; cur = next; next = t;",
    // bookFlows books nothing for flows that are all zero (most cycles once no one can move along a valued pair).
    ...(tvPairs.length > 0 ? [`if (${Array.from(tvPairs, (_, n) => `tv[${n}] !== 0`).join(" || ")}) book(row + 1);`] : []),
    "if (MR[row + 1] === 1) milestone(row + 1);",
  ];
}

/** The arrays of a plan's entries as locals (`const A<n> = A[n]`, and a product's `F<n> = S[n]`), read once per call instead of once per cycle and entry. */
export function arrayLocals(model: CompiledMarkov, plan: TransitionArrayPlan): string {
  const names: string[] = [];
  const entries = plan.entryStart[model.states.length]!;
  for (let n = 0; n < entries; n++) {
    const kind = plan.kind[n]!;
    if (kind === BY_CYCLE || kind === BY_STATE_TIME || kind === BY_BOTH) names.push(`A${n} = A[${n}]`);
    else if (kind === BY_PRODUCT) names.push(`A${n} = A[${n}]`, `F${n} = S[${n}]`);
  }
  return names.length === 0 ? "" : `const ${names.join(", ")};`;
}

/** Whether the cost and effect row coefficients are equal in every row (equal discount rates): the weighted traces are then equal too. */
export function sameCoefficients(model: CompiledMarkov): boolean {
  const [cost, effect] = model.coefficients;
  for (let t = 0; t < cost.length; t++) if (cost[t] !== effect[t]) return false;
  return true;
}

/** The names the generated kernels' factories take, and {@link kernelArguments}' values for them. */
export const KERNEL_PARAMETERS: readonly string[] = ["tol", "bad", "rowBad", "valueBad", "BASE", "TUN"];

/**
 * The values of {@link KERNEL_PARAMETERS}: the tolerance, the error callbacks (which name the cycle
 * or trace row in `site` and throw the interpreted loop's errors) and the expanded layout.
 */
export function kernelArguments(model: CompiledMarkov, site: ErrorSite): unknown[] {
  const at = (row: number): void => {
    site.at = "cycle";
    site.cycle = row + 1;
  };
  const bad = (row: number, from: number, to: number, position: number, value: number): never => {
    at(row);
    return badEntry(model, from, to, position, value, site);
  };
  const rowBad = (row: number, from: number, position: number, sum: number, complementTo: number): never => {
    at(row);
    return rowProblem(model, from, position, sum, complementTo, site);
  };
  const valueBad = (plan: ValueArrayPlan, n: number, row: number, position: number, value: number): never => badValue(model, plan, n, row, position, value, site);
  return [model.tolerance, bad, rowBad, valueBad, model.base, model.tunnel];
}
