// Reading articles from disk: the I/O edge of the pipeline.
import type { Stats } from "node:fs";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
} from "node:fs";
import path from "node:path";
import {
  type ArticleCache,
  bodilessHash,
  type CacheEntry,
  markBodiless,
} from "../cache/article-cache.js";
import { contentHash as hashOf } from "../cache/checksums.js";
import type { SiteConfig } from "../config/resolve.js";
import type { Problem } from "../problems.js";
import type { Article } from "./article.js";
import { displayPath } from "./files.js";
import { parseArticleSource } from "./parse.js";
import { validateArticle } from "./validate.js";

export interface ArticleReadResult {
  article?: Article;
  problems: readonly Problem[];
  /** SHA-1 of the file's bytes (`contentHash`), when it could be read. */
  contentHash?: string;
}

const READ_CONCURRENCY = 32;
const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads, parses and validates one article file. Never throws for bad content. */
export async function readArticle(
  config: SiteConfig,
  absolutePath: string,
): Promise<ArticleReadResult> {
  return readArticleFile(config, absolutePath, displayPath(config.root, absolutePath), true).result;
}

/**
 * readArticle, with the size and time the open file had when it was read (for the cache);
 * without `keepBody`, the article's body is left empty (see `isBodiless`). `file` is the path
 * shown (displayPath), given by the caller that already has it: one string for the cache's key
 * and the article.
 */
function readArticleFile(
  config: SiteConfig,
  absolutePath: string,
  file: string,
  keepBody: boolean,
): { result: ArticleReadResult; info?: Stats } {
  const fileProblem = (rule: string, message: string): { result: ArticleReadResult } => ({
    result: { problems: [{ file, line: 1, field: "file", rule, severity: "error", message }] },
  });
  let bytes: Buffer;
  let info: Stats;
  try {
    ({ bytes, info } = readRegularFile(absolutePath, config.maxArticleBytes));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") {
      return fileProblem(
        "file/symlink",
        "is a symbolic link, which nashra never follows; copy the article here instead",
      );
    }
    if (error instanceof TooLargeError) {
      return fileProblem(
        "file/too-large",
        `is ${formatBytes(error.size)}, over the limit of ${formatBytes(config.maxArticleBytes)}; split it, or raise maxArticleBytes in the config`,
      );
    }
    return fileProblem("file/unreadable", `cannot be read (${code ?? error})`);
  }
  const contentHash = hashOf(bytes);
  if (bytes.includes(0)) {
    return fileProblem(
      "file/binary",
      "holds NUL bytes, so it is a binary file and not a Markdown article",
    );
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fileProblem("file/encoding", "is not valid UTF-8; save it as UTF-8");
  }
  if (text.replace(/^\uFEFF/, "").trim() === "") {
    return fileProblem(
      "file/empty",
      "is empty; write a front matter with at least a title and a date",
    );
  }
  const parsed = parseArticleSource(file, text);
  if (!parsed.ok) return { result: { problems: parsed.problems, contentHash }, info };
  const { article, problems } = validateArticle(parsed.source, config);
  // Built field by field: a spread of the validation result gave each of 100,000 results a
  // map (hidden class) of its own, about 0.15 KB an article. Most have no problem: they share
  // one empty list.
  const result: ArticleReadResult = {
    article,
    problems: problems.length === 0 ? NO_PROBLEMS : problems,
    contentHash,
  };
  const image = result.article?.image;
  if (image?.localPath !== undefined) {
    try {
      const info = lstatSync(image.localPath);
      if (info.isFile()) image.length = info.size;
    } catch {
      // Not beside the article: the site serves it from elsewhere, and its length is unknown.
    }
  }
  // The body is most of an article's memory, and a build renders only the few articles a latest
  // feed shows: those read it again from the file (cachedRenderer). 100,000 bodies would be
  // about 350 MB. Watch keeps them: it may have to show a version its file no longer holds.
  if (!keepBody && result.article !== undefined) {
    result.article.body = "";
    markBodiless(result.article, contentHash);
  }
  return { result, info };
}

/** The file's own status (a symbolic link is not followed), or undefined when there is none. */
export function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The Markdown body of an article that was kept without it (see `isBodiless`): read again from
 * its file, synchronously, when a feed must render it. Undefined when the file no longer holds
 * the version the article was read from (changed, deleted or unreadable since).
 */
