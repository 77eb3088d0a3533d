// `nashra watch`: build once, then keep the feeds current. Holds every article in memory, re-reads
// only the files that changed, keeps the last good version of an article while it is invalid,
// and wakes up by itself when a scheduled article's time comes.
import { stat } from "node:fs/promises";
import path from "node:path";
import { watch as chokidarWatch, type FSWatcher } from "chokidar";
import type { Article } from "./articles/article.js";
import { isArticlePath, isIgnoredName } from "./articles/files.js";
import {
  type ArticleReadResult,
  listArticleFiles,
  readArticle,
  readArticles,
} from "./articles/load.js";
import type { SiteConfig } from "./config/resolve.js";
import { generateFeeds } from "./generate.js";
import { writeFiles } from "./output/write.js";
import { type Problem, sortProblems } from "./problems.js";
import { type RenderedArticle, renderArticle } from "./render/render.js";

export interface WatchOptions {
  config: SiteConfig;
  /** Milliseconds of quiet after a change before rebuilding, so a burst is one rebuild. Default 50. */
  debounceMs?: number;
  /** The clock; tests may pass their own. Default `Date.now`. */
  clock?: () => number;
  /** Called after each rebuild, including the first. */
  onRebuild?: (report: RebuildReport) => void;
  /** Called when a rebuild fails for a reason outside the articles (a disk error). */
  onError?: (error: unknown) => void;
}

export interface RebuildReport {
  /** Why: "start", "change" or "schedule". */
  reason: "start" | "change" | "schedule";
  /** Files re-read in this rebuild, relative to the project root. */
  changed: string[];
  written: string[];
  unchanged: string[];
  /** Every current problem, also those of files not changed this time (printed until fixed). */
  problems: Problem[];
  /** Articles kept at their last good version because their file is now invalid. */
  keptLastGood: string[];
  published: number;
  durationMs: number;
}

export interface SiteWatcher {
  /** Stops watching, after the rebuild under way (if any) has finished writing. */
  close(): Promise<void>;
}

interface Entry {
  latest: ArticleReadResult;
  /** The newest valid version: what the feeds show while the file is invalid. */
  good?: Article;
}

/** The longest delay `setTimeout` honours (about 24.8 days); a farther schedule re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function watchSite(options: WatchOptions): Promise<SiteWatcher> {
  const { config } = options;
  const clock = options.clock ?? Date.now;
  const debounceMs = options.debounceMs ?? 50;
  const entries = new Map<string, Entry>();
  const rendered = new WeakMap<Article, RenderedArticle>();
  const dirty = new Set<string>();
  let debounceTimer: NodeJS.Timeout | undefined;
  let scheduleTimer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const render = (article: Article): RenderedArticle => {
    let html = rendered.get(article);
    if (html === undefined) {
      html = renderArticle(article);
      rendered.set(article, html);
    }
    return html;
  };

  function remember(file: string, result: ArticleReadResult): void {
    const previous = entries.get(file);
    const good = result.article ?? previous?.good;
    entries.set(file, { latest: result, ...(good !== undefined && { good }) });
  }

  async function rebuild(reason: RebuildReport["reason"], changed: string[]): Promise<void> {
    const started = performance.now();
    const articles: Article[] = [];
    const keptLastGood: string[] = [];
    for (const entry of entries.values()) {
      if (entry.good === undefined) continue;
      articles.push(entry.good);
      if (entry.latest.article === undefined) keptLastGood.push(entry.good.file);
    }
    const { files, collection } = generateFeeds(config, articles, clock(), render);
    const report = await writeFiles(config.outDir, files);
    armSchedule(collection.nextScheduled);
    const problems = sortProblems([
      ...[...entries.values()].flatMap((entry) => entry.latest.problems),
      ...collection.problems,
    ]);
    options.onRebuild?.({
      reason,
      changed,
      ...report,
      problems,
      keptLastGood: keptLastGood.sort(),
      published: collection.published.length,
      durationMs: performance.now() - started,
    });
  }

  function armSchedule(nextScheduled: number | undefined): void {
    clearTimeout(scheduleTimer);
    scheduleTimer = undefined;
    if (nextScheduled === undefined || closed) return;
    // One millisecond late rather than early: the article must be due when we look again.
    const delay = Math.min(Math.max(nextScheduled - clock() + 1, 0), MAX_TIMER_MS);
    scheduleTimer = setTimeout(() => enqueue(() => rebuild("schedule", [])), delay);
  }

  function enqueue(task: () => Promise<void>): void {
    queue = queue.then(task).catch((error: unknown) => options.onError?.(error));
  }

  async function flush(): Promise<void> {
    const paths = [...dirty].sort();
    dirty.clear();
    if (paths.length === 0 || closed) return;
    const changed: string[] = [];
    for (const absolute of paths) {
      const relative = path.relative(config.articlesDir, absolute);
      const exists = await stat(absolute).then(
        (info) => info.isFile(),
        () => false,
      );
      if (!exists || !isArticlePath(relative)) {
        if (entries.delete(absolute)) changed.push(absolute);
        continue;
      }
      remember(absolute, await readArticle(config, absolute));
      changed.push(absolute);
    }
    if (changed.length > 0) {
      await rebuild(
        "change",
        changed.map((file) => path.relative(config.root, file).split(path.sep).join("/")),
      );
    }
  }

  function markDirty(absolute: string): void {
    dirty.add(path.resolve(absolute));
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => enqueue(flush), debounceMs);
  }

  /** A folder moved away or deleted: every article below it goes. */
  function forgetFolder(folder: string): void {
    const prefix = path.resolve(folder) + path.sep;
    for (const file of entries.keys()) if (file.startsWith(prefix)) markDirty(file);
  }

  /** A folder moved in: chokidar reports its files too, but a scan makes sure none is missed. */
  async function scanFolder(folder: string): Promise<void> {
    for (const file of await listArticleFiles(folder)) markDirty(file);
  }

  const initialFiles = await listArticleFiles(config.articlesDir);
  const initialResults = await readArticles(config, initialFiles);
  initialFiles.forEach((file, index) => {
    remember(file, initialResults[index] as ArticleReadResult);
  });
  await rebuild("start", []);

  const watcher: FSWatcher = chokidarWatch(config.articlesDir, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (file: string) => {
      const relative = path.relative(config.articlesDir, file);
      return relative !== "" && relative.split(path.sep).some(isIgnoredName);
    },
  });
  watcher
    .on("add", markDirty)
    .on("change", markDirty)
    .on("unlink", markDirty)
    .on("unlinkDir", forgetFolder)
    .on("addDir", (folder) => {
      scanFolder(folder).catch((error: unknown) => options.onError?.(error));
    })
    .on("error", (error) => options.onError?.(error));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));

  return {
    async close() {
      closed = true;
      clearTimeout(debounceTimer);
      clearTimeout(scheduleTimer);
      await watcher.close();
      await queue;
    },
  };
}
