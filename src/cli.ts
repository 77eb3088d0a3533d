// The `nashra` command: parses arguments, runs a command, returns an exit code. What each
// command does is in ./commands/; how it speaks to the terminal, in ./terminal/.
import path from "node:path";
import { parseArgs } from "node:util";
import { type CommandContext, shownPath } from "./commands/context.js";
import { CONFIG_FILE } from "./config/file.js";
import { loadConfigRemembered } from "./config/memo.js";
import type { SiteConfig } from "./config/resolve.js";
import { tzDataVersion } from "./locale/timezone.js";
import { OutputLockedError } from "./output/lock.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "./serve/address.js";
import type { CliIo } from "./terminal/io.js";
import { createProgressBar } from "./terminal/progress.js";
import { Reporter, type Verbosity } from "./terminal/reporter.js";
import { colourWanted, createStyle } from "./terminal/style.js";
import { NASHRA_VERSION } from "./version.js";

export type { CliIo } from "./terminal/io.js";

const USAGE = `Usage: nashra <command> [options]

Commands:
  build            Read every article, report every problem, write the feeds (nothing is written on error)
  watch            Build, then keep the feeds current as articles are added, edited, renamed or deleted
  serve            Serve the output folder on this machine, with a preview page at /
  start            build + watch + serve: what \`npm start\` runs
  check            Check every article and the config, and write nothing; exits 1 on an error
  new "<title>"    Create an article (a draft) with its front matter filled in

Options:
  -c, --config <file>   Site config (default: ${CONFIG_FILE} in the current folder)
      --no-cache        Read and render every article again, ignoring the cache folder
      --host <address>  serve, start: the address to listen on (default: ${DEFAULT_HOST}, this machine only)
      --port <number>   serve, start: the port (default: ${DEFAULT_PORT}; 0 picks a free one)
      --format <name>   check: "text" (default) or "json"
      --lang <tag>      new: the article's language (default: the site's default language)
      --slug <slug>     new: the URL slug (default: made from the title)
  -q, --quiet           Print only errors
      --verbose         Print every file written, each request served, and timings
  -h, --help            Show this help
  -v, --version         Show the version of nashra and of its time zone data`;

type OptionName =
  | "config"
  | "no-cache"
  | "host"
  | "port"
  | "format"
  | "lang"
  | "slug"
  | "quiet"
  | "verbose";

