import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { unknownName } from "../core/unknown-name.js";
import { BUNDLED_DATA_NAMES, bundledDataName } from "../files/bundled-data.js";

// From dist/node/ (the installed package) and src/node/ (the repository) alike, two folders up is the package root.
const DATA_FOLDER = new URL("../../models/data/", import.meta.url);

/**
 * The absolute path of a data table bundled with the package (`models/data/<name>.csv`, also
 * importable as `qaly/data/<name>.csv`). Throws `file_not_found` for a name that is not bundled,
 * suggesting the closest one.
 *
 * @param name - a bundled data name such as `"sweden-life-table-hmd-2018-2020"`, or the
 *   `qaly:<name>` form a model file uses
 * @returns the path of the CSV file
 * @example
 * // import { bundledDataPath } from "qaly/node";
 * bundledDataPath("sweden-life-table-hmd-2018-2020").endsWith("sweden-life-table-hmd-2018-2020.csv") // => true
 */
export function bundledDataPath(name: string): string {
  const bare = bundledDataName(name) ?? name;
  if (!BUNDLED_DATA_NAMES.includes(bare)) unknownName("file_not_found", ["data", name], "bundled data", bare, BUNDLED_DATA_NAMES);
  return fileURLToPath(new URL(`${bare}.csv`, DATA_FOLDER));
}

/**
 * The text of a data table bundled with the package, e.g. for `parseLifeTableCsv`.
 *
 * @param name - as for {@link bundledDataPath}
 * @returns the CSV text
 * @example
 * // import { readBundledData } from "qaly/node";
 * readBundledData("sweden-life-table-hmd-2018-2020").startsWith("year,sex,age") // => true
 */
export function readBundledData(name: string): string {
  return readFileSync(bundledDataPath(name), "utf8");
}
