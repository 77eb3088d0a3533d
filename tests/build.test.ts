// `nashra build` through `main`, on real temporary folders.
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { main } from "../src/cli.js";
import { article, makeSite, type TempSite } from "./helpers.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

async function site(files: Record<string, string>) {
  const made = await makeSite(files);
  sites.push(made);
  return made;
}

async function run(made: TempSite, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ["build", "--config", path.join(made.root, "nashra.config.json"), ...args],
    {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      interrupted: () => new Promise(() => {}),
      cwd: process.cwd(),
    },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function snapshot(folder: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(folder, file)] =
      `${(await stat(file)).mtimeMs} ${await readFile(file, "utf8")}`;
  }
  return result;
}

const GOOD = {
  "a.md": article({ title: "الخبر الأول", date: "2017-10-12T10:00" }),
  "fr/b.md": article({ title: "Deuxième", date: "2017-10-13T10:00", lang: "fr" }, "Texte."),
};

describe("nashra build", () => {
  it("writes every feed, then leaves unchanged files alone", async () => {
    const made = await site(GOOD);
    const first = await run(made);
    expect(first.code).toBe(0);
    const before = await snapshot(made.dist);
    // The manifest of generated files is nashra's own bookkeeping, not a feed file.
    const count = Object.keys(before).length - 1;
    expect(first.out).toMatch(
      new RegExp(
        `2 articles published, ${count} files in .*dist/ \\(${count} written, 0 unchanged\\), 0 warnings \\(\\d+ ms\\)`,
      ),
    );
    // Each language: its main feed (no archive page is full, no article has a section).
    expect(Object.keys(before).sort()).toEqual([
      ".nashra-manifest.json",
      "atom.xml",
      "autodiscovery.html",
      "feed.json",
      "feeds.opml",
      "fr/atom.xml",
      "fr/feed.json",
      "fr/rss.xml",
      "rss.xml",
    ]);
    const second = await run(made);
    expect(second.out).toMatch(
      new RegExp(`${count} files in .*dist/ \\(nothing changed since the last build\\)`),
    );
    expect(await snapshot(made.dist)).toEqual(before);
    // Read and compared all over again, nothing is written either.
    const third = await run(made, "--no-cache");
    expect(third.out).toContain(`(0 written, ${count} unchanged)`);
    expect(await snapshot(made.dist)).toEqual(before);
  });

  it("reports every problem at once, exits 1 and leaves dist/ exactly as it was", async () => {
    const made = await site(GOOD);
    await run(made);
    const before = await snapshot(made.dist);
    await made.write("a.md", article({ title: "الخبر الأول", date: "الجمعة 12 أكتوبر 2017" }));
    await made.write("c.md", "---\ndate: 2017-10-12\nsecret: 1\n---\n");
    const result = await run(made);
    expect(result.code).toBe(1);
    expect(result.err.split("\n")).toEqual([
      expect.stringMatching(/^articles\/a\.md:3: date: .*not a الجمعة.*\[date\/invalid\]$/),
      "articles/c.md:2: title: is required [front-matter/required]",
      expect.stringMatching(/^articles\/c\.md:3: secret: warning: is not a field nashra knows/),
      expect.stringMatching(/^nashra: 2 errors; no feed was written, .*dist\/ is as it was/),
    ]);
    expect(await snapshot(made.dist)).toEqual(before);
  });

  it("rejects two articles with the same id, naming both files", async () => {
    const made = await site({
      "a.md": article({ title: "أ", date: "2017-10-12T10:00", id: "same" }),
      "b.md": article({ title: "ب", date: "2017-10-13T10:00", id: "same" }),
    });
    const result = await run(made);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'articles/b.md:4: id: has the id "tag:news.example,2017:same" of articles/a.md',
    );
  });

  it("rejects two articles with the same slug", async () => {
    const made = await site({
      "a.md": article({ title: "أ", date: "2017-10-12T10:00", slug: "x" }),
      "sub/b.md": article({ title: "ب", date: "2017-10-13T10:00", slug: "x" }),
    });
    const result = await run(made);
    expect(result.err).toContain(
      "articles/sub/b.md:4: slug: gives the URL https://news.example/x/, already that of articles/a.md",
    );
  });

  it("reports an output folder it cannot write to, without crashing", async () => {
    const made = await site(GOOD);
    await writeFile(path.join(made.root, "blocked"), "a file where a folder should be");
    const config = JSON.parse(await readFile(path.join(made.root, "nashra.config.json"), "utf8"));
    await writeFile(
      path.join(made.root, "nashra.config.json"),
      JSON.stringify({ ...config, outDir: "blocked/dist" }),
    );
    const result = await run(made);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^nashra: .*blocked.*; every feed file already on disk is whole/);
  });

  it("refuses to build from a missing articles folder rather than empty the feeds", async () => {
    const made = await site(GOOD);
    await run(made);
    const before = await snapshot(made.dist);
    await rm(made.articles, { recursive: true });
    const result = await run(made);
    expect(result.code).toBe(1);
    expect(result.err).toContain("articles:1: articlesDir: the articles folder does not exist");
    expect(await snapshot(made.dist)).toEqual(before);
  });

  it("reports a broken config at its line", async () => {
    const made = await site(GOOD);
    await writeFile(
      path.join(made.root, "nashra.config.json"),
      '{\n  "baseUrl": "ftp://x",\n  "languages": {"ar-MA": {"title": "t", "description": "d"}},\n  "itemLimit": 0\n}\n',
    );
    const result = await run(made);
    expect(result.code).toBe(1);
    expect(result.err).toContain("nashra.config.json:2: baseUrl: must be an absolute http(s) URL");
    expect(result.err).toContain("nashra.config.json:4: itemLimit:");
  });
});

