/**
 * Results of every strategy for one parameter set, keyed by strategy name: each strategy's model
 * outcomes, net monetary benefit at the analysis' WTP, and incremental results against the
 * comparator.
 */
export type DsaResults<S extends string = string> = Readonly<Record<S, {
    /** Every outcome of the model (`cost`, `qaly`, `lifeYears`, …). */
    readonly outcomes: Readonly<Record<string, number>>;
    /** Net monetary benefit, `wtp × effect − cost`, in the model's currency. */
    readonly nmb: number;
    /** Cost minus the comparator's cost (0 for the comparator itself). */
    readonly incrementalCost: number;
    /** Effect minus the comparator's effect (0 for the comparator itself). */
    readonly incrementalEffect: number;
    /** NMB minus the comparator's NMB. */
    readonly incrementalNmb: number;
    /**
     * Incremental cost per unit of incremental effect against the comparator; `null` when the
     * incremental effect is exactly 0 (the ICER is undefined, including for the comparator itself).
     */
    readonly icer: number | null;
}>>;

/** One strategy's results (internal name of a {@link DsaResults} entry). */
export type DsaStrategyResult = DsaResults[string];
