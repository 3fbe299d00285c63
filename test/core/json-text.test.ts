import { describe, expect, it } from "vitest";
import { jsonText } from "../../src/core/json-text.js";

describe("jsonText", () => {
  it("is JSON.stringify with two spaces and a final line feed for ordinary data", () => {
    const value = { a: [1, 2.5, null], b: "text é", c: { d: true } };
    expect(jsonText(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it("writes DEL and the C1 controls as \\u escapes (JSON.stringify leaves them raw), and reads back to the same values", () => {
    const value = { strategy: "A\u009b2J\u007f", esc: "\u001b[31m" };
    const text = jsonText(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain("A\\u009b2J\\u007f");
    expect(JSON.parse(text)).toEqual(value);
  });
});