describe("what goes into the feeds", () => {
  it("leaves drafts out, and scheduled articles until their time", async () => {
    const made = await site({
      "now.md": article({ title: "منشور", date: "2026-11-01T10:00" }),
      "draft.md": article({ title: "مسودة", date: "2026-11-01T09:00", draft: "true" }),
      "later.md": article({ title: "مجدول", date: "2026-12-01T08:00" }),
    });
    const before = await buildSite(made.config, {
      now: new Date("2026-11-29T00:00:00Z"),
      write: false,
    });
    expect(before.articles).toEqual({ valid: 3, published: 1, drafts: 1, scheduled: 1 });
    expect(before.files.get("rss.xml")).not.toContain("مجدول");
    expect(before.files.get("rss.xml")).not.toContain("مسودة");
    const after = await buildSite(made.config, {
      now: new Date("2026-12-01T08:00:00Z"),
      write: false,
    });
    expect(after.articles.published).toBe(2);
    expect(after.files.get("rss.xml")).toContain("<title>مجدول</title>");
  });

  it("keeps only the newest itemLimit articles, newest first", async () => {
    const files: Record<string, string> = {};
    for (let day = 1; day <= 9; day++)
      files[`d${day}.md`] = article({ title: `يوم ${day}`, date: `2024-05-0${day}T10:00` });
    const made = await makeSite(files, { itemLimit: 3 });
    sites.push(made);
    const result = await buildSite(made.config, {
      now: new Date("2026-01-01T00:00:00Z"),
      write: false,
    });
    const titles = [
      ...(result.files.get("rss.xml") ?? "").matchAll(/<title>(يوم \d)<\/title>/g),
    ].map((m) => m[1]);
    expect(titles).toEqual(["يوم 9", "يوم 8", "يوم 7"]);
  });

  it("gives the same bytes whatever the clock and the order files were written in", async () => {
    const one = await site(GOOD);
    const two = await site({ "fr/b.md": GOOD["fr/b.md"], "a.md": GOOD["a.md"] });
    const a = await buildSite(one.config, { now: new Date("2026-11-29T00:00:00Z"), write: false });
    const b = await buildSite(two.config, { now: new Date("2031-01-01T00:00:00Z"), write: false });
    expect(b.files).toEqual(a.files);
    expect(a.files.get("rss.xml")).toContain(
      "<lastBuildDate>Thu, 12 Oct 2017 10:00:00 +0100</lastBuildDate>",
    );
  });

  it("leaves no temporary file behind", async () => {
    const made = await site(GOOD);
    await run(made);
    const names = await readdir(made.dist, { recursive: true });
    expect(names.filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
