import type { EvaluationContext, Model } from "../model.js";

/** The context object handed to a leaf model; mutated in place every draw (never reallocated). */
export interface MutableContext {
  draw?: number;
  start?: Record<string, number>;
  startTime?: number;
}

/**
 * One distinct model input of a tree (model, start distribution, start time): evaluated once per
 * draw however many leaves use it, into a buffer allocated once.
 */
export interface LeafSlot {
  readonly model: Model<unknown, string>;
  /** Labels of the first terminal that enters the model this way (for errors). */
  readonly labels: readonly string[];
  /** Outcomes per strategy of the model. */
  readonly width: number;
  /** The model's outputs for the current draw. */
  readonly buffer: Float64Array;
  /** State names of the start override, in a fixed order (empty when the model's own start is used). */
  readonly startNames: readonly string[];
  /** Value-table indices of the start proportions. */
  readonly startValues: Int32Array;
  /** Value-table index of the start time, or -1 for 0. */
  readonly startTime: number;
  /** Current start proportions and start time, for comparing slots within a draw. */
  readonly current: Float64Array;
  /** The context passed without and with a draw index. */
  readonly plain: MutableContext;
  readonly withDraw: MutableContext;
  /** Earlier slots with the same model and start states: candidates for sharing one evaluation. */
  readonly candidates: Int32Array;
  /** Whether the current draw already evaluated this slot in a batch with others of its model (evaluate-leaves.ts). */
  batched: boolean;
}

/** Builds a slot with its buffers and context objects. */
export function leafSlot(model: Model<unknown, string>, labels: readonly string[], startNames: readonly string[], startValues: readonly number[], startTime: number, candidates: readonly number[]): LeafSlot {
  const start: Record<string, number> | undefined = startNames.length === 0 ? undefined : Object.fromEntries(startNames.map((name) => [name, 0]));
  const plain: MutableContext = start === undefined ? { startTime: 0 } : { start, startTime: 0 };
  return {
    model,
    labels,
    width: model.outcomes.length,
    buffer: new Float64Array(model.strategies.length * model.outcomes.length),
    startNames,
    startValues: Int32Array.from(startValues),
    startTime,
    current: new Float64Array(startNames.length + 1),
    plain,
    withDraw: { ...plain, draw: 0 },
    candidates: Int32Array.from(candidates),
    batched: false,
  };
}

/** The context for a draw: the slot's own object, updated in place. */
export function slotContext(slot: LeafSlot, draw: number | undefined, startTime: number): EvaluationContext {
  const context = draw === undefined ? slot.plain : slot.withDraw;
  if (draw !== undefined) context.draw = draw;
  context.startTime = startTime;
  if (context.start !== undefined) for (let i = 0; i < slot.startNames.length; i++) context.start[slot.startNames[i]!] = slot.current[i]!;
  return context;
}
