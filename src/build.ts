// `nashra build`: read everything, report every problem, and write the feeds only when there
// is no error, so that a failed build leaves the output folder exactly as it was.
import type { Stats } from "node:fs";
import path from "node:path";
import type { Article } from "./articles/article.js";
import { displayPath } from "./articles/files.js";
import {
  type ArticleListing,
  checkArticlesFolder,
  linkProblems,
  listArticleFiles,
  readArticles,
} from "./articles/load.js";
import { readBuildRecord, saveBuildRecord, type UpToDate, upToDate } from "./cache/build-record.js";
import { DocumentState } from "./cache/document-state.js";
import { cachedRenderer, loadSiteCache, siteCacheKey } from "./cache/site-cache.js";
import { collectArticles } from "./collect.js";
import { validateConfig } from "./config/load.js";
import type { SiteConfig } from "./config/resolve.js";
import type { SiteConfigInput } from "./config/schema.js";
import { streamFeedFiles } from "./feeds/feed-set.js";
import { type FileText, joinText } from "./feeds/file-text.js";
import { planFeeds } from "./feeds/plan.js";
import { acquireOutputLock } from "./output/lock.js";
import { removeStaleTemporaryFiles, type WriteReport, writeFiles } from "./output/write.js";
import { hasErrors, type Problem, sortProblems } from "./problems.js";
import { renderingOnce } from "./render/render.js";

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
  articles: { valid: number; published: number; drafts: number; scheduled: number };
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
    if (write) await removeStaleTemporaryFiles(config.outDir);
    const key = options.cache !== false ? siteCacheKey(config) : "";
    const listing = await listArticleFiles(config.articlesDir);
    // Nothing changed since the last build: its feeds are on disk, and its report still holds.
    const record = write && key !== "" ? await readBuildRecord(config.cacheDir, key) : undefined;
    const current = record && upToDate(record, config, listing.files, now);
    if (current !== undefined) return upToDateResult(config, listing, current);
    const cache = await loadSiteCache(config, key !== "", key);
    const documents = await DocumentState.load(config.cacheDir, key, write && key !== "");
    let read = 0;
    const total = listing.files.length;
    // No bodies are kept: the few articles that feeds show in full read theirs again.
    const status: (Stats | undefined)[] = new Array(total);
    const results = await readArticles(config, listing.files, {
      cache,
      onRead: () => options.onProgress?.("read", ++read, total),
      keepBodies: false,
      onStatus: (index, info) => {
        status[index] = info;
      },
    });
    options.onProgress?.("generate", 0, 0);
    const articles: Article[] = [];
    const hashes = new Map<Article, string>();
    for (const result of results) {
      if (result.article === undefined) continue;
      articles.push(result.article);
      if (result.contentHash !== undefined) hashes.set(result.article, result.contentHash);
    }
    const reuse = write
      ? { intact: documents.intact(config.outDir), hashOf: (a: Article) => hashes.get(a) }
      : undefined;
    const collection = collectArticles(articles, now);
    const articleProblems = [
      ...results.flatMap((result) => result.problems),
      ...collection.problems,
    ];
    let problems = sortProblems([...linkProblems(config, listing.links), ...articleProblems]);
    const counts = {
      valid: articles.length,
      published: collection.published.length,
      drafts: articles.filter((article) => article.draft).length,
      scheduled: articles.filter((article) => !article.draft && article.published > now).length,
    };
    // Every article a feed shows in full is rendered before anything is written: one whose
    // file changed since it was read (its body is read again) fails the build, which writes
    // nothing rather than an entry that mixes two versions or has no text.
    const stale = new Set<Article>();
    const render = renderingOnce(cachedRenderer(config, (article) => stale.add(article)));
    const planned = planFeeds(config, collection.published);
    const generated = streamFeedFiles(config, planned, render, undefined, reuse);
    if (!hasErrors(problems)) for (const article of generated.rendered) render(article);
    if (stale.size > 0)
      problems = sortProblems([...problems, ...[...stale].map(changedDuringBuild)]);
    const ok = !hasErrors(problems);
    const files = new Map<string, string>();
    let report: WriteReport = { written: [], unchanged: [], removed: [] };
    if (ok && write) {
      options.onProgress?.("write", 0, 0);
      // Each document is written as it is serialized; kept only when the caller wants them.
      const keep = options.keepFiles !== false;
      const entries = keep ? keeping(generated.entries, files) : generated.entries;
      report = await writeFiles(
        config.outDir,
        { paths: generated.paths, entries },
        { kept: generated.kept },
      );
      documents.record(config.outDir, generated.documents);
      const cacheFailure =
        (await cache.save()) ??
        (await documents.save()) ??
        (key === ""
          ? undefined
          : await saveBuildRecord(config.cacheDir, key, {
              articlesDir: config.articlesDir,
              outDir: config.outDir,
              files: listing.files,
              status,
              articles,
              now,
              outputs: generated.paths,
              problems: sortProblems(articleProblems),
              counts,
            }));
      if (cacheFailure !== undefined) {
        problems.push({
          file: displayPath(config.root, config.cacheDir),
          line: 1,
          field: "cacheDir",
          rule: "cache/unwritable",
          severity: "warning",
          message: `the cache could not be saved (${cacheFailure}); the feeds are written, the next build will read every article again`,
        });
      }
    } else if (!write || options.keepFiles !== false) {
      for (const [file, text] of generated.entries) files.set(file, joinText(text));
    }
    return {
      ok,
      upToDate: false,
      problems,
      articles: counts,
      files,
      kept: generated.kept,
      ...report,
    };
  } finally {
    await lock?.release();
  }
}

function changedDuringBuild(article: Article): Problem {
  return {
    file: article.file,
    line: 1,
    field: "file",
    rule: "file/changed-during-build",
    severity: "error",
    message:
      "changed, or could no longer be read, while the build ran, so its text was not the version read: nothing was written; run the build again",
  };
}

/** `entries`, each also put in `files` as it passes. */
function* keeping(
  entries: Iterable<[string, FileText]>,
  files: Map<string, string>,
): Generator<[string, FileText]> {
  for (const [file, text] of entries) {
    const content = joinText(text);
    files.set(file, content);
    yield [file, content];
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