export function readArticleBody(config: SiteConfig, article: Article): string | undefined {
  const absolute = path.resolve(config.root, article.file);
  let text: string;
  try {
    const { bytes } = readRegularFile(absolute, config.maxArticleBytes);
    if (hashOf(bytes) !== bodilessHash(article)) return undefined;
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  const parsed = parseArticleSource(article.file, text);
  return parsed.ok ? parsed.source.body : undefined;
}

class TooLargeError extends Error {
  constructor(readonly size: number) {
    super(`file of ${size} bytes`);
  }
}

/**
 * Reads a regular file without following a symbolic link (O_NOFOLLOW: no window in which a link
 * could be swapped in) and without reading more than `limit` bytes of it. O_NONBLOCK: a FIFO
 * put in an article's place opens at once, and is then refused, instead of hanging the open.
 *
 * Synchronous on purpose: for 10,000 small files, open, stat, read and close through the thread
 * pool cost about four times the wall time and CPU of the same calls made directly. Also timed
 * by the bench's floor (bench/floor.ts).
 */
export function readRegularFile(file: string, limit: number): { bytes: Buffer; info: Stats } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw Object.assign(new Error("not a regular file"), { code: "EISDIR" });
    if (info.size > limit) throw new TooLargeError(info.size);
    return { bytes: readWhole(fd, info.size, limit), info };
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of the open file `fd`, whose status gave `size`: read straight into a buffer of that
 * size (readFileSync looks at the status again, a tenth of a read's time here). A file that grew
 * since is read again whole.
 */
function readWhole(fd: number, size: number, limit: number): Buffer {
  const buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  while (length < buffer.length) {
    const read = readSync(fd, buffer, length, buffer.length - length, length);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
  const bytes = readFileSync(fd);
  if (bytes.length > limit) throw new TooLargeError(bytes.length);
  return bytes;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, "")} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MiB`;
}

/**
 * The image beside an article can change without the article: its length is read again
 * (one stat) rather than trusted from the cache.
 */
function withCurrentImageLength(result: ArticleReadResult): ArticleReadResult {
  const article = result.article;
  const localPath = article?.image?.localPath;
  if (article?.image === undefined || localPath === undefined) return result;
  const info = lstatOrUndefined(localPath);
  const length = info?.isFile() ? info.size : undefined;
  if (length === article.image.length) return result;
  const { length: _old, ...image } = article.image;
  const current = { ...article, image: { ...image, ...(length !== undefined && { length }) } };
  // A copy of an article without its body has none either: it is read when rendered.
  const fileHash = bodilessHash(article);
  if (fileHash !== undefined) markBodiless(current, fileHash);
  return { ...result, article: current };
}

/**
 * Reads many files with bounded concurrency, keeping their order. With a cache, a file whose
 * size and modification time are unchanged is not read again.
 */
export interface ReadOptions {
  /** Files whose size and modification time are unchanged are taken from it. */
  cache?: ArticleCache;
  /** Called after each file is read, for a progress bar. */
  onRead?: () => void;
  /** Keep each article's body. Default: true; a build says false (see readArticleFile). */
  keepBodies?: boolean;
  /** The status of each file, taken before its content was read (or found in the cache). */
  onStatus?: (index: number, info: Stats) => void;
}

export async function readArticles(
  config: SiteConfig,
  files: readonly string[],
  options: ReadOptions = {},
): Promise<ArticleReadResult[]> {
  const { cache, onRead, keepBodies = true, onStatus } = options;
  const results: ArticleReadResult[] = new Array(files.length);
  let next = 0;
  async function readOne(absolute: string, index: number): Promise<ArticleReadResult> {
    const file = displayPath(config.root, absolute);
    // Synchronous: one stat costs far less than a trip through the thread pool, and a warm
    // start is 10,000 of them. A file the cache does not know needs none: it is read anyway.
    if (cache?.has(file)) {
      const known = lstatOrUndefined(absolute);
      const hit = known?.isFile() ? cache.lookup(file, known.size, known.mtimeMs) : undefined;
      if (known !== undefined && hit !== undefined) {
        onStatus?.(index, known);
        return withCurrentImageLength(hit);
      }
    }
    // The size and time are those of the open file, taken before its bytes were read.
    const { result, info } = readArticleFile(config, absolute, file, keepBodies);
    if (info !== undefined) onStatus?.(index, info);
    if (cache !== undefined && info !== undefined && result.contentHash !== undefined) {
      // The cache's entry is the result (see CacheEntry).
      const entry: CacheEntry = {
        article: result.article,
        problems: result.problems,
        contentHash: result.contentHash,
        // A small integer (the file is at most maxArticleBytes, 64 MiB): a stat's size is a
        // double, which an object would keep in a box of its own, 1.6 MB at 100,000 articles.
        size: info.size | 0,
        mtimeMs: info.mtimeMs,
      };
      cache.set(file, entry);
      return entry;
    }
    return result;
  }
  async function worker(): Promise<void> {
    while (next < files.length) {
      const index = next++;
      results[index] = await readOne(files[index] as string, index);
      onRead?.();
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  cache?.retain(new Set(files.map((absolute) => displayPath(config.root, absolute))));
  return results;
}
