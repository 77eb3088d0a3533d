// Hashes that tell whether bytes changed, and the files the cache keeps: a JSON payload behind a
// header line that names its format, the key it was made under and the SHA-1 of the payload.
// Anything that does not match, or does not parse, reads as undefined: never trusted.
import { createHash, hash } from "node:crypto";
import { open, readFile } from "node:fs/promises";
import { writeAtomically, writeAtomicallyWith } from "../output/write.js";

/**
 * A hash that tells whether bytes changed (a file, a cache payload, what a document shows).
 * SHA-1: it only detects change, and is several times faster than SHA-256 here; someone able
 * to craft a collision can write the articles anyway.
 */
export function contentHash(data: string | Buffer): string {
  return hash("sha1", data, "hex");
}

/** The JSON payload of a checksummed file, or undefined (missing, damaged, another format or key). */
export async function readChecksummed(file: string, format: string, key: string): Promise<unknown> {
  try {
    const bytes = await readFile(file);
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Header;
    const payload = bytes.subarray(newline + 1);
    if (!isHeaderOf(header, format, key) || header.sha1 !== contentHash(payload)) return undefined;
    return JSON.parse(payload.toString("utf8"));
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
  const payload = Buffer.from(JSON.stringify(data), "utf8");
  await writeAtomically(
    file,
    Buffer.concat([checksumHeader(format, key, contentHash(payload)), payload]),
  );
}

/**
 * writeChecksummed of the object of `entries`, written an entry at a time rather than as one
 * text. Returns the payload's checksum.
 */
export function writeChecksummedEntries(
  file: string,
  format: string,
  key: string,
  entries: Iterable<readonly [string, unknown]>,
): Promise<string> {
  return writeChecksummedText(
    file,
    format,
    key,
    (function* () {
      let separator = "{";
      for (const [name, value] of entries) {
        yield `${separator}${JSON.stringify(name)}:${JSON.stringify(value)}`;
        separator = ",";
      }
      yield separator === "{" ? "{}" : "}";
    })(),
  );
}

/**
 * A payload of JSON values, one a line (JSON text never holds a raw line break): read back one
 * line at a time by readChecksummedLines, so that neither writing nor reading ever holds the
 * whole text. The article cache of 100,000 articles is about 100 MB; read whole, it took about
 * 500 MB at the peak of a restart. Returns the payload's checksum.
 */
export function writeChecksummedLines(
  file: string,
  format: string,
  key: string,
  values: Iterable<unknown>,
): Promise<string> {
  return writeChecksummedText(
    file,
    format,
    key,
    (function* () {
      for (const value of values) yield `${JSON.stringify(value)}\n`;
    })(),
  );
}

/**
 * Each value of a file writeChecksummedLines wrote, given to `onValue` as it is read; returns
 * the payload's checksum, or undefined when the file cannot be trusted. Values are given before
 * the checksum is known: on undefined, whatever they were used for must be dropped.
 */
export async function readChecksummedLines(
  file: string,
  format: string,
  key: string,
  onValue: (value: unknown) => void,
): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, "r");
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const digest = createHash("sha1");
    let header: Header | undefined;
    // The pieces of a line that chunks cut, joined once when its end arrives: copying the line
    // again at every chunk made a long line, or a damaged file without line breaks, cost its
    // length squared (39 s to refuse 100 MB of one line).
    let pieces: Buffer[] = [];
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const bytes = chunk.subarray(0, bytesRead);
      let start = 0;
      if (header === undefined) {
        // The header is one short line: a file whose first chunk holds none is not ours.
        const end = bytes.indexOf(0x0a);
        if (end === -1) return undefined;
        header = JSON.parse(bytes.toString("utf8", 0, end)) as Header;
        if (!isHeaderOf(header, format, key)) return undefined;
        start = end + 1;
      }
      // The checksum is of the payload's bytes, whatever its lines.
      digest.update(bytes.subarray(start));
      for (let end = bytes.indexOf(0x0a, start); end !== -1; end = bytes.indexOf(0x0a, start)) {
        let line = bytes.subarray(start, end);
        if (pieces.length > 0) {
          line = Buffer.concat([...pieces, line]);
          pieces = [];
        }
        onValue(JSON.parse(line.toString("utf8")));
        start = end + 1;
      }
      if (start < bytes.length) pieces.push(Buffer.from(bytes.subarray(start)));
    }
    // A payload ends with a line break: anything after the last one was cut short.
    if (header === undefined || pieces.length > 0) return undefined;
    const sha1 = digest.digest("hex");
    return header.sha1 === sha1 ? sha1 : undefined;
  } catch {
    return undefined; // missing, unreadable or not JSON: start cold
  } finally {
    await handle?.close();
  }
}

/** About a megabyte at a time: the cache of 100,000 articles is about 100 MB. */
const CHUNK_BYTES = 1 << 20;

/**
 * A checksummed file of the text of `pieces`, one after another. Each piece is encoded straight
 * into one reused buffer: joining pieces into megabyte strings first put each such string in
 * V8's large-object space, where 100 of them waited for a full collection (about 60 MB more at
 * the peak of a 100,000-article build). The header, whose checksum is known only at the end, has
 * a fixed length: a placeholder goes first and the real header over it once the payload is
 * written. Returns the payload's checksum.
 */
async function writeChecksummedText(
  file: string,
  format: string,
  key: string,
  pieces: Iterable<string>,
): Promise<string> {
  const placeholder = checksumHeader(format, key, "0".repeat(40));
  let sha1 = "";
  await writeAtomicallyWith(file, async (handle) => {
    const digest = createHash("sha1");
    let position = placeholder.length;
    const put = async (bytes: Buffer) => {
      digest.update(bytes);
      await handle.write(bytes, 0, bytes.length, position);
      position += bytes.length;
    };
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let used = 0;
    // Encodes `text` into the chunk; only when it is full is there a write to wait for.
    const add = (text: string): Promise<void> | undefined => {
      const length = Buffer.byteLength(text, "utf8");
      if (used + length <= CHUNK_BYTES) {
        used += chunk.write(text, used, "utf8");
        return undefined;
      }
      return (async () => {
        if (used > 0) await put(chunk.subarray(0, used));
        used = 0;
        if (length > CHUNK_BYTES) await put(Buffer.from(text, "utf8"));
        else used = chunk.write(text, 0, "utf8");
      })();
    };
    await handle.write(placeholder, 0, placeholder.length, 0);
    for (const piece of pieces) {
      const full = add(piece);
      if (full !== undefined) await full;
    }
    if (used > 0) await put(chunk.subarray(0, used));
    sha1 = digest.digest("hex");
    const header = checksumHeader(format, key, sha1);
    await handle.write(header, 0, header.length, 0);
  });
  return sha1;
}

interface Header {
  format?: unknown;
  key?: unknown;
  sha1?: unknown;
}

function isHeaderOf(header: Header | null, format: string, key: string): boolean {
  return header !== null && header.format === format && header.key === key;
}

function checksumHeader(format: string, key: string, sha1: string): Buffer {
  return Buffer.from(`${JSON.stringify({ format, key, sha1 })}\n`);
}
