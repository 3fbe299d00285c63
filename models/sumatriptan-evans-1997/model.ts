// Oral sumatriptan vs oral caffeine/ergotamine for a migraine attack: the decision tree of Evans et
// al. 1997 (PharmacoEconomics 12(5):565-577), as in Briggs, Claxton & Sculpher 2006 (Box 2.3) and
// the rdecision vignette "Elementary decision tree (Evans 1997)".
import { chance, complement, decision, decisionTree, subtree, terminal } from "qaly";

/** Base-case parameters (Canadian dollars; annual utility weights; probabilities per attack). */
export const baseParameters = {
  cSumatriptan: 16.1,
  cCaffeine: 1.32,
  cEmergency: 63.16,
  cAdmission: 1093,
  uReliefNoRecurrence: 1.0,
  uReliefRecurrence: 0.9,
  uNoReliefEndures: -0.3,
  uNoReliefEmergency: 0.1,
  pSumatriptanNoRecurrence: 0.594,
  pCaffeineNoRecurrence: 0.703,
  pSumatriptanRelief: 0.558,
  pCaffeineRelief: 0.379,
  pEmergency: 0.08,
  pAdmitted: 0.002,
  /** Time horizon of the tree: one 24-hour attack. */
  horizonDays: 1,
  /** Days per year converting annual utility weights to QALYs (rdecision; Evans used 365). */
  daysPerYear: 365.25,
};

export type SumatriptanParameters = Readonly<Record<keyof typeof baseParameters, number>>;
type P = SumatriptanParameters;

/** A leaf valued by an annual utility weight: `utility` is the weight, `qaly` the weight × the 24-hour horizon. */
function outcome(name: string, utility: (p: P) => number) {
  return terminal<P>({ utility, qaly: (p) => (utility(p) * p.horizonDays) / p.daysPerYear }, { name });
}

/** What happens after taking a drug: one subtree, bound to each drug's relief, recurrence, dose cost and leaf names. */
const afterDose = subtree("Attack treated", (b: { pRelief: (p: P) => number; pNoRecurrence: (p: P) => number; cDose: (p: P) => number; leaves: string }) => {
  const [a, bLeaf, c, d, e] = [...b.leaves];
  return chance<P>([
    { label: "Relief", probability: b.pRelief, next: chance([
      { label: "No recurrence", probability: b.pNoRecurrence, next: outcome(a!, (p) => p.uReliefNoRecurrence) },
      { label: "Recurrence", probability: complement, payoffs: { cost: b.cDose }, next: outcome(bLeaf!, (p) => p.uReliefRecurrence) },
    ]) },
    { label: "No relief", probability: complement, next: chance([
      { label: "Endures attack", probability: complement, next: outcome(c!, (p) => p.uNoReliefEndures) },
      { label: "Emergency room", probability: (p) => p.pEmergency, payoffs: { cost: (p) => p.cEmergency }, next: chance([
        { label: "Relief", probability: complement, next: outcome(d!, (p) => p.uNoReliefEmergency) },
        { label: "Hospitalisation", probability: (p) => p.pAdmitted, payoffs: { cost: (p) => p.cAdmission }, next: outcome(e!, (p) => p.uNoReliefEndures) },
      ]) },
    ]) },
  ]);
});

/** The Evans 1997 tree: the drug's cost on the decision branch, a second dose on recurrence, ER and admission costs on their branches. */
export const sumatriptanEvans1997 = decisionTree<P, "Sumatriptan" | "Caffeine-Ergotamine">({
  title: "Sumatriptan vs caffeine/ergotamine for migraine (Evans et al. 1997)",
  root: decision({
    Sumatriptan: {
      payoffs: { cost: (p) => p.cSumatriptan },
      next: afterDose({ pRelief: (p) => p.pSumatriptanRelief, pNoRecurrence: (p) => p.pSumatriptanNoRecurrence, cDose: (p) => p.cSumatriptan, leaves: "ABCDE" }),
    },
    "Caffeine-Ergotamine": {
      payoffs: { cost: (p) => p.cCaffeine },
      next: afterDose({ pRelief: (p) => p.pCaffeineRelief, pNoRecurrence: (p) => p.pCaffeineNoRecurrence, cDose: (p) => p.cCaffeine, leaves: "FGHIJ" }),
    },
  }),
});
