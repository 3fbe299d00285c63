/**
 * A private value carried by an object itself: invisible to printing, `Object.keys`, spreading and
 * equality, and absent from a copy (a curve with an overridden method is unmarked). Each mark is a
 * private class field installed on an existing object: a base constructor that returns the object
 * makes it `this` of the subclass, whose field initialiser then adds the field. As cheap as an
 * ordinary property store, where `Object.defineProperty` of a non-enumerable symbol cost more
 * than building the rest of a curve (PSA builds curves per draw), and no WeakMap entry for the
 * garbage collector to trace.
 *
 * @internal
 */
export interface CurveMark<T> {
  /** Marks `target` (before it is frozen) with `value`. */
  stamp(target: object, value: T): void;
  /** The value `target` was marked with, else undefined. */
  read(target: object): T | undefined;
}

class Carrier {
  constructor(target: object) {
    // Returning an object from a base constructor makes it the subclass's `this`.
    return target as Carrier;
  }
}

/** A new mark, distinct from every other. @internal */
export function curveMark<T>(): CurveMark<T> {
  class Stamp extends Carrier {
    readonly #value: T;
    constructor(target: object, value: T) {
      super(target);
      this.#value = value;
    }
    static read(target: object): T | undefined {
      return #value in target ? (target as Stamp).#value : undefined;
    }
  }
  return {
    stamp(target, value) {
      new Stamp(target, value);
    },
    read(target) {
      return Stamp.read(target);
    },
  };
}
