// Writing feeds: each file atomically (a temporary file in the same folder, then a rename), and
// only when its bytes change, so that readers polling with If-Modified-Since see no churn.
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";

export interface WriteReport {
  written: string[];
  unchanged: string[];
}

export async function writeFiles(
  outDir: string,
  files: ReadonlyMap<string, string>,
): Promise<WriteReport> {
  const report: WriteReport = { written: [], unchanged: [] };
  for (const [relative, content] of files) {
    const target = path.resolve(outDir, relative);
    if (!target.startsWith(path.resolve(outDir) + path.sep)) {
      throw new Error(`refusing to write ${relative} outside ${outDir}`);
    }
    const bytes = Buffer.from(content, "utf8");
    if (await hasBytes(target, bytes)) {
      report.unchanged.push(relative);
      continue;
    }
    await writeAtomically(target, bytes);
    report.written.push(relative);
  }
  return report;
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
