// The persistent cache that makes a restart warm: each article file's validated Article,
// keyed by path, size, modification time and a hash of its bytes. The file carries a key
// (nashra's version, the config, the tz data) and a checksum: an entry from another version or
// config, or a corrupt or partial file, is never trusted.
//
// Bodies and HTML are not kept: they are most of an article's bytes, and a warm build needs few
// of them (only documents that changed are serialized again), so a cached article's body is
// read from its file when it must be rendered. The cache is then about 10 MB at 10,000
// articles, which takes about 0.2 s to read and check here. A save that changed few entries
// writes them to a journal beside the cache file instead of the whole file again.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Article } from "../articles/article.js";
import type { ArticleReadResult } from "../articles/load.js";
import { shareValuesOf } from "../articles/sharing.js";
import { removeStaleTemporaryFiles } from "../output/write.js";
import {
  readChecksummed,
  readChecksummedLines,
  writeChecksummed,
  writeChecksummedLines,
} from "./checksums.js";

/**
 * What the cache keeps of a file: the result of reading it, with the size and time the file had.
 * One object, which a read also gives as its result: at 100,000 articles, a result and an entry
 * apart cost 5 MB more. In a cache read from disk, the article's `body` is empty (`isBodiless`).
 */
export interface CacheEntry extends ArticleReadResult {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the file's bytes. */
  contentHash: string;
}

const FORMAT = "nashra-article-cache/5";
const JOURNAL_FORMAT = "nashra-article-journal/2";
/**
 * The journal is written instead of the whole cache while it holds at most this many entries,
 * or an eighth of the cache if more. Beyond that it is no longer small, and the whole cache is
 * written again: the journal never grows without end.
 */
const JOURNAL_MIN_ENTRIES = 256;

/**
 * The entries set and removed since the cache file was written, kept beside it: a restart with
 * one article changed writes this, not the whole cache (100 MB at 100,000 articles). `base` is
 * the checksum of the cache file it applies to; against any other, it is ignored.
 */
interface Journal {
  base: string;
  set: Record<string, CacheEntry>;
  removed: string[];
}

export class ArticleCache {
  private readonly entries: Map<string, CacheEntry>;
  /** Whether anything changed since the cache was read or saved: an unchanged cache is not written. */
  private changed = false;
  /** Files set or removed since the cache file was written: what a journal holds. */
  private sinceBase: Set<string>;
  /**
   * Whether `sinceBase` is kept: only once there is a cache file that a journal could apply to.
   * Before, the first save writes the whole cache anyway, and a set of every file a first build
   * reads would cost 3 MB at 100,000 articles for nothing.
   */
  private tracking: boolean;
  /** The checksum of the cache file as read or last written; undefined when there is none. */
  private base: string | undefined;

  private constructor(
    readonly file: string,
    readonly key: string,
    loaded: LoadedEntries,
  ) {
    this.entries = loaded.entries;
    this.base = loaded.base;
    this.sinceBase = loaded.sinceBase ?? new Set();
    this.tracking = loaded.base !== undefined;
  }

  /** An empty cache where none can be trusted: missing, from elsewhere, or damaged. */
  static async load(file: string, key: string): Promise<ArticleCache> {
    return new ArticleCache(file, key, await readEntries(file, key));
  }

  /** A cache that is never read nor written (`--no-cache`). */
  static disabled(): ArticleCache {
    return new ArticleCache("", "", { entries: new Map() });
  }

