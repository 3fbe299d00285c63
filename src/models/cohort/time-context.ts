import { fail } from "../../core/errors.js";

/**
 * Where in time a transition row or a state value is evaluated.
 *
 * For transitions, `cycle` is the cycle being run (1 … N, moving the cohort from trace row
 * `cycle − 1` to row `cycle`) and `time` is its start, `(cycle − 1) · cycleLength`. For state
 * values, `cycle` is the trace row (0 … N) and `time` is `cycle · cycleLength`. `age` is
 * `startAge + startTime + time`; `stateTime` is the number of cycles already spent in a tunnel
 * state (0 on entry; always 0 for other states, and in partitioned survival models). Shared by the
 * Markov cohort and partitioned survival engines. Peers' names (docs/conventions.md): heemod's
 * `model_time` is `cycle`, heemod's `state_time` is `stateTime + 1`, DARTH's cycle index is
 * `time / cycleLength`.
 *
 * @example
 * const values = (p: { uPF: number }, time: TimeContext) => ({ qaly: { PF: time.cycle <= 12 ? p.uPF : 0.7 } });
 * values({ uPF: 0.8 }, { cycle: 3, time: 0.25, age: 65.25, stateTime: 0 }).qaly.PF // => 0.8
 */
export interface TimeContext {
  /** Cycle number (transitions: 1 … N) or trace row (values: 0 … N). */
  readonly cycle: number;
  /** Years since entry into the model. */
  readonly time: number;
  /** Age of the cohort in years (needs `startAge`). */
  readonly age: number;
  /** Whole cycles already spent in the current tunnel state. */
  readonly stateTime: number;
}

/**
 * The one mutable context object the engine passes to user functions. It records whether a
 * function read the time (so time-homogeneous models are evaluated once per draw) or the time in
 * state (so tunnel positions that cannot differ are evaluated once).
 */
export class TrackedTimeContext implements TimeContext {
  cycleValue = 0;
  timeValue = 0;
  ageOffset = Number.NaN;
  stateTimeValue = 0;
  readTime = false;
  readStateTime = false;

  constructor(private readonly hasStartAge: boolean) {}

  get cycle(): number {
    this.readTime = true;
    return this.cycleValue;
  }

  get time(): number {
    this.readTime = true;
    return this.timeValue;
  }

  get age(): number {
    this.readTime = true;
    if (!this.hasStartAge) fail("invalid_model", ["startAge"], "a transition or value reads the age, but the model has no startAge");
    return this.ageOffset + this.timeValue;
  }

  get stateTime(): number {
    this.readStateTime = true;
    return this.stateTimeValue;
  }

  /** Moves the context to a point in time and clears the read flags. */
  at(cycle: number, time: number, stateTime: number): this {
    this.cycleValue = cycle;
    this.timeValue = time;
    this.stateTimeValue = stateTime;
    this.readTime = false;
    this.readStateTime = false;
    return this;
  }
}
