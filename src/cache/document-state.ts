// What the last build wrote, per feed document: the signature of what it showed, and the size
// and time of its files. A build whose document has the same signature, and finds its files
// untouched, does not serialize or compare it again: a warm start costs what changed.
import { statSync } from "node:fs";
import path from "node:path";
import type { FileStamp } from "../output/write.js";
import { readChecksummed, writeChecksummed } from "./checksums.js";

interface DocumentRecord {
  signature: string;
  files: Record<string, FileStamp>;
}

const FORMAT = "nashra-document-state/1";

export class DocumentState {
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private records: Record<string, DocumentRecord>,
  ) {}

  static async load(cacheDir: string, key: string, enabled: boolean): Promise<DocumentState> {
    const file = enabled ? path.join(cacheDir, "documents.json") : "";
    const data = enabled ? await readChecksummed(file, FORMAT, key) : undefined;
    const records =
      data !== null && typeof data === "object" ? (data as Record<string, DocumentRecord>) : {};
    return new DocumentState(file, key, records);
  }

  /** Folder → signature, for each document whose files are all still as the last build left them. */
  intact(outDir: string): Map<string, string> {
    const result = new Map<string, string>();
    for (const [folder, record] of Object.entries(this.records)) {
      if (typeof record?.signature !== "string" || typeof record.files !== "object") continue;
      const stamps = Object.entries(record.files);
      const untouched = stamps.every(([file, stamp]) => {
        const info = statOrUndefined(path.join(outDir, file));
        return info !== undefined && info.size === stamp.size && info.mtimeMs === stamp.mtimeMs;
      });
      if (stamps.length > 0 && untouched) result.set(folder, record.signature);
    }
    return result;
  }

  /** The files of the document at `folder`, with the size and time each had when recorded. */
  filesOf(folder: string): [file: string, stamp: FileStamp][] {
    const files = this.records[folder]?.files;
    if (typeof files !== "object" || files === null) return [];
    return Object.entries(files).map(([file, { size, mtimeMs }]) => [file, { size, mtimeMs }]);
  }

  /**
   * Records this build's documents, with their files' size and time as they are now on disk
   * (`onDisk`: stampFiles of every output). A document with a file missing there is left out.
   */
  record(
    documents: ReadonlyMap<string, { signature: string; files: readonly string[] }>,
    onDisk: ReadonlyMap<string, FileStamp>,
  ): void {
    const records: Record<string, DocumentRecord> = {};
    for (const [folder, { signature, files }] of documents) {
      const stamps: Record<string, FileStamp> = {};
      for (const file of files) {
        const stamp = onDisk.get(file);
        if (stamp === undefined) break;
        stamps[file] = { size: stamp.size, mtimeMs: stamp.mtimeMs };
      }
      if (Object.keys(stamps).length === files.length)
        records[folder] = { signature, files: stamps };
    }
    // Compared as text: a build that left every document alone does not write the record again.
    this.changed = JSON.stringify(records) !== JSON.stringify(this.records);
    this.records = records;
  }

  async save(): Promise<string | undefined> {
    if (this.file === "" || !this.changed) return undefined;
    try {
      await writeChecksummed(this.file, FORMAT, this.key, this.records);
      this.changed = false;
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}

/** Synchronous: hundreds of stats cost far less this way than through the thread pool. */
function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
