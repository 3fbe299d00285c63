import { codeGenerationRefused, generatedFunction } from "../../core/generated-function.js";

/**
 * The inputs of value-to-go's row loop (rows `last` down to 0 of the states that are neither zero,
 * settled nor looping), as ValueToGo's interpreted loop reads them. @internal
 */
export interface BackwardRows {
  last: number;
  cycles: number;
  floor: Float64Array | undefined;
  states: number;
  /** The states with rows to step (live, with a position neither zero, settled nor looping), ascending, and their count. */
  rowStates: Int32Array;
  rowCount: number;
  tunnel: Int32Array | readonly number[];
  base: Int32Array | readonly number[];
  entered: Uint8Array;
  /** The background's death states (1), or undefined without a background floor. */
  dead: Uint8Array | undefined;
  rowStart: Int32Array;
  rowEnd: Int32Array;
  col: Int32Array;
  colState: Int32Array;
  rawVal: Float64Array;
  deathSlot: Int32Array;
  tvFirst: Int32Array;
  tvNext: Int32Array;
  tvOutcome: Int32Array;
  tvValue: Float64Array;
  zero: Uint8Array;
  settled: Uint8Array;
  looping: Uint8Array;
  coefficients: Float64Array;
  /** The per-year values (`[outcome · expanded + e]`) an outcome's two slots read, and the milestones' indicators (`[m · expanded + e]`). */
  values: Float64Array;
  masks: Float64Array;
  expanded: number;
  rowDeath: Float64Array;
  loopTables: readonly (Float64Array | undefined)[];
  table: Float64Array;
  costEvents: Float64Array;
  effectEvents: Float64Array;
  eventUndiscounted: Float64Array | undefined;
  /** The two value-to-go buffers: rows t + 1 are read from `next`, row t written to the other. */
  next: Float64Array;
  current: Float64Array;
}

/** The row loop: returns the buffer holding row 0's value-to-go. @internal */
export type BackwardKernel = (rows: BackwardRows) => Float64Array;

/** Generated loops by shape (few: one per slot layout), so recompiled models reuse V8's compiled code. */
const kernels = new Map<string, BackwardKernel | undefined>();
const KERNELS_KEPT = 32;
/** Above this many slots (or classes) the loops stay interpreted: the generated source and its locals would grow with them. */
export const MAX_GENERATED_SLOTS = 64;

/**
 * Value-to-go's row loop generated for one slot layout: `outcomes` outcomes (class 0 cost, 1 effect
 * each) discounted and undiscounted, then `milestones` milestones. The slots are unrolled into
 * locals, so each row step adds its moves in registers, in the order and with the products of the
 * interpreted loop in ValueToGo (the same numbers bit for bit). A state's per-year values are read
 * once for both of an outcome's slots; a move to a looping state reads its values once per call
 * into locals (the kernel never writes them) and its table once per class, not once per slot. The source holds integers only. Undefined when code generation is
 * refused: the caller runs the interpreted loop. @internal
 */
