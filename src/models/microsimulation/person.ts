import { fail } from "../../core/errors.js";

/**
 * What a microsimulation cell sees of one individual at one point in time: the cohort engines'
 * time (`cycle`, `time`, `age`, `stateTime`, see {@link qaly!Markov.TimeContext}) plus the individual's declared
 * attributes and history counters by name. `age` needs an attribute named `age` (the age at entry)
 * and is the current age. The engine passes one reused object, so a cell must not keep it.
 *
 * @typeParam K - attribute and history counter names
 * @example
 * const pDie = (p: { rDie: number }, person: Person<"sickTime">) => 1 - Math.exp(-p.rDie * (1 + 0.2 * (person.sickTime + 1)));
 * typeof pDie // => "function"
 */
export type Person<K extends string = string> = {
  /** Cycle number (transitions: 1 … N) or trace row (values: 0 … N). */
  readonly cycle: number;
  /** Years since entry into the model. */
  readonly time: number;
  /** Current age in years: the `age` attribute plus the time since the start of the analysis. */
  readonly age: number;
  /** Whole cycles already spent in the current state (0 on entry). */
  readonly stateTime: number;
} & { readonly [Name in K]: number };

/** Bits of {@link PersonContext.reads}: what a cell read during its last evaluation. */
export const READ_TIME = 1;
/** Bit of {@link PersonContext.reads}: the cell read something of the individual. */
export const READ_PERSON = 2;

/**
 * The one mutable object the engine passes to cells. It points at slot `slot` of the chunk's typed
 * arrays and records what was read, so the engine can tell cells that depend on the individual
 * from cells that depend only on the time (evaluated once per cycle) or on nothing (once per draw).
 */
export class PersonContext {
  cycleValue = 0;
  timeValue = 0;
  /** Years between the start of the analysis and entry (context.startTime). */
  startTime = 0;
  slot = 0;
  reads = 0;
  attributes: Float64Array = new Float64Array(0);
  history: Float64Array = new Float64Array(0);
  stateTimes: Int32Array = new Int32Array(0);

  constructor(
    readonly attributeCount: number,
    readonly historyCount: number,
    private readonly ageIndex: number,
  ) {}

  get cycle(): number {
    this.reads |= READ_TIME;
    return this.cycleValue;
  }

  get time(): number {
    this.reads |= READ_TIME;
    return this.timeValue;
  }

  get age(): number {
    this.reads |= READ_TIME | READ_PERSON;
    if (this.ageIndex < 0) fail("invalid_model", ["attributes", "age"], "a cell reads the age, but the population declares no attribute named age (the age at entry)");
    return this.attributes[this.slot * this.attributeCount + this.ageIndex]! + this.startTime + this.timeValue;
  }

  get stateTime(): number {
    this.reads |= READ_PERSON;
    return this.stateTimes[this.slot]!;
  }

  /** Moves the context to a point in time and clears the read flags. */
  at(cycle: number, time: number): this {
    this.cycleValue = cycle;
    this.timeValue = time;
    this.reads = 0;
    return this;
  }
}

/** Names a cell may read that are not attributes or history counters. */
export const BUILT_IN_NAMES: readonly string[] = ["cycle", "time", "stateTime", "at", "reads", "slot", "attributes", "history", "stateTimes", "startTime", "cycleValue", "timeValue", "attributeCount", "historyCount"];

/**
 * A {@link PersonContext} with a getter per attribute (other than `age`, which is built in) and per
 * history counter, defined once per model on its own prototype.
 */
export function personContextClass(attributes: readonly string[], history: readonly string[]): new () => PersonContext {
  const ageIndex = attributes.indexOf("age");
  const A = attributes.length;
  const H = history.length;
  class ModelPerson extends PersonContext {
    constructor() {
      super(A, H, ageIndex);
    }
  }
  attributes.forEach((name, a) => {
    if (name === "age") return;
    Object.defineProperty(ModelPerson.prototype, name, {
      get(this: PersonContext) {
        this.reads |= READ_PERSON;
        return this.attributes[this.slot * A + a]!;
      },
    });
  });
  history.forEach((name, h) => {
    Object.defineProperty(ModelPerson.prototype, name, {
      get(this: PersonContext) {
        this.reads |= READ_PERSON;
        return this.history[this.slot * H + h]!;
      },
    });
  });
  return ModelPerson;
}
