// The persistent cache that makes a restart warm: each article file's validated Article,
// keyed by path, size, modification time and a hash of its bytes. The file carries a key
// (nashra's version, the config, the tz data) and a checksum: an entry from another version or
// config, or a corrupt or partial file, is never trusted.
//
// Bodies and HTML are not kept: they are most of an article's bytes, and a warm build needs few
// of them (only documents that changed are serialized again), so a cached article's body is
// read from its file when it must be rendered. The cache then stays small enough to load in a
// few tens of milliseconds at 10,000 articles.
import { hash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Article } from "../articles/article.js";
import type { ArticleReadResult } from "../articles/load.js";
import { removeStaleTemporaryFiles, writeAtomically } from "../output/write.js";

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the file's bytes (`contentHash`). */
  hash: string;
  /** In a cache read from disk, the article's `body` is empty: see `isBodiless`. */
  result: ArticleReadResult;
}

const FORMAT = "nashra-article-cache/3";

export class ArticleCache {
  private readonly entries: Map<string, CacheEntry>;
  /** Whether anything changed since the cache was read: an unchanged cache is not written. */
  private changed = false;

  private constructor(
    readonly file: string,
    readonly key: string,
    entries: Map<string, CacheEntry>,
  ) {
    this.entries = entries;
  }

  /** An empty cache where none can be trusted: missing, from elsewhere, or damaged. */
  static async load(file: string, key: string): Promise<ArticleCache> {
    return new ArticleCache(file, key, await readEntries(file, key));
  }

  /** A cache that is never read nor written (`--no-cache`). */
  static disabled(): ArticleCache {
    return new ArticleCache("", "", new Map());
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
        this.changed = true;
      }
    }
  }

  /**
   * Writes the cache. A cache is only a speed-up: failing to save it never fails a build, it
   * only makes the next start cold. Returns the reason when it could not be saved.
   */
  async save(): Promise<string | undefined> {
    if (this.file === "" || !this.changed) return undefined;
    try {
      await removeStaleTemporaryFiles(path.dirname(this.file));
      const persisted: Record<string, CacheEntry> = {};
      for (const [file, entry] of this.entries) persisted[file] = withoutBody(entry);
      await writeChecksummed(this.file, FORMAT, this.key, persisted);
      this.changed = false;
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
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
 * Articles read from the cache on disk, whose `body` is empty: it is read from the file when
 * the article must be rendered. A copy of such an article (a new image length) is one too.
 */
const bodiless = new WeakSet<Article>();

export function isBodiless(article: Article): boolean {
  return bodiless.has(article);
}

export function markBodiless(article: Article): void {
  bodiless.add(article);
}

function withoutBody(entry: CacheEntry): CacheEntry {
  const article = entry.result.article;
  if (article === undefined || article.body === "") return entry;
  return { ...entry, result: { ...entry.result, article: { ...article, body: "" } } };
}

export function cacheFileOf(cacheDir: string): string {
  return path.join(cacheDir, "articles.json");
}

async function readEntries(file: string, key: string): Promise<Map<string, CacheEntry>> {
  const entries = await readChecksummed(file, FORMAT, key);
  if (entries === null || typeof entries !== "object") return new Map();
  const valid = new Map<string, CacheEntry>();
  for (const [name, entry] of Object.entries(entries)) {
    if (!isEntry(entry)) continue;
    valid.set(name, entry);
    if (entry.result.article !== undefined) bodiless.add(entry.result.article);
  }
  return valid;
}

/**
 * A JSON payload behind a header line naming its format, the key it was made under and the
 * SHA-1 of the payload: anything that does not match, or does not parse, reads as undefined.
 */
export async function readChecksummed(file: string, format: string, key: string): Promise<unknown> {
  try {
    const bytes = await readFile(file);
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Record<
      string,
      unknown
    >;
    const payload = bytes.subarray(newline + 1);
    if (header.format !== format || header.key !== key || header.sha1 !== contentHash(payload)) {
      return undefined;
    }
    return JSON.parse(payload.toString("utf8"));
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
  const header = Buffer.from(`${JSON.stringify({ format, key, sha1: contentHash(payload) })}\n`);
  await writeAtomically(file, Buffer.concat([header, payload]));
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
