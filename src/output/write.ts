// Writing feeds: each file atomically (a temporary file in the same folder, then a rename), and
// only when its bytes change, so that readers polling with If-Modified-Since see no churn. A
// manifest of what nashra wrote lets it remove feeds it no longer produces (a tag whose last
// article was deleted) without ever touching a file it did not write.
import { randomBytes } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import {
  type FileHandle,
  mkdir,
  open,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
} from "node:fs/promises";
import path from "node:path";
import { type FileText, joinText, sameText } from "../feeds/file-text.js";

export interface WriteReport {
  written: string[];
  unchanged: string[];
  /** Files of an earlier build that this one no longer produces, now deleted. */
  removed: string[];
}

/** A write that failed part-way: `report` says what was done before the failure. */
export class WriteError extends Error {
  constructor(
    readonly report: WriteReport,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export const MANIFEST_FILE = ".nashra-manifest.json";
/** Our temporary files: `<name>.<pid>.<8 hex>.tmp`. */
const TEMPORARY = /\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Files written at once: enough to overlap their fsyncs, few enough to bound memory. */
const WRITE_CONCURRENCY = 8;

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * The size and time of each of `files` (relative to `root`) that is a regular file (lstat: a
 * link is not followed); the others are left out. What a build records of its outputs, taken
 * once for the record of each document and the build record (6,000 files at 100,000 articles).
 */
export function stampFiles(root: string, files: Iterable<string>): Map<string, FileStamp> {
  const stamps = new Map<string, FileStamp>();
  for (const file of files) {
    try {
      const info = lstatSync(path.join(root, file), { throwIfNoEntry: false });
      if (info?.isFile() === true) stamps.set(file, { size: info.size, mtimeMs: info.mtimeMs });
    } catch {
      // not a folder on the way, no permission: not a file nashra can vouch for
    }
  }
  return stamps;
}

/**
 * What a previous write left in a file: the size and time it had then, and its content unless
 * the caller let it go (watch mode keeps no archive page's text: one that is written again is
 * compared with the disk).
 */
export type KnownFiles = Map<string, { content?: FileText; size: number; mtimeMs: number }>;

export interface WriteOptions {
  /**
   * What earlier calls of this process wrote or found. A file with the same content, whose size
   * and modification time show that nobody touched it since, is not read back to be compared:
   * in watch mode at tens of thousands of articles, that is most of the cost.
   */
  known?: KnownFiles;
  /**
   * Trust `known` without looking at the disk: a file whose content is the one this process
   * last wrote is taken as still there. Watch mode does so to answer a save at once, and checks
   * the disk in the background afterwards (a feed deleted or edited by hand is then restored).
   */
  trustKnown?: boolean;
  /** Files this build produces but leaves as they are on disk (unchanged documents). */
  kept?: readonly string[];
  /** What the last write of this process left in the manifest, kept by the caller between writes. */
  manifest?: ManifestMemo;
  /** Bytes of parts written lately, kept by the caller between writes (watch mode). */
  encoded?: EncodedParts;
}

/** The files the manifest lists after a write, and the size and time it was left with. */
export interface ManifestMemo {
  files?: ReadonlySet<string>;
  stamp?: FileStamp | undefined;
}

/**
 * Files given one by one, each made when it is reached (see streamFeedFiles), with all their
 * paths known beforehand for the manifest.
 */
export interface FileStream {
  paths: readonly string[];
  entries: Iterable<[path: string, content: FileText]>;
}

export async function writeFiles(
  outDir: string,
  files: ReadonlyMap<string, FileText> | FileStream,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const { known, trustKnown = false, kept = [], manifest: memo } = options;
  const { paths, entries }: FileStream = isFileStream(files)
    ? files
    : { paths: [...files.keys()], entries: files.entries() };
  const root = path.resolve(outDir);
  // Reported by their place in `paths`, put back in that order at the end.
  const written: number[] = [];
  const unchanged: number[] = [];
  const removed: string[] = [];
  const report = (): WriteReport => ({
    written: inOrder(paths, written),
    unchanged: inOrder(paths, unchanged),
    removed,
  });
  try {
    // The same files as the last write, whose manifest is still as it left it: the manifest
    // needs neither reading nor writing, and no file is to be removed. In watch mode at 100,000
    // articles, that saves going over 6,000 names twice a save.
    const listed = memo?.files;
    const sameFiles =
      listed !== undefined &&
      sameFileSet(listed, paths, kept) &&
      (trustKnown || sameStamp(path.join(root, MANIFEST_FILE), memo?.stamp));
    if (memo !== undefined) memo.files = undefined; // until this write succeeds
    const previous = sameFiles ? [] : await readManifest(root);
    const manifestFile = path.join(root, MANIFEST_FILE);
    // Before any feed is written, the manifest names the old files and the new: should this
    // write fail half-way, a later one still knows every file it may have to remove.
    const before = new Set(previous);
    const produced = sameFiles ? before : new Set([...paths, ...kept]);
    const adds = !sameFiles && [...produced].some((file) => !before.has(file));
    if (adds) await writeManifest(manifestFile, [...new Set([...previous, ...produced])]);
    // Files trusted to hold what they are to hold are passed over here, without a task each:
    // in watch mode at 100,000 articles, that is some 6,000 files a save.
    const toCheck = (function* () {
      let index = 0;
      for (const entry of entries) {
        const remembered = trustKnown ? known?.get(entry[0])?.content : undefined;
        if (remembered !== undefined && sameText(remembered, entry[1])) {
          unchanged.push(index);
        } else {
          yield [index, entry] as const;
        }
        index += 1;
      }
    })();
    await forEachConcurrently(toCheck, WRITE_CONCURRENCY, async ([index, [relative, content]]) => {
      const target = insideOutDir(root, relative);
      const remembered = known?.get(relative);
      // A file this process wrote, still as it left it: its content is known without reading.
      const rememberedContent = remembered?.content;
      const trusted =
        remembered !== undefined &&
        rememberedContent !== undefined &&
        (trustKnown || sameStamp(target, remembered));
      if (trusted && sameText(rememberedContent, content)) {
        unchanged.push(index);
        return;
      }
      const scratch = scratchBuffers.pop() ?? new ScratchBuffer();
      try {
        const bytes = scratch.encode(content, options.encoded);
        let stamp: FileStamp;
        if (trusted || !hasBytes(target, bytes)) {
          stamp = await writeAtomically(target, bytes);
          written.push(index);
        } else {
          stamp = await stat(target);
          unchanged.push(index);
        }
        known?.set(relative, { content, size: stamp.size, mtimeMs: stamp.mtimeMs });
      } finally {
        // A buffer grown for an unusually large file is let go, not kept for the whole session.
        if (scratch.capacity <= MAX_KEPT_SCRATCH_BYTES) scratchBuffers.push(scratch);
      }
    });
    for (const relative of previous) {
      if (produced.has(relative)) continue;
      known?.delete(relative);
      if (!(await removeIfPresent(insideOutDir(root, relative)))) continue;
      await removeEmptyFolders(root, path.dirname(insideOutDir(root, relative)));
      removed.push(relative);
    }
    // The same files as before: the manifest already names them.
    if (adds || before.size !== produced.size) await writeManifest(manifestFile, [...produced]);
    if (memo !== undefined) {
      memo.files = sameFiles ? listed : produced;
      // Only a manifest this write read or wrote is known to be nashra's: one left alone keeps
      // the stamp it had, so that an edit made by hand since is still seen as one.
      if (!sameFiles) memo.stamp = await stat(manifestFile).catch(() => undefined);
    }
  } catch (error) {
    throw new WriteError(report(), error);
  } finally {
    options.encoded?.endWrite();
  }
  return report();
}

/** What changed on disk behind this process's back (see `touchedFiles`). */
export interface Touched {
  /** Files of `known` whose size or modification time is no longer what was written. */
  files: string[];
  /** Whether the manifest differs from what the last write left (or that is unknown). */
  manifest: boolean;
}

/**
 * Looks at every file of `known` on disk (one stat each, a few hundred at a time so that the
 * process answers meanwhile) and reports those that someone else changed or deleted. The
 * watcher does this outside its queue of rebuilds, then writes again only what it found, so
 * that at 100,000 articles (6,000 files) a save made meanwhile does not wait for the stats.
 */
export async function touchedFiles(
  outDir: string,
  known: KnownFiles,
  manifest: ManifestMemo,
  shouldStop: () => boolean = () => false,
): Promise<Touched> {
  const root = path.resolve(outDir);
  const files: string[] = [];
  let looked = 0;
  for (const [relative, remembered] of known) {
    if (++looked % STATS_PER_SLICE === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      if (shouldStop()) break;
    }
    if (!sameStamp(path.join(root, relative), remembered)) files.push(relative);
  }
  return { files, manifest: !sameStamp(path.join(root, MANIFEST_FILE), manifest.stamp) };
}

/** Whether `file` still has the size and time it was left with; any doubt says no. */
function sameStamp(file: string, stamp: FileStamp | undefined): boolean {
  try {
    const info = statSync(file, { throwIfNoEntry: false });
    return info !== undefined && info.size === stamp?.size && info.mtimeMs === stamp.mtimeMs;
  } catch {
    return false; // a folder replaced by a file (ENOTDIR), no permission…
  }
}

/** Files looked at between two turns of the event loop, in `touchedFiles`. */
export const STATS_PER_SLICE = 200;

/**
 * Deletes temporary files that a killed process left behind. Call it only while holding the
 * output folder's lock: then no other writer can own them.
 */
export async function removeStaleTemporaryFiles(outDir: string): Promise<string[]> {
  let names: string[];
  try {
    // Synchronous: Node's asynchronous recursive listing took about 20–40 ms for 700 files.
    names = readdirSync(outDir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  const stale = names.filter((name) => TEMPORARY.test(name));
  for (const name of stale) await rm(path.join(outDir, name), { force: true });
  return stale;
}

function insideOutDir(root: string, relative: string): string {
  const target = path.resolve(root, relative);
  if (!target.startsWith(root + path.sep)) {
    throw new Error(`refusing to touch ${relative}, which is outside ${root}`);
  }
  return target;
}

/** Deletes a file; false when there was none (a write that failed before making it). */
async function removeIfPresent(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return false;
    throw error;
  }
}

async function writeManifest(file: string, entries: readonly string[]): Promise<void> {
  const manifest = Buffer.from(`${JSON.stringify([...entries].sort())}\n`);
  if (!hasBytes(file, manifest)) await writeAtomically(file, manifest);
}

async function readManifest(root: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(root, MANIFEST_FILE), "utf8"));
    return Array.isArray(parsed) ? parsed.filter((entry) => typeof entry === "string") : [];
  } catch {
    // No manifest (a first build, or one by an older nashra): nothing is removed.
    return [];
  }
}

