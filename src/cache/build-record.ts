// What the last build read and wrote, so that a build that finds nothing changed since can stop
// there: the size and time of every article file and of every image beside one, the span of time
// in which its choice of published articles holds, the size and time of every file it left in
// the output folder, and what it reported. A restart then costs a stat per file instead of
// reading the cache, planning every feed and comparing every document (issue 5's warm restart).
//
// The feeds are a function of the articles' bytes, the images' lengths, the config, nashra's and
// its libraries' versions (all in the cache key) and the clock, which only decides which
// scheduled articles are out. So when every input is as recorded, the clock is inside the span,
// and every output is as written, the feeds on disk are what a full build would write.
import { lstatSync, type Stats } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Article } from "../articles/article.js";
import { type FileStamp, MANIFEST_FILE } from "../output/write.js";
import type { Problem } from "../problems.js";
import { contentHash, readChecksummed, writeChecksummedEntries } from "./checksums.js";

const FORMAT = "nashra-build-record/3";

/** Paths with the size and modification time each had, as three parallel lists (compact JSON). */
interface Stamps {
  paths: string[];
  sizes: number[];
  mtimes: number[];
}

/** The article counts a build reports. */
export interface ArticleCounts {
  valid: number;
  published: number;
  drafts: number;
  scheduled: number;
}

/**
 * The article files: the hash of their listing (absolute paths, sorted), and the size and time
 * of each in that order. A hash rather than the paths: at 100,000 articles the paths were half
 * the record, about 4 MB to write and to read again at every start.
 */
interface ArticleStamps {
  listing: string;
  sizes: number[];
  mtimes: number[];
}

interface RecordData {
  articles: ArticleStamps;
  /** Each image beside an article, with the length the feeds give it (-1: none). */
  images: [string, number][];
  /** The clock may be anywhere in [from, until) for the same articles to be published (null: no end). */
  from: number | null;
  until: number | null;
  /** Every file the build left in the output folder, the manifest included. */
  outputs: Stamps;
  /** What the build reported about the articles (not the links of the listing: looked at anew). */
  problems: Problem[];
  counts: ArticleCounts;
}

/** What a build that found nothing changed reports: the last build's problems and counts. */
export interface UpToDate {
  problems: Problem[];
  counts: ArticleCounts;
  /** The files in the output folder, the manifest left out. */
  files: string[];
}

export function buildRecordFileOf(cacheDir: string): string {
  return path.join(cacheDir, "build.json");
}

/**
 * The record of the last build, if it can be trusted: written under the same cache key (same
 * nashra, libraries, tz data and config) and whole.
 */
export async function readBuildRecord(
  cacheDir: string,
  key: string,
): Promise<RecordData | undefined> {
  const data = await readChecksummed(buildRecordFileOf(cacheDir), FORMAT, key);
  return isRecord(data) ? data : undefined;
}

/**
 * What the last build reported, when nothing it depends on has changed since: the same article
 * files (`files`, absolute and sorted, as listed, whose listingHash is `listed`), each with its
 * recorded size and time, the same image lengths, a clock within the span, and every output
 * file as it was left.
 */
export function upToDate(
  record: RecordData,
  outDir: string,
  files: readonly string[],
  listed: string,
  now: number,
): UpToDate | undefined {
  if ((record.from !== null && now < record.from) || (record.until !== null && now >= record.until))
    return undefined;
  const { articles, outputs } = record;
  if (files.length !== articles.sizes.length || listed !== articles.listing) {
    return undefined;
  }
  for (let index = 0; index < files.length; index++) {
    if (!sameStamp(files[index] as string, articles.sizes[index], articles.mtimes[index])) {
      return undefined;
    }
  }
  for (const [image, length] of record.images) {
    const info = lstatQuietly(image);
    if ((info?.isFile() === true ? info.size : -1) !== length) return undefined;
  }
  const base = `${outDir}${path.sep}`;
  for (let index = 0; index < outputs.paths.length; index++) {
    const file = `${base}${outputs.paths[index]}`;
    if (!sameStamp(file, outputs.sizes[index], outputs.mtimes[index])) return undefined;
  }
  return {
    problems: record.problems,
    counts: record.counts,
    files: outputs.paths.filter((file) => file !== MANIFEST_FILE),
  };
}

/** Whether `file` is a regular file with the recorded size and time. */
function sameStamp(file: string, size: number | undefined, mtimeMs: number | undefined): boolean {
  // lstat: a link put where a file was is a change, never followed.
  const info = lstatQuietly(file);
  return info?.isFile() === true && info.size === size && info.mtimeMs === mtimeMs;
}

/**
 * The hash of a listing of files: their paths as a JSON list, which tells every listing from
 * every other (paths joined by line breaks did not: a name may hold one).
 */
