/**
 * The value a record holds under `key` as its own property, or `undefined`. A name from a model
 * file, a CSV or the command line ("constructor", "__proto__", "toString") must not reach
 * Object.prototype's members through `record[key]`, which is not `undefined` for them. @internal
 *
 * @param record - a plain record of known entries (presets, commands, scenarios)
 * @param key - the untrusted name
 * @returns the entry, or `undefined` when the record has none of its own
 * @example
 * ownEntry({ sweden: 1 }, "sweden") // => 1
 * ownEntry({ sweden: 1 }, "constructor") // => undefined
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
