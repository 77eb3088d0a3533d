// The feed server, started in-process on a free port and spoken to over real HTTP.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rename, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type FeedServer,
  type RequestLogEntry,
  type ServeOptions,
  startServer,
} from "../../src/serve/server.js";
import { until } from "../helpers.js";
import { rawRequest } from "./http-client.js";

const SECRET = "secret-outside-the-output-folder";
const RSS = `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>أخبار</title>${"<item><title>خبر</title></item>".repeat(40)}</channel></rss>\n`;

let folder: string;
let dist: string;
let server: FeedServer;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "nashra-serve-"));
  dist = path.join(folder, "dist");
  await mkdir(path.join(dist, "fr"), { recursive: true });
  await writeFile(path.join(dist, "rss.xml"), RSS);
  await writeFile(path.join(dist, "atom.xml"), "<feed/>");
  await writeFile(path.join(dist, "feed.json"), JSON.stringify({ version: "1.1", items: [] }));
  await writeFile(path.join(dist, "fr", "feed.json"), "{}");
  await writeFile(path.join(dist, "feeds.opml"), "<opml/>");
  await writeFile(path.join(dist, ".nashra-manifest.json"), `["${SECRET}"]`);
  await writeFile(path.join(folder, "secret.txt"), SECRET);
  await mkdir(path.join(folder, "outside"));
  await writeFile(path.join(folder, "outside", "secret.xml"), SECRET);
  await symlink(path.join(folder, "secret.txt"), path.join(dist, "link.xml"));
  await symlink(path.join(folder, "outside"), path.join(dist, "linked-folder"));
  server = await startServer({ root: dist, port: 0, home: async () => "<p>home</p>" });
});