export function listingHash(files: readonly string[]): string {
  return contentHash(JSON.stringify(files));
}

/** Synchronous: thousands of stats cost far less this way than through the thread pool. */
function lstatQuietly(file: string): Stats | undefined {
  try {
    return lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined; // not a folder on the way, no permission: not as recorded
  }
}

export interface BuildFacts {
  /** The listingHash of the article files read. */
  listed: string;
  /** The size (NaN when the file's status was not taken) and time of each file as it was read. */
  read: { sizes: Float64Array; mtimes: Float64Array };
  /** The valid articles. */
  articles: readonly Article[];
  now: number;
  /** Every file of the output folder the build produced, relative to it. */
  outputs: readonly string[];
  /** stampFiles of `outputs` and the manifest, taken once the build had written. */
  onDisk: ReadonlyMap<string, FileStamp>;
  problems: readonly Problem[];
  counts: ArticleCounts;
}

/**
 * Records a build that wrote its feeds, or removes the record when one cannot be made (a file
 * whose status was not taken, an output gone). A record that an earlier build left (this one
 * failed, or ran without a cache, or watch wrote since) is never wrong, only useless: what it
 * describes has changed, so its stamps no longer match. Returns the reason when it could do
 * neither.
 */
export async function saveBuildRecord(
  cacheDir: string,
  key: string,
  facts: BuildFacts,
): Promise<string | undefined> {
  const file = buildRecordFileOf(cacheDir);
  try {
    const record = makeRecord(facts);
    if (record === undefined) await rm(file, { force: true });
    // Written a field at a time: the whole text, with its copies for the checksum, was 16 MB
    // more at the end of a 100,000-article build.
    else await writeChecksummedEntries(file, FORMAT, key, Object.entries(record));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function makeRecord(facts: BuildFacts): RecordData | undefined {
  if (facts.read.sizes.some(Number.isNaN)) return undefined;
  const articles: ArticleStamps = {
    listing: facts.listed,
    sizes: Array.from(facts.read.sizes),
    mtimes: Array.from(facts.read.mtimes),
  };
  const outputs: Stamps = { paths: [], sizes: [], mtimes: [] };
  for (const file of [...facts.outputs, MANIFEST_FILE]) {
    const stamp = facts.onDisk.get(file);
    if (stamp === undefined) return undefined;
    outputs.paths.push(file);
    outputs.sizes.push(stamp.size);
    outputs.mtimes.push(stamp.mtimeMs);
  }
  // The published articles change when the clock passes the newest published one backwards or
  // the first scheduled one forwards; drafts never are.
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  const images = new Map<string, number>();
  for (const article of facts.articles) {
    const localPath = article.image?.localPath;
    if (localPath !== undefined) images.set(localPath, article.image?.length ?? -1);
    if (article.draft) continue;
    if (article.published <= facts.now) from = Math.max(from, article.published);
    else until = Math.min(until, article.published);
  }
  return {
    articles,
    images: [...images],
    // JSON has no infinities.
    from: Number.isFinite(from) ? from : null,
    until: Number.isFinite(until) ? until : null,
    outputs,
    problems: [...facts.problems],
    counts: facts.counts,
  };
}

function isRecord(value: unknown): value is RecordData {
  const record = value as Partial<RecordData> | null;
  return (
    typeof record === "object" &&
    record !== null &&
    isArticleStamps(record.articles) &&
    isStamps(record.outputs) &&
    Array.isArray(record.images) &&
    record.images.every(
      (image) =>
        Array.isArray(image) && typeof image[0] === "string" && typeof image[1] === "number",
    ) &&
    (record.from === null || typeof record.from === "number") &&
    (record.until === null || typeof record.until === "number") &&
    Array.isArray(record.problems) &&
    typeof record.counts === "object" &&
    record.counts !== null &&
    Object.values(record.counts).every((count) => typeof count === "number")
  );
}

function isArticleStamps(value: unknown): value is ArticleStamps {
  const stamps = value as Partial<ArticleStamps> | null;
  return (
    typeof stamps === "object" &&
    stamps !== null &&
    typeof stamps.listing === "string" &&
    Array.isArray(stamps.sizes) &&
    Array.isArray(stamps.mtimes) &&
    stamps.sizes.length === stamps.mtimes.length
  );
}

function isStamps(value: unknown): value is Stamps {
  const stamps = value as Partial<Stamps> | null;
  return (
    typeof stamps === "object" &&
    stamps !== null &&
    Array.isArray(stamps.paths) &&
    Array.isArray(stamps.sizes) &&
    Array.isArray(stamps.mtimes) &&
    stamps.paths.length === stamps.sizes.length &&
    stamps.paths.length === stamps.mtimes.length
  );
}
