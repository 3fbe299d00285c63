/** Outcomes per strategy, `results[strategy][outcome]`. */
export type Results = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Every (strategy, outcome) whose values are not the same double (Object.is), with both values: [] when identical. */
export function differences(a: Results, b: Results, strategies: readonly string[], outcomes: readonly string[]): unknown[] {
  const out: unknown[] = [];
  for (const strategy of strategies) for (const outcome of outcomes) if (!Object.is(a[strategy]?.[outcome], b[strategy]?.[outcome])) out.push([strategy, outcome, a[strategy]?.[outcome], b[strategy]?.[outcome]]);
  return out;
}
