// What each file in the output folder is, as a media type, and how long a client may keep it.
import { FEED_FILE_NAMES } from "../feeds/feed-set.js";
import { FEED_MEDIA_TYPES, type FeedFormat } from "../feeds/media-types.js";

const MEDIA_TYPES: Record<string, string> = {
  ".xml": "application/xml; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".opml": "text/x-opml; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/** Feed files by name: the generic XML and JSON types would make readers guess. */
const FEED_TYPES: Record<string, string> = Object.fromEntries(
  (Object.keys(FEED_FILE_NAMES) as FeedFormat[]).map((format) => [
    FEED_FILE_NAMES[format],
    `${FEED_MEDIA_TYPES[format]}; charset=utf-8`,
  ]),
);

/** `fileName` is the last segment of the path, e.g. `atom.xml`. */
export function mediaTypeOf(fileName: string): string {
  const feed = FEED_TYPES[fileName];
  if (feed !== undefined) return feed;
  const dot = fileName.lastIndexOf(".");
  const extension = dot < 0 ? "" : fileName.slice(dot).toLowerCase();
  return MEDIA_TYPES[extension] ?? "application/octet-stream";
}

/** Text compresses well; images are compressed already. */
export function isCompressible(mediaType: string): boolean {
  return /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:xml|json)\b|image\/svg\+xml)/.test(mediaType);
}

/**
 * Feeds change whenever an editor saves: a client may keep a copy but must ask again each time,
 * which costs a 304 when nothing changed.
 */
export const CACHE_CONTROL = "no-cache";
