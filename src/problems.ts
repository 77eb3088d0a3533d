/** Everything that can be wrong with the input, as data: collected for a whole run, never thrown. */
export type Severity = "error" | "warning";

export interface Problem {
  /** Path of the file, relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line in that file (1 when the problem is about the whole file). */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  /** The front-matter key or config key concerned, or a pseudo-field such as `front-matter`. */
  field: string;
  /** Permanent identifier of the rule, e.g. `date/invalid`. */
  rule: string;
  severity: Severity;
  /** What happened, the offending value, and what to do. */
  message: string;
}

/** `file:line: field: message`, the one format every problem is printed in. */
export function formatProblem(problem: Problem): string {
  const warning = problem.severity === "warning" ? "warning: " : "";
  return `${problem.file}:${problem.line}: ${problem.field}: ${warning}${problem.message} [${problem.rule}]`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === "error");
}

/** Stable order for reports: by file, then line, then field. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      compareStrings(a.field, b.field) ||
      compareStrings(a.message, b.message),
  );
}

/** Code-point order, independent of the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
