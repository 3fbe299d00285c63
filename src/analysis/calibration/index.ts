export { calibrationTable } from "./calibration-table.js";
export type { CalibrationRow, CalibrationTarget } from "./calibration-table.js";
