// Sick-Sicker microsimulation of Krijkamp et al., Med Decis Making 2018;38(3):400-22, with the
// published code's conventions (github.com/DARTH-git/Microsimulation-tutorial, Appendices A and B):
// 100 000 individuals, 30 annual cycles, everyone starts Healthy, rewards on all 31 rows
// ("every-row"), 3 %/3 % discounting from row 0.
import { complement, probabilityToRate as toRate, rateToProbability as toProbability, uniform } from "qaly";
import { microsimulation, type Person } from "qaly/microsimulation";

// Local bindings: loaders such as tsx turn each use of an imported function into a getter call.
const probabilityToRate = toRate;
const rateToProbability = toProbability;

/** Base-case parameters (Appendix A and B model input). */
export const krijkampParameters = {
  pHD: 0.005, // Healthy → Dead, per cycle
  pHS1: 0.15, // Healthy → Sick
  pS1H: 0.5, // Sick → Healthy
  pS1S2: 0.105, // Sick → Sicker
  rrS1: 3, // rate ratio of death, Sick vs Healthy
  rrS2: 10, // rate ratio of death, Sicker vs Healthy
  rpS1S2: 0.2, // Appendix B: increase of the death rate per cycle spent Sick or Sicker
  cH: 2000,
  cS1: 4000,
  cS2: 15000,
  cTrt: 12000,
  uH: 1,
  uS1: 0.75,
  uS2: 0.5,
  uTrt: 0.95,
  ruS1S2: 0.03, // Appendix B: utility loss of treated Sick individuals per cycle spent Sick or Sicker
};

/** Parameters of the Krijkamp models. */
export type KrijkampParameters = Readonly<Record<keyof typeof krijkampParameters, number>>;

/** Options of {@link krijkampMicrosim}. */
export interface KrijkampOptions {
  /** Appendix B (history and an effect modifier) instead of Appendix A. */
  readonly extended?: boolean;
  /** Number of individuals (default 100 000, as published). */
  readonly individuals?: number;
  /** Strategy names; every name but "No Treatment" is treated (default: the two published ones). */
  readonly strategies?: readonly string[];
  /** Individuals in flight. */
  readonly chunkSize?: number;
  /** Seed of the individuals' streams. */
  readonly seed?: number | string;
}

type Who = Person<"x" | "sickTime">;
const treated = (strategy: string): boolean => strategy !== "No Treatment";

/**
 * The Sick-Sicker microsimulation of Krijkamp et al. 2018. Appendix A: transitions and rewards
 * depend on the state only. Appendix B: the death rates of Sick and Sicker rise by rpS1S2 per cycle
 * spent Sick or Sicker (including the current one: the code's `dur`), and a treated Sick
 * individual's utility is x · (uTrt − ruS1S2 · cycles already spent Sick or Sicker), with an
 * effect modifier x ~ U(0.95, 1.05) per individual.
 */
export function krijkampMicrosim(options: KrijkampOptions = {}) {
  const extended = options.extended ?? false;
  const death = (ratio: "rrS1" | "rrS2") => (p: KrijkampParameters, who: Who) => {
    const rate = p[ratio] * probabilityToRate(p.pHD);
    return rateToProbability(extended ? rate * (1 + (who.sickTime + 1) * p.rpS1S2) : rate);
  };
  // Typed once, so that the names of the attributes and counters are inferred as "x" and "sickTime"
  // also where an empty object would widen to `{ x?: undefined }` (without exactOptionalPropertyTypes).
  const attributes: { readonly x?: ReturnType<typeof uniform> } = extended ? { x: uniform({ min: 0.95, max: 1.05 }) } : {};
  const history: { readonly sickTime?: { readonly states: readonly ("S1" | "S2")[]; readonly count: "consecutive" } } = extended ? { sickTime: { states: ["S1", "S2"], count: "consecutive" } } : {};
  return microsimulation({
    title: `Sick-Sicker microsimulation (Krijkamp et al. 2018, Appendix ${extended ? "B" : "A"})`,
    states: ["H", "S1", "S2", "D"],
    strategies: options.strategies ?? ["No Treatment", "Treatment"],
    outcomes: { cost: "cost", qaly: "effect" },
    individuals: options.individuals ?? 100_000,
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    cycles: 30,
    cycleCorrection: "every-row",
    discountRate: { cost: 0.03, effect: 0.03 },
    attributes,
    history,
    start: { H: 1 },
    transitions: {
      H: { H: complement, S1: (p: KrijkampParameters) => p.pHS1, D: (p: KrijkampParameters) => p.pHD },
      S1: { H: (p: KrijkampParameters) => p.pS1H, S1: complement, S2: (p: KrijkampParameters) => p.pS1S2, D: death("rrS1") },
      S2: { S2: complement, D: death("rrS2") },
      D: { D: 1 },
    },
    values: {
      cost: {
        H: (p: KrijkampParameters) => p.cH,
        S1: (p: KrijkampParameters, _who: Who, g: string) => p.cS1 + (treated(g) ? p.cTrt : 0),
        S2: (p: KrijkampParameters, _who: Who, g: string) => p.cS2 + (treated(g) ? p.cTrt : 0),
      },
      qaly: {
        H: (p: KrijkampParameters) => p.uH,
        S1: (p: KrijkampParameters, who: Who, g: string) => (!treated(g) ? p.uS1 : extended ? who.x * (p.uTrt - who.sickTime * p.ruS1S2) : p.uTrt),
        S2: (p: KrijkampParameters) => p.uS2,
      },
    },
  });
}
