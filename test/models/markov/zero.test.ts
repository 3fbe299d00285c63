// zero (src/models/markov/zero.ts): the loop for short buffers and fill for long ones leave the same buffer.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { zero } from "../../../src/models/markov/zero.js";

describe("zero", () => {
  it("sets every number to +0 whatever the length, short (loop) or long (fill) (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 100 }), (numbers) => {
        const buffer = Float64Array.from(numbers);
        zero(buffer);
        expect(buffer.length).toBe(numbers.length);
        buffer.forEach((v) => expect(Object.is(v, 0)).toBe(true));
      }),
    );
  });
});
