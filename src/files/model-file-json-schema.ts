import * as z from "zod";
import { modelFileSchema } from "./model-file-schema.js";

/**
 * The JSON Schema of a model file's structure, for editors: saved as a file and named in a YAML
 * comment (`# yaml-language-server: $schema=./model-file.schema.json`), it gives completion and
 * checks of keys while typing. Names and expressions are still checked only by `compileModelFile`.
 *
 * @returns a JSON Schema (draft 2020-12) object
 * @example
 * modelFileJsonSchema().required // => ["metadata", "strategies", "model"]
 */
export function modelFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(modelFileSchema, { unrepresentable: "any" }) as Record<string, unknown>;
}
