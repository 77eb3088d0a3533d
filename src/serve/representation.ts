// One response body in each content coding, with a strong entity tag per coding derived from
// the bytes. Compressed bodies are kept by content hash, so a feed is compressed once per change.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { isCompressible } from "./media-types.js";
import type { Coding } from "./negotiate.js";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Smaller bodies gain nothing from compression. */
const MIN_COMPRESS_BYTES = 256;
/** Compressed bodies kept in memory, at most; the oldest go first. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export interface Representation {
  mediaType: string;
  /** Hex SHA-256 of the identity bytes. */
  hash: string;
  identity: Buffer;
  lastModified?: number;
  compressible: boolean;
}

export function representationOf(
  bytes: Buffer,
  mediaType: string,
  lastModified?: number,
): Representation {
  return {
    mediaType,
    hash: createHash("sha256").update(bytes).digest("hex"),
    identity: bytes,
    compressible: isCompressible(mediaType) && bytes.length >= MIN_COMPRESS_BYTES,
    ...(lastModified !== undefined && { lastModified }),
  };
}

/** The codings this representation is offered in. */
export function codingsOf(representation: Representation): Coding[] {
  return representation.compressible ? ["br", "gzip", "identity"] : ["identity"];
}

/** Strong and different per coding: a gzip body is another representation (RFC 9110 §8.8.3). */
export function etagOf(representation: Representation, coding: Coding): string {
  const base = representation.hash.slice(0, 32);
  return coding === "identity" ? `"${base}"` : `"${base}-${coding}"`;
}

export class CompressedBodies {
  private readonly bodies = new Map<string, Buffer>();
  private bytes = 0;

  async body(representation: Representation, coding: Coding): Promise<Buffer> {
    if (coding === "identity") return representation.identity;
    const key = `${representation.hash}:${coding}`;
    const known = this.bodies.get(key);
    if (known !== undefined) {
      // Most recently used last: the first entries are the ones evicted.
      this.bodies.delete(key);
      this.bodies.set(key, known);
      return known;
    }
    const compressed =
      coding === "br"
        ? await brotliAsync(representation.identity, {
            params: {
              // Quality 11 is several times slower for a few percent: feeds change often.
              [constants.BROTLI_PARAM_QUALITY]: 6,
              [constants.BROTLI_PARAM_SIZE_HINT]: representation.identity.length,
            },
          })
        : await gzipAsync(representation.identity, { level: 6 });
    this.bodies.set(key, compressed);
    this.bytes += compressed.length;
    for (const [oldKey, old] of this.bodies) {
      if (this.bytes <= MAX_CACHED_BYTES) break;
      this.bodies.delete(oldKey);
      this.bytes -= old.length;
    }
    return compressed;
  }
}
