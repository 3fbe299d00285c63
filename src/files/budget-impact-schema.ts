import * as z from "zod";
import type { TestingSchemaParts } from "./testing-file-schema.js";

// The zod schema of a model file's `budgetImpact:` block: the structure only. Names (strategies,
// outcomes, parameters), shares summing to 1 and a horizon the model covers are checked while
// building (build-budget-impact.ts), where the message can name the year or the closest name.

/**
 * The schema of `budgetImpact:` (years, inhabitants, funnel, growth, without, with or uptake,
 * categories, counts, listPrices, sensitivity, scenarios); parts shared with the model-file schema
 * are passed in so that the two files do not import each other.
 *
 * @internal
 */
export function budgetImpactFileSchema<E extends z.ZodType<number | string>>({ strict, text, expression }: TestingSchemaParts<E>) {
  const finite = z.number({ error: "expected a number" }).refine(Number.isFinite, "expected a finite number");
  /** One value for every year, or one per year (year 1 first). */
  const perYear = z.union([expression, z.array(expression).min(1, "give one value per year")]);
  const shares = z.record(z.string(), perYear);
  const status = z.enum(["sourced", "assumption", "placeholder"], { error: "status must be sourced, assumption or placeholder" });
  const step = z.union([expression, strict({ value: expression, label: text.optional(), source: text.optional(), status: status.optional() }, "a funnel step")]);
  const range = z.union([z.literal("distribution"), strict({ low: finite, high: finite }, "a sensitivity range")]);
  return strict(
    {
      years: z.number({ error: "years is a whole number of calendar years" }).int("years is a whole number of calendar years").min(1, "the horizon is at least 1 year"),
      inhabitants: expression.optional(),
      funnel: z.record(z.string(), step),
      growth: expression.optional(),
      without: shares,
      with: shares.optional(),
      uptake: shares.optional(),
      categories: z.record(z.string(), z.array(text)).optional(),
      counts: z.array(text).optional(),
      listPrices: z.array(text).optional(),
      sensitivity: z.record(z.string(), range).optional(),
      scenarios: z.record(z.string(), strict({ description: text.optional(), parameters: z.record(z.string(), finite).optional(), with: shares.optional(), uptake: shares.optional() }, "a budget-impact scenario")).optional(),
    },
    "budgetImpact",
  );
}

/** A `budgetImpact:` block as written in a model file. @internal */
export type BudgetImpactFile = z.infer<ReturnType<typeof budgetImpactFileSchema<z.ZodType<number | string>>>>;
