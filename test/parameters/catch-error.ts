import { QalyError } from "../../src/core/errors.js";

/** Runs `fn`, expecting it to throw a QalyError, and returns the error. */
export function catchQalyError(fn: () => unknown): QalyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof QalyError) return error;
    throw error;
  }
  throw new Error("expected a QalyError, but nothing was thrown");
}
