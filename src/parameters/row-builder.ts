import { codeGenerationRefused, generatedFunction } from "../core/generated-function.js";

/** Builds draw `index` of a parameter-major buffer (`buffer[p · size + index]`) as an object. */
export type RowBuilder = (buffer: Float64Array, size: number, index: number) => Record<string, number>;

/** Builders by their names (joined), so tables of the same space share one and its hidden class. */
const builders = new Map<string, RowBuilder>();
const MAX_BUILDERS = 64;

/** Up to this many names, a row is one object literal of the values (see {@link rowBuilder}). */
const LITERAL_MAX = 24;
/** Names per fill function of a longer list. */
const CHUNK = 8;

/**
 * The row builder for these parameter names. An object that gains its properties one by one under
 * computed names turns into a hash table beyond about 16 of them (V8's limit for keyed stores), so
 * every `p.name` in a model became a hash lookup, and building one cost microseconds. The builder is
 * generated code: fast properties in a fixed hidden class. Names reach the code only as JSON string
 * literals; a name the literal would treat specially (`__proto__`), or a refused code generation,
 * gets the plain loop.
 *
 * A short list (Sick-Sicker's 18, HIV's 16) is one object literal of the values. A longer one is a
 * literal of `null`s (one hidden class, no numbers to box yet) filled by functions of {@link CHUNK}
 * names each, called through an array so the optimising compiler does not inline them back into
 * one: TurboFan's time for a function storing n doubles into a new object grows faster than n (a
 * micro-benchmark: 30 names ~50 ms, 60 ~100, 120 ~400 on a background thread; NSCLC's 79: 200–330 ms,
 * the largest compile job of its first PSA, with the builder unoptimised until it was done), while
 * chunks of 8 compile in a few milliseconds each. Once optimised, the chunked row costs ~0.5 µs more.
 *
 * @internal
 */
export function rowBuilder(names: readonly string[]): RowBuilder {
  const key = names.join("\u0000");
  const cached = builders.get(key);
  if (cached !== undefined) return cached;
  const built = generated(names) ?? plainBuilder(names);
  if (builders.size >= MAX_BUILDERS) builders.clear();
  builders.set(key, built);
  return built;
}

function generated(names: readonly string[]): RowBuilder | undefined {
  if (codeGenerationRefused() || names.includes("__proto__")) return undefined;
  const name = (p: number): string => JSON.stringify(names[p]);
  if (names.length <= LITERAL_MAX) {
    const fields = names.map((_, p) => `${name(p)}: buffer[${p} * size + index]`);
    return generatedFunction<RowBuilder>(["buffer", "size", "index"], `return { ${fields.join(", ")} };`);
  }
  const fills: string[] = [];
  for (let start = 0; start < names.length; start += CHUNK) {
    const stores: string[] = [];
    for (let p = start; p < Math.min(start + CHUNK, names.length); p++) stores.push(`o[${name(p)}] = buffer[${p} * size + index];`);
    fills.push(`function (o, buffer, size, index) { ${stores.join(" ")} }`);
  }
  const empty = names.map((_, p) => `${name(p)}: null`).join(", ");
  const factory = generatedFunction<() => RowBuilder>(
    [],
    `"use strict";
const fills = [${fills.join(",\n")}];
return function row(buffer, size, index) {
  const o = { ${empty} };
  for (let c = 0; c < fills.length; c++) fills[c](o, buffer, size, index);
  return o;
};`,
  );
  return factory?.();
}

function plainBuilder(names: readonly string[]): RowBuilder {
  return (buffer, size, index) => {
    const out: Record<string, number> = {};
    for (let p = 0; p < names.length; p++) out[names[p]!] = buffer[p * size + index]!;
    return out;
  };
}
