// `nashra build`: first, whether anything changed since the last build (./cache/build-record.ts),
// which needs only a listing and a stat per file; when something did, the build proper
// (./full-build.ts) reads everything, reports every problem, and writes the feeds only when
// there is no error, so that a failed build leaves the output folder exactly as it was.
import path from "node:path";
import {
  type ArticleListing,
  checkArticlesFolder,
  linkProblems,
  listArticleFiles,
} from "./articles/listing.js";
import {
  type ArticleCounts,
  listingHash,
  readBuildRecord,
  type UpToDate,
  upToDate,
} from "./cache/build-record.js";
import { siteCacheKey } from "./cache/cache-key.js";
import type { SiteConfig } from "./config/resolve.js";
import type { SiteConfigInput } from "./config/schema.js";
import { acquireOutputLock } from "./output/lock.js";
import { type Problem, sortProblems } from "./problems.js";

export interface BuildOptions {
  /** Folder that `articlesDir` and `outDir` are relative to. Default: the current folder. */
  root?: string;
  /** The moment that decides which scheduled articles are out. Default: now. */
  now?: Date;
  /** Write the feeds to `outDir`. Default: true. With false, only `files` carries them. */
  write?: boolean;
  /** Use and update the persistent cache in `cacheDir`. Default: true. */
  cache?: boolean;
  /**
   * Keep every file written in the result's `files`. Default: true. The CLI says false: a
   * site of 100,000 articles then never holds all its feeds in memory at once.
   */
  keepFiles?: boolean;
  /** Told as the build goes: after each article read, then when generating and writing begin. */
  onProgress?: (stage: BuildStage, done: number, total: number) => void;
}

export type BuildStage = "read" | "generate" | "write";

export interface BuildResult {
  /** True when there was no error; the feeds were then written (unless `write` was false). */
  ok: boolean;
  /**
   * True when a writing build with a cache found nothing changed since the last one: no article
   * file, image beside one, output file or config, and the clock has not reached a scheduled
   * article. Nothing was then read or serialized: `problems` and `articles` are the last
   * build's, `files` is empty and `kept` lists every file.
   */
  upToDate: boolean;
  problems: Problem[];
  /** Articles read without error, and of those the ones published in some feed. */
  articles: ArticleCounts;
  /**
   * Every file this build serialized, by path relative to `outDir`, with its content (none when
   * `keepFiles` is false). A writing build with a cache leaves out documents unchanged since the
   * last one: those are in `kept`.
   */
  files: Map<string, string>;
  /** Files of documents unchanged since the last build, left as they are on disk. */
  kept: string[];
  written: string[];
  unchanged: string[];
  /** Files of an earlier build that this one no longer produces (a tag with no article left). */
  removed: string[];
}

/** The library entry: builds the feeds of the site described by `config`. */
export async function buildFeeds(
  config: SiteConfigInput,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const { validateConfig } = await import("./config/load.js");
  const parsed = validateConfig(config, path.resolve(options.root ?? "."));
  if (!parsed.ok) return emptyResult(parsed.problems);
  return buildSite(parsed.config, options);
}

export async function buildSite(
  config: SiteConfig,
  options: Omit<BuildOptions, "root"> = {},
): Promise<BuildResult> {
  const now = (options.now ?? new Date()).getTime();
  const missing = await checkArticlesFolder(config);
  if (missing !== undefined) return emptyResult([missing]);
  const write = options.write !== false;
  // A writing build holds the output folder's lock from the first read to the last write.
  const lock = write ? await acquireOutputLock(config.outDir) : undefined;
  try {
    const key = options.cache !== false ? siteCacheKey(config) : "";
    // Nothing changed since the last build: its feeds are on disk, and its report still holds.
    const recorded = write && key !== "";
    // Read through the thread pool while the articles folder is listed here (never rejects).
    const recordRead = recorded ? readBuildRecord(config.cacheDir, key) : undefined;
    const listing = await listArticleFiles(config.articlesDir);
    // Once: the record read compares it, the record written keeps it.
    const listed = recorded ? listingHash(listing.files) : "";
    const record = await recordRead;
    const current = record && upToDate(record, config.outDir, listing.files, listed, now);
    if (current !== undefined) return upToDateResult(config, listing, current);
    // Everything else, and the modules it needs, only now.
    const { buildEverything } = await import("./full-build.js");
    return await buildEverything(config, options, { now, write, key, listing, listed });
  } finally {
    await lock?.release();
  }
}

/** A build that found nothing changed since the last (see ./cache/build-record.ts). */
function upToDateResult(
  config: SiteConfig,
  listing: ArticleListing,
  current: UpToDate,
): BuildResult {
  return {
    ok: true,
    upToDate: true,
    problems: sortProblems([...linkProblems(config, listing.links), ...current.problems]),
    articles: current.counts,
    files: new Map(),
    kept: current.files,
    written: [],
    unchanged: [],
    removed: [],
  };
}

function emptyResult(problems: Problem[]): BuildResult {
  return {
    ok: false,
    upToDate: false,
    problems,
    articles: { valid: 0, published: 0, drafts: 0, scheduled: 0 },
    files: new Map(),
    kept: [],
    written: [],
    unchanged: [],
    removed: [],
  };
}
