// The time context is shared by every cohort engine; it lives in ../cohort/.
export { TrackedTimeContext } from "../cohort/time-context.js";
export type { TimeContext } from "../cohort/time-context.js";
