// Everything the CLI says, by kind: results on standard output, problems and failures on the
// error stream; `--quiet` keeps only errors, `--verbose` adds details and timings.
import { formatProblem, type Problem } from "../problems.js";
import { NO_PROGRESS, type Progress } from "./progress.js";
import type { Style } from "./style.js";

export type Verbosity = "quiet" | "normal" | "verbose";

export interface ReporterOptions {
  out: (line: string) => void;
  err: (line: string) => void;
  verbosity: Verbosity;
  /** Colours for standard output and for the error stream (each may or may not be a terminal). */
  outStyle: Style;
  errStyle: Style;
  progress?: Progress;
}

export class Reporter {
  readonly verbosity: Verbosity;
  readonly outStyle: Style;
  readonly errStyle: Style;
  readonly progress: Progress;

  constructor(private readonly options: ReporterOptions) {
    this.verbosity = options.verbosity;
    this.outStyle = options.outStyle;
    this.errStyle = options.errStyle;
    this.progress = options.progress ?? NO_PROGRESS;
  }

  /** A result: what was done. Not with `--quiet`. */
  info(line: string): void {
    if (this.verbosity !== "quiet") this.options.out(line);
  }

  /** Details and timings, only with `--verbose`. */
  detail(line: string): void {
    if (this.verbosity === "verbose") this.options.out(this.outStyle.dim(line));
  }

  /** Something went wrong but the command goes on. Not with `--quiet`. */
  warn(line: string): void {
    if (this.verbosity !== "quiet") this.options.err(this.errStyle.yellow(line));
  }

  /** A failure: always said, whatever the verbosity. */
  error(line: string): void {
    this.options.err(this.errStyle.red(line));
  }

  /** One problem, on one line; warnings are left out with `--quiet`. */
  problem(problem: Problem): void {
    if (problem.severity === "warning" && this.verbosity === "quiet") return;
    this.options.err(colourProblem(problem, this.errStyle));
  }

  problems(problems: readonly Problem[]): void {
    for (const problem of problems) this.problem(problem);
  }
}

/** The colour of a problem's severity: red for an error, yellow for a warning. */
export function severityColour(problem: Problem, style: Style): (text: string) => string {
  return problem.severity === "error" ? style.red : style.yellow;
}

/** A problem's line, its `file:line:` in the colour of its severity. */
export function colourProblem(problem: Problem, style: Style): string {
  const line = formatProblem(problem);
  const location = `${problem.file}:${problem.line}:`;
  return severityColour(problem, style)(location) + line.slice(location.length);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
