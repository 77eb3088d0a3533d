// `nashra check` as the CLI prints it: each problem with its line of the file and a caret, or
// with --format json one JSON document for editors' tools and CI.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { checkSite } from "../check.js";
import type { Problem } from "../problems.js";
import { codeFrame } from "../terminal/code-frame.js";
import { colourProblem, plural, severityColour } from "../terminal/reporter.js";
import type { CommandContext } from "./context.js";

/** A source larger than this is not read for a code frame (the problem says why anyway). */
const MAX_FRAME_SOURCE_BYTES = 4 * 1024 * 1024;

export interface CheckReport {
  ok: boolean;
  errors: number;
  warnings: number;
  problems: Problem[];
}

export async function runCheck(
  configPath: string,
  context: CommandContext,
  options: { cache: boolean; format: "text" | "json" },
): Promise<number> {
  const started = performance.now();
  const result = await checkSite(configPath, {
    cache: options.cache,
    now: new Date(context.now()),
  });
  const errors = result.problems.filter((problem) => problem.severity === "error").length;
  const warnings = result.problems.length - errors;
  if (options.format === "json") {
    const report: CheckReport = { ok: result.ok, errors, warnings, problems: result.problems };
    context.io.out(JSON.stringify(report, null, 2));
    return result.ok ? 0 : 1;
  }
  const { report } = context;
  const style = report.outStyle;
  const sources = new Map<string, Promise<string | undefined>>();
  for (const problem of result.problems) {
    if (problem.severity === "warning" && report.verbosity === "quiet") continue;
    const colour = severityColour(problem, style);
    context.io.out(colourProblem(problem, style));
    const file = path.resolve(result.root, problem.file);
    if (!sources.has(file)) sources.set(file, readSource(file));
    const source = problem.field === "file" ? undefined : await sources.get(file);
    const frame = source === undefined ? [] : codeFrame(source, problem);
    for (const { text, kind } of frame) {
      context.io.out(
        kind === "caret" ? colour(text) : kind === "problem" ? style.bold(text) : text,
      );
    }
    context.io.out("");
  }
  const elapsed = Math.round(performance.now() - started);
  const checked = `${plural(result.articles.valid, "valid article")}, ${result.articles.published} to publish`;
  if (errors > 0) {
    report.error(
      `nashra: ${plural(errors, "error")}, ${plural(warnings, "warning")} (${checked}; ${elapsed} ms). Fix each error above in its file, then run nashra check again; nothing was written`,
    );
    return 1;
  }
  report.info(
    `nashra: no error, ${plural(warnings, "warning")} (${checked}; ${elapsed} ms); nothing was written`,
  );
  return 0;
}

async function readSource(file: string): Promise<string | undefined> {
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_FRAME_SOURCE_BYTES || bytes.includes(0)) return undefined;
    return bytes.toString("utf8");
  } catch {
    return undefined;
  }
}
