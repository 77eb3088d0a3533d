// `nashra serve`: the output folder over HTTP on this machine, as a feed reader expects it:
// feed media types, strong ETags and Last-Modified with 304s, gzip and brotli, HEAD, and
// nothing outside the folder. Built on node:http: serve-static and send have no brotli.
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { DEFAULT_HOST, DEFAULT_PORT } from "./address.js";
import { ChangeEvents } from "./events.js";
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
}

export interface RequestLogEntry {
  method: string;
  target: string;
  status: number;
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

export async function startServer(options: ServeOptions): Promise<FeedServer> {
  const host = options.host ?? DEFAULT_HOST;
  const rootReal = await realpath(options.root).catch(() => path.resolve(options.root));
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
      if (method === "HEAD") return sendText(response, 200, "");
      events.subscribe(response);
      return;
    }
    const file = await readInside(rootReal, target.segments);
    if (file === undefined) return notFound(response);
    const name = target.segments.at(-1) ?? "";
    return send(request, response, representationOf(file.bytes, mediaTypeOf(name), file.mtimeMs));
  }

  async function send(
    request: IncomingMessage,
    response: ServerResponse,
    representation: Representation,
  ): Promise<void> {
    const offered = codingsOf(representation);
    const wanted = chooseCoding(header(request, "accept-encoding"));
    const coding = offered.includes(wanted) ? wanted : "identity";
    const headers: Record<string, string> = {
      "Content-Type": representation.mediaType,
      "Cache-Control": CACHE_CONTROL,
      ETag: etagOf(representation, coding),
      "X-Content-Type-Options": "nosniff",
    };
    if (offered.length > 1) headers.Vary = "Accept-Encoding";
    if (representation.lastModified !== undefined) {
      headers["Last-Modified"] = new Date(representation.lastModified).toUTCString();
    }
    const validators = {
      etags: offered.map((each) => etagOf(representation, each)),
      lastModified: representation.lastModified ?? Number.POSITIVE_INFINITY,
    };
    if (
      isNotModified(
        header(request, "if-none-match"),
        representation.lastModified === undefined
          ? undefined
          : header(request, "if-modified-since"),
        validators,
      )
    ) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    const body = await bodies.body(representation, coding);
    if (coding !== "identity") headers["Content-Encoding"] = coding;
    headers["Content-Length"] = String(body.length);
    response.writeHead(200, headers);
    response.end(request.method === "HEAD" ? undefined : body);
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    response.on("finish", () =>
      options.onRequest?.({
        method: request.method ?? "",
        target: request.url ?? "",
        status: response.statusCode,
        bytes: Number(response.getHeader("Content-Length") ?? 0),
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
  const body = Buffer.from(text === "" ? "" : `${text}\n`, "utf8");
  response.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(body.length),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...extra,
  });
  response.end(response.req.method === "HEAD" ? undefined : body);
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
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
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
