import { fail } from "../../core/errors.js";
import { columnDraws } from "./column-draws.js";
import { psaResult, type PsaProvenance, type PsaResult } from "./psa-result.js";

/**
 * Reads back a {@link PsaResult} from its JSON form (`JSON.stringify(psa)` or `psa.toJSON()`).
 * Numbers survive exactly: JSON writes the shortest decimal that reads back to the same double.
 *
 * @param json - the parsed object or the JSON text
 * @returns the result, validated like {@link psaResult}
 * @throws QalyError `parse_error` when the text is not JSON or not a qaly PSA result; the codes of {@link psaResult}
 * @example
 * const psa = psaResult({ strategies: ["A"], outcomes: ["cost"], values: { cost: { A: [1.1, 2.2] } } });
 * const back = psaResultFromJson(JSON.stringify(psa));
 * Array.from(back.values("cost", "A")) // => [1.1, 2.2]
 */
export function psaResultFromJson(json: unknown): PsaResult {
  let data: unknown = json;
  if (typeof json === "string") {
    try {
      data = JSON.parse(json);
    } catch (error) {
      fail("parse_error", ["json"], `not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof data !== "object" || data === null || (data as { format?: unknown }).format !== "qaly-psa-result") {
    fail("parse_error", ["json", "format"], 'not a qaly PSA result (expected format: "qaly-psa-result")');
  }
  const object = data as { strategies?: unknown; outcomes?: unknown; values?: unknown; parameters?: unknown; provenance?: unknown; formatVersion?: unknown };
  if (object.formatVersion !== 1) fail("parse_error", ["json", "formatVersion"], `unsupported format version ${String(object.formatVersion)} (expected 1)`, { received: object.formatVersion });
  if (!Array.isArray(object.strategies) || !Array.isArray(object.outcomes) || typeof object.values !== "object" || object.values === null) {
    fail("parse_error", ["json"], "a PSA result needs strategies, outcomes and values");
  }
  const parameters = typeof object.parameters === "object" && object.parameters !== null ? columnDraws(object.parameters as Record<string, number[]>) : undefined;
  return psaResult({
    strategies: object.strategies as string[],
    outcomes: object.outcomes as string[],
    values: object.values as Record<string, Record<string, number[]>>,
    ...(parameters === undefined ? {} : { parameters }),
    ...(typeof object.provenance === "object" && object.provenance !== null ? { provenance: object.provenance as PsaProvenance } : {}),
  });
}
