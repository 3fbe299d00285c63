/** The bytes of a buffer, for byte-for-byte comparison (NaN payloads and signed zeros included). */
export const bytes = (buffer: Float64Array): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** The error a promise rejects with; fails the test when it resolves or rejects with a non-error. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}
