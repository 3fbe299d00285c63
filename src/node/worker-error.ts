import { QalyError, type Issue } from "../core/errors.js";

/** An error as it crosses from a worker thread to the calling thread. @internal */
export type SerializedError =
  | { readonly kind: "qaly"; readonly message: string; readonly stack?: string; readonly issues: readonly Issue[] }
  | { readonly kind: "error"; readonly name: string; readonly message: string; readonly stack?: string };

/**
 * Turns anything thrown in a worker into plain data that `postMessage` can clone. A `QalyError`
 * keeps every issue (values that cannot be cloned are replaced by their text), so the caller can
 * switch on `code` and `path` exactly as after `runPsaSync`. @internal
 */
export function serializeError(error: unknown): SerializedError {
  const stack = error instanceof Error && typeof error.stack === "string" ? { stack: error.stack } : {};
  const candidate = error as { name?: unknown; issues?: unknown; message?: unknown } | null;
  if (candidate !== null && typeof candidate === "object" && candidate.name === "QalyError" && Array.isArray(candidate.issues)) {
    const issues = (candidate.issues as Issue[]).map((issue) => ("received" in issue && !cloneable(issue.received) ? { ...issue, received: String(issue.received) } : issue));
    return { kind: "qaly", message: String(candidate.message), issues, ...stack };
  }
  if (error instanceof Error) return { kind: "error", name: error.name, message: error.message, ...stack };
  return { kind: "error", name: "Error", message: `a non-error value was thrown: ${String(error)}` };
}

/** Rebuilds a worker's error on the calling thread: a `QalyError` with the same issues, or an error of the same standard type. @internal */
export function deserializeError(data: SerializedError): Error {
  let error: Error;
  if (data.kind === "qaly") {
    error = new QalyError(data.issues);
  } else {
    const standard = (globalThis as Record<string, unknown>)[data.name];
    const isStandard = typeof standard === "function" && (standard === Error || (standard as { prototype?: unknown }).prototype instanceof Error);
    error = isStandard ? new (standard as ErrorConstructor)(data.message) : new Error(data.message);
    if (error.name !== data.name) Object.defineProperty(error, "name", { value: data.name, configurable: true, writable: true });
  }
  Object.defineProperty(error, "message", { value: data.message, configurable: true, writable: true });
  if (data.stack !== undefined) Object.defineProperty(error, "stack", { value: data.stack, configurable: true, writable: true });
  return error;
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