async function removeEmptyFolders(root: string, folder: string): Promise<void> {
  for (let current = folder; current.startsWith(root + path.sep); current = path.dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty, or already gone
    }
  }
}

/**
 * A buffer kept for encoding one file after another. `Buffer.from` of a 200 KB feed takes fresh
 * memory each time, which here costs six times the encoding itself; a save in watch mode
 * writes about fifteen such files.
 */
class ScratchBuffer {
  private buffer = Buffer.allocUnsafeSlow(0);

  get capacity(): number {
    return this.buffer.length;
  }

  /**
   * `text` as UTF-8, valid until the next call. Parts found in `encoded` are copied from there
   * rather than encoded again; long parts are added to it.
   */
  encode(text: FileText, encoded?: EncodedParts): Buffer {
    if (encoded === undefined) {
      // One string, one call: a feed comes in thousands of small parts, and a call for each
      // part took three times as long as joining them first (a build writes every archive page).
      const whole = joinText(text);
      this.reserve(whole.length);
      return this.buffer.subarray(0, this.buffer.write(whole, 0, "utf8"));
    }
    const parts = typeof text === "string" ? [text] : text;
    let length = 0;
    for (const part of parts) length += part.length;
    this.reserve(length);
    let end = 0;
    for (const part of parts) {
      const bytes = encoded?.get(part);
      if (bytes !== undefined) {
        end += bytes.copy(this.buffer, end);
      } else {
        const written = this.buffer.write(part, end, "utf8");
        encoded?.add(part, this.buffer, end, written);
        end += written;
      }
    }
    return this.buffer.subarray(0, end);
  }

