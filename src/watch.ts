// `nashra watch`: build once, then keep the feeds current. Holds every article in memory, re-reads
// only the files that changed, keeps the last good version of an article while it is invalid,
// and wakes up by itself when a scheduled article's time comes.
import { type Stats, statSync } from "node:fs";
import path from "node:path";
import { watch as chokidarWatch, type FSWatcher } from "chokidar";
import type { Article } from "./articles/article.js";
import { displayPath, isArticlePath, isIgnoredName } from "./articles/files.js";
import { checkArticlesFolder, linkProblems, listArticleFiles } from "./articles/listing.js";
import {
  type ArticleReadResult,
  lstatOrUndefined,
  readArticle,
  readArticles,
} from "./articles/load.js";
import { fillBody } from "./cache/article-cache.js";
import { siteCacheKey } from "./cache/cache-key.js";
import { DocumentState } from "./cache/document-state.js";
import { cachedRenderer, loadSiteCache } from "./cache/site-cache.js";
import { compareSeniority } from "./collect.js";
import { CollisionIndex } from "./collisions.js";
import type { SiteConfig } from "./config/resolve.js";
import { DocumentMemo } from "./feeds/document-memo.js";
import { FEED_FILE_NAMES, type Reuse } from "./feeds/feed-set.js";
import type { FileText } from "./feeds/file-text.js";
import { IncrementalPlan } from "./feeds/incremental-plan.js";
import { generateFeedParts } from "./generate.js";
import { acquireOutputLock, type OutputLock } from "./output/lock.js";
import {
  EncodedParts,
  type KnownFiles,
  type ManifestMemo,
  removeStaleTemporaryFiles,
  STATS_PER_SLICE,
  type Touched,
  touchedFiles,
  WriteError,
  type WriteReport,
  writeFiles,
} from "./output/write.js";
import { type Problem, sortProblems } from "./problems.js";
import type { RenderedArticle } from "./render/render.js";
import { type NotifyResult, notifyHub } from "./websub/notify.js";

export interface WatchOptions {
  config: SiteConfig;
  /** Start from the persistent cache, and update it after the first build. Default: true. */
  cache?: boolean;
  /**
   * Milliseconds of quiet after a change before rebuilding, so that the few events of one save
   * (an editor's temporary file and rename) make one rebuild. Changes that arrive during a
   * rebuild are taken together by the next. Default 5. The first change after a quiet spell
   * waits only FIRST_CHANGE_MS: a single save is published at once, and the events that
   * follow it closely are taken together again.
   */
  debounceMs?: number;
  /**
   * Milliseconds of quiet after the last change before the article files and the feeds are
   * looked at on disk (see `scheduleAudit`). Default 2,000; it happens at the latest
   * 10,000 ms (or this, if longer) after the first change.
   */
  auditDelayMs?: number;
  /** The clock; tests may pass their own. Default `Date.now`. */
  clock?: () => number;
  /** Called after each rebuild, including the first. */
  onRebuild?: (report: RebuildReport) => void;
  /** Called when the WebSub hub has been told of changed feeds, or has given up. */
  onNotify?: (notification: HubNotification) => void;
  /** Called when the articles folder disappears; the feeds stay as they are until it is back. */
  onFolderMissing?: (folder: string) => void;
  /** Called when a rebuild fails for a reason outside the articles (a disk error). */
  onError?: (error: unknown) => void;
}

export interface RebuildReport {
  /** Why: the first build, a file change, a scheduled article's time, or a retry after a failure. */
  reason: "start" | "change" | "schedule" | "retry" | "audit";
  /** Files re-read in this rebuild, relative to the project root. */
  changed: string[];
  written: string[];
  unchanged: string[];
  /** Every current problem, also those of files not changed this time (printed until fixed). */
  problems: Problem[];
  /** Files of an earlier build no longer produced (a section with no article left), deleted. */
  removed: string[];
  /** Articles kept at their last good version because their file is now invalid. */
  keptLastGood: string[];
  /**
   * Files that were invalid when watching started: what the feeds on disk hold of them is
   * unknown, so nothing is written until they are fixed or deleted.
   */
  holding: string[];
  published: number;
  durationMs: number;
}

export interface HubNotification extends NotifyResult {
  hub: string;
  urls: string[];
}

