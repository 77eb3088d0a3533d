// A build that has work to do (see ./build.ts): read every article, from the cache where it is
// unchanged, plan and serialize the feeds, and write them only when there is no error, so that
// a failed build leaves the output folder exactly as it was.
import type { Article } from "./articles/article.js";
import { displayPath } from "./articles/files.js";
import { type ArticleListing, linkProblems } from "./articles/listing.js";
import { readArticles } from "./articles/load.js";
import type { BuildOptions, BuildResult } from "./build.js";
import { bodilessHash } from "./cache/article-cache.js";
import { saveBuildRecord } from "./cache/build-record.js";
import { DocumentState } from "./cache/document-state.js";
import { HtmlCache, type HtmlSource } from "./cache/html-cache.js";
import { cachedRenderer, loadSiteCache } from "./cache/site-cache.js";
import { collectArticles } from "./collect.js";
import type { SiteConfig } from "./config/resolve.js";
import { streamFeedFiles } from "./feeds/feed-set.js";
import { type FileText, joinText } from "./feeds/file-text.js";
import { planFeeds } from "./feeds/plan.js";
import {
  MANIFEST_FILE,
  removeStaleTemporaryFiles,
  stampFiles,
  type WriteReport,
  writeFiles,
} from "./output/write.js";
import { hasErrors, type Problem, sortProblems } from "./problems.js";
import { renderingOnce } from "./render/render.js";

/** What buildSite has found out before it knew there was work to do. */
export interface BuildStart {
  now: number;
  write: boolean;
  /** The cache key, or "" without a cache. */
  key: string;
  listing: ArticleListing;
  /** The listing's listingHash, or "" when no record is kept. */
  listed: string;
}

export async function buildEverything(
  config: SiteConfig,
  options: Omit<BuildOptions, "root">,
  { now, write, key, listing, listed }: BuildStart,
): Promise<BuildResult> {
  // What a write cut short left behind. A build that finds nothing changed does not look (at
  // 100,000 articles that is 6,000 names): a write killed before its first rename leaves such
  // files for the next build that has work to do; readers never see them.
  if (write) await removeStaleTemporaryFiles(config.outDir);
  const cache = await loadSiteCache(config, key);
  const documents = await DocumentState.load(config.cacheDir, key, write && key !== "");
  const htmls = key === "" ? HtmlCache.disabled() : await HtmlCache.load(config.cacheDir, key);
  let read = 0;
  const total = listing.files.length;
  // Each file's size and time as it was read, for the build record: two numbers, not the Stats
  // object (with its four Dates, about 0.8 KB an article at 100,000 articles).
  const stamps = {
    sizes: new Float64Array(total).fill(Number.NaN),
    mtimes: new Float64Array(total),
  };
  // No bodies are kept: the few articles that feeds show in full read theirs again.
  const results = await readArticles(config, listing.files, {
    cache,
    onRead: () => options.onProgress?.("read", ++read, total),
    keepBodies: false,
    onStatus: (index, info) => {
      stamps.sizes[index] = info.size;
      stamps.mtimes[index] = info.mtimeMs;
    },
  });
  options.onProgress?.("generate", 0, 0);
  const articles: Article[] = [];
  for (const result of results) if (result.article !== undefined) articles.push(result.article);
  // A build keeps no bodies, so each article knows the hash of the file it was read from.
  const reuse = write
    ? { intact: documents.intact(config.outDir), hashOf: bodilessHash }
    : undefined;
  const collection = collectArticles(articles, now);
  const articleProblems = [...results.flatMap((result) => result.problems), ...collection.problems];
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
  const render = renderingOnce(cachedRenderer(config, (article) => stale.add(article), htmls));
  const planned = planFeeds(config, collection.published);
  const generated = streamFeedFiles(config, planned, render, undefined, reuse);
  if (!hasErrors(problems)) for (const article of generated.rendered) render(article);
  if (stale.size > 0) problems = sortProblems([...problems, ...[...stale].map(changedDuringBuild)]);
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
    // Files of documents left as they were are output too: one deleted since is a change.
    const outputs = [...generated.paths, ...generated.kept];
    const onDisk = stampFiles(config.outDir, [...outputs, MANIFEST_FILE]);
    documents.record(generated.documents, onDisk);
    const cacheFailure =
      (await cache.save()) ??
      (await documents.save()) ??
      (await htmls.save(htmlSources(generated.latest))) ??
      (key === ""
        ? undefined
        : await saveBuildRecord(config.cacheDir, key, {
            listed,
            read: stamps,
            articles,
            now,
            outputs,
            onDisk,
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
        message: `the cache could not be saved (${cacheFailure}); the feeds are written; the next build will read again what it could not keep`,
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
}

/** What the HTML of each of `articles` is kept under (those kept without a body have a hash). */
function* htmlSources(articles: readonly Article[]): Generator<HtmlSource> {
  for (const article of articles) {
    const fileHash = bodilessHash(article);
    if (fileHash !== undefined) yield { fileHash, url: article.url };
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
