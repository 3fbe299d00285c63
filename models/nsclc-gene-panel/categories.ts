// The names shared by the front end (testing pathway) and the back end (treatment arms) of the NSCLC
// gene-panel model: testing strategies and treatment arms.

/** The three testing strategies of the base case (review §4.1.1). */
export const STRATEGIES = ["SGT-SEQ", "HOTSPOT", "NGS-BROAD"] as const;
/** A testing strategy. */
export type Strategy = (typeof STRATEGIES)[number];

/**
 * Treatment arms of the back end: one per first-line-actionable driver with its matched therapy,
 * chemo-immunotherapy for patients without one, and MISSED for actionable drivers not found or not
 * treated (chemo-IO costs, platinum-doublet-like outcomes). A false positive that is acted on enters
 * MISSED with the targeted drug's cost added by the pathway (front-end.ts).
 */
export const ARMS = ["EGFR", "ALK", "ROS1", "BRAF", "MET", "RET", "NTRK", "CHEMO_IO", "MISSED"] as const;
/** A treatment arm. */
export type Arm = (typeof ARMS)[number];