export interface SiteWatcher {
  /** Stops watching, after the rebuild under way (if any) has finished writing. */
  close(): Promise<void>;
}

interface Entry {
  latest: ArticleReadResult;
  /** The newest valid version: what the feeds show while the file is invalid. */
  good?: Article;
  /** Order of first sight: of two articles with one id, the one seen first keeps it. */
  seen: number;
  /** Invalid since the start, with no good version to show (see RebuildReport.holding). */
  holdsWrites: boolean;
  /** The file's inode, size and times when it was last read; see `reconcile`. */
  stamp?: string;
}

/** The longest delay `setTimeout` honours (about 24.8 days); a farther schedule re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A file event after this long without any is rebuilt for after FIRST_CHANGE_MS. */
const QUIET_MS = 100;
const FIRST_CHANGE_MS = 1;
/** How often to look for an articles folder that was deleted or moved away. */
const FOLDER_POLL_MS = 500;
/** How long after its last write a file is taken to be whole. */
const SETTLE_MS = 100;
/** Until then, how often a file found half-written is looked at again. */
const RECHECK_MS = 10;
/** Quiet time after the last change before article files and feeds are checked on disk. */
const AUDIT_DELAY_MS = 2_000;
/** …but no later than this after it was first needed. */
const AUDIT_MAX_DELAY_MS = 10_000;
/** How often to check that the articles path is still the folder being watched. */
const ROOT_CHECK_MS = 1_000;
/** After a failed rebuild (a disk error), retry after 1 s, 2 s, 4 s… up to a minute. */
const RETRY_MS = { first: 1_000, max: 60_000 } as const;

