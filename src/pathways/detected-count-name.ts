/**
 * The name of the count reporting detection of a category: `detected` followed by the category's
 * words, each capitalised and the rest in lower case (`"EGFR"` → `detectedEgfr`,
 * `"KRAS G12C"` → `detectedKrasG12c`), following the outcome naming convention of
 * `src/models/model.ts`.
 *
 * @param category - the category's name
 * @returns the count's name
 * @example detectedCountName("KRAS G12C") // => "detectedKrasG12c"
 */
export function detectedCountName(category: string): string {
  const words = category.split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
  return `detected${words.map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase()).join("")}`;
}
