// Decision tree speed (issue 4): a gene-panel-shaped tree of about 100 nodes whose leaves enter 9
// distinct long-term models of 3 states × 480 monthly cycles. Target: 10 000 PSA draws ≤ 1 s on one
// core. Timed twice: with an inline dense 3-state cohort Model (the kernel cost a leaf must have)
// and with markovCohort leaves (the real engine). Parameters are jittered deterministically per draw.
import { complement } from "../../src/models/complement.js";
import type { EvaluationContext, Model } from "../../src/models/model.js";
import { markovCohort } from "../../src/models/markov/index.js";
import { chance, decision, decisionTree, subtree, terminal } from "../../src/models/tree/index.js";
import type { TreeNode } from "../../src/models/tree/index.js";

const TREATMENTS = ["egfr", "alk", "ros1", "braf", "kras", "met", "ret", "immuno", "chemo"] as const;
type Treatment = (typeof TREATMENTS)[number];
type P = Record<string, number>;

const base: P = { cNgs: 2500, cSingle: 400, cHotspot: 900, pFail: 0.12, pRebiopsyFails: 0.3, pAccess: 0.9, pPdl1High: 0.3, uPfs: 0.8, uPd: 0.6, rDeath: 0.01 };
const prevalence: Record<string, number> = { egfr: 0.1, alk: 0.05, ros1: 0.02, braf: 0.03, kras: 0.12, met: 0.03, ret: 0.02 };
TREATMENTS.forEach((t, i) => {
  base[`pProg_${t}`] = 0.02 + 0.004 * i;
  base[`cDrug_${t}`] = 3000 + 500 * i;
});
for (const [a, p] of Object.entries(prevalence)) base[`pPrev_${a}`] = p;

/** A dense 3-state (PFS, PD, Dead) monthly cohort: what a kernel of this size costs when written tight. */
function inlineCohort(t: Treatment): Model<P> {
  const cycles = 480;
  const progKey = `pProg_${t}`;
  const drugKey = `cDrug_${t}`;
  const discount = Float64Array.from({ length: cycles + 1 }, (_, c) => 1.03 ** -(c / 12));
  return {
    title: `inline ${t}`,
    strategies: ["only"],
    outcomes: ["cost", "qaly"],
    evaluateInto(p: P, out: Float64Array, context?: EvaluationContext) {
      const pProg = p[progKey]!;
      const pDie = p["rDeath"]!;
      const cDrug = p[drugKey]!;
      const uPfs = p["uPfs"]! / 12;
      const uPd = p["uPd"]! / 12;
      let pfs = context?.start?.["PFS"] ?? 1;
      let pd = context?.start?.["PD"] ?? 0;
      let cost = 0;
      let qaly = 0;
      for (let c = 0; c < cycles; c++) {
        const d = discount[c]!;
        cost += pfs * cDrug * d;
        qaly += (pfs * uPfs + pd * uPd) * d;
        const toPd = pfs * pProg;
        pd = pd * (1 - 2 * pDie) + toPd;
        pfs = pfs * (1 - pProg - pDie);
      }
      out[0] = cost;
      out[1] = qaly;
    },
  };
}

function markovLeaf(t: Treatment): Model<P> {
  const progKey = `pProg_${t}`;
  const drugKey = `cDrug_${t}`;
  return markovCohort({
    title: `markov ${t}`,
    states: ["PFS", "PD", "Dead"],
    strategies: ["only"],
    outcomes: { cost: "cost", qaly: "effect" },
    cycles: 480, cycleLength: 1 / 12,
    start: { PFS: 1 },
    transitions: (p: P) => ({
      PFS: { PD: p[progKey]!, Dead: p["rDeath"]!, PFS: complement },
      PD: { Dead: 2 * p["rDeath"]!, PD: complement },
      Dead: { Dead: 1 },
    }),
    values: (p: P) => ({ cost: { PFS: p[drugKey]! }, qaly: { PFS: p["uPfs"]!, PD: p["uPd"]! } }),
  });
}