  get size(): number {
    return this.entries.size;
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  /** The entry of `file` if it is still the same: same size and time, or same bytes. */
  lookup(file: string, size: number, mtimeMs: number): CacheEntry | undefined {
    const entry = this.entries.get(file);
    return entry !== undefined && entry.size === size && entry.mtimeMs === mtimeMs
      ? entry
      : undefined;
  }

  set(file: string, entry: CacheEntry): void {
    if (this.file === "") return;
    this.entries.set(file, entry);
    if (this.tracking) this.sinceBase.add(file);
    this.changed = true;
  }

  get(file: string): CacheEntry | undefined {
    return this.entries.get(file);
  }

  /** Keeps only the entries of `files`: those of deleted files go. */
  retain(files: ReadonlySet<string>): void {
    for (const file of this.entries.keys()) {
      if (!files.has(file)) {
        this.entries.delete(file);
        if (this.tracking) this.sinceBase.add(file);
        this.changed = true;
      }
    }
  }

  /**
   * Writes the cache: the entries changed since the cache file was written, as a journal beside
   * it, while they are few; else the whole cache again, which makes the journal void. A cache is
   * only a speed-up: failing to save it never fails a build, it only makes the next start do
   * more. Returns the reason when it could not be saved.
   */
  async save(): Promise<string | undefined> {
    if (this.file === "" || !this.changed) return undefined;
    // What is written is the cache as it is now: a change made while the file is being written
    // is left for the next save.
    this.changed = false;
    const limit = Math.max(JOURNAL_MIN_ENTRIES, this.entries.size / 8);
    const journal =
      this.base !== undefined && this.sinceBase.size <= limit ? this.journal() : undefined;
    // Two flat lists rather than a list of pairs: at 100,000 articles, 5 MB less at the build's
    // peak.
    const files = journal === undefined ? [...this.entries.keys()] : [];
    const entries = journal === undefined ? [...this.entries.values()] : [];
    const written = this.sinceBase;
    if (journal === undefined) {
      // What changes from now on is relative to the file about to be written.
      this.sinceBase = new Set();
      this.tracking = true;
    }
    try {
      await removeStaleTemporaryFiles(path.dirname(this.file));
      if (journal !== undefined) {
        await writeChecksummed(journalFileOf(this.file), JOURNAL_FORMAT, this.key, journal);
      } else {
        // One line a file: [path, entry].
        const lines = (function* () {
          for (let index = 0; index < files.length; index++) {
            yield [files[index] as string, withoutBody(entries[index] as CacheEntry)];
          }
        })();
        this.base = await writeChecksummedLines(this.file, FORMAT, this.key, lines);
        await rm(journalFileOf(this.file), { force: true });
      }
      return undefined;
    } catch (error) {
      this.changed = true;
      for (const file of written) this.sinceBase.add(file);
      return error instanceof Error ? error.message : String(error);
    }
  }

  private journal(): Journal {
    const journal: Journal = { base: this.base ?? "", set: {}, removed: [] };
    for (const file of this.sinceBase) {
      const entry = this.entries.get(file);
      if (entry === undefined) journal.removed.push(file);
      else journal.set[file] = withoutBody(entry);
    }
    return journal;
  }
}

/**
 * Articles whose `body` is empty because it was not kept (read from the cache on disk, or by a
 * build, which keeps no bodies): it is read from the file when the article must be rendered.
 * Each maps to the SHA-1 of the file it was read from, so that a file changed since is not
 * taken for it. A copy of such an article (a new image length) is one too.
 */
const bodiless = new WeakMap<Article, string>();

export function isBodiless(article: Article): boolean {
  return bodiless.has(article);
}

/** The hash of the file a body-less article was read from. */
export function bodilessHash(article: Article): string | undefined {
  return bodiless.get(article);
}

export function markBodiless(article: Article, fileHash: string): void {
  bodiless.set(article, fileHash);
}

/** Gives a body-less article the body read from the same bytes again; no-op for others. */
export function fillBody(article: Article, body: string): void {
  if (!bodiless.delete(article)) return;
  article.body = body;
}

function withoutBody(entry: CacheEntry): CacheEntry {
  const article = entry.article;
  if (article === undefined || article.body === "") return entry;
  return { ...entry, article: { ...article, body: "" } };
}

export function cacheFileOf(cacheDir: string): string {
  return path.join(cacheDir, "articles.json");
}

function journalFileOf(cacheFile: string): string {
  return cacheFile.replace(/\.json$/, ".journal.json");
}

/** A cache as read: its entries, the checksum of its file, and what its journal changed. */
interface LoadedEntries {
  entries: Map<string, CacheEntry>;
  base?: string;
  sinceBase?: Set<string>;
}

/** The cache file's entries, with its journal applied when the journal is of that file. */
async function readEntries(file: string, key: string): Promise<LoadedEntries> {
  const entries = new Map<string, CacheEntry>();
  const remember = (name: string, entry: unknown) => {
    if (!isEntry(entry)) return;
    entries.set(name, entry);
    if (entry.article !== undefined) {
      shareValuesOf(entry.article);
      bodiless.set(entry.article, entry.contentHash);
    }
  };
  const base = await readChecksummedLines(file, FORMAT, key, (line) => {
    if (Array.isArray(line) && typeof line[0] === "string") remember(line[0], line[1]);
  });
  // Entries of a file that turned out damaged are dropped with the map.
  if (base === undefined) return { entries: new Map() };
  const journal = await readChecksummed(journalFileOf(file), JOURNAL_FORMAT, key);
  if (!isJournal(journal) || journal.base !== base) return { entries, base };
  const sinceBase = new Set<string>();
  for (const [name, entry] of Object.entries(journal.set)) {
    entries.delete(name); // an entry the journal holds but cannot use is no older version's
    remember(name, entry);
    sinceBase.add(name);
  }
  for (const name of journal.removed) {
    entries.delete(name);
    sinceBase.add(name);
  }
  return { entries, base, sinceBase };
}

function isJournal(value: unknown): value is Journal {
  const journal = value as Partial<Journal> | null;
  return (
    typeof journal === "object" &&
    journal !== null &&
    typeof journal.base === "string" &&
    typeof journal.set === "object" &&
    journal.set !== null &&
    Array.isArray(journal.removed) &&
    journal.removed.every((name) => typeof name === "string")
  );
}

function isEntry(value: unknown): value is CacheEntry {
  const entry = value as Partial<CacheEntry> | null;
  return (
    typeof entry === "object" &&
    entry !== null &&
    typeof entry.size === "number" &&
    typeof entry.mtimeMs === "number" &&
    typeof entry.contentHash === "string" &&
    Array.isArray(entry.problems) &&
    (entry.article === undefined || (typeof entry.article === "object" && entry.article !== null))
  );
}