  /** Room for `length` UTF-16 code units as UTF-8, which takes at most three bytes for each. */
  private reserve(length: number): void {
    if (this.buffer.length < length * 3) {
      this.buffer = Buffer.allocUnsafeSlow(Math.max(length * 3, 1 << 20));
    }
  }
}

/**
 * The UTF-8 bytes of the long parts of files written lately (a feed's items), kept between
 * writes in watch mode. A save rewrites some fifteen feeds that differ from their last version
 * by an item or two; encoding their 200 KB each again took about 4 ms a save here, more than
 * copying the bytes. Parts not used by the last few writes are let go, and the whole is bounded.
 */
export class EncodedParts {
  private readonly parts = new Map<string, { bytes: Buffer; used: number }>();
  private write = 0;
  private size = 0;

  get(part: string): Buffer | undefined {
    const entry = this.parts.get(part);
    if (entry === undefined) return undefined;
    entry.used = this.write;
    return entry.bytes;
  }

  add(part: string, from: Buffer, start: number, length: number): void {
    if (part.length < MIN_ENCODED_PART || this.size + length > MAX_ENCODED_BYTES) return;
    // A copy of its own: `from` is a scratch buffer, written over by the next file.
    const bytes = Buffer.from(from.subarray(start, start + length));
    this.parts.set(part, { bytes, used: this.write });
    this.size += length;
  }

