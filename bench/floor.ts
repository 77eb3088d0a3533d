// The floor under a cold build: only the work no design of nashra can skip, timed on the same
// files with nashra's own functions. The articles are read (readRegularFile), hashed (the
// cache's key) and decoded; the feeds a build wrote are encoded and written again
// (writeAtomically: a temporary file, fdatasync, rename; 8 at a time, as writeFiles does).
// Nothing is parsed, validated or serialized, so a cold build can never take less than the
// sum, plus Node's own start.
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { readRegularFile } from "../src/articles/load.js";
import { contentHash } from "../src/cache/checksums.js";
import { writeAtomically } from "../src/output/write.js";

export interface Floor {
  readMs: number;
  encodeMs: number;
  writeMs: number;
  outputs: number;
  outputMb: number;
}

/** `root` holds `articles/` and the `dist/` a build just wrote; `scratch` is written over. */
export async function measureFloor(root: string, scratch: string): Promise<Floor> {
  const articles = filesBelow(path.join(root, "articles")).sort();
  const dist = path.join(root, "dist");
  const outputs = filesBelow(dist).filter((file) => !path.basename(file).startsWith("."));
  // What serializing would have made: read before the clock starts.
  const texts = outputs.map((file) => readFileSync(file, "utf8"));
  await rm(scratch, { recursive: true, force: true });

  const decoder = new TextDecoder("utf-8", { fatal: true });
  let started = performance.now();
  for (const file of articles) {
    const { bytes } = readRegularFile(file, Number.POSITIVE_INFINITY);
    contentHash(bytes);
    decoder.decode(bytes);
  }
  const readMs = performance.now() - started;

  started = performance.now();
  const encoded = texts.map((text) => Buffer.from(text, "utf8"));
  const encodeMs = performance.now() - started;

  started = performance.now();
  let next = 0;
  const writer = async () => {
    while (next < encoded.length) {
      const index = next++;
      const target = path.join(scratch, path.relative(dist, outputs[index] as string));
      await writeAtomically(target, encoded[index] as Buffer);
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
  const writeMs = performance.now() - started;
  await rm(scratch, { recursive: true, force: true });

  const outputBytes = encoded.reduce((sum, bytes) => sum + bytes.length, 0);
  return { readMs, encodeMs, writeMs, outputs: outputs.length, outputMb: outputBytes / 1e6 };
}

function filesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