export function backwardKernel(outcomeClass: Uint8Array, milestones: number, eventUndiscounted: boolean): BackwardKernel | undefined {
  if (codeGenerationRefused() || 2 * outcomeClass.length + milestones > MAX_GENERATED_SLOTS) return undefined;
  const key = `${Array.from(outcomeClass).join(",")}/${milestones}/${eventUndiscounted ? 1 : 0}`;
  if (kernels.has(key)) return kernels.get(key);
  const outcomes = outcomeClass.length;
  const K = 2 * outcomes + milestones;
  const C = 3 + milestones;
  const slots = Array.from({ length: K }, (_, x) => x);
  // Class of slot x in a looping state's table: 0 cost, 1 effect, 2 undiscounted, 3 + m milestone m.
  const classOf = slots.map((x) => (x < outcomes ? outcomeClass[x]! : x < 2 * outcomes ? 2 : 3 + x - 2 * outcomes));
  const each = (line: (x: number) => string): string => slots.map(line).join(" ");
  // The classes some slot has (each read once from a looping state's table).
  const classes = [...new Set(classOf)];
  // The per-year values: one per outcome (both its slots read it), then one per milestone; slot x reads value valueOf[x].
  const valueCount = outcomes + milestones;
  const valueIds = Array.from({ length: valueCount }, (_, i) => i);
  const valueOf = slots.map((x) => (x < outcomes ? x : x - outcomes));
  const read = (i: number, state: string): string => `${i < outcomes ? "values" : "masks"}[${state} + f${i}]`;
  const eachValue = (line: (i: number) => string): string => valueIds.map(line).join(" ");
  const lines = [
    '"use strict";',
    "const { last, cycles: N, floor, states, rowStates, rowCount, tunnel, base, entered, dead, rowStart, rowEnd, col, colState, rawVal, deathSlot, tvFirst, tvNext, tvOutcome, tvValue, zero, settled, looping, coefficients, rowDeath, loopTables, table, costEvents, effectEvents, eventUndiscounted, values, masks, expanded } = r;",
    "let next = r.next, current = r.current;",
    // The looping state whose values are in u0.. (-1: none yet) and its table.
    `let loopState = -1, loopTable = next, ${valueIds.map((i) => `u${i} = 0`).join(", ")};`,
    // Where value i starts: outcome o's values at o · expanded, milestone m's indicators at m · expanded.
    eachValue((i) => `const f${i} = ${i < outcomes ? i : i - outcomes} * expanded;`),
    "for (let t = last; t >= 0; t--) {",
    "const cycle = t + 1;",
    "const qPop = floor === undefined || t === N ? 0 : floor[t];",
    `const rowAt = t * ${K}, settledAt = cycle * ${K}, loopAt = cycle * ${C};`,
    each((x) => `const k${x} = coefficients[rowAt + ${x}];`),
    "const ce = t === N ? 0 : costEvents[cycle], ee = t === N ? 0 : effectEvents[cycle];",
    eventUndiscounted ? "const eu = t === N ? 0 : eventUndiscounted[cycle];" : "",
    "for (let i = 0; i < rowCount; i++) {",
    "const s = rowStates[i];",
    "const size = tunnel[s], first = base[s];",
    "const high = t < size - 1 ? t : size - 1;",
    "const low = entered[s] === 1 ? 0 : high;",
    "const floored = dead !== undefined && dead[s] === 0;",
    "for (let position = low; position <= high; position++) {",
    "const e = first + position;",
    "if (zero[e] === 1 || settled[e] === 1 || looping[e] === 1) continue;",
    `const at = e * ${K};`,
    eachValue((i) => `const w${i} = ${read(i, "e")};`),
    each((x) => `let v${x} = k${x} * w${valueOf[x]};`),
    "if (t !== N) {",
    "const slot = floored ? deathSlot[e] : -1;",
    "const q = rowDeath[e];",
    "const lift = slot >= 0 && q < qPop;",
    "const scale = lift ? (1 - qPop) / (1 - q) : 1;",
    "for (let index = rowStart[e], end = rowEnd[e]; index < end; index++) {",
    "const raw = rawVal[index];",
    "const p = !lift ? raw : index === slot ? qPop - (q - raw) : dead[colState[index]] === 1 ? raw : raw * scale;",
    "if (p === 0) continue;",
    "const j = col[index];",
    "for (let n = tvFirst[s * states + colState[index]]; n >= 0; n = tvNext[n]) {",
    "const amount = p * tvValue[n];",
    "switch (tvOutcome[n]) {",
    ...Array.from({ length: outcomes }, (_, o) => `case ${o}: v${o} += amount * ${outcomeClass[o] === 0 ? "ce" : "ee"}; v${outcomes + o} += ${eventUndiscounted ? "amount * eu" : "amount"}; break;`),
    "}",
    "}",
    "if (zero[j] === 1) continue;",
    `const from = j * ${K};`,
    `if (settled[j] === 1) { ${eachValue((i) => `const y${i} = ${read(i, "j")};`)} ${each((x) => `v${x} += p * y${valueOf[x]} * table[settledAt + ${x}];`)} }`,
    `else if (looping[j] === 1) {`,
    `if (j !== loopState) { loopState = j; loopTable = loopTables[j]; ${eachValue((i) => `u${i} = ${read(i, "j")};`)} }`,
    classes.map((c) => `const b${c} = loopTable[loopAt + ${c}];`).join(" "),
    `${each((x) => `v${x} += p * u${valueOf[x]} * b${classOf[x]};`)} }`,
    `else { ${each((x) => `v${x} += p * next[from + ${x}];`)} }`,
    "}",
    "}",
    each((x) => `current[at + ${x}] = v${x};`),
    "}",
    "}",
    "const swap = next; next = current; current = swap;",
    "}",
    "return next;",
  ];
  const kernel = generatedFunction<BackwardKernel>(["r"], lines.join("\n"));
  if (kernels.size >= KERNELS_KEPT) kernels.clear();
  kernels.set(key, kernel);
  return kernel;
}

/** A looping state's table: `B` of `cycles + 1` rows of `C` classes from the class weights `w`. @internal */
export type LoopTableKernel = (B: Float64Array, w: Float64Array, raw: number, slot: number, q: number, floor: Float64Array | undefined, N: number) => void;

const loopKernels = new Map<number, LoopTableKernel | undefined>();

/**
 * The recursion B(t) = w(t) + p(t + 1)·B(t + 1) of a looping state, generated for `C` classes: the
 * classes' running values are locals (one chain per class, no reload of the row just stored), with
 * ValueToGo.loopTable's arithmetic, so the same numbers bit for bit. Undefined when code generation
 * is refused. @internal
 */
export function loopTableKernel(C: number): LoopTableKernel | undefined {
  if (codeGenerationRefused() || C > MAX_GENERATED_SLOTS) return undefined;
  if (loopKernels.has(C)) return loopKernels.get(C);
  const classes = Array.from({ length: C }, (_, c) => c);
  const each = (line: (c: number) => string): string => classes.map(line).join(" ");
  const lines = [
    '"use strict";',
    `${each((c) => `let b${c} = w[N * ${C} + ${c}]; B[N * ${C} + ${c}] = b${c};`)}`,
    "for (let t = N - 1; t >= 0; t--) {",
    "const qPop = floor === undefined ? 0 : floor[t];",
    "const p = slot >= 0 && q < qPop ? raw * ((1 - qPop) / (1 - q)) : raw;",
    `const at = t * ${C};`,
    each((c) => `b${c} = w[at + ${c}] + p * b${c}; B[at + ${c}] = b${c};`),
    "}",
  ];
  const kernel = generatedFunction<LoopTableKernel>(["B", "w", "raw", "slot", "q", "floor", "N"], lines.join("\n"));
  if (loopKernels.size >= KERNELS_KEPT) loopKernels.clear();
  loopKernels.set(C, kernel);
  return kernel;
}
