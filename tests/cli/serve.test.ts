// `nashra serve` alone: it serves what another nashra wrote, and tells open pages when that changes.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import { main } from "../../src/cli.js";
import { article, makeSite, type TempSite, until } from "../helpers.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

describe("nashra serve", () => {
  it("tells open preview pages when the feeds are rewritten by a build elsewhere", async () => {
    const site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
    sites.push(site);
    expect((await buildSite(site.config)).ok).toBe(true);
    const out: string[] = [];
    let stop: () => void = () => undefined;
    const exited = main(
      ["serve", "--port", "0", "--verbose", "--config", path.join(site.root, "nashra.config.json")],
      {
        out: (line) => out.push(line),
        err: (line) => out.push(line),
        interrupted: () => new Promise<void>((resolve) => (stop = resolve)),
      },
    );
    await until(() => out.some((line) => line.includes("press Ctrl-C")));
    const base = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out.join("\n"))?.[1] ?? "";
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
    // --verbose logs each request.
    expect(out).toContainEqual(
      expect.stringMatching(/^ {2}GET \/ → 200 \(\d+ bytes, [\d.]+ ms\)$/),
    );
    stop();
    expect(await exited).toBe(0);
  });
});