afterEach(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

const get = (target: string, headers: Record<string, string> = {}) =>
  rawRequest(server.url, target, { headers });

describe("nashra serve", () => {
  it("listens on 127.0.0.1 by default", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it.each([
    ["/rss.xml", "application/rss+xml; charset=utf-8"],
    ["/atom.xml", "application/atom+xml; charset=utf-8"],
    ["/feed.json", "application/feed+json; charset=utf-8"],
    ["/fr/feed.json", "application/feed+json; charset=utf-8"],
    ["/feeds.opml", "text/x-opml; charset=utf-8"],
    ["/", "text/html; charset=utf-8"],
  ])("serves %s as %s", async (target, type) => {
    const response = await get(target);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(type);
    expect(response.headers["cache-control"]).toBe("no-cache");
  });

  it("answers 304 to If-None-Match with the ETag it gave, and 200 to any other tag", async () => {
    const first = await get("/rss.xml");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await get("/rss.xml", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect((await get("/rss.xml", { "If-None-Match": `"other", W/${etag}` })).status).toBe(304);
    expect((await get("/rss.xml", { "If-None-Match": '"other"' })).status).toBe(200);
    // A changed file has another tag: the client's copy is stale.
    await writeFile(path.join(dist, "rss.xml"), RSS.replace("أخبار", "نشرة"));
    const changed = await get("/rss.xml", { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("answers 304 to If-Modified-Since at or after the Last-Modified time", async () => {
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path.join(dist, "rss.xml"), anHourAgo, anHourAgo);
    const first = await get("/rss.xml");
    const lastModified = String(first.headers["last-modified"]);
    expect(lastModified).toBe(
      new Date(Math.floor(anHourAgo.getTime() / 1000) * 1000).toUTCString(),
    );
    expect((await get("/rss.xml", { "If-Modified-Since": lastModified })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await get("/rss.xml", { "If-Modified-Since": earlier })).status).toBe(200);
    expect((await get("/rss.xml", { "If-Modified-Since": "yesterday" })).status).toBe(200);
    // Date.parse reads "2099" as a date after the file's; HTTP does not.
    expect((await get("/rss.xml", { "If-Modified-Since": "2099" })).status).toBe(200);
    const future = new Date(Date.now() + 86_400_000).toUTCString();
    expect((await get("/rss.xml", { "If-Modified-Since": future })).status).toBe(200);
    // If-None-Match decides when both are sent.
    const both = await get("/rss.xml", {
      "If-None-Match": '"other"',
      "If-Modified-Since": lastModified,
    });
    expect(both.status).toBe(200);
  });

  it("sends no Last-Modified for a file written within the last second or from the future", async () => {
    // Rewritten within the same second as a client's copy, the file would have the date of that
    // copy, and If-Modified-Since would answer 304 with the old version. The ETag validates.
    await writeFile(path.join(dist, "rss.xml"), RSS.replace("أخبار", "نشرة"));
    const fresh = await get("/rss.xml");
    expect(fresh.headers["last-modified"]).toBeUndefined();
    const now = new Date().toUTCString();
    expect((await get("/rss.xml", { "If-Modified-Since": now })).status).toBe(200);
    expect((await get("/rss.xml", { "If-None-Match": String(fresh.headers.etag) })).status).toBe(
      304,
    );
    const tomorrow = new Date(Date.now() + 86_400_000);
    await utimes(path.join(dist, "rss.xml"), tomorrow, tomorrow);
    const future = await get("/rss.xml");
    expect(future.headers["last-modified"]).toBeUndefined();
  });

  it("answers 304 only to the ETag of the coding it would send", async () => {
    const tags = new Map<string, string>();
    for (const coding of ["identity", "gzip", "br"]) {
      const response = await get("/rss.xml", { "Accept-Encoding": coding });
      tags.set(coding, String(response.headers.etag));
    }
    for (const [held, etag] of tags) {
      for (const [asked, expected] of tags) {
        const response = await get("/rss.xml", { "Accept-Encoding": asked, "If-None-Match": etag });
        // A 304 says "your copy is this representation": only when it is.
        expect(response.status).toBe(held === asked ? 304 : 200);
        expect(response.headers.etag).toBe(expected);
      }
    }
  });

  it("serves every file whole, and says so", async () => {
    const response = await get("/rss.xml", { Range: "bytes=0-9" });
    expect(response.status).toBe(200);
    expect(response.headers["accept-ranges"]).toBe("none");
    expect(response.body.toString("utf8")).toBe(RSS);
  });

  it("compresses with brotli or gzip as the client asks, to the same bytes", async () => {
    const plain = await get("/rss.xml");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(RSS);
    expect(plain.headers.vary).toBe("Accept-Encoding");

    const gzip = await get("/rss.xml", { "Accept-Encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(gzip.body.length).toBeLessThan(plain.body.length);
    expect(Number(gzip.headers["content-length"])).toBe(gzip.body.length);

    const br = await get("/rss.xml", { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const refused = await get("/rss.xml", { "Accept-Encoding": "br;q=0, gzip" });
    expect(refused.headers["content-encoding"]).toBe("gzip");

    // Each coding is its own representation with its own strong tag, and each revalidates.
    const tags = new Set([plain, gzip, br].map((response) => String(response.headers.etag)));
    expect(tags.size).toBe(3);
    const revalidated = await get("/rss.xml", {
      "Accept-Encoding": "br",
      "If-None-Match": String(br.headers.etag),
    });
    expect(revalidated.status).toBe(304);
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const getResponse = await get("/rss.xml", { "Accept-Encoding": "gzip" });
    const head = await rawRequest(server.url, "/rss.xml", {
      method: "HEAD",
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of [
      "content-type",
      "content-length",
      "etag",
      "last-modified",
      "content-encoding",
    ]) {
      expect(head.headers[name]).toBe(getResponse.headers[name]);
    }
  });

  it("answers HEAD /events with the headers of the event stream and no body", async () => {
    const head = await rawRequest(server.url, "/events", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(head.headers["cache-control"]).toBe("no-store");
    expect(head.body.length).toBe(0);
  });

  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])(
    "refuses %s with 405 and Allow",
    async (method) => {
      const response = await rawRequest(server.url, "/rss.xml", { method });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe("GET, HEAD");
    },
  );

  it.each([
    "/../secret.txt",
    "/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/%2e%2e/secret.txt",
    "/fr/..%2f..%2fsecret.txt",
    "/fr%2F..%2F..%2Fsecret.txt",
    "/..%5csecret.txt",
    "/rss.xml%00",
    "/%00/../secret.txt",
    "/link.xml",
    "/linked-folder/secret.xml",
    "/.nashra-manifest.json",
    "/fr/",
    "//secret.txt",
    "/%",
    "/fr/%E0%A4%A",
  ])("never serves %s", async (target) => {
    const response = await get(target);
    expect([400, 404]).toContain(response.status);
    expect(response.body.toString("utf8")).not.toContain(SECRET);
  });

  it("serves a file renamed over during requests whole, old or new", async () => {
    const versions = [RSS.repeat(40), RSS.replace("أخبار", "نشرة").repeat(40)];
    const hashOf = (text: Buffer | string) => createHash("sha256").update(text).digest("hex");
    const known = new Set(versions.map(hashOf));
    await writeFile(path.join(dist, "rss.xml"), versions[0] as string);
    let swapping = true;
    const swaps = (async () => {
      let index = 0;
      while (swapping) {
        const temporary = path.join(dist, `.rss.xml.${index}.tmp`);
        await writeFile(temporary, versions[index % 2] as string);
        await rename(temporary, path.join(dist, "rss.xml"));
        index += 1;
      }
    })();
    const etagOfVersion = new Map<string, string>();
    try {
      for (let request = 0; request < 150; request++) {
        const response = await get("/rss.xml");
        expect(response.status).toBe(200);
        const hash = hashOf(response.body);
        expect(known.has(hash)).toBe(true);
        // The tag belongs to the bytes sent with it, never to the other version.
        const etag = String(response.headers.etag);
        expect(etagOfVersion.get(hash) ?? etag).toBe(etag);
        etagOfVersion.set(hash, etag);
      }
    } finally {
      swapping = false;
      await swaps;
    }
  });

  it("tells open pages of a change over server-sent events", async () => {
    const response = await fetch(new URL("/events", server.url));
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    expect(received).toContain("retry:");
    server.announceChange();
    while (!received.includes("event: change")) {
      received += decoder.decode((await reader.read()).value);
    }
    expect(received).toContain("event: change\ndata: 1\n\n");
    await reader.cancel();
  });

  it("answers 404 at once for a named pipe, and goes on serving", async () => {
    execFileSync("mkfifo", [path.join(dist, "pipe.xml")]);
    // Opened without O_NONBLOCK, the pipe would wait for a writer, and the request forever.
    const pipe = await Promise.race([
      get("/pipe.xml"),
      new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000)),
    ]);
    expect(pipe === "timeout" ? pipe : pipe.status).toBe(404);
    expect((await get("/rss.xml")).status).toBe(200);
  });

  it("logs each request with the size of the body it sent", async () => {
    const entries: RequestLogEntry[] = [];
    const logged = await startServer({
      root: dist,
      port: 0,
      home: async () => "<p>home</p>",
      onRequest: (entry) => entries.push(entry),
    });
    try {
      const plain = await rawRequest(logged.url, "/rss.xml");
      const gzip = await rawRequest(logged.url, "/rss.xml", {
        headers: { "Accept-Encoding": "gzip" },
      });
      await rawRequest(logged.url, "/rss.xml", { method: "HEAD" });
      await rawRequest(logged.url, "/rss.xml", {
        headers: { "If-None-Match": String(plain.headers.etag) },
      });
      const missing = await rawRequest(logged.url, "/nothing.xml");
      await until(() => entries.length === 5);
      expect(entries.map(({ method, status, bytes }) => [method, status, bytes])).toEqual([
        ["GET", 200, Buffer.byteLength(RSS)],
        ["GET", 200, gzip.body.length],
        ["HEAD", 200, 0],
        ["GET", 304, 0],
        ["GET", 404, missing.body.length],
      ]);
    } finally {
      await logged.close();
    }
  });

  it("fails to start, with EADDRINUSE, on a port already taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      await expect(startServer({ root: dist, port })).rejects.toMatchObject({
        code: "EADDRINUSE",
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe("nashra serve's folder", () => {
  const servers: FeedServer[] = [];
  afterEach(async () => {
    for (const each of servers.splice(0)) await each.close();
  });
  const serve = async (options: ServeOptions) => {
    const started = await startServer(options);
    servers.push(started);
    return started;
  };

  it("is found once it exists, through a symbolic link, when the server started before it", async () => {
    // nashra start listens first and builds next, and the site may be reached through a link.
    const real = path.join(folder, "real-site");
    await mkdir(real);
    await symlink(real, path.join(folder, "site"));
    const linkedDist = path.join(folder, "site", "dist");
    const early = await serve({ root: linkedDist, port: 0 });
    expect((await rawRequest(early.url, "/rss.xml")).status).toBe(404);
    await mkdir(path.join(real, "dist"));
    await writeFile(path.join(real, "dist", "rss.xml"), RSS);
    const response = await rawRequest(early.url, "/rss.xml");
    expect(response.status).toBe(200);
    expect(response.body.toString("utf8")).toBe(RSS);
    // Still nothing outside it.
    await writeFile(path.join(real, "secret.txt"), SECRET);
    await symlink(path.join(real, "secret.txt"), path.join(real, "dist", "out.xml"));
    expect((await rawRequest(early.url, "/out.xml")).status).toBe(404);
  });

  it("that cannot be looked up is the server's failure, said as such, not a quiet 404", async () => {
    const errors: unknown[] = [];
    const broken = await serve({
      root: path.join(folder, "secret.txt", "dist"),
      port: 0,
      onError: (error) => errors.push(error),
    });
    expect((await rawRequest(broken.url, "/rss.xml")).status).toBe(500);
    expect(errors).toEqual([expect.objectContaining({ code: "ENOTDIR" })]);
  });
});
