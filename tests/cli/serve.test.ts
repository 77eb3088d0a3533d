// `nashra serve` alone: it serves what another nashra wrote, and tells open pages when that changes.
import { rm, symlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import { main } from "../../src/cli.js";
import { printableTarget } from "../../src/terminal/printable.js";
import { article, makeSite, type TempSite, until } from "../helpers.js";
import { rawRequest } from "../serve/http-client.js";

const sites: TempSite[] = [];
const links: string[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
  for (const link of links.splice(0)) await rm(link, { force: true });
});

/** Runs `nashra <args>` in process until it serves; `stop` is Ctrl-C, `exited` its exit code. */
async function runServer(args: string[]) {
  const out: string[] = [];
  let stop: () => void = () => undefined;
  const exited = main(args, {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    interrupted: () => new Promise<void>((resolve) => (stop = resolve)),
    cwd: process.cwd(),
  });
  await until(() => out.some((line) => line.includes("press Ctrl-C")));
  const base = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out.join("\n"))?.[1] ?? "";
  return { out, base, stop: () => stop(), exited };
}

describe("nashra serve", () => {
  it("tells open preview pages when the feeds are rewritten by a build elsewhere", async () => {
    const site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
    sites.push(site);
    expect((await buildSite(site.config)).ok).toBe(true);
    const { out, base, stop, exited } = await runServer([
      "serve",
      "--port",
      "0",
      "--verbose",
      "--config",
      path.join(site.root, "nashra.config.json"),
    ]);
    const page = await fetch(base);
    expect(await page.text()).toContain("أ");

    const events = await fetch(new URL("/events", base));
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = "";
    const changed = (async () => {
      while (!received.includes("event: change")) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
    })();
    await site.write("b.md", article({ title: "ب", date: "2017-10-13T10:00" }));
    expect((await buildSite(site.config)).ok).toBe(true);
    await changed;
    expect(received).toContain("event: change");
    await reader.cancel();
    // --verbose logs each request, with the size of what it sent.
    const logged = out.find((line) => line.startsWith("  GET / → 200")) ?? "";
    const size = Number(/\((\d+) bytes, [\d.]+ ms\)$/.exec(logged)?.[1]);
    expect(size).toBeGreaterThan(1000);

    // What a request's target holds reaches the log as text, never as terminal controls.
    await rawRequest(base, "/%1b[2J%1b]0;owned%07%0d%0aGET%20/fake%E2%80%AE%D8%A3.xml");
    await until(() => out.some((line) => line.includes("owned")));
    const hostile = out.find((line) => line.includes("owned")) ?? "";
    expect(hostile).toMatch(
      /^ {2}GET \/%1B\[2J%1B\]0;owned%07%0D%0AGET%20\/fake%E2%80%AEأ\.xml → 400 \(\d+ bytes, [\d.]+ ms\)$/,
    );
    expect([...hostile].filter((character) => (character.codePointAt(0) ?? 0) < 0x20)).toEqual([]);
    stop();
    expect(await exited).toBe(0);
  });

  it("start serves the feeds of a site reached through a symbolic link, built after it listens", async () => {
    const site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
    sites.push(site);
    const link = `${site.root}-link`;
    await symlink(site.root, link);
    links.push(link);
    const { base, stop, exited } = await runServer([
      "start",
      "--port",
      "0",
      "--config",
      path.join(link, "nashra.config.json"),
    ]);
    for (const feed of ["rss.xml", "atom.xml", "feed.json", "fr/rss.xml", "feeds.opml"]) {
      expect((await fetch(new URL(feed, base))).status).toBe(200);
    }
    stop();
    expect(await exited).toBe(0);
  });
});

describe("printableTarget", () => {
  it.each([
    ["/rss.xml", "/rss.xml"],
    ["/category/%D8%AA%D9%82%D8%A7%D8%B1%D9%8A%D8%B1/rss.xml", "/category/تقارير/rss.xml"],
    ["/%1b[31mred", "/%1B[31mred"],
    ["/a%0d%0ab", "/a%0D%0Ab"],
    ["/a%00b%7f%c2%9b", "/a%00b%7F%C2%9B"],
    ["/a%20b%09c%C2%A0d", "/a%20b%09c%C2%A0d"],
    // Bidirectional controls would reorder the rest of the line: RLO, LRI, ALM, RLM.
    ["/%E2%80%AEfdp.exe", "/%E2%80%AEfdp.exe"],
    ["/%E2%81%A6x%D8%9Cy%E2%80%8F", "/%E2%81%A6x%D8%9Cy%E2%80%8F"],
    // Delimiters and % itself stay encoded: "%251b" is not ESC. A bad escape stays as sent.
    ["/a%2fb%25%3F", "/a%2Fb%25%3F"],
    ["/%251b", "/%251b"],
    ["/%E0%A4%A", "/%E0%A4%A"],
    ["/%FF%D8%A3", "/%FF%D8%A3"],
    ["/caf%C3%A9", "/café"],
  ])("%s → %s", (target, shown) => {
    expect(printableTarget(target)).toBe(shown);
  });
});
