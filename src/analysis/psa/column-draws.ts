import { fail } from "../../core/errors.js";
import type { ParameterDraws } from "../../parameters/parameter-draws.js";
import { unknownName } from "../../core/unknown-name.js";

/**
 * Parameter draws from plain columns (one array per parameter, all of one length), for PSA results
 * imported from another tool or read back from CSV or JSON.
 *
 * @param columns - `{ name: values }`, every column the same length
 * @returns a {@link ParameterDraws} whose columns are copies of the input
 * @throws QalyError `dimension_mismatch` when columns differ in length
 * @internal
 */
export function columnDraws(columns: Readonly<Record<string, ArrayLike<number>>>): ParameterDraws {
  const names = Object.keys(columns);
  const size = names.length === 0 ? 0 : columns[names[0]!]!.length;
  const stored = new Map<string, Float64Array>();
  for (const name of names) {
    const column = columns[name]!;
    if (column.length !== size) {
      fail("dimension_mismatch", ["parameters", name], `parameter "${name}" has ${column.length} draws where "${names[0]}" has ${size}`, { received: column.length, expected: String(size) });
    }
    stored.set(name, Float64Array.from(column));
  }
  const draws: ParameterDraws = {
    names: Object.freeze(names),
    size,
    column(name: string): Float64Array {
      const found = stored.get(name);
      if (found === undefined) unknownName("unknown_parameter", ["parameters", name], "parameter", name, names);
      return found;
    },
    row(index: number): Readonly<Record<string, number>> {
      if (!Number.isInteger(index) || index < 0 || index >= size) {
        fail("invalid_argument", ["draw"], `draw index must be an integer in [0, ${size}) (received ${index})`, { received: index });
      }
      const out: Record<string, number> = {};
      for (const [name, column] of stored) out[name] = column[index]!;
      return out;
    },
  };
  return Object.freeze(draws);
}
