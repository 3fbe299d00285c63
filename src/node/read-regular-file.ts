import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { fail, type PathSegment } from "../core/errors.js";

/**
 * Reads a regular file as UTF-8 text, refusing anything else before reading a byte: a FIFO (which
 * would block forever), a device such as `/dev/zero` (endless), a folder, and a file larger than
 * `maxBytes`. The file is opened non-blocking and checked on the open descriptor, so a file swapped
 * between the check and the read is still checked. Messages name the file, never its content.
 *
 * @param file - the path to read
 * @param maxBytes - the largest size accepted
 * @param path - where an error points (e.g. `["file", "model.yaml"]`)
 * @returns the text
 * @throws QalyError `file_not_found` (no such file, or unreadable), `file_not_allowed` (not a
 *   regular file), `resource_limit` (larger than `maxBytes`)
 * @example
 * // readRegularFile("/dev/zero", 1e6, ["file", "/dev/zero"]) throws file_not_allowed
 */
export function readRegularFile(file: string, maxBytes: number, path: readonly PathSegment[]): string {
  let descriptor: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `cannot open it (${(error as NodeJS.ErrnoException).code ?? "error"})`;
    return fail("file_not_found", path, `${reason}: ${file}`, { received: file });
  }
  try {
    const info = fstatSync(descriptor);
    if (!info.isFile()) fail("file_not_allowed", path, `${file} is not a regular file (a folder, FIFO, socket or device); only regular files are read`, { received: file });
    if (info.size > maxBytes) fail("resource_limit", path, `${file} has ${info.size} bytes, more than the limit of ${maxBytes}`, { received: info.size, expected: `at most ${maxBytes} bytes` });
    // One byte more than the size: a file that grew since fstat, or a /proc file (size 0, yet it
    // has content), is refused rather than truncated.
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > info.size) fail("file_not_allowed", path, `${file} holds more than its size says (a file being written, or a system file); only regular files are read`, { received: file });
    return buffer.toString("utf8", 0, length);
  } finally {
    closeSync(descriptor);
  }
}
