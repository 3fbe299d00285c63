import { didYouMean } from "../core/closest-name.js";

// Data tables shipped with the package (models/data/<name>.csv). A model file names one as
// `qaly:<name>` wherever it names a file, so a model folder copied out of models/ still finds it.
// The (browser-safe) compiler knows only the names, to validate them: the `readFile` given to
// `compileModelFile` supplies the text, and the Node loader (`loadModel`) reads it from the
// installed package (`bundledDataPath` of qaly/node).

/** The prefix that marks bundled data in a model file's `file:` field. */
export const BUNDLED_DATA_PREFIX = "qaly:";

/** The names of the data tables bundled with the package: `file: qaly:<name>` reads `models/data/<name>.csv`. */
export const BUNDLED_DATA_NAMES: readonly string[] = ["sweden-life-table-hmd-2018-2020"];

/**
 * The bundled data name in a `file:` reference, if it is one.
 *
 * @param reference - a `file:` value of a model file
 * @returns the name after `qaly:`, or `undefined` for an ordinary path
 * @example
 * bundledDataName("qaly:sweden-life-table-hmd-2018-2020") // => "sweden-life-table-hmd-2018-2020"
 * bundledDataName("data/prices.csv") // => undefined
 */
export function bundledDataName(reference: string): string | undefined {
  return reference.startsWith(BUNDLED_DATA_PREFIX) ? reference.slice(BUNDLED_DATA_PREFIX.length) : undefined;
}

/**
 * Why a `file:` reference names no bundled data, or `undefined` when it is fine (an ordinary path,
 * or a known `qaly:` name).
 *
 * @param reference - a `file:` value of a model file
 * @returns the message, with the closest known name or the list of names
 * @example
 * unknownBundledData("qaly:sweden-life-table-hmd-2018-2020") // => undefined
 * unknownBundledData("qaly:sweden-life-table-hmd-2019") // => "unknown bundled data 'qaly:sweden-life-table-hmd-2019': did you mean 'sweden-life-table-hmd-2018-2020'?"
 */
export function unknownBundledData(reference: string): string | undefined {
  const name = bundledDataName(reference);
  if (name === undefined || BUNDLED_DATA_NAMES.includes(name)) return undefined;
  return `unknown bundled data '${reference}': ${didYouMean(name, BUNDLED_DATA_NAMES)}`;
}
