// The `nashra` command: parses arguments, runs a command, returns an exit code. Printing and
// signals are handled here; everything else is in the library.
import path from "node:path";
import { parseArgs } from "node:util";
import { type BuildResult, buildSite } from "./build.js";
import { CONFIG_FILE, loadConfig } from "./config/load.js";
import type { SiteConfig } from "./config/resolve.js";
import { tzDataVersion } from "./locale/timezone.js";
import { OutputLockedError } from "./output/lock.js";
import { formatProblem, type Problem } from "./problems.js";
import { NASHRA_VERSION } from "./version.js";
import { type RebuildReport, watchSite } from "./watch.js";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the user asks a long-running command to stop (Ctrl-C). */
  interrupted: () => Promise<void>;
}

const USAGE = `Usage: nashra <command> [options]

Commands:
  build   Read every article, report every problem, write the feeds (nothing is written on error)
  watch   Build, then keep the feeds current as articles are added, edited, renamed or deleted

Options:
  -c, --config <file>   Site config (default: ${CONFIG_FILE} in the current folder)
      --no-cache        Read and render every article again, ignoring the cache folder
  -h, --help            Show this help
  -v, --version         Show the version of nashra and of its time zone data`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.err(`nashra: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.version) {
    io.out(`nashra ${NASHRA_VERSION} (tz data ${tzDataVersion})`);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (command === undefined || extra.length > 0 || (command !== "build" && command !== "watch")) {
    io.err(
      `${command === undefined ? "nashra: no command given" : `nashra: unknown command "${positionals.join(" ")}"`}\n\n${USAGE}`,
    );
    return 2;
  }
  const loaded = await loadConfig(path.resolve(values.config ?? CONFIG_FILE));
  if (!loaded.ok) {
    printProblems(io, loaded.problems);
    return 1;
  }
  const cache = values["no-cache"] !== true;
  try {
    return command === "build"
      ? await runBuild(loaded.config, io, cache)
      : await runWatch(loaded.config, io, cache);
  } catch (error) {
    if (error instanceof OutputLockedError) {
      io.err(`nashra: ${error.message}`);
      return 1;
    }
    // Not a content problem (those are reported as problems): the disk or the system said no.
    io.err(
      `nashra: ${errorMessage(error)}; every feed file already on disk is whole (files are replaced atomically) — fix the cause and run again`,
    );
    return 1;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: "string", short: "c" },
      "no-cache": { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}

async function runBuild(config: SiteConfig, io: CliIo, cache: boolean): Promise<number> {
  const started = performance.now();
  const result = await buildSite(config, { cache });
  printProblems(io, result.problems);
  const elapsed = Math.round(performance.now() - started);
  if (!result.ok) {
    const errors = result.problems.filter((problem) => problem.severity === "error").length;
    io.err(
      `nashra: ${plural(errors, "error")}; no feed was written, ${path.relative(process.cwd(), config.outDir) || "."}/ is as it was (${elapsed} ms)`,
    );
    return 1;
  }
  io.out(`nashra: ${summary(config, result)} (${elapsed} ms)`);
  return 0;
}

async function runWatch(config: SiteConfig, io: CliIo, cache: boolean): Promise<number> {
  const watcher = await watchSite({
    config,
    cache,
    onRebuild: (report) => printRebuild(io, config, report),
    onFolderMissing: (folder) =>
      io.err(
        `nashra: ${folder}/ has disappeared; the feeds stay as they are, and nashra waits for the folder to come back`,
      ),
    onNotify: (notification) =>
      notification.ok
        ? io.out(
            `nashra: told ${notification.hub} of ${plural(notification.urls.length, "changed feed")}`,
          )
        : io.err(
            `nashra: could not tell the WebSub hub ${notification.hub} of ${plural(notification.urls.length, "changed feed")} after ${plural(notification.attempts, "attempt")}: ${notification.error}; subscribers will see the change when they next poll`,
          ),
    onError: (error) =>
      io.err(
        `nashra: could not update the feeds: ${errorMessage(error)}; will retry on the next change`,
      ),
  });
  io.out(
    `nashra: watching ${path.relative(process.cwd(), config.articlesDir) || "."}/ — press Ctrl-C to stop`,
  );
  await io.interrupted();
  await watcher.close();
  io.out("nashra: stopped");
  return 0;
}

function printRebuild(io: CliIo, config: SiteConfig, report: RebuildReport): void {
  printProblems(io, report.problems);
  for (const file of report.holding) {
    io.err(
      `${file}: was invalid when watching started, so the feeds on disk may hold a version of it that nashra cannot see; no feed is written until it is fixed or removed`,
    );
  }
  for (const file of report.keptLastGood) {
    io.err(`${file}: the feeds keep its last good version until the errors above are fixed`);
  }
  const what =
    report.reason === "start"
      ? "built"
      : report.reason === "schedule"
        ? "scheduled article due"
        : report.changed.join(", ");
  const outDir = path.relative(process.cwd(), config.outDir) || ".";
  const shown = report.written.slice(0, 6).map((file) => path.join(outDir, file));
  const more = report.written.length - shown.length;
  const feeds =
    report.written.length === 0
      ? "feeds unchanged"
      : `wrote ${shown.join(", ")}${more > 0 ? ` and ${plural(more, "other file")}` : ""}`;
  io.out(
    `nashra: ${what} → ${plural(report.published, "article")} published, ${feeds} (${Math.round(report.durationMs)} ms)`,
  );
}

function summary(config: SiteConfig, result: BuildResult): string {
  const { articles } = result;
  const warnings = result.problems.filter((problem) => problem.severity === "warning").length;
  const outDir = path.relative(process.cwd(), config.outDir) || ".";
  return [
    `${plural(articles.published, "article")} published`,
    ...(articles.drafts > 0 ? [`${plural(articles.drafts, "draft")} left out`] : []),
    ...(articles.scheduled > 0 ? [`${articles.scheduled} scheduled`] : []),
    // Documents left as they were (known from the cache) are unchanged files too.
    `${plural(result.files.size + result.kept.length, "file")} in ${outDir}/ (${result.written.length} written, ${result.unchanged.length + result.kept.length} unchanged)`,
    plural(warnings, "warning"),
  ].join(", ");
}

function printProblems(io: CliIo, problems: readonly Problem[]): void {
  for (const problem of problems) io.err(formatProblem(problem));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
