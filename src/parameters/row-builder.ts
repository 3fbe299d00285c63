import { codeGenerationRefused, generatedFunction } from "../core/generated-function.js";

/** Builds draw `index` of a parameter-major buffer (`buffer[p · size + index]`) as an object. */
export type RowBuilder = (buffer: Float64Array, size: number, index: number) => Record<string, number>;

/** Builders by their names (joined), so tables of the same space share one and its hidden class. */
const builders = new Map<string, RowBuilder>();
const MAX_BUILDERS = 64;

/**
 * The row builder for these parameter names. An object that gains its properties one by one under
 * computed names turns into a hash table beyond about 16 of them (V8's limit for keyed stores), so
 * every `p.name` in a model became a hash lookup, and building one cost microseconds. The builder is
 * one generated object literal per name list: fast properties in a fixed hidden class. Names reach
 * the code only as JSON string literals; a name the literal would treat specially (`__proto__`), or
 * a refused code generation, gets the plain loop.
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
  const fields = names.map((name, p) => `${JSON.stringify(name)}: buffer[${p} * size + index]`);
  return generatedFunction<RowBuilder>(["buffer", "size", "index"], `return { ${fields.join(", ")} };`);
}

function plainBuilder(names: readonly string[]): RowBuilder {
  return (buffer, size, index) => {
    const out: Record<string, number> = {};
    for (let p = 0; p < names.length; p++) out[names[p]!] = buffer[p * size + index]!;
    return out;
  };
}