  /** Called once a write is over: parts that the last writes did not use are let go. */
  endWrite(): void {
    this.write += 1;
    for (const [part, entry] of this.parts) {
      if (this.write - entry.used > KEPT_WRITES) {
        this.parts.delete(part);
        this.size -= entry.bytes.length;
      }
    }
  }
}

/** Shorter parts (punctuation between items) are encoded each time: a lookup costs more. */
const MIN_ENCODED_PART = 256;
const MAX_ENCODED_BYTES = 64 << 20;
/** How many writes a part is kept for without being used. */
const KEPT_WRITES = 4;

/** Free scratch buffers, one per write under way at most; kept between calls. */
const scratchBuffers: ScratchBuffer[] = [];
/** Up to 8 of these stay allocated (WRITE_CONCURRENCY): feeds of up to about 1.3 MB. */
const MAX_KEPT_SCRATCH_BYTES = 4 << 20;

function isFileStream(files: ReadonlyMap<string, FileText> | FileStream): files is FileStream {
  return "paths" in files;
}

/** The files at `places` in `paths`, in the order of `paths`, whatever order they came in. */
function inOrder(paths: readonly string[], places: number[]): string[] {
  return places.sort((a, b) => a - b).map((place) => paths[place] as string);
}

/** Whether `files` holds exactly `paths` and `kept` (which hold no name twice between them). */
function sameFileSet(
  files: ReadonlySet<string>,
  paths: readonly string[],
  kept: readonly string[],
): boolean {
  if (files.size !== paths.length + kept.length) return false;
  for (const file of paths) if (!files.has(file)) return false;
  for (const file of kept) if (!files.has(file)) return false;
  return true;
}

/**
 * Runs `task` on every item, at most `limit` at a time; the first failure is thrown and no
 * further item is taken. Items are taken from `items` only as tasks start.
 */
async function forEachConcurrently<T>(
  items: Iterable<T>,
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed) {
      const next = iterator.next();
      if (next.done === true) return;
      try {
        await task(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: limit }, worker));
  const failure = results.find((result) => result.status === "rejected");
  if (failure !== undefined) throw failure.reason;
}

/**
 * Whether `file` holds exactly `bytes`. Synchronous, and read only when the size is the same:
 * through the thread pool, finding that 6,000 files of a first build did not exist yet took
 * about 0.7 s at 100,000 articles.
 */
function hasBytes(file: string, bytes: Buffer): boolean {
  try {
    const info = statSync(file, { throwIfNoEntry: false });
    if (info === undefined || !info.isFile() || info.size !== bytes.length) return false;
    return readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

/** Writes `target` whole or not at all; returns the size and time the new file has. */
export function writeAtomically(target: string, bytes: Buffer): Promise<FileStamp> {
  return writeAtomicallyWith(target, async (handle) => {
    await handle.writeFile(bytes);
  });
}

/** writeAtomically, with the content written by `write` into the new file, in pieces if need be. */
export async function writeAtomicallyWith(
  target: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<FileStamp> {
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const handle = await openCreatingFolder(temporary);
    let stamp: FileStamp;
    try {
      await write(handle);
      // The bytes and the length are on disk before the rename can be: a crash leaves the old
      // file or the new one, whole. fdatasync, not fsync: the file's times need not be flushed,
      // which saved about a fifth of the time of writing a save's files here.
      await handle.datasync();
      // A rename keeps the file's size and time: no need to look at it again afterwards.
      stamp = await handle.stat();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    return { size: stamp.size, mtimeMs: stamp.mtimeMs };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Opens a new file; its folder is made only when missing (most writes replace a file). */
async function openCreatingFolder(file: string): Promise<FileHandle> {
  try {
    return await open(file, "w", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(path.dirname(file), { recursive: true });
    return await open(file, "w", 0o644);
  }
}
