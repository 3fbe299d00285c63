import { describe, expect, it } from "vitest";
import { QalyError } from "../../src/core/errors.js";
import { deserializeError, serializeError } from "../../src/node/worker-error.js";

describe("worker errors", () => {
  it("serializeError/deserializeError keep a QalyError's issues and message across structuredClone", () => {
    const original = new QalyError([
      { code: "row_sum_not_one", path: ["draw", 3, "strategies", "A", "cycle", 2, "from", "H"], message: "row sums to 0.97", received: 0.97, expected: "1" },
      { code: "invalid_argument", path: ["x"], message: "bad", received: () => 1 },
    ], "model");
    const back = deserializeError(structuredClone(serializeError(original)));
    expect(back).toBeInstanceOf(QalyError);
    expect((back as QalyError).issues[0]).toEqual(original.issues[0]);
    // A value that cannot cross threads (a function) arrives as its text.
    expect(typeof (back as QalyError).issues[1]!.received).toBe("string");
    expect(back.message).toBe(original.message);
    expect(back.stack).toBe(original.stack);
  });

  it("deserializeError rebuilds standard error types by name and keeps other names on an Error", () => {
    const range = deserializeError(structuredClone(serializeError(new RangeError("too far"))));
    expect(range).toBeInstanceOf(RangeError);
    expect(range.message).toBe("too far");
    class ModelBug extends Error {
      override name = "ModelBug";
    }
    const custom = deserializeError(structuredClone(serializeError(new ModelBug("oops"))));
    expect(custom).toBeInstanceOf(Error);
    expect(custom.name).toBe("ModelBug");
    expect(deserializeError(serializeError("text")).message).toBe("a non-error value was thrown: text");
  });
});
