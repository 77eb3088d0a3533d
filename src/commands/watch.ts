// `nashra watch`, and `nashra start` (watch with the feed server): a line per rebuild, problems
// until they are fixed, and open preview pages told of each change.
import type { SiteConfig } from "../config/resolve.js";
import type { FeedServer } from "../serve/server.js";
import { plural } from "../terminal/reporter.js";
import { type RebuildReport, watchSite } from "../watch.js";
import { type CommandContext, shownPath } from "./context.js";
import { type Address, openServer, printUrls } from "./serve.js";

export async function runWatch(
  config: SiteConfig,
  context: CommandContext,
  options: { cache: boolean; serve?: Address },
): Promise<number> {
  const { report } = context;
  // The port first: a taken port is known at once, before a build of thousands of articles.
  let server: FeedServer | undefined;
  if (options.serve !== undefined) {
    server = await openServer(config, context, options.serve);
    if (server === undefined) return 1;
  }
  let watcher: Awaited<ReturnType<typeof watchSite>>;
  try {
    watcher = await watchSite({
      config,
      cache: options.cache,
      onRebuild: (rebuild) => {
        printRebuild(context, config, rebuild);
        if (rebuild.written.length > 0 || rebuild.removed.length > 0) server?.announceChange();
      },
      onFolderMissing: (folder) =>
        report.error(
          `nashra: ${folder}/ has disappeared; the feeds stay as they are, and nashra waits for the folder to come back (restore or recreate it)`,
        ),
      onNotify: (notification) =>
        notification.ok
          ? report.info(
              `nashra: told ${notification.hub} of ${plural(notification.urls.length, "changed feed")}`,
            )
          : report.warn(
              `nashra: could not tell the WebSub hub ${notification.hub} of ${plural(notification.urls.length, "changed feed")} after ${plural(notification.attempts, "attempt")}: ${notification.error}; subscribers will see the change when they next poll — check websub.hub in the config if this repeats`,
            ),
      onError: (error) =>
        report.error(
          `nashra: could not update the feeds: ${error instanceof Error ? error.message : String(error)}; nashra retries by itself — free some disk space or fix the output folder's permissions`,
        ),
    });
  } catch (error) {
    await server?.close();
    throw error;
  }
  report.info(
    `nashra: watching ${shownPath(context, config.articlesDir)}/${server === undefined ? " — press Ctrl-C to stop" : ""}`,
  );
  if (server !== undefined) printUrls(config, context, server);
  await context.io.interrupted();
  await watcher.close();
  await server?.close();
  report.info("nashra: stopped");
  return 0;
}

function printRebuild(context: CommandContext, config: SiteConfig, rebuild: RebuildReport): void {
  const { report } = context;
  report.problems(rebuild.problems);
  for (const file of rebuild.holding) {
    report.error(
      `${file}: was invalid when watching started, so the feeds on disk may hold a version of it that nashra cannot see; no feed is written until it is fixed or removed`,
    );
  }
  for (const file of rebuild.keptLastGood) {
    report.warn(`${file}: the feeds keep its last good version until the errors above are fixed`);
  }
  const what =
    rebuild.reason === "start"
      ? "built"
      : rebuild.reason === "schedule"
        ? "scheduled article due"
        : rebuild.reason === "audit"
          ? "feeds changed by hand"
          : rebuild.changed.join(", ");
  const outDir = shownPath(context, config.outDir);
  const verbose = report.verbosity === "verbose";
  const shown = (verbose ? rebuild.written : rebuild.written.slice(0, 6)).map(
    (file) => `${outDir}/${file}`,
  );
  const more = rebuild.written.length - shown.length;
  const feeds =
    rebuild.written.length === 0
      ? "feeds unchanged"
      : `wrote ${shown.join(", ")}${more > 0 ? ` and ${plural(more, "other file")}` : ""}`;
  report.info(
    `nashra: ${what} → ${plural(rebuild.published, "article")} published, ${feeds} (${Math.round(rebuild.durationMs)} ms)`,
  );
  for (const file of rebuild.removed) report.detail(`  removed ${outDir}/${file}`);
}
