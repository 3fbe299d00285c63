import type { ParameterEntry } from "./param.js";
import { ParameterSpace } from "./parameter-space.js";
import { validateEntries } from "./validate-entries.js";

/**
 * Declares the parameters of a model. Each entry is a fixed number, a distribution, or
 * `param(valueOrDistribution, { label, unit, source, status })`. Names are inferred, so every
 * `(p) => …` callback built on the space is checked for misspelt names at compile time.
 *
 * All invalid entries are reported at once in one `QalyError` (paths `["parameters", name, …]`).
 *
 * @param entries - `{ name: entry }`, in the order the parameter table should list them
 * @returns an immutable {@link ParameterSpace}
 * @example
 * const space = defineParameters({
 *   pRespond: param(beta({ alpha: 45, beta: 55 }), { label: "Response", source: "Trial X, table 2", status: "sourced" }),
 *   cDrug: param(2400, { unit: "GBP per year" }),
 * });
 * space.names // => ["pRespond", "cDrug"]
 */
export function defineParameters<const T extends Readonly<Record<string, ParameterEntry>>>(entries: T): ParameterSpace<Extract<keyof T, string>> {
  const scalars = validateEntries(entries);
  return new ParameterSpace({ scalars, groups: [], derivations: [], correlations: [], fixed: new Map() });
}
