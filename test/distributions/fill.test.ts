import { describe, expect, it } from "vitest";
import { beta, createRng, gamma, lognormal, normal, uniform } from "../../src/index.js";

describe("Distribution.fill", () => {
  // fill is an optimisation of columnar sampling: it must not change a single draw.
  const families = {
    "beta(95, 5)": beta({ alpha: 95, beta: 5 }),
    "beta(1, 3) (shape 1: two gammas)": beta({ alpha: 1, beta: 3 }),
    "beta(0.5, 0.5)": beta({ alpha: 0.5, beta: 0.5 }),
    "gamma(2.5, 100)": gamma({ shape: 2.5, scale: 100 }),
    "lognormal(0, 0.3)": lognormal({ meanlog: 0, sdlog: 0.3 }),
    "normal(0.7, 0.05)": normal({ mean: 0.7, sd: 0.05 }),
    "uniform(2, 5)": uniform({ min: 2, max: 5 }),
  };
  for (const [label, distribution] of Object.entries(families)) {
    it(`${label}.fill(rng, out) equals out.length calls of sample(rng) from the same state`, () => {
      const out = new Float64Array(1000);
      distribution.fill!(createRng("fill"), out);
      const rng = createRng("fill");
      const one = Float64Array.from({ length: 1000 }, () => distribution.sample(rng));
      expect(out).toEqual(one);
    });
  }
});
