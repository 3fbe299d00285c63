// The PSA distributions of the Sick-Sicker model, as published: Alarid-Escudero F, Krijkamp EM, Enns
// EA, et al. Med Decis Making 2023;43(1):3-20, Table 1 (gamma rates given as rate = 1/scale).
// The distributions' means differ slightly from the base-case values (e.g. beta(200, 3) has mean
// 0.985 where uH = 1), so the base case uses `baseParameters` from model.ts, as the paper does.
import { beta, defineParameters, gamma, lognormal, param } from "qaly";

const source = "Alarid-Escudero et al. 2023, Table 1";

/** Probabilistic parameters of the Sick-Sicker model (names as in `baseParameters`). */
export const psaParameters = defineParameters({
  rHS1: param(gamma({ shape: 30, rate: 200 }), { label: "Rate Healthy → Sick", unit: "per year", source, status: "sourced" }),
  rS1H: param(gamma({ shape: 60, rate: 120 }), { label: "Rate Sick → Healthy", unit: "per year", source, status: "sourced" }),
  rS1S2: param(gamma({ shape: 84, rate: 800 }), { label: "Rate Sick → Sicker", unit: "per year", source, status: "sourced" }),
  rHD: param(gamma({ shape: 20, rate: 10_000 }), { label: "Background mortality rate", unit: "per year", source, status: "sourced" }),
  hrS1: param(lognormal({ meanlog: Math.log(3), sdlog: 0.01 }), { label: "Mortality HR, Sick vs Healthy", source, status: "sourced" }),
  hrS2: param(lognormal({ meanlog: Math.log(10), sdlog: 0.02 }), { label: "Mortality HR, Sicker vs Healthy", source, status: "sourced" }),
  hrS1S2TrtB: param(lognormal({ meanlog: Math.log(0.6), sdlog: 0.02 }), { label: "HR of treatment B on Sick → Sicker", source, status: "sourced" }),
  cH: param(gamma({ shape: 100, scale: 20 }), { label: "Cost, Healthy", unit: "USD per year", source, status: "sourced" }),
  cS1: param(gamma({ shape: 177.8, scale: 22.5 }), { label: "Cost, Sick", unit: "USD per year", source, status: "sourced" }),
  cS2: param(gamma({ shape: 225, scale: 66.7 }), { label: "Cost, Sicker", unit: "USD per year", source, status: "sourced" }),
  cD: param(0, { label: "Cost, Dead", unit: "USD per year", source, status: "sourced" }),
  cTrtA: param(gamma({ shape: 73.5, scale: 163.3 }), { label: "Cost of treatment A", unit: "USD per year", source, status: "sourced" }),
  cTrtB: param(gamma({ shape: 86.2, scale: 150.8 }), { label: "Cost of treatment B", unit: "USD per year", source, status: "sourced" }),
  uH: param(beta({ alpha: 200, beta: 3 }), { label: "Utility, Healthy", source, status: "sourced" }),
  uS1: param(beta({ alpha: 130, beta: 45 }), { label: "Utility, Sick", source, status: "sourced" }),
  uS2: param(beta({ alpha: 230, beta: 230 }), { label: "Utility, Sicker", source, status: "sourced" }),
  uD: param(0, { label: "Utility, Dead", source, status: "sourced" }),
  uTrtA: param(beta({ alpha: 300, beta: 15 }), { label: "Utility, Sick on treatment A", source, status: "sourced" }),
});
