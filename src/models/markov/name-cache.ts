/**
 * Turns names met while enumerating user objects (`for … in`) into indices. User functions return
 * object literals whose keys come in the same order on every call, so remembering the key seen at
 * each position of each slot turns a hash lookup into one string identity comparison.
 */
export class NameCache {
  private readonly keys: (string | undefined)[];
  private readonly indices: Int32Array;

  constructor(private readonly lookup: ReadonlyMap<string, number>, private readonly slots: number, private readonly width: number) {
    this.keys = new Array<string | undefined>(slots * width).fill(undefined);
    this.indices = new Int32Array(slots * width);
  }

  /** The index of `name`, the n-th key enumerated in `slot`; -1 when the name is unknown. */
  indexOf(slot: number, n: number, name: string): number {
    if (n < this.width && slot < this.slots) {
      const at = slot * this.width + n;
      if (this.keys[at] === name) return this.indices[at]!;
      const index = this.lookup.get(name);
      if (index === undefined) return -1;
      this.keys[at] = name;
      this.indices[at] = index;
      return index;
    }
    return this.lookup.get(name) ?? -1;
  }
}
