import { describe, expect, it } from "vitest";
import { modelFileJsonSchema } from "../../src/files/model-file-json-schema.js";

describe("modelFileJsonSchema", () => {
  it("modelFileJsonSchema() describes the top-level keys, the required ones and the model types", () => {
    const schema = modelFileJsonSchema();
    expect(schema["required"]).toEqual(["metadata", "strategies", "model"]);
    expect(Object.keys(schema["properties"] as object)).toEqual(["metadata", "parameters", "groups", "correlations", "strategies", "outcomes", "cohortSize", "model", "models", "subtrees", "tables", "scenarios", "dsa", "thresholds", "tornado", "wtp", "economics", "psa", "subgroups", "calibration", "evppi", "warnings", "checks", "budgetImpact"]);
    expect(JSON.stringify(schema)).toContain('"partitioned-survival"');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
