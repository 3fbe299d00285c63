import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/terminal/cli-io.js";

/** Runs `qaly <argv>` in-process (stderr not a terminal) and returns its exit code and what it printed. */
export async function qaly(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), stderrIsTty: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
