// One writer per output folder. A second nashra on the same dist/ is refused with a clear
// message; a lock left by a process that died (SIGKILL, power cut) is noticed and taken over.
import { randomBytes } from "node:crypto";
import { link, readFile, rename, rm, writeFile } from "node:fs/promises";
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
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written whole to a temporary file, then linked into place: link() fails if the lock
    // exists, and nobody ever sees a lock file without its content.
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(temporary, `${JSON.stringify(mine)}\n`, { mode: 0o644 });
    try {
      await link(temporary, file);
      return { file, release: () => releaseIfMine(file, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    const holder = await readLock(file);
    if (holder !== undefined && isAlive(holder)) throw new OutputLockedError(outDir, holder);
    await removeStaleLock(file, holder);
  }
  throw new Error(`could not take the lock ${file}`);
}

/**
 * Moves a dead holder's lock aside and deletes it, unless what was moved is not that lock (another
 * process took over in the meantime): then it is put back, untouched.
 */
async function removeStaleLock(file: string, stale: LockContent | undefined): Promise<void> {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return; // gone already: someone else cleared it
  }
  const moved = await readLock(aside);
  const same =
    moved === undefined
      ? stale === undefined
      : stale !== undefined && moved.pid === stale.pid && moved.started === stale.started;
  if (same) {
    await rm(aside, { force: true });
  } else {
    await link(aside, file).catch(() => undefined);
    await rm(aside, { force: true });
  }
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

/** When this process started: a lock with our own pid but older than us is a previous life's. */
const PROCESS_STARTED = Date.now() - process.uptime() * 1000;

function isAlive(holder: LockContent): boolean {
  // A process on another machine sharing the folder cannot be checked: assume it is alive.
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) {
    // A container restarted as the same pid, or this very process (then the lock is held).
    return Date.parse(holder.started) >= PROCESS_STARTED - 1000;
  }
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function releaseIfMine(file: string, mine: LockContent): Promise<void> {
  const holder = await readLock(file);
  if (holder?.pid === mine.pid && holder.host === mine.host && holder.started === mine.started) {
    await rm(file, { force: true });
  }
}
