import { QalyError } from "../../src/core/errors.js";

/** Runs `run` and returns the QalyError it throws; fails the test if it throws nothing or something else. */
export function thrown(run: () => unknown): QalyError {
  try {
    run();
  } catch (error) {
    if (error instanceof QalyError) return error;
    throw error;
  }
  throw new Error("expected a QalyError");
}