export async function watchSite(options: WatchOptions): Promise<SiteWatcher> {
  const { config } = options;
  const clock = options.clock ?? Date.now;
  const debounceMs = options.debounceMs ?? 5;
  // setTimeout fires at once for a delay past MAX_TIMER_MS (Infinity among them).
  const auditDelayMs = Math.min(options.auditDelayMs ?? AUDIT_DELAY_MS, MAX_TIMER_MS);
  const auditMaxDelayMs = Math.min(Math.max(AUDIT_MAX_DELAY_MS, auditDelayMs), MAX_TIMER_MS);
  const entries = new Map<string, Entry>();
  /** Which of the entries' good versions share an id or a URL, kept as they change. */
  const collisions = new CollisionIndex();
  /** The entries' good versions, by language and section in feed order, kept as they change. */
  const plan = new IncrementalPlan();
  /** Files shown at their last good version, and files invalid since the start (`holding`). */
  const keptLastGood = new Set<string>();
  /** Files whose latest version has problems (warnings included), so a rebuild lists only those. */
  const withProblems = new Set<string>();
  const holding = new Set<string>();
  const rendered = new WeakMap<Article, RenderedArticle>();
  // Between rebuilds: serialized documents, and what is on disk, so that a change costs only
  // the documents it touches.
  const memo = new DocumentMemo();
  const onDisk: KnownFiles = new Map();
  const manifest: ManifestMemo = {};
  const encoded = new EncodedParts();
  const dirty = new Set<string>();
  let debounceTimer: NodeJS.Timeout | undefined;
  /** When the watcher last reported a file event (not one of our own second looks). */
  let lastEventAt = Number.NEGATIVE_INFINITY;
  let scheduleTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let auditTimer: NodeJS.Timeout | undefined;
  /** The look at the article files under way, if any (see `reconcile`). */
  let reconciling: Promise<void> | undefined;
  let auditAgain = false;
  /** When the audit must run at the latest, once requested. */
  let auditDue: number | undefined;
  const settleTimers = new Map<string, NodeJS.Timeout>();
  /** Files found gone, and when: see `flush`. */
  const vanished = new Map<string, number>();
  /** What the latest rebuild wrote (or found already there), for the audit. */
  let lastFiles: ReadonlyMap<string, FileText> | undefined;
  /** The files it produced without their text (archive pages): kept as they are by the audit. */
  let lastKept: readonly string[] = [];
  let failures = 0;
  let sightings = 0;
  /** Rebuilds one after another; the first build holds the rest back until it is over. */
  let queue: Promise<void> = Promise.resolve();
  /** Until the first build is over: no look on disk (the entries are not all known yet). */
  let starting = true;
  let closed = false;
  const stopping = new AbortController();
  let folderPoll: NodeJS.Timeout | undefined;
  /** The folder's identity when its watcher started: a folder swapped in has another inode. */
  let rootIdentity = "";
  /** Said once, with the first build: symbolic links found in the articles folder. */
  let startupWarnings: Problem[] = [];
  const notifications = new Set<Promise<void>>();

  /**
   * Articles that came from the cache on disk have their bodies read when first rendered (and
   * kept once their file is read again with the same bytes, see `flush`). One whose file no
   * longer holds its version shows only its summary: that rendering is not remembered, nor are
   * the documents that show it, so the next rebuild tries again.
   */
  const staleArticles = new Set<Article>();
  const renderFromFile = cachedRenderer(config, (article) => staleArticles.add(article));
  const render = (article: Article): RenderedArticle => {
    let html = rendered.get(article);
    if (html === undefined) {
      html = renderFromFile(article);
      if (!staleArticles.has(article)) rendered.set(article, html);
    }
    return html;
  };

  function remember(
    file: string,
    result: ArticleReadResult,
    atStart = false,
    stamp: string | undefined = undefined,
  ): void {
    const previous = entries.get(file);
    const good = result.article ?? previous?.good;
    if (good !== previous?.good) {
      if (previous?.good !== undefined) {
        collisions.remove(previous.good);
        plan.remove(previous.good);
      }
      if (good !== undefined) {
        collisions.add(good);
        plan.add(good);
      }
    }
    const holdsWrites =
      result.article === undefined && (atStart || (previous?.holdsWrites ?? false));
    entries.set(file, {
      latest: result,
      ...(good !== undefined && { good }),
      seen: previous?.seen ?? (atStart ? 0 : ++sightings),
      holdsWrites,
      ...((stamp ?? previous?.stamp) !== undefined && { stamp: stamp ?? previous?.stamp }),
    });
    setMember(keptLastGood, file, good !== undefined && result.article === undefined);
    setMember(withProblems, file, result.problems.length > 0);
    setMember(holding, file, holdsWrites);
  }

  /** The entry of `file` is gone (its file deleted): every index forgets it. */
  function forget(file: string): boolean {
    const gone = entries.get(file)?.good;
    if (gone !== undefined) {
      collisions.remove(gone);
      plan.remove(gone);
    }
    keptLastGood.delete(file);
    withProblems.delete(file);
    holding.delete(file);
    return entries.delete(file);
  }

  /**
   * First seen wins; articles present at start rank as `nashra build` ranks them. Only articles
   * that collide are compared, so their order of sight is looked up only then.
   */
  let seenOrder: Map<string, number> | undefined;
  const seenOf = (article: Article): number => {
    if (seenOrder === undefined) {
      seenOrder = new Map();
      for (const entry of entries.values()) {
        if (entry.good !== undefined) seenOrder.set(entry.good.file, entry.seen);
      }
    }
    return seenOrder.get(article.file) ?? 0;
  };
  const precedence = (a: Article, b: Article): number =>
    seenOf(a) - seenOf(b) || compareSeniority(a, b);

  async function rebuild(
    reason: RebuildReport["reason"],
    changed: string[],
    reuse?: Reuse,
  ): Promise<void> {
    const started = performance.now();
    seenOrder = undefined;
    const { stream, collection } = generateFeedParts(config, plan, clock(), {
      render,
      precedence,
      memo,
      contested: collisions.contested(),
      ...(reuse !== undefined && { reuse }),
    });
    // Armed before writing, so that a failed write cannot lose the schedule.
    armSchedule(collection.nextScheduled);
    // Each document is serialized as it is written. Archive pages are most of a site's bytes:
    // their text goes by to be written and is not kept, here as in the memo (the audit
    // serializes again one it must restore); the other files' texts are kept for the audit.
    const unremembered = new Set(stream.unremembered);
    const files = new Map<string, FileText>();
    const entries = (function* (): Generator<[string, FileText]> {
      for (const entry of stream.entries) {
        if (!unremembered.has(entry[0])) files.set(entry[0], entry[1]);
        yield entry;
      }
    })();
    let report: WriteReport = { written: [], unchanged: [], removed: [] };
    lastFiles = undefined; // nothing to audit until a write succeeds
    // The memo takes an archive page serialized now as written: until it is, it must be
    // serialized again (a write that fails or is held back would otherwise leave it stale).
    const unwritten = () => memo.forgetFolders(foldersOf([...unremembered]));
    try {
      if (holding.size > 0) {
        for (const _ of entries); // serialized all the same: the memo and what is stale are current
        unwritten();
      } else {
        try {
          report = await writeFiles(
            config.outDir,
            { paths: stream.paths, entries },
            { known: onDisk, trustKnown: true, kept: stream.kept, manifest, encoded },
          );
          for (const file of unremembered) {
            const known = onDisk.get(file);
            if (known !== undefined) known.content = undefined;
          }
          lastFiles = files;
          lastKept = [...stream.kept, ...unremembered];
          scheduleAudit();
        } catch (error) {
          // The rest serialized all the same, as if it had been written: the memo ends its rebuild.
          for (const _ of entries);
          unwritten();
          // What was written before the failure is on disk: subscribers must hear of it.
          if (error instanceof WriteError) notifyHubOf(error.report.written);
          throw error;
        }
      }
    } finally {
      if (staleArticles.size > 0) {
        memo.forget(staleArticles);
        staleArticles.clear();
      }
    }
    failures = 0;
    notifyHubOf(report.written);
    const problems = sortProblems([
      ...startupWarnings,
      ...currentProblems(),
      ...collection.problems,
    ]);
    options.onRebuild?.({
      reason,
      changed,
      ...report,
      problems,
      keptLastGood: [...keptLastGood].map((file) => displayPath(config.root, file)).sort(),
      holding: [...holding].map((file) => displayPath(config.root, file)).sort(),
      published: collection.published,
      durationMs: performance.now() - started,
    });
  }

  /**
   * A rebuild trusts the file events it got, and that the feeds it wrote before are still as
   * it left them. Once changes have quietened, both are checked: an article whose event was
   * lost is read again, and a feed deleted or edited behind nashra's back is restored.
   */
  function scheduleAudit(): void {
    if (closed || starting) return;
    // Postponed while changes go on, but never by more than auditMaxDelayMs in all: with an
    // editor saving every second, it must still happen.
    auditDue ??= Date.now() + auditMaxDelayMs;
    clearTimeout(auditTimer);
    auditTimer = setTimeout(
      () => {
        auditDue = undefined;
        // The look at the article files and at the feeds runs beside rebuilds, not in their
        // queue: at 100,000 articles it takes over a second, which a save made meanwhile would
        // wait for. Articles it finds changed are read again by the next rebuild; feeds, by the
        // write it queues. One look at a time; one asked for meanwhile (a file may have changed
        // after the look passed it) starts once that one is over.
        if (reconciling !== undefined) {
          auditAgain = true;
          return;
        }
        // A look at the article files that fails (an unreadable folder) is reported, and the
        // feeds are looked at all the same: rebuilding again would not mend it.
        reconciling = reconcile()
          .catch(reportError)
          .then(() => touchedFiles(config.outDir, onDisk, manifest, () => closed))
          .then((touched) => enqueue(() => auditFeeds(touched)))
          .catch(reportError)
          .finally(() => {
            reconciling = undefined;
            if (auditAgain) {
              auditAgain = false;
              scheduleAudit();
            }
          });
      },
      Math.min(auditDelayMs, Math.max(auditDue - Date.now(), 0)),
    );
  }

  /**
   * A feed deleted or edited behind nashra's back (`touched`, found outside the queue) is
   * written again: it is forgotten, and so compared with the disk. The others were just looked at.
   */
  async function auditFeeds(touched: Touched): Promise<void> {
    if (closed) return;
    // The files of the latest rebuild, which may have run since this audit was armed.
    if (lastFiles === undefined) return;
    for (const file of touched.files) onDisk.delete(file);
    if (touched.manifest) manifest.files = undefined;
    // Archive pages whose text was let go are serialized again by a rebuild.
    const files = lastFiles;
    const archived = touched.files.filter((file) => !files.has(file));
    if (archived.length > 0) {
      memo.forgetFolders(foldersOf(archived));
      await rebuild("audit", []);
      return;
    }
    const report = await writeFiles(config.outDir, files, {
      known: onDisk,
      trustKnown: true,
      kept: lastKept,
      manifest,
      encoded,
    });
    notifyHubOf(report.written);
  }

  /**
   * File events can be lost: a file edited through a hard link outside the articles folder is
   * not reported by the folder's watch, and an event queue can overflow. Once changes quieten,
   * every article file is looked at (one stat each) and those that differ from what was read,
   * appeared or vanished are read again.
   */
  async function reconcile(): Promise<void> {
    if (closed || folderPoll !== undefined) return;
    const { files } = await listArticleFiles(config.articlesDir);
    const listed = new Set(files);
    for (let index = 0; index < files.length; index++) {
      // A few hundred stats at a time: saves and requests are answered in between.
      if (index % STATS_PER_SLICE === STATS_PER_SLICE - 1) {
        await new Promise((resolve) => setImmediate(resolve));
        if (closed) return;
      }
      const file = files[index] as string;
      const entry = entries.get(file);
      const stamp = stampOf(lstatOrUndefined(file));
      // An entry without a status (its stat failed when it was read) is read again too.
      if (entry === undefined || entry.stamp !== stamp) markDirty(file);
    }
    for (const file of entries.keys()) if (!listed.has(file)) markDirty(file);
  }

  function currentProblems(): Problem[] {
    const problems: Problem[] = [];
    for (const file of withProblems) problems.push(...(entries.get(file)?.latest.problems ?? []));
    return problems;
  }

  function armSchedule(nextScheduled: number | undefined): void {
    clearTimeout(scheduleTimer);
    scheduleTimer = undefined;
    if (nextScheduled === undefined || closed) return;
    // One millisecond late rather than early: the article must be due when we look again.
    const delay = Math.min(Math.max(nextScheduled - clock() + 1, 0), MAX_TIMER_MS);
    scheduleTimer = setTimeout(() => enqueue(() => rebuild("schedule", [])), delay);
  }

  /**
   * Tells the WebSub hub about changed feeds, in the background: a rebuild never waits for it.
   * A few URLs a request: some hubs keep only one `hub.url`, others refuse long bodies.
   */
  function notifyHubOf(written: readonly string[]): void {
    const websub = config.websub;
    if (websub === undefined) return;
    const feedNames: readonly string[] = Object.values(FEED_FILE_NAMES);
    const urls = written
      .filter((file) => feedNames.includes(path.posix.basename(file)))
      .map((file) => new URL(file, config.feedBaseUrl).href);
    for (let start = 0; start < urls.length; start += websub.urlsPerRequest) {
      const batch = urls.slice(start, start + websub.urlsPerRequest);
      const pending = notifyHub(websub.hub, batch, {
        retries: websub.retries,
        signal: stopping.signal,
      })
        .then((result) => options.onNotify?.({ ...result, hub: websub.hub, urls: batch }))
        .catch(reportError)
        .finally(() => notifications.delete(pending));
      notifications.add(pending);
    }
  }

  function reportError(error: unknown): void {
    try {
      options.onError?.(error);
    } catch {
      // A failing error handler must not stop the watcher.
    }
  }

  function retryLater(): void {
    if (closed) return;
    const delay = Math.min(RETRY_MS.first * 2 ** failures, RETRY_MS.max);
    failures += 1;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => enqueue(() => rebuild("retry", [])), delay);
  }

  function enqueue(task: () => Promise<void>): void {
    queue = queue.then(task).catch((error: unknown) => {
      reportError(error);
      retryLater();
    });
  }

  async function flush(): Promise<void> {
    if (folderPoll !== undefined) return; // the folder is away: its files' events mean nothing
    const identity = identityOfRoot();
    if (identity === undefined) {
      articlesFolderGone();
      return;
    }
    if (identity !== rootIdentity) await followNewRoot();
    const paths = [...dirty].sort();
    dirty.clear();
    if (paths.length === 0 || closed) return;
    const changed: string[] = [];
    for (const absolute of paths) {
      const relative = path.relative(config.articlesDir, absolute);
      // lstat: a symbolic link is never followed, wherever it points. Synchronous, like the
      // read that follows: a save is answered without waiting for the thread pool (with the
      // folder's stat above, 2.9 → 1.3 ms from the start of this look to the rebuild, over 30
      // saves at 10,000 articles).
      const info = lstatOrUndefined(absolute);
      if (!isArticlePath(relative)) {
        // An image beside articles: those that show it are read again, for its new length.
        let shown = false;
        for (const [file, entry] of entries) {
          if (entry.good?.image?.localPath === absolute && !paths.includes(file)) {
            remember(file, await readArticle(config, file));
            changed.push(file);
            shown = true;
          }
        }
        // One written a moment ago may not be whole yet: its length is read again once settled.
        if (shown && info !== undefined && isSettling(info)) lookAgainLater(absolute, SETTLE_MS);
        continue;
      }
      if (info?.isFile() !== true) {
        // Gone: forgotten only once it has stayed gone for SETTLE_MS. A folder being deleted
        // loses its files before itself, and its feeds must not lose them first; an editor may
        // delete a file and write it again. (chokidar held such events back as long.)
        const goneAt = vanished.get(absolute) ?? Date.now();
        vanished.set(absolute, goneAt);
        const left = goneAt + SETTLE_MS - Date.now();
        if (left > 0 && entries.has(absolute)) {
          lookAgainLater(absolute, left);
          continue;
        }
        vanished.delete(absolute);
        if (forget(absolute)) changed.push(absolute);
        continue;
      }
      vanished.delete(absolute);
      const result = await readArticle(config, absolute);
      // A file written a moment ago may still be being written (emptied, then filled), and the
      // event of its last write may be the one this look answers: look at it again once it has
      // settled. A half-written file's errors are not reported before then; it is looked at
      // every few milliseconds meanwhile, so that the save is published as soon as it is whole.
      const settling = isSettling(info);
      const invalid = result.article === undefined;
      if (settling) lookAgainLater(absolute, invalid ? RECHECK_MS : SETTLE_MS);
      if (settling && invalid) continue;
      const known = entries.get(absolute);
      if (known !== undefined && known.latest.contentHash === result.contentHash) {
        known.stamp = stampOf(info); // same bytes
        // An article from the cache on disk gets its body, so that it can still be shown should
        // its file break later (the file would then no longer hold it).
        if (known.good !== undefined && result.article !== undefined) {
          fillBody(known.good, result.article.body);
        }
        continue;
      }
      remember(absolute, result, false, stampOf(info));
      changed.push(absolute);
    }
    if (changed.length > 0) {
      await rebuild(
        "change",
        changed.map((file) => path.relative(config.root, file).split(path.sep).join("/")),
      );
    }
  }

  function lookAgainLater(absolute: string, delay: number): void {
    clearTimeout(settleTimers.get(absolute));
    settleTimers.set(
      absolute,
      setTimeout(() => {
        settleTimers.delete(absolute);
        if (!closed) markDirty(absolute);
      }, delay),
    );
  }

  /** A file event: the first after a quiet spell is rebuilt for at once. */
  function changed(absolute: string): void {
    const now = performance.now();
    const quiet = now - lastEventAt > QUIET_MS;
    lastEventAt = now;
    markDirty(absolute, quiet ? Math.min(FIRST_CHANGE_MS, debounceMs) : debounceMs);
  }

  function markDirty(absolute: string, delay = debounceMs): void {
    if (closed) return;
    dirty.add(path.resolve(absolute));
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => enqueue(flush), delay);
    scheduleAudit();
  }

  /**
   * `file` is looked at again, and forgotten at once if it is not there: its folder is gone, or
   * another was swapped in, so it will not come back (the feeds would show it a moment longer).
   */
  function markGone(file: string): void {
    vanished.set(file, Number.NEGATIVE_INFINITY);
    markDirty(file);
  }

  /** A folder moved away or deleted: every article below it goes. */
  function forgetFolder(folder: string): void {
    lookBelow(folder, markGone);
  }

  /** Every article known below `folder` is looked at again (`mark`: markDirty or markGone). */
  function lookBelow(folder: string, mark: (file: string) => void): void {
    const prefix = path.resolve(folder) + path.sep;
    for (const file of entries.keys()) if (file.startsWith(prefix)) mark(file);
  }

  /** A folder moved in: chokidar does not report its files (it watches folders), so they are listed. */
  async function scanFolder(folder: string): Promise<void> {
    for (const file of (await listArticleFiles(folder)).files) markDirty(file);
  }

  const missing = await checkArticlesFolder(config);
  if (missing !== undefined) throw new Error(`${missing.file}: ${missing.message}`);
  // Held for the whole session: a second nashra on the same output folder is refused.
  const lock: OutputLock = await acquireOutputLock(config.outDir);
  let watcher: FSWatcher | undefined;
  // The watcher gets ready beside the first build: at 100,000 articles chokidar lists and
  // stats every file, about 3 s, and its garbage then mixes with the build's (peak RSS 0.76 →
  // 0.57 GB). Its events wait in the queue until the first build is over.
  let startDone = () => {};
  queue = new Promise((resolve) => {
    startDone = resolve;
  });
  const watching = startWatcher();
  watching.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  try {
    await removeStaleTemporaryFiles(config.outDir);
    const key = options.cache !== false ? siteCacheKey(config) : "";
    const cache = await loadSiteCache(config, key);
    const documentState = await DocumentState.load(config.cacheDir, key, key !== "");
    const initial = await listArticleFiles(config.articlesDir);
    // Each file's status before it was read: an edit made before the watcher is ready is then
    // found at the first look on disk (`reconcile`), which nothing else would report.
    const stamps: string[] = [];
    const initialResults = await readArticles(config, initial.files, {
      cache,
      onStatus: (index, info) => {
        stamps[index] = stampOf(info);
      },
    });
    initial.files.forEach((file, index) => {
      remember(file, initialResults[index] as ArticleReadResult, true, stamps[index]);
    });
    startupWarnings = linkProblems(config, initial.links);
    // Archive pages that the last build left on disk, untouched since, and that show the same
    // articles (by their files' hashes) are neither serialized nor compared: at 100,000
    // articles, 6,000 files and most of the start. Their size and time are known, for the audit.
    const hashes = new WeakMap<Article, string>();
    for (const result of initialResults) {
      if (result.article !== undefined && result.contentHash !== undefined) {
        hashes.set(result.article, result.contentHash);
      }
    }
    const intact = documentState.intact(config.outDir);
    for (const folder of intact.keys()) {
      for (const [file, stamp] of documentState.filesOf(folder)) onDisk.set(file, stamp);
    }
    await rebuild("start", [], { intact, hashOf: (article) => hashes.get(article) });
    startupWarnings = [];
    await cache.save();
    watcher = await watching;
    starting = false;
    // The first look on disk, whether or not anything was written (a start that holds writes
    // arms none): it finds edits made before the watcher was ready.
    scheduleAudit();
  } catch (error) {
    closed = true;
    clearTimeout(debounceTimer);
    clearInterval(folderPoll);
    await (await watching.catch(() => undefined))?.close();
    await lock.release();
    throw error;
  } finally {
    startDone();
  }

  /**
   * The articles folder's identity: a folder swapped in under its name has another inode. A
   * synchronous stat, so that a save does not wait for the thread pool.
   */
  function identityOfRoot(): string | undefined {
    try {
      const info = statSync(config.articlesDir, { throwIfNoEntry: false });
      return info?.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A watcher follows a folder, not a path: after `mv articles old && mv staging articles` it
   * would go on watching `old`. Checked every second, and before each rebuild.
   */
  async function checkRoot(): Promise<void> {
    if (closed || folderPoll !== undefined) return;
    const identity = identityOfRoot();
    if (identity === undefined) articlesFolderGone();
    else if (identity !== rootIdentity) await followNewRoot();
  }

  /** Watches the folder now at the articles path, and looks at every file again. */
  async function followNewRoot(): Promise<void> {
    const old = watcher;
    watcher = undefined;
    await old?.close();
    const started = await startWatcher();
    if (closed) {
      await started.close();
      return;
    }
    watcher = started;
    for (const file of entries.keys()) markGone(file);
    await scanFolder(config.articlesDir);
  }

  /** A path below the articles folder that nashra never reads (see isIgnoredName). */
  function isIgnoredPath(file: string): boolean {
    const relative = path.relative(config.articlesDir, file);
    return relative !== "" && relative.split(path.sep).some(isIgnoredName);
  }

  async function startWatcher(): Promise<FSWatcher> {
    rootIdentity = identityOfRoot() ?? "";
    // Set once chokidar has read its options (CHOKIDAR_USEPOLLING among them), before it looks
    // at any file: the first call of `ignored`, made at once, is for the folder, without stats.
    let polling = false;
    const created = chokidarWatch(config.articlesDir, {
      ignoreInitial: true,
      followSymlinks: false,
      // Folders only. chokidar watches each file it is given on its own (a watch, an FSWatcher
      // and a Stats each: at 100,000 articles, 9.4 s and 265 MB of heap before it was ready,
      // and one inotify watch per file, past many systems' limit). A folder's watch reports
      // what happens to the files in it: those events come through `raw`, below. Polling (a
      // network drive, some containers) sees no change of a file in a folder's own stat: there,
      // files are watched one by one, and reported by chokidar's add, change and unlink.
      ignored: (file: string, stats?: Stats) =>
        (stats?.isFile() === true && !polling) || isIgnoredPath(file),
    });
    polling = created.options.usePolling;
    created
      .on("raw", (_event, name, details) => {
        const folder = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
        if (polling || typeof folder !== "string") return;
        // A platform that does not name the file: every article in that folder is looked at.
        if (typeof name !== "string" || name === "") {
          lookBelow(folder, (file) => markDirty(file));
          scanFolder(folder).catch(reportError);
          return;
        }
        const file = path.join(folder, name);
        if (!isIgnoredPath(file)) changed(file);
      })
      // Symbolic links, which chokidar reports itself (they are not followed); every file when
      // polling.
      .on("add", changed)
      .on("change", changed)
      .on("unlink", changed)
      .on("unlinkDir", (folder) => {
        if (path.resolve(folder) === config.articlesDir) articlesFolderGone();
        else forgetFolder(folder);
      })
      .on("addDir", (folder) => {
        // Listed now, and again once the folder's own watch is surely in place: a file written
        // in between would otherwise wait for the audit.
        scanFolder(folder).catch(reportError);
        setTimeout(() => {
          if (!closed) scanFolder(folder).catch(reportError);
        }, SETTLE_MS);
      })
      .on("error", reportError);
    return await new Promise((resolve) => created.once("ready", () => resolve(created)));
  }

  /**
   * The articles folder was deleted or moved away. That is no reason to empty the feeds: keep
   * them as they are, and watch for the folder to come back.
   */
  function articlesFolderGone(): void {
    // While starting, the watcher is not this function's to close yet: the look at the folder
    // every ROOT_CHECK_MS, which begins once started, finds it gone.
    if (closed || starting || folderPoll !== undefined) return;
    options.onFolderMissing?.(displayPath(config.root, config.articlesDir));
    const old = watcher;
    watcher = undefined;
    old?.close().catch(reportError);
    folderPoll = setInterval(() => {
      if (identityOfRoot() === undefined || closed || folderPoll === undefined) return;
      clearInterval(folderPoll);
      folderPoll = undefined;
      followNewRoot().catch(reportError);
    }, FOLDER_POLL_MS);
  }

  const rootCheck = setInterval(() => {
    checkRoot().catch(reportError);
  }, ROOT_CHECK_MS);

  return {
    async close() {
      closed = true;
      clearTimeout(debounceTimer);
      clearTimeout(scheduleTimer);
      clearTimeout(retryTimer);
      clearTimeout(auditTimer);
      for (const timer of settleTimers.values()) clearTimeout(timer);
      clearInterval(folderPoll);
      clearInterval(rootCheck);
      await watcher?.close();
      await reconciling; // it stops at its next slice
      await queue;
      // Let notifications under way finish their current attempt, but retry no more.
      stopping.abort();
      await Promise.all(notifications);
      await lock.release();
    },
  };
}

/** Whether a file was written so lately (within SETTLE_MS) that it may not be whole yet. */
function isSettling(info: Stats): boolean {
  const age = Date.now() - info.mtimeMs;
  return age > -SETTLE_MS && age < SETTLE_MS;
}

/** What identifies one version of a file on disk, as far as a stat can tell. */
/** The folders (documents) of output files: `archive/12/` for `archive/12/rss.xml`. */
function foldersOf(files: readonly string[]): Set<string> {
  return new Set(files.map((file) => file.slice(0, file.lastIndexOf("/") + 1)));
}

function stampOf(info: Stats | undefined): string {
  return info === undefined ? "" : `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

function setMember<T>(set: Set<T>, item: T, member: boolean): void {
  if (member) set.add(item);
  else set.delete(item);
}
