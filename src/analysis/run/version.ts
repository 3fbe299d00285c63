/**
 * The qaly version, recorded in the provenance of every PSA (kept equal to package.json by a test).
 *
 * @example typeof QALY_VERSION // => "string"
 */
export const QALY_VERSION = "0.1.0";
