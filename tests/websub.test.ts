// WebSub against a real HTTP hub on 127.0.0.1, started inside the test.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { type HubNotification, type SiteWatcher, watchSite } from "../src/watch.js";
import { notifyHub } from "../src/websub/notify.js";
import { article, makeSite, type TempSite, until } from "./helpers.js";

interface Hub {
  url: string;
  requests: { path: string | undefined; contentType: string | undefined; body: URLSearchParams }[];
  close(): Promise<void>;
}

/**
 * A hub that answers each request with the next status in `statuses` (the last one repeats),
 * after `delayMs`.
 */
async function startHub(statuses: number[], delayMs = 0): Promise<Hub> {
  const requests: Hub["requests"] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      requests.push({
        path: request.url,
        contentType: request.headers["content-type"],
        body: new URLSearchParams(body),
      });
      response.statusCode = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 204;
      setTimeout(() => response.end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hub`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("notifyHub", () => {
  it("POSTs hub.mode=publish with every URL, and retries a failing hub with backoff", async () => {
    const hub = await startHub([503, 502, 204]);
    cleanups.push(hub.close);
    const started = Date.now();
    const result = await notifyHub(
      hub.url,
      ["https://a.example/rss.xml", "https://a.example/atom.xml"],
      {
        retries: 4,
        backoffMs: 50,
      },
    );
    expect(result).toEqual({ ok: true, attempts: 3, status: 204 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(50 + 100);
    expect(hub.requests).toHaveLength(3);
    expect(hub.requests[0]?.contentType).toBe("application/x-www-form-urlencoded");
    expect(hub.requests[0]?.path).toBe("/hub");
    expect(hub.requests[2]?.body.get("hub.mode")).toBe("publish");
    expect(hub.requests[2]?.body.getAll("hub.url")).toEqual([
      "https://a.example/rss.xml",
      "https://a.example/atom.xml",
    ]);
  });

  it("gives up at once on a client error, and after its retries on a hub that stays down", async () => {
    const refusing = await startHub([400]);
    cleanups.push(refusing.close);
    expect(
      await notifyHub(refusing.url, ["https://a.example/rss.xml"], { retries: 3, backoffMs: 10 }),
    ).toMatchObject({
      ok: false,
      attempts: 1,
      status: 400,
    });
    const down = await startHub([503]);
    cleanups.push(down.close);
    expect(
      await notifyHub(down.url, ["https://a.example/rss.xml"], { retries: 2, backoffMs: 10 }),
    ).toMatchObject({
      ok: false,
      attempts: 3,
      status: 503,
      error: "the hub answered 503",
    });
  });

  it("reports an unreachable hub without throwing", async () => {
    const hub = await startHub([204]);
    await hub.close();
    const result = await notifyHub(hub.url, ["https://a.example/rss.xml"], {
      retries: 1,
      backoffMs: 10,
    });
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(2);
    expect(result.error).toBeTruthy();
  });
});

describe("WebSub in the feeds and in watch mode", () => {
  async function siteWithHub(hubUrl: string): Promise<TempSite> {
    const site = await makeSite(
      { "a.md": article({ title: "أ", date: "2024-01-01T10:00", category: "تقارير" }) },
      { websub: { hub: hubUrl, retries: 2 }, archive: { enabled: false } },
    );
    cleanups.push(site.cleanup);
    return site;
  }

  it("every feed advertises the hub and itself", async () => {
    const site = await siteWithHub("https://hub.example/");
    const { files } = await buildSite(site.config, { write: false });
    for (const [file, content] of files) {
      if (file.endsWith("rss.xml"))
        expect(content).toContain('<atom:link href="https://hub.example/" rel="hub"/>');
      if (file.endsWith("atom.xml"))
        expect(content).toContain('<link rel="hub" href="https://hub.example/"/>');
      if (file.endsWith("feed.json"))
        expect(JSON.parse(content).hubs).toEqual([{ type: "WebSub", url: "https://hub.example/" }]);
      const self = new URL(file, "https://news.example/").href;
      if (file.endsWith(".xml"))
        expect(content).toMatch(
          new RegExp(`href="${self}" rel="self"|rel="self" type="[^"]+" href="${self}"`),
        );
      if (file.endsWith("feed.json")) expect(JSON.parse(content).feed_url).toBe(self);
    }
  });

  it("tells the hub which feeds changed after each rebuild that changed bytes", async () => {
    const hub = await startHub([204]);
    cleanups.push(hub.close);
    const site = await siteWithHub(hub.url);
    const notifications: HubNotification[] = [];
    const watcher: SiteWatcher = await watchSite({
      config: site.config,
      onNotify: (n) => notifications.push(n),
    });
    cleanups.push(() => watcher.close());
    await until(() => notifications.length >= 1);
    // The first build wrote everything: the main feeds and the category's, in all formats.
    expect(notifications[0]?.urls.sort()).toEqual(
      [
        "https://news.example/atom.xml",
        "https://news.example/feed.json",
        "https://news.example/rss.xml",
        `https://news.example/category/${encodeURIComponent("تقارير")}/atom.xml`,
        `https://news.example/category/${encodeURIComponent("تقارير")}/feed.json`,
        `https://news.example/category/${encodeURIComponent("تقارير")}/rss.xml`,
        "https://news.example/fr/atom.xml",
        "https://news.example/fr/feed.json",
        "https://news.example/fr/rss.xml",
      ].sort(),
    );
    await site.write("b.md", article({ title: "ب", date: "2024-01-02T10:00" }));
    await until(() => notifications.length >= 2);
    expect(notifications[1]).toMatchObject({ ok: true, attempts: 1, status: 204 });
    // b.md has no category: only the main Arabic feeds changed.
    expect(notifications[1]?.urls.sort()).toEqual([
      "https://news.example/atom.xml",
      "https://news.example/feed.json",
      "https://news.example/rss.xml",
    ]);
    expect(hub.requests.at(-1)?.body.getAll("hub.url").sort()).toEqual(
      notifications[1]?.urls.sort(),
    );
  });

  it("sends nothing when a rebuild changed no bytes, and batches URLs as configured", async () => {
    const hub = await startHub([204]);
    cleanups.push(hub.close);
    const site = await makeSite(
      { "a.md": article({ title: "أ", date: "2024-01-01T10:00", category: "تقارير" }) },
      { websub: { hub: `${hub.url}?token=x`, urlsPerRequest: 4 }, archive: { enabled: false } },
    );
    cleanups.push(site.cleanup);
    const notifications: HubNotification[] = [];
    const changes: string[][] = [];
    const watcher = await watchSite({
      config: site.config,
      onNotify: (n) => notifications.push(n),
      onRebuild: (report) => changes.push(report.changed),
    });
    cleanups.push(() => watcher.close());
    // Nine feeds changed at start: three requests of at most four URLs, to the hub URL as written.
    await until(() => notifications.length === 3);
    expect(notifications.map((n) => n.urls.length).sort()).toEqual([1, 4, 4]);
    expect(hub.requests.map((r) => r.path)).toEqual([
      "/hub?token=x",
      "/hub?token=x",
      "/hub?token=x",
    ]);
    // The same bytes again (a touch, or a save without changes): no rebuild, no request. A
    // change made after it is the next rebuild's only change.
    await site.write("a.md", article({ title: "أ", date: "2024-01-01T10:00", category: "تقارير" }));
    await new Promise((r) => setTimeout(r, 300));
    await site.write("b.md", article({ title: "ب", date: "2023-01-01T10:00", category: "تقارير" }));
    await until(() => changes.length === 2);
    expect(changes[1]).toEqual(["articles/b.md"]);
    await new Promise((r) => setTimeout(r, 200));
    expect(notifications.slice(3).flatMap((n) => n.urls)).toEqual(
      expect.arrayContaining([expect.stringContaining("rss.xml")]),
    );
  });

  it("lets a notification under way finish when the watcher closes, and retries no more", async () => {
    const hub = await startHub([204], 400);
    cleanups.push(hub.close);
    const site = await makeSite(
      { "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) },
      { websub: { hub: hub.url, urlsPerRequest: 100 }, archive: { enabled: false } },
    );
    cleanups.push(site.cleanup);
    const notifications: HubNotification[] = [];
    const watcher = await watchSite({
      config: site.config,
      onNotify: (n) => notifications.push(n),
    });
    await watcher.close();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ ok: true, attempts: 1, status: 204 });
  });
});
