import { describe, expect, it } from "vitest";
import { complement } from "../../../src/models/complement.js";
import { chance, decision, decisionTree, renderTree, terminal } from "../../../src/models/tree/index.js";

type P = { pRelief: number; cDrug: number };
const tree = decisionTree<P>({
  title: "Drug",
  root: decision("Which drug?", {
    Drug: { payoffs: { cost: (p) => p.cDrug }, next: chance([
      { label: "Relief", probability: (p) => p.pRelief, next: terminal({ utility: 1 }, { name: "A" }) },
      { label: "No relief", probability: complement, counts: { failures: 1 }, next: terminal({ utility: -0.3 }, { name: "B" }) },
    ]) },
    Nothing: terminal({ utility: 0 }),
  }),
});

describe("renderTree", () => {
  it("renderTree(tree) draws the structure with probabilities and payoffs as written", () => {
    expect(renderTree(tree).split("\n")).toEqual([
      "Drug",
      "□ Which drug?",
      "├─ Drug  [cost +p.cDrug]  ○",
      "│  ├─ Relief  p=p.pRelief  ◁ A utility 1",
      "│  └─ No relief  p=complement  [failures +1]  ◁ B utility -0.3",
      "└─ Nothing  ◁ utility 0",
    ]);
  });

  it("renderTree(tree, params) evaluates probabilities, payoffs and the expected values per strategy", () => {
    const lines = renderTree(tree, { pRelief: 0.6, cDrug: 16.1 }).split("\n");
    expect(lines[2]).toBe("├─ Drug  [cost +16.1]  ○");
    expect(lines[4]).toBe("│  └─ No relief  p=0.4 (complement)  [failures +1]  ◁ B utility -0.3");
    expect(lines.slice(-2)).toEqual(["  Drug: cost 16.1, utility 0.48, failures 0.4", "  Nothing: cost 0, utility 0, failures 0"]);
  });
});
