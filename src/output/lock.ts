// One writer per output folder. A second nashra on the same dist/ is refused with a clear
// message; a lock left by a process that died (SIGKILL, power cut) is noticed and taken over.
import { open, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface OutputLock {
  readonly file: string;
  release(): Promise<void>;
}

export class OutputLockedError extends Error {
  constructor(
    readonly outDir: string,
    readonly holder: LockContent,
  ) {
    super(
      `another nashra (process ${holder.pid}, started ${holder.started}) is writing to ${outDir}; stop it first, or wait until it ends`,
    );
  }
}

interface LockContent {
  pid: number;
  host: string;
  started: string;
}

/** Beside the output folder, not in it: nothing of nashra's own is published. */
export function lockFileOf(outDir: string): string {
  const resolved = path.resolve(outDir);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.nashra-lock`);
}

export async function acquireOutputLock(outDir: string): Promise<OutputLock> {
  const file = lockFileOf(outDir);
  const mine: LockContent = {
    pid: process.pid,
    host: os.hostname(),
    started: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx", 0o644);
      try {
        await handle.writeFile(`${JSON.stringify(mine)}\n`);
      } finally {
        await handle.close();
      }
      return { file, release: () => releaseIfMine(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = await readLock(file);
      if (holder !== undefined && isAlive(holder)) throw new OutputLockedError(outDir, holder);
      // The holder is gone: its lock is stale.
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

async function readLock(file: string): Promise<LockContent | undefined> {
  try {
    const content = JSON.parse(await readFile(file, "utf8")) as Partial<LockContent>;
    if (typeof content.pid !== "number") return undefined;
    return { pid: content.pid, host: String(content.host), started: String(content.started) };
  } catch {
    return undefined; // unreadable or half-written: its writer died while taking it
  }
}

function isAlive(holder: LockContent): boolean {
  // A process on another machine sharing the folder cannot be checked: assume it is alive.
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function releaseIfMine(file: string): Promise<void> {
  const holder = await readLock(file);
  if (holder?.pid === process.pid && holder.host === os.hostname()) await rm(file, { force: true });
}
