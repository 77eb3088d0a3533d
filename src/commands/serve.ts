// `nashra serve`, and the serving half of `nashra start`: the feed server with its preview page,
// the URLs to open, and what to do when the port is taken.
import { unwatchFile, watchFile } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { SiteConfig } from "../config/resolve.js";
import { FEED_FILE_NAMES } from "../feeds/feed-set.js";
import { loadPreview } from "../preview/load.js";
import { renderPreviewPage } from "../preview/page.js";
import { type FeedServer, startServer } from "../serve/server.js";
import { printable, printableTarget } from "../terminal/printable.js";
import { type CommandContext, shownPath } from "./context.js";

export interface Address {
  host: string;
  port: number;
}

/** How often `nashra serve` alone looks for feeds rewritten by another nashra. */
const FEED_POLL_MS = 1_000;

export async function runServe(
  config: SiteConfig,
  context: CommandContext,
  address: Address,
): Promise<number> {
  const outDir = shownPath(context, config.outDir);
  const exists = await stat(config.outDir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!exists) {
    context.report.error(
      `nashra: ${outDir}/ does not exist yet; run nashra build first, or nashra start, which builds, watches and serves`,
    );
    return 1;
  }
  const server = await openServer(config, context, address);
  if (server === undefined) return 1;
  // Alone, serve does not build: it learns of new feeds (from a `nashra build` or `watch` run
  // elsewhere) by looking at the main JSON feeds' files.
  const watched = config.languages.map((language) =>
    path.join(config.outDir, language.folder, FEED_FILE_NAMES.json),
  );
  for (const file of watched) {
    watchFile(file, { interval: FEED_POLL_MS, persistent: false }, () => server.announceChange());
  }
  printUrls(config, context, server);
  await context.io.interrupted();
  for (const file of watched) unwatchFile(file);
  await server.close();
  context.report.info("nashra: stopped");
  return 0;
}

/** Starts the server, or says why it could not and what to do; undefined then. */
export async function openServer(
  config: SiteConfig,
  context: CommandContext,
  address: Address,
): Promise<FeedServer | undefined> {
  const { report } = context;
  try {
    return await startServer({
      root: config.outDir,
      host: address.host,
      port: address.port,
      home: async () => renderPreviewPage(await loadPreview(config, { live: true })),
      onRequest: (entry) =>
        report.detail(
          `  ${printable(entry.method)} ${printableTarget(entry.target)} → ${entry.status} (${entry.bytes} bytes, ${entry.durationMs.toFixed(1)} ms)`,
        ),
      onError: (error) =>
        report.error(
          `nashra: a request failed: ${error instanceof Error ? error.message : String(error)}; the server goes on — if this repeats, restart it`,
        ),
    });
  } catch (error) {
    report.error(`nashra: ${listenFailure(error, address)}`);
    return undefined;
  }
}

function listenFailure(error: unknown, { host, port }: Address): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "EADDRINUSE":
      return `port ${port} on ${host} is already in use (another nashra serve or start?); stop that program, or choose another port, e.g. --port ${port === 65_535 ? port - 1 : port + 1}`;
    case "EACCES":
      return `this user may not listen on port ${port}; choose a port above 1023, e.g. --port 4390`;
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return `${host} is not an address of this machine; use --host 127.0.0.1 (this machine only) or one of its own addresses`;
    default:
      return `could not listen on ${host}:${port} (${error instanceof Error ? error.message : String(error)}); try another --host or --port`;
  }
}

export function printUrls(config: SiteConfig, context: CommandContext, server: FeedServer): void {
  const { report } = context;
  const style = report.outStyle;
  report.info(
    `nashra: serving ${shownPath(context, config.outDir)}/ at ${style.bold(style.cyan(server.url))} — the preview page; press Ctrl-C to stop`,
  );
  const width = Math.max(...config.languages.map((language) => language.tag.length));
  for (const language of config.languages) {
    const urls = Object.values(FEED_FILE_NAMES).map(
      (name) => new URL(`${language.folder}${name}`, server.url).href,
    );
    report.info(
      `  ${language.tag.padEnd(width)}  ${urls.map((url) => style.cyan(url)).join("  ")}`,
    );
  }
}
