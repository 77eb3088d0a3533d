// `nashra build`, as the CLI runs it: a progress bar on large sites, a summary line, and with
// --verbose each file written and the time of each stage.
import { type BuildResult, type BuildStage, buildSite } from "../build.js";
import type { SiteConfig } from "../config/resolve.js";
import { plural } from "../terminal/reporter.js";
import { type CommandContext, shownPath } from "./context.js";

/** Below this many articles a build is over before a bar would help. */
export const PROGRESS_MIN_ARTICLES = 300;

const STAGE_LABELS: Record<BuildStage, string> = {
  read: "reading articles",
  generate: "generating feeds",
  write: "writing feeds",
};

export async function runBuild(
  config: SiteConfig,
  context: CommandContext,
  options: { cache: boolean },
): Promise<number> {
  const { report } = context;
  const started = performance.now();
  const timings = new StageTimer();
  let large = false;
  let result: BuildResult;
  try {
    result = await buildSite(config, {
      cache: options.cache,
      keepFiles: false,
      onProgress: (stage, done, total) => {
        timings.enter(stage);
        if (stage === "read") large = total > PROGRESS_MIN_ARTICLES;
        if (large) report.progress.update(STAGE_LABELS[stage], done, total);
      },
    });
  } finally {
    // Also when the build fails: the error is then printed on a clean line.
    report.progress.finish();
  }
  timings.enter(undefined);
  report.problems(result.problems);
  const elapsed = Math.round(performance.now() - started);
  const outDir = shownPath(context, config.outDir);
  if (!result.ok) {
    const errors = result.problems.filter((problem) => problem.severity === "error").length;
    report.error(
      `nashra: ${plural(errors, "error")}; no feed was written, ${outDir}/ is as it was (${elapsed} ms). Fix the ${errors === 1 ? "line" : "lines"} above and build again; nashra check shows each one in its file`,
    );
    return 1;
  }
  for (const file of result.written) report.detail(`  wrote ${outDir}/${file}`);
  for (const file of result.removed) report.detail(`  removed ${outDir}/${file}`);
  for (const [stage, ms] of timings.totals()) {
    report.detail(`  ${STAGE_LABELS[stage]}: ${Math.round(ms)} ms`);
  }
  report.info(`nashra: ${summary(outDir, result)} (${elapsed} ms)`);
  return 0;
}

function summary(outDir: string, result: BuildResult): string {
  const { articles } = result;
  const warnings = result.problems.filter((problem) => problem.severity === "warning").length;
  return [
    `${plural(articles.published, "article")} published`,
    ...(articles.drafts > 0 ? [`${plural(articles.drafts, "draft")} left out`] : []),
    ...(articles.scheduled > 0 ? [`${articles.scheduled} scheduled`] : []),
    // Documents left as they were (known from the cache) are unchanged files too.
    result.upToDate
      ? `${plural(result.kept.length, "file")} in ${outDir}/ (nothing changed since the last build)`
      : `${plural(result.written.length + result.unchanged.length + result.kept.length, "file")} in ${outDir}/ (${result.written.length} written, ${result.unchanged.length + result.kept.length} unchanged)`,
    plural(warnings, "warning"),
  ].join(", ");
}

/** How long each stage took, for --verbose. */
class StageTimer {
  private current: BuildStage | undefined;
  private since = 0;
  private readonly spent = new Map<BuildStage, number>();

  enter(stage: BuildStage | undefined): void {
    if (stage === this.current) return;
    const now = performance.now();
    if (this.current !== undefined) {
      this.spent.set(this.current, (this.spent.get(this.current) ?? 0) + now - this.since);
    }
    this.current = stage;
    this.since = now;
  }

  totals(): [BuildStage, number][] {
    return [...this.spent];
  }
}
