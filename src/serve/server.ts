// `nashra serve`: the output folder over HTTP on this machine, as a feed reader expects it:
// feed media types, strong ETags and Last-Modified with 304s, gzip and brotli, HEAD, and
// nothing outside the folder. Built on node:http: serve-static and send have no brotli.
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { DEFAULT_HOST, DEFAULT_PORT } from "./address.js";
import { ChangeEvents, EVENT_STREAM_HEADERS } from "./events.js";
import { formatHttpDate, lastModifiedOf } from "./http-date.js";
import { CACHE_CONTROL, mediaTypeOf } from "./media-types.js";
import { chooseCoding, isNotModified } from "./negotiate.js";
import {
  CompressedBodies,
  codingsOf,
  etagOf,
  type Representation,
  representationOf,
} from "./representation.js";
import { parseRequestPath } from "./request-path.js";

/** The stream that preview pages listen on for changes. */
export const EVENTS_PATH = "/events";

export interface ServeOptions {
  /** The folder to serve (the output folder). */
  root: string;
  /** Default 127.0.0.1: only this machine can connect. */
  host?: string;
  /** Default 4390; 0 picks a free port. */
  port?: number;
  /** The page at `/`, made for each request. Without it, `/` is a 404. */
  home?: () => Promise<string>;
  /** Called after each response, for `--verbose`. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Called when a request fails for a reason of the server's own (it answers 500). */
  onError?: (error: unknown) => void;
  /** The clock, epoch milliseconds, for `Last-Modified` and `If-Modified-Since`. Default: `Date.now`. */
  now?: () => number;
}

export interface RequestLogEntry {
  method: string;
  target: string;
  status: number;
  /** Bytes of the body sent (0 for HEAD, a 304, and an event stream). */
  bytes: number;
  durationMs: number;
}

export interface FeedServer {
  /** `http://127.0.0.1:4390/` */
  readonly url: string;
  readonly port: number;
  /** Tells every open preview page that the feeds changed, so that it reloads. */
  announceChange(): void;
  /** How many pages listen for changes right now. */
  readonly listeners: number;
  close(): Promise<void>;
}

const ALLOWED_METHODS = "GET, HEAD";
/** Not on Windows, where a named pipe is no file in a folder anyway. */
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/** The body bytes each response carried, for the request log. */
const bodyBytes = new WeakMap<ServerResponse, number>();

export async function startServer(options: ServeOptions): Promise<FeedServer> {
  const host = options.host ?? DEFAULT_HOST;
  const root = path.resolve(options.root);
  const now = options.now ?? Date.now;
  const bodies = new CompressedBodies();
  const events = new ChangeEvents();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      return sendText(response, 405, "Only GET and HEAD are served here.", {
        Allow: ALLOWED_METHODS,
      });
    }
    const target = parseRequestPath(request.url ?? "/");
    if (target.kind === "bad-request") {
      return sendText(response, 400, `Bad request: ${target.reason}.`);
    }
    if (target.kind === "not-found") return notFound(response);
    if (target.kind === "root") {
      if (options.home === undefined) return notFound(response);
      const html = Buffer.from(await options.home(), "utf8");
      return send(request, response, representationOf(html, "text/html; charset=utf-8"));
    }
    if (target.segments.length === 1 && `/${target.segments[0]}` === EVENTS_PATH) {
      if (method === "HEAD") return reply(response, 200, { ...EVENT_STREAM_HEADERS });
      events.subscribe(response);
      return;
    }
    // Looked up for each request, not once at start: `nashra start` listens before its first
    // build has made the folder, and a folder reached through a symbolic link (the site's
    // folder, or a parent of it) must be compared by its real path once it exists.
    const rootReal = await realFolder(root);
    if (rootReal === undefined) return notFound(response);
    const file = await readInside(rootReal, target.segments);
    if (file === undefined) return notFound(response);
    const name = target.segments.at(-1) ?? "";
    const lastModified = lastModifiedOf(file.mtimeMs, now());
    return send(request, response, representationOf(file.bytes, mediaTypeOf(name), lastModified));
  }

  async function send(
    request: IncomingMessage,
    response: ServerResponse,
    representation: Representation,
  ): Promise<void> {
    const offered = codingsOf(representation);
    const wanted = chooseCoding(header(request, "accept-encoding"));
    const coding = offered.includes(wanted) ? wanted : "identity";
    const etag = etagOf(representation, coding);
    const headers: Record<string, string> = {
      "Content-Type": representation.mediaType,
      "Cache-Control": CACHE_CONTROL,
      ETag: etag,
      // Every file is sent whole: a feed is small, and a range of an old version spliced onto a
      // new one would be a broken feed.
      "Accept-Ranges": "none",
      "X-Content-Type-Options": "nosniff",
    };
    if (offered.length > 1) headers.Vary = "Accept-Encoding";
    const { lastModified } = representation;
    if (lastModified !== undefined) headers["Last-Modified"] = formatHttpDate(lastModified);
    const current = isNotModified(
      header(request, "if-none-match"),
      header(request, "if-modified-since"),
      { etag, ...(lastModified !== undefined && { lastModified }) },
      now(),
    );
    if (current) return reply(response, 304, headers);
    const body = await bodies.body(representation, coding);
    if (coding !== "identity") headers["Content-Encoding"] = coding;
    headers["Content-Length"] = String(body.length);
    reply(response, 200, headers, body);
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    response.on("finish", () =>
      options.onRequest?.({
        method: request.method ?? "",
        target: request.url ?? "",
        status: response.statusCode,
        bytes: bodyBytes.get(response) ?? 0,
        durationMs: performance.now() - started,
      }),
    );
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) sendText(response, 500, "The server failed; see its output.");
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    announceChange: () => events.announce(),
    get listeners() {
      return events.size;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        events.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function notFound(response: ServerResponse): void {
  sendText(response, 404, "Not found. Every feed is listed on the page at /.");
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  const body = Buffer.from(`${text}\n`, "utf8");
  const headers = {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(body.length),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...extra,
  };
  reply(response, status, headers, body);
}

/** Sends the response, its body unless the request is HEAD, and notes the bytes for the log. */
function reply(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: Buffer,
): void {
  response.writeHead(status, headers);
  const sent = response.req.method === "HEAD" ? undefined : body;
  bodyBytes.set(response, sent?.length ?? 0);
  response.end(sent);
}

/** The real path of the served folder, or undefined while it does not exist. */
async function realFolder(root: string): Promise<string | undefined> {
  try {
    return await realpath(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    // Anything else (a permission refused, a loop of links) is the server's failure: a 500 and
    // the error in the output, not a quiet 404.
    throw error;
  }
}

/**
 * The whole file at `segments` under `rootReal`, read from one open file: a feed renamed over
 * during the request is served whole, old or new. Its real path must lie inside the folder, so
 * a symbolic link pointing outside is never followed out.
 */
async function readInside(
  rootReal: string,
  segments: readonly string[],
): Promise<{ bytes: Buffer; mtimeMs: number } | undefined> {
  let real: string;
  try {
    real = await realpath(path.join(rootReal, ...segments));
  } catch {
    return undefined;
  }
  if (!real.startsWith(rootReal + path.sep)) return undefined;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: opening a FIFO (a named pipe) for reading would otherwise wait for a writer,
    // and hold a thread of the pool for as long. It changes nothing for a regular file; anything
    // else is refused after the stat below.
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    return { bytes: await handle.readFile(), mtimeMs: info.mtimeMs };
  } finally {
    await handle.close();
  }
}
