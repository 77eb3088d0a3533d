// The persistent cache that makes a restart warm: each article file's validated Article (and
// its rendered HTML), keyed by path, size, modification time and a hash of its bytes. The file
// carries a key (nashra's version, the config, the tz data) and a checksum: an entry from
// another version or config, or a corrupt or partial file, is never trusted.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ArticleReadResult } from "../articles/load.js";
import { removeStaleTemporaryFiles, writeAtomically } from "../output/write.js";

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** SHA-256 of the file's bytes. */
  hash: string;
  result: ArticleReadResult;
  /** The rendered HTML and summary, once some feed needed them. */
  rendered?: { html: string; summary?: string };
}

const FORMAT = "nashra-article-cache/1";

export class ArticleCache {
  private readonly entries: Map<string, CacheEntry>;

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

  /** The entry of `file` if it is still the same: same size and time, or same bytes. */
  lookup(file: string, size: number, mtimeMs: number): CacheEntry | undefined {
    const entry = this.entries.get(file);
    return entry !== undefined && entry.size === size && entry.mtimeMs === mtimeMs
      ? entry
      : undefined;
  }

  lookupByHash(file: string, hash: string): CacheEntry | undefined {
    const entry = this.entries.get(file);
    return entry?.hash === hash ? entry : undefined;
  }

  set(file: string, entry: CacheEntry): void {
    if (this.file !== "") this.entries.set(file, entry);
  }

  get(file: string): CacheEntry | undefined {
    return this.entries.get(file);
  }

  /** Keeps only the entries of `files`: those of deleted files go. */
  retain(files: ReadonlySet<string>): void {
    for (const file of this.entries.keys()) if (!files.has(file)) this.entries.delete(file);
  }

  /**
   * Writes the cache. A cache is only a speed-up: failing to save it never fails a build, it
   * only makes the next start cold. Returns the reason when it could not be saved.
   */
  async save(): Promise<string | undefined> {
    if (this.file === "") return undefined;
    try {
      await removeStaleTemporaryFiles(path.dirname(this.file));
      await writeChecksummed(this.file, FORMAT, this.key, Object.fromEntries(this.entries));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** What a cache entry depends on besides the file: nashra's version, the config, the tz data. */
export function cacheKey(parts: Record<string, unknown>): string {
  return sha256(JSON.stringify(parts));
}

export function cacheFileOf(cacheDir: string): string {
  return path.join(cacheDir, "articles.json");
}

async function readEntries(file: string, key: string): Promise<Map<string, CacheEntry>> {
  const entries = await readChecksummed(file, FORMAT, key);
  if (entries === null || typeof entries !== "object") return new Map();
  return new Map(
    Object.entries(entries).filter((pair): pair is [string, CacheEntry] => isEntry(pair[1])),
  );
}

/**
 * A JSON payload behind a header line naming its format, the key it was made under and the
 * SHA-256 of the payload: anything that does not match, or does not parse, reads as undefined.
 */
export async function readChecksummed(file: string, format: string, key: string): Promise<unknown> {
  try {
    const text = await readFile(file, "utf8");
    const newline = text.indexOf("\n");
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    const payload = text.slice(newline + 1);
    if (header.format !== format || header.key !== key || header.sha256 !== sha256(payload)) {
      return undefined;
    }
    return JSON.parse(payload);
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
  const payload = JSON.stringify(data);
  const header = JSON.stringify({ format, key, sha256: sha256(payload) });
  await writeAtomically(file, Buffer.from(`${header}\n${payload}`));
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