export function geneTree(leaf: (t: Treatment) => Model<P>) {
  const models = Object.fromEntries(TREATMENTS.map((t) => [t, leaf(t)])) as Record<Treatment, Model<P>>;
  const treat = (t: Treatment) => terminal(models[t], { start: { PFS: 1 }, counts: t === "chemo" || t === "immuno" ? {} : { driverTreated: 1 } });
  const noDriver = () => chance<P>("PD-L1", [{ label: "High", probability: (p) => p["pPdl1High"]!, next: treat("immuno") }, { label: "Low", probability: complement, next: treat("chemo") }]);
  // Whether the targeted drug is reimbursed and given: otherwise chemotherapy.
  const access = (t: Treatment) => chance<P>("Access", [{ label: "Targeted drug", probability: (p) => p["pAccess"]!, next: treat(t) }, { label: "No access", probability: complement, next: treat("chemo") }]);
  const findings = subtree("Findings", (b: { detects: readonly string[] }) =>
    chance<P>("Alteration", [
      ...b.detects.map((a) => {
        const key = `pPrev_${a}`;
        return { label: a, probability: (p: P) => p[key]!, counts: { driverDetected: 1 }, next: access(a as Treatment) };
      }),
      { label: "None found", probability: complement, next: noDriver() },
    ]),
  );
  const pathway = (detects: readonly string[], cTest: string): { payoffs: { costTesting: (p: P) => number }; time: number; next: TreeNode<P> } => ({
    payoffs: { costTesting: (p) => p[cTest]! },
    time: 14 / 365.25,
    next: chance("Sample", [
      { label: "Adequate", probability: complement, next: findings({ detects }) },
      { label: "Fails", probability: (p) => p["pFail"]!, counts: { reBiopsy: 1 }, payoffs: { costTesting: (p) => p[cTest]! + 1500 }, next: chance("Re-biopsy", [
        { label: "Succeeds", probability: complement, next: findings({ detects }) },
        { label: "Fails", probability: (p) => p["pRebiopsyFails"]!, next: noDriver() },
      ]) },
    ]),
  });
  return decisionTree<P>({
    title: "Gene panel bench",
    root: decision({
      "NGS panel": pathway(["egfr", "alk", "ros1", "braf", "kras", "met", "ret"], "cNgs"),
      "Single-gene tests": pathway(["egfr", "alk"], "cSingle"),
      "Hotspot panel": pathway(["egfr", "alk", "braf", "kras"], "cHotspot"),
    }),
  });
}

function countNodes(node: TreeNode<P>): number {
  return node.kind === "terminal" ? 1 : 1 + node.branches.reduce((n, b) => n + countNodes(b.next), 0);
}

export function draws(n: number): P[] {
  const names = Object.keys(base);
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((name, j) => [name, base[name]! * (1 + 0.05 * Math.sin(1 + i * 7.13 + j * 1.7))])));
}

export function time(model: Model<P>, params: readonly P[]): number {
  const out = new Float64Array(model.strategies.length * model.outcomes.length);
  for (let i = 0; i < 1000; i++) model.evaluateInto(params[i]!, out, { draw: i });
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const start = performance.now();
    for (let i = 0; i < params.length; i++) model.evaluateInto(params[i]!, out, { draw: i });
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export async function bench(): Promise<void> {
  const params = draws(10_000);
  const inline = geneTree(inlineCohort);
  const markov = geneTree(markovLeaf);
  const noop = geneTree((t) => ({ title: t, strategies: ["only"], outcomes: ["cost", "qaly"], evaluateInto: () => undefined }));
  const leaves = TREATMENTS.map(inlineCohort);
  const direct: Model<P> = { title: "direct", strategies: ["a"], outcomes: ["cost", "qaly"], evaluateInto(p, out) { for (const leaf of leaves) leaf.evaluateInto(p, out); } };
  console.log(`Gene-panel tree: ${countNodes(inline.root)} nodes, ${inline.strategies.length} strategies, ${inline.outcomes.length} outcomes, 9 distinct leaf models × 3 states × 480 monthly cycles`);
  // Two rounds, best of each: the first round also warms the JIT for every configuration.
  const best = { inline: Infinity, markov: Infinity, noop: Infinity, direct: Infinity };
  for (let round = 0; round < 2; round++) {
    best.inline = Math.min(best.inline, time(inline, params));
    best.markov = Math.min(best.markov, time(markov, params));
    best.noop = Math.min(best.noop, time(noop, params));
    best.direct = Math.min(best.direct, time(direct, params));
  }
  const perDraw = (ms: number) => `${((ms / params.length) * 1000).toFixed(1)} µs per draw`;
  console.log(`  inline dense cohort leaves: 10 000 draws in ${best.inline.toFixed(0)} ms (${perDraw(best.inline)}; target ≤ 1000 ms)`);
  console.log(`  markovCohort leaves:        10 000 draws in ${best.markov.toFixed(0)} ms (${perDraw(best.markov)}; target ≤ 1000 ms)`);
  console.log(`  the tree's own work (leaf models doing nothing): ${perDraw(best.noop)}`);
  console.log(`  the 9 inline leaf models called directly, no tree: ${perDraw(best.direct)}`);
}