const COMMON: readonly OptionName[] = ["config", "quiet", "verbose"];
/** Each command, the options it takes and how many arguments. */
const COMMANDS: Record<string, { options: readonly OptionName[]; argument?: string }> = {
  build: { options: [...COMMON, "no-cache"] },
  watch: { options: [...COMMON, "no-cache"] },
  serve: { options: [...COMMON, "host", "port"] },
  start: { options: [...COMMON, "no-cache", "host", "port"] },
  check: { options: [...COMMON, "no-cache", "format"] },
  new: { options: [...COMMON, "lang", "slug"], argument: '"<title>"' },
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    const title = argv[0] === "new" ? argv.find(looksLikeTitle) : undefined;
    if (title !== undefined) {
      return usageError(
        io,
        `"${title}" starts with "-", so it reads as an option; put the title after --, as in nashra new -- "${title}"`,
      );
    }
    return usageError(io, `${(error as Error).message.split(". ")[0]}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.version) {
    io.out(`nashra ${NASHRA_VERSION} (tz data ${tzDataVersion()})`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) return usageError(io, "no command given");
  const spec = COMMANDS[command];
  if (spec === undefined) return usageError(io, `unknown command "${command}"`);
  const misplaced = (Object.keys(values) as OptionName[]).find(
    (name) => !spec.options.includes(name),
  );
  if (misplaced !== undefined) {
    return usageError(io, `--${misplaced} is not an option of ${command}`);
  }
  if (spec.argument === undefined && rest.length > 0) {
    return usageError(io, `${command} takes no argument, but was given "${rest.join(" ")}"`);
  }
  if (spec.argument !== undefined && rest.length !== 1) {
    return usageError(
      io,
      `${command} takes one argument, ${spec.argument}: put the title in quotes, as in nashra new "عنوان الخبر"`,
    );
  }
  if (values.quiet && values.verbose) return usageError(io, "--quiet and --verbose contradict");
  const port = values.port === undefined ? DEFAULT_PORT : parsePort(values.port);
  if (port === undefined) {
    return usageError(
      io,
      `--port "${values.port}" is not a port; give a number from 1 to 65535 (0 picks a free one)`,
    );
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") {
    return usageError(io, `--format "${format}" is not known; use --format text or --format json`);
  }

  const context = createContext(io, values.quiet ? "quiet" : values.verbose ? "verbose" : "normal");
  const configPath = path.resolve(io.cwd, values.config ?? CONFIG_FILE);
  const cache = values["no-cache"] !== true;
  try {
    // Each command's modules are loaded when it runs: a build does not pay for the watcher, the
    // server or the preview, and start-up is most of a warm build's time.
    if (command === "check") {
      const { runCheck } = await import("./commands/check.js");
      return await runCheck(configPath, context, { cache, format });
    }
    // A build with a cache takes the config as the last one validated it, if the file is the same.
    const loaded =
      command === "build" && cache
        ? await loadConfigRemembered(configPath)
        : await (await import("./config/load.js")).loadConfig(configPath);
    if (!loaded.ok) {
      context.report.problems(loaded.problems);
      context.report.error(
        `nashra: the config has ${loaded.problems.length === 1 ? "a problem" : "problems"}; fix ${shownPath(context, configPath)} as said above (nashra check shows where)`,
      );
      return 1;
    }
    const config: SiteConfig = loaded.config;
    const address = { host: values.host ?? DEFAULT_HOST, port };
    switch (command) {
      case "build": {
        const { runBuild } = await import("./commands/build.js");
        return await runBuild(config, context, { cache });
      }
      case "watch":
      case "start": {
        const { runWatch } = await import("./commands/watch.js");
        return await runWatch(config, context, {
          cache,
          ...(command === "start" && { serve: address }),
        });
      }
      case "serve": {
        const { runServe } = await import("./commands/serve.js");
        return await runServe(config, context, address);
      }
      case "new": {
        const { runNew } = await import("./commands/new.js");
        return await runNew(config, context, {
          title: rest[0] ?? "",
          ...(values.lang !== undefined && { lang: values.lang }),
          ...(values.slug !== undefined && { slug: values.slug }),
        });
      }
      default:
        return usageError(io, `unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof OutputLockedError) {
      context.report.error(`nashra: ${error.message}`);
      return 1;
    }
    // Not a content problem (those are reported as problems): the disk or the system said no.
    context.report.error(
      `nashra: ${error instanceof Error ? error.message : String(error)}; ${AFTER_FAILURE[command] ?? ""} — fix the cause and run again`,
    );
    return 1;
  }
}

/** What a command that failed for a reason of the system's leaves behind, for the user to know. */
const AFTER_FAILURE: Record<string, string> = {
  build: "every feed file already on disk is whole (files are replaced atomically)",
  watch: "every feed file already on disk is whole (files are replaced atomically)",
  start: "every feed file already on disk is whole (files are replaced atomically)",
  serve: "serve writes nothing, so the feeds are as they were",
  check: "check writes nothing, so the feeds are as they were",
  new: "no article file was left behind",
};

/** An argument to `new` that parseArgs took for options, but that reads as a title: "- قائمة". */
function looksLikeTitle(argument: string): boolean {
  if (!argument.startsWith("-") || argument === "-" || argument === "--") return false;
  // Options are -x or --name, in ASCII letters; anything else after the dash is words.
  return /\s/.test(argument) || !/^--?[A-Za-z]/.test(argument);
}

function usageError(io: CliIo, message: string): number {
  io.err(`nashra: ${message}; run nashra --help for the commands and options\n\n${USAGE}`);
  return 2;
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65_535 ? port : undefined;
}

function createContext(io: CliIo, verbosity: Verbosity): CommandContext {
  const env = io.env ?? {};
  const isTTY = io.isTTY ?? { out: false, err: false };
  // A bar is drawn only on a terminal, and not for someone who asked for quiet.
  const partial = isTTY.err && verbosity !== "quiet" ? io.errPartial : undefined;
  const report = new Reporter({
    out: io.out,
    err: io.err,
    verbosity,
    outStyle: createStyle(colourWanted(isTTY.out, env)),
    errStyle: createStyle(colourWanted(isTTY.err, env)),
    ...(partial !== undefined && { progress: createProgressBar(partial, io.columns ?? 80) }),
  });
  return {
    io,
    report,
    cwd: io.cwd,
    now: io.now ?? Date.now,
    randomUUID: io.randomUUID ?? (() => crypto.randomUUID()),
  };
}

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: "string", short: "c" },
      "no-cache": { type: "boolean" },
      host: { type: "string" },
      port: { type: "string" },
      format: { type: "string" },
      lang: { type: "string" },
      slug: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}
