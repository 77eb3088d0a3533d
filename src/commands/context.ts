// What every command gets from the CLI: the outside world, and a reporter set up for it.
import path from "node:path";
import type { CliIo } from "../terminal/io.js";
import type { Reporter } from "../terminal/reporter.js";

export interface CommandContext {
  io: CliIo;
  report: Reporter;
  /** The folder paths are shown relative to. */
  cwd: string;
  now: () => number;
  randomUUID: () => string;
}

/** `dist` for `/site/dist` when run from `/site`: how paths are shown to the user. */
export function shownPath(context: CommandContext, absolute: string): string {
  return path.relative(context.cwd, absolute).split(path.sep).join("/") || ".";
}
