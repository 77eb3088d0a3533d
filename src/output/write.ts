// Writing feeds: each file atomically (a temporary file in the same folder, then a rename), and
// only when its bytes change, so that readers polling with If-Modified-Since see no churn. A
// manifest of what nashra wrote lets it remove feeds it no longer produces (a tag whose last
// article was deleted) without ever touching a file it did not write.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";

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

export async function writeFiles(
  outDir: string,
  files: ReadonlyMap<string, string>,
): Promise<WriteReport> {
  const root = path.resolve(outDir);
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  try {
    const previous = await readManifest(root);
    for (const [relative, content] of files) {
      const target = insideOutDir(root, relative);
      const bytes = Buffer.from(content, "utf8");
      if (await hasBytes(target, bytes)) {
        report.unchanged.push(relative);
        continue;
      }
      await writeAtomically(target, bytes);
      report.written.push(relative);
    }
    for (const relative of previous) {
      if (files.has(relative)) continue;
      await rm(insideOutDir(root, relative), { force: true });
      await removeEmptyFolders(root, path.dirname(insideOutDir(root, relative)));
      report.removed.push(relative);
    }
    const manifest = Buffer.from(`${JSON.stringify([...files.keys()].sort())}\n`);
    const manifestFile = path.join(root, MANIFEST_FILE);
    if (!(await hasBytes(manifestFile, manifest))) await writeAtomically(manifestFile, manifest);
  } catch (error) {
    throw new WriteError(report, error);
  }
  return report;
}

/**
 * Deletes temporary files that a killed process left behind. Call it only while holding the
 * output folder's lock: then no other writer can own them.
 */
export async function removeStaleTemporaryFiles(outDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(outDir, { recursive: true });
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

async function hasBytes(file: string, bytes: Buffer): Promise<boolean> {
  try {
    return (await readFile(file)).equals(bytes);
  } catch {
    return false;
  }
}

export async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const handle = await open(temporary, "w", 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
