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
import { createHash, hash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Article } from "../articles/article.js";
import type { ArticleReadResult } from "../articles/load.js";
import {
  removeStaleTemporaryFiles,
  writeAtomically,
  writeAtomicallyWith,
} from "../output/write.js";

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the file's bytes (`contentHash`). */
  hash: string;
  /** In a cache read from disk, the article's `body` is empty: see `isBodiless`. */
  result: ArticleReadResult;
}

const FORMAT = "nashra-article-cache/4";
const JOURNAL_FORMAT = "nashra-article-journal/1";
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
        const persisted = (function* () {
          for (let index = 0; index < files.length; index++) {
            yield [files[index] as string, withoutBody(entries[index] as CacheEntry)] as const;
          }
        })();
        this.base = await writeChecksummedEntries(this.file, FORMAT, this.key, persisted);
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
 * A hash that tells whether bytes changed (a file, a cache payload, what a document shows).
 * SHA-1: it only detects change, and is several times faster than SHA-256 here; someone able
 * to craft a collision can write the articles anyway.
 */
export function contentHash(data: string | Buffer): string {
  return hash("sha1", data, "hex");
}

/** What a cache entry depends on besides the file: nashra's version, the config, the tz data. */
export function cacheKey(parts: Record<string, unknown>): string {
  return contentHash(JSON.stringify(parts));
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
  const article = entry.result.article;
  if (article === undefined || article.body === "") return entry;
  return { ...entry, result: { ...entry.result, article: { ...article, body: "" } } };
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
  const read = await readChecksummedFile(file, FORMAT, key);
  const entries = new Map<string, CacheEntry>();
  if (read === undefined || read.data === null || typeof read.data !== "object") return { entries };
  const remember = (name: string, entry: unknown) => {
    if (!isEntry(entry)) return;
    entries.set(name, entry);
    if (entry.result.article !== undefined) bodiless.set(entry.result.article, entry.hash);
  };
  for (const [name, entry] of Object.entries(read.data)) remember(name, entry);
  const journal = await readChecksummed(journalFileOf(file), JOURNAL_FORMAT, key);
  if (!isJournal(journal) || journal.base !== read.sha1) return { entries, base: read.sha1 };
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
  return { entries, base: read.sha1, sinceBase };
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

/**
 * A JSON payload behind a header line naming its format, the key it was made under and the
 * SHA-1 of the payload: anything that does not match, or does not parse, reads as undefined.
 */
export async function readChecksummed(file: string, format: string, key: string): Promise<unknown> {
  return (await readChecksummedFile(file, format, key))?.data;
}

/** readChecksummed, with the checksum of the payload read: what names that version of the file. */
async function readChecksummedFile(
  file: string,
  format: string,
  key: string,
): Promise<{ data: unknown; sha1: string } | undefined> {
  try {
    const bytes = await readFile(file);
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Record<
      string,
      unknown
    >;
    const payload = bytes.subarray(newline + 1);
    const sha1 = contentHash(payload);
    if (header.format !== format || header.key !== key || header.sha1 !== sha1) return undefined;
    return { data: JSON.parse(payload.toString("utf8")), sha1 };
  } catch {
    return undefined; // missing, unreadable or not JSON: start cold
  }
}

export async function writeChecksummed(
  file: string,
  format: string,
  key: string,
  data: unknown,
): Promise<void> {
  const payload = Buffer.from(JSON.stringify(data), "utf8");
  await writeAtomically(
    file,
    Buffer.concat([checksumHeader(format, key, contentHash(payload)), payload]),
  );
}

/** About a megabyte of JSON at a time: the cache of 100,000 articles is about 100 MB. */
const CHUNK_BYTES = 1 << 20;

/**
 * writeChecksummed of the object of `entries`, written a piece at a time so that the whole JSON
 * text is never in memory. Each entry's JSON is encoded straight into one reused buffer: joining
 * entries into megabyte strings first put each such string in V8's large-object space, where
 * 100 of them waited for a full collection (about 60 MB more at the peak of a 100,000-article
 * build). The header, whose checksum is known only at the end, has a fixed length: a
 * placeholder goes first and the real header over it once the payload is written. Returns the
 * payload's checksum.
 */
export async function writeChecksummedEntries(
  file: string,
  format: string,
  key: string,
  entries: Iterable<readonly [string, unknown]>,
): Promise<string> {
  const placeholder = checksumHeader(format, key, "0".repeat(40));
  let sha1 = "";
  await writeAtomicallyWith(file, async (handle) => {
    const digest = createHash("sha1");
    let position = placeholder.length;
    const put = async (bytes: Buffer) => {
      digest.update(bytes);
      await handle.write(bytes, 0, bytes.length, position);
      position += bytes.length;
    };
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let used = 0;
    // Encodes `text` into the chunk; only when it is full is there a write to wait for.
    const add = (text: string): Promise<void> | undefined => {
      const length = Buffer.byteLength(text, "utf8");
      if (used + length <= CHUNK_BYTES) {
        used += chunk.write(text, used, "utf8");
        return undefined;
      }
      return (async () => {
        if (used > 0) await put(chunk.subarray(0, used));
        used = 0;
        if (length > CHUNK_BYTES) await put(Buffer.from(text, "utf8"));
        else used = chunk.write(text, 0, "utf8");
      })();
    };
    await handle.write(placeholder, 0, placeholder.length, 0);
    let separator = "{";
    for (const [name, value] of entries) {
      const full = add(`${separator}${JSON.stringify(name)}:${JSON.stringify(value)}`);
      if (full !== undefined) await full;
      separator = ",";
    }
    await add(separator === "{" ? "{}" : "}");
    if (used > 0) await put(chunk.subarray(0, used));
    sha1 = digest.digest("hex");
    const header = checksumHeader(format, key, sha1);
    await handle.write(header, 0, header.length, 0);
  });
  return sha1;
}

function checksumHeader(format: string, key: string, sha1: string): Buffer {
  return Buffer.from(`${JSON.stringify({ format, key, sha1 })}\n`);
}

function isEntry(value: unknown): value is CacheEntry {
  const entry = value as Partial<CacheEntry> | null;
  return (
    typeof entry === "object" &&
    entry !== null &&
    typeof entry.size === "number" &&
    typeof entry.mtimeMs === "number" &&
    typeof entry.hash === "string" &&
    typeof entry.result === "object" &&
    entry.result !== null &&
    Array.isArray(entry.result.problems)
  );
}
