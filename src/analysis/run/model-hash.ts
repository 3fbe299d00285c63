import type { Model } from "../../models/model.js";

/**
 * JSON with object keys sorted at every level, so equal definitions give equal text whatever the
 * order their keys were written in. Functions and `undefined` are left out, typed arrays become
 * arrays, non-finite numbers become strings ("NaN", "Infinity").
 *
 * @param value - any JSON-like value
 * @returns the canonical JSON text
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // => '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === "function" ? "null" : canonicalJson(item))).join(",")}]`;
  if (typeof value === "object") {
    const source = typeof (value as { toJSON?: unknown }).toJSON === "function" ? (value as { toJSON(): unknown }).toJSON() : value;
    if (source !== value) return canonicalJson(source);
    const keys = Object.keys(value).filter((key) => {
      const item = (value as Record<string, unknown>)[key];
      return item !== undefined && typeof item !== "function" && typeof item !== "symbol";
    });
    keys.sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return "null";
}

/**
 * 64-bit FNV-1a hash of a string's UTF-8 bytes, as 16 hexadecimal digits (Fowler, Noll & Vo;
 * offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3). A fingerprint for provenance, not a
 * cryptographic hash.
 *
 * @param text - any string
 * @returns 16 lower-case hex digits
 * @example fnv1a64("") // => "cbf29ce484222325"
 * fnv1a64("a") // => "af63dc4c8601ec8c"
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let k = 0; k < bytes.length; k++) {
    lo = (lo ^ bytes[k]!) >>> 0;
    // h · (2^40 + 0x1b3) mod 2^64 with 32-bit halves; every partial product stays below 2^53.
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) % 0x100000000;
    lo = low % 0x100000000;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/**
 * A stable fingerprint of a model and its parameter definitions for PSA provenance: FNV-1a 64 of
 * the canonical JSON of the model's title, strategies, outcomes and (if it has one) `toJSON()`
 * form, together with `parameters` (a parameter space's `toJSON()` form, or names). Code inside
 * callbacks is not part of it: two models that differ only in a function body hash the same.
 *
 * @param model - the model
 * @param parameters - a JSON-like description of the parameters (optional)
 * @returns 16 hex digits
 * @example
 * const model = { title: "Demo", strategies: ["A"], outcomes: ["cost"], evaluateInto() {} };
 * modelHash(model, { names: ["cDrug"] }) === modelHash({ ...model }, { names: ["cDrug"] }) // => true
 */
export function modelHash(model: Pick<Model, "title" | "strategies" | "outcomes">, parameters?: unknown): string {
  const definition = typeof (model as { toJSON?: unknown }).toJSON === "function" ? (model as unknown as { toJSON(): unknown }).toJSON() : null;
  return fnv1a64(canonicalJson({ title: model.title, strategies: model.strategies, outcomes: model.outcomes, definition, parameters: parameters ?? null }));
}
