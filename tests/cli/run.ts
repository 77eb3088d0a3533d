// `main` in-process with a stand-in terminal: what it printed, and on which stream.
import { main } from "../../src/cli.js";
import type { CliIo } from "../../src/terminal/io.js";

export interface Run {
  code: number;
  out: string[];
  err: string[];
  /** What the progress bar drew on the error stream. */
  partial: string[];
}

export async function run(argv: string[], io: Partial<CliIo> = {}): Promise<Run> {
  const result: Run = { code: -1, out: [], err: [], partial: [] };
  result.code = await main(argv, {
    out: (line) => result.out.push(line),
    err: (line) => result.err.push(line),
    errPartial: (text) => result.partial.push(text),
    interrupted: () => new Promise(() => undefined),
    cwd: process.cwd(),
    ...io,
  });
  return result;
}
