/** Cleared for good the first time code generation is refused (e.g. a content security policy without 'unsafe-eval'). */
let allowed = true;

/**
 * Whether code generation has been refused in this realm: a caller that would build generated
 * source can skip building it and take its plain path. @internal
 */
export function codeGenerationRefused(): boolean {
  return !allowed;
}

/**
 * `new Function(...parameters, body)`, or `undefined` (then and from now on) when code generation is
 * refused. Callers build `body` from integers and JSON string literals only, never from user text
 * as code, and keep a plain path for `undefined`. @internal
 */
export function generatedFunction<F>(parameters: readonly string[], body: string): F | undefined {
  if (!allowed) return undefined;
  try {
    return new Function(...parameters, body) as F;
  } catch {
    allowed = false;
    return undefined;
  }
}
