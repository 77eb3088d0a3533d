// The persistent cache: a warm build gives the same bytes as a cold one, and a cache that is
// corrupt, partial, or from another config is never trusted.
import { writeFileSync } from "node:fs";
import { readdir, readFile, rename, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeCorpus } from "../bench/corpus.js";
import { buildSite } from "../src/build.js";
import {
  ArticleCache,
  type CacheEntry,
  cacheFileOf,
  isBodiless,
} from "../src/cache/article-cache.js";
import { buildRecordFileOf } from "../src/cache/build-record.js";
import { libraryVersions, siteCacheKey } from "../src/cache/cache-key.js";
import {
  readChecksummed,
  readChecksummedLines,
  writeChecksummedEntries,
  writeChecksummedLines,
} from "../src/cache/checksums.js";
import { HtmlCache } from "../src/cache/html-cache.js";
import { loadConfig } from "../src/config/load.js";
import type { SiteConfig } from "../src/config/resolve.js";
import { watchSite } from "../src/watch.js";
import { article, distFiles, makeSite, REPO_ROOT, type TempSite, until } from "./helpers.js";

const NOW = new Date("2030-01-01T00:00:00Z");
const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

async function corpusSite(count: number): Promise<{ site: TempSite; config: SiteConfig }> {
  const site = await makeSite();
  sites.push(site);
  await writeCorpus(site.root, count);
  const loaded = await loadConfig(path.join(site.root, "nashra.config.json"));
  if (!loaded.ok) throw new Error("corpus config");
  return { site, config: loaded.config };
}

describe("the persistent cache", () => {
  it("gives the same bytes warm as cold", async () => {
    const { config } = await corpusSite(120);
    const cold = await buildSite(config, { now: NOW, cache: false, write: false });
    await buildSite(config, { now: NOW }); // fills the cache
    const warm = await buildSite(config, { now: NOW, write: false });
    expect(warm.files).toEqual(cold.files);
  });

  it("writes the same files when it streams them to disk without keeping them", async () => {
    const { config } = await corpusSite(120);
    const kept = await buildSite(config, { now: NOW, cache: false, write: false });
    const streamed = await buildSite(config, { now: NOW, cache: false, keepFiles: false });
    expect(streamed.ok).toBe(true);
    expect(streamed.files.size).toBe(0);
    expect(streamed.written.length).toBe(kept.files.size);
    expect(await distFiles(config.outDir)).toEqual(kept.files);
  });

  it("fails, writing nothing, when an article shown in full changes while the build runs", async () => {
    const { site, config } = await corpusSite(60);
    await buildSite(config, { now: NOW, cache: false });
    const before = await distFiles(site.dist);
    // The newest article: the main feed shows its text, which is read again to be rendered.
    const newest = path.join(config.articlesDir, "0", "a59.md");
    const original = await readFile(newest, "utf8");
    let edited = false;
    const result = await buildSite(config, {
      now: NOW,
      cache: false,
      onProgress: (stage) => {
        if (stage !== "generate" || edited) return;
        edited = true;
        writeFileSync(newest, `${original}\nفقرة أضيفت أثناء البناء.\n`);
      },
    });
    expect(edited).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: "articles/0/a59.md",
        rule: "file/changed-during-build",
        severity: "error",
      }),
    ]);
    expect(result.written).toEqual([]);
    expect(await distFiles(site.dist)).toEqual(before);
    // Run again, it sees the new version whole.
    const again = await buildSite(config, { now: NOW, cache: false });
    expect(again.ok).toBe(true);
    expect((await distFiles(site.dist)).get("atom.xml")).toContain("فقرة أضيفت أثناء البناء");
  });

  it("keeps the HTML of the articles shown in full, and renders them from it", async () => {
    const { config } = await corpusSite(60);
    const newest = path.join(config.articlesDir, "0", "a59.md");
    await utimes(newest, new Date(0), new Date(0));
    const cold = await buildSite(config, { now: NOW, cache: false, write: false });
    await buildSite(config, { now: NOW });
    const kept = JSON.parse(
      (await readFile(path.join(config.cacheDir, "html.json"), "utf8")).split("\n")[1] ?? "",
    );
    // The latest feeds show their newest articles in full (here, with sections, all 60).
    expect(Object.keys(kept)).toHaveLength(60);
    expect(Object.values(kept).every((html) => String(html).startsWith("<div dir="))).toBe(true);
    // The newest article's body, other bytes of the same length, its time put back: the article
    // comes from the cache, and its HTML too, not from the file (which would fail the build as
    // changed since it was read).
    const original = await readFile(newest, "utf8");
    const word = /\n\n(\S+)/.exec(original)?.[1] ?? "";
    await writeFile(newest, original.replace(`\n\n${word}`, `\n\n${[...word].reverse().join("")}`));
    await utimes(newest, new Date(0), new Date(0));
    const warm = await buildSite(config, { now: NOW, write: false });
    expect(warm.ok).toBe(true);
    expect(warm.files).toEqual(cold.files);
    // A damaged file of HTML is not trusted: the body is read again, and found changed.
    await writeFile(path.join(config.cacheDir, "html.json"), "{}\n{}\n");
    const damaged = await buildSite(config, { now: NOW, write: false });
    expect(damaged.problems.map((problem) => problem.rule)).toContain("file/changed-during-build");
  });

  it("keeps HTML under the article's URL too: a renamed file's links follow its new URL", async () => {
    const site = await makeSite({
      "old-name.md": article({ title: "صورة", date: "2024-01-01T10:00" }, "[الصورة](photo.jpg)"),
    });
    sites.push(site);
    await buildSite(site.config, { now: NOW });
    // No slug: the URL is the file's name, and the relative link is made absolute against it.
    await rename(path.join(site.articles, "old-name.md"), path.join(site.articles, "new-name.md"));
    const warm = await buildSite(site.config, { now: NOW, write: false });
    const cold = await buildSite(site.config, { now: NOW, write: false, cache: false });
    expect(warm.files.get("atom.xml")).toContain("new-name/photo.jpg");
    expect(warm.files).toEqual(cold.files);
  });

  it("keeps at most a bounded amount of HTML, the latest feeds' first articles first", async () => {
    const site = await makeSite({});
    sites.push(site);
    const cache = await HtmlCache.load(site.config.cacheDir, "key", 10);
    const source = (n: number) => ({ fileHash: `hash${n}`, url: `https://news.example/${n}/` });
    cache.set(source(1), "<p>1</p>");
    cache.set(source(2), "<p>2</p>");
    cache.set(source(3), "<p>3</p>");
    expect(await cache.save([source(2), source(1), source(3), source(2)])).toBeUndefined();
    const again = await HtmlCache.load(site.config.cacheDir, "key", 10);
    expect(again.get(source(2))).toBe("<p>2</p>");
    expect(again.get(source(1))).toBeUndefined();
    expect(again.get(source(3))).toBeUndefined();
    // Under another key (another config, nashra or renderer), nothing is found.
    expect((await HtmlCache.load(site.config.cacheDir, "other")).get(source(2))).toBeUndefined();
  });

  it("keeps the HTML of articles whose documents a build leaves as they were", async () => {
    const { site, config } = await corpusSite(30);
    await buildSite(config, { now: NOW });
    const kept = await readFile(path.join(config.cacheDir, "html.json"), "utf8");
    // A draft changes no document: every one is left as it was, and none is rendered.
    await writeFile(
      path.join(site.articles, "draft.md"),
      article({ title: "مسودة", date: "2024-01-01T10:00", draft: "true" }),
    );
    const again = await buildSite(config, { now: NOW });
    expect(again.ok).toBe(true);
    expect(again.written).toEqual([]);
    expect(await readFile(path.join(config.cacheDir, "html.json"), "utf8")).toBe(kept);
  });

  it("is used: a file with the same size and modification time is not read again", async () => {
    const { config } = await corpusSite(20);
    const file = path.join(config.articlesDir, "0", "a3.md");
    const original = await readFile(file, "utf8");
    await utimes(file, new Date(0), new Date(0));
    await buildSite(config, { now: NOW });
    // Other bytes, same length, and the time put back: only a cache hit keeps the old title.
    // (An editor's save always moves the time; only a deliberate utimes() can do this.)
    const title = /^title: "([^"]*)"/m.exec(original)?.[1] ?? "";
    const other = [...title].reverse().join("");
    await writeFile(file, original.replace(title, other));
    await utimes(file, new Date(0), new Date(0));
    const warm = await buildSite(config, { now: NOW, write: false });
    const cold = await buildSite(config, { now: NOW, write: false, cache: false });
    expect(warm.files.get("rss.xml")).toContain(title);
    expect(cold.files.get("rss.xml")).toContain(other);
  });

  it("gives articles read back from it the shared values of articles read from their files", async () => {
    const { config } = await corpusSite(40);
    await buildSite(config, { now: NOW });
    const cache = await ArticleCache.load(cacheFileOf(config.cacheDir), siteCacheKey(config));
    const articles = Array.from({ length: 40 }, (_, index) => {
      const article = cache.get(`articles/0/a${index}.md`)?.article;
      if (article === undefined) throw new Error(`no entry for a${index}`);
      return article;
    });
    // The corpus gives its 40 articles a few categories and pairs of tags: equal values must be
    // one object, as they are when read from the files (src/articles/sharing.ts).
    const same = (pick: (article: (typeof articles)[number]) => unknown) => {
      const seen = new Map<string, unknown>();
      for (const article of articles) {
        const value = pick(article);
        const key = JSON.stringify(value);
        if (seen.has(key)) expect(value).toBe(seen.get(key));
        else seen.set(key, value);
      }
      return seen.size;
    };
    expect(same((article) => article.tags)).toBeLessThan(40);
    expect(same((article) => article.lines)).toBeLessThan(40);
    same((article) => article.authors);
    expect(Object.isFrozen(articles[0]?.tags)).toBe(true);
  });

  it.each([
    ["truncated", (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ["with a flipped byte", (text: string) => text.replace(/"title":"./, '"title":"X')],
    ["not JSON", () => "garbage"],
    ["empty", () => ""],
  ])("is ignored when %s", async (_case, damage) => {
    const { config } = await corpusSite(30);
    await buildSite(config, { now: NOW });
    const cacheFile = cacheFileOf(config.cacheDir);
    await writeFile(cacheFile, damage(await readFile(cacheFile, "utf8")));
    const warm = await buildSite(config, { now: NOW, write: false });
    const cold = await buildSite(config, { now: NOW, write: false, cache: false });
    expect(warm.files).toEqual(cold.files);
  });

  it("is emptied by a change of config: article URLs follow the new base URL", async () => {
    const { site, config } = await corpusSite(10);
    await buildSite(config, { now: NOW });
    const configFile = path.join(site.root, "nashra.config.json");
    const settings = JSON.parse(await readFile(configFile, "utf8"));
    await writeFile(configFile, JSON.stringify({ ...settings, baseUrl: "https://moved.example/" }));
    const loaded = await loadConfig(configFile);
    if (!loaded.ok) throw new Error("config");
    const result = await buildSite(loaded.config, { now: NOW, write: false });
    expect(result.files.get("rss.xml")).toContain("https://moved.example/bench-");
    expect(result.files.get("rss.xml")).not.toContain("https://bench.example/");
  });

  it("agrees with cold and warm builds after a sequence of edits in watch mode", async () => {
    const { site, config } = await corpusSite(150);
    await buildSite(config, { now: NOW });
    const reports: number[] = [];
    const watcher = await watchSite({ config, onRebuild: () => reports.push(Date.now()) });
    try {
      for (let i = 0; i < 10; i++) {
        const file = path.join(config.articlesDir, "0", `a${i * 7}.md`);
        const text = await readFile(file, "utf8");
        await writeFile(file, text.replace(/^title: "/m, `title: "معدل ${i} `));
      }
      await rm(path.join(config.articlesDir, "0", "a5.md"));
      await rm(path.join(config.articlesDir, "0", "a6.md"));
      let last = reports.length;
      await until(() => reports.length > last);
      do {
        last = reports.length;
        await new Promise((resolve) => setTimeout(resolve, 600));
      } while (reports.length !== last);
    } finally {
      await watcher.close();
    }
    const watched = await distFiles(site.dist);
    const cold = await buildSite(config, { now: new Date(), cache: false, write: false });
    const warm = await buildSite(config, { now: new Date(), write: false });
    expect(warm.files).toEqual(cold.files);
    expect([...watched.keys()].sort()).toEqual([...cold.files.keys()].sort());
    for (const [file, content] of cold.files) expect(watched.get(file), file).toBe(content);
  });

  it("reads an image's size again, even when its article comes from the cache", async () => {
    const site = await makeSite({
      "a.md": "---\ntitle: أ\ndate: 2024-01-01T10:00\nimage: photo.jpg\n---\nنص.\n",
    });
    sites.push(site);
    await site.write("photo.jpg", Buffer.alloc(1000, 1));
    await buildSite(site.config, { now: NOW });
    await site.write("photo.jpg", Buffer.alloc(5000, 1));
    const warm = await buildSite(site.config, { now: NOW, write: false });
    expect(warm.files.get("rss.xml")).toContain('length="5000"');
    // The article, now a copy with the new length, still has its body (the cache keeps none):
    // the feeds written warm, then again, are those of a cold build.
    const cold = await buildSite(site.config, { now: NOW, write: false, cache: false });
    expect(cold.files.get("rss.xml")).toContain("&lt;p&gt;نص.&lt;/p&gt;");
    for (let build = 0; build < 2; build++) {
      await buildSite(site.config, { now: NOW });
      for (const [file, content] of cold.files) expect(await site.read(file), file).toBe(content);
    }
  });

  it("never fails a build it cannot save: the feeds are written, a warning says why", async () => {
    const site = await makeSite({ "a.md": "---\ntitle: أ\ndate: 2024-01-01T10:00\n---\nنص.\n" });
    sites.push(site);
    await writeFile(site.config.cacheDir, "a file where the cache folder should be");
    const result = await buildSite(site.config, { now: NOW });
    expect(result.ok).toBe(true);
    expect(result.written).toContain("rss.xml");
    expect(result.problems).toEqual([
      expect.objectContaining({ field: "cacheDir", rule: "cache/unwritable", severity: "warning" }),
    ]);
  });

  it("leaves unchanged documents alone on a warm build, and the result equals a cold build", async () => {
    const { site, config } = await corpusSite(60);
    const first = await buildSite(config, { now: NOW });
    expect(first.kept).toEqual([]);
    // Edit two articles, delete one, add one; tamper with a feed file behind nashra's back.
    for (const name of ["a3.md", "a40.md"]) {
      const file = path.join(config.articlesDir, "0", name);
      await writeFile(file, (await readFile(file, "utf8")).replace(/^title: "/m, 'title: "معدل '));
    }
    await rm(path.join(config.articlesDir, "0", "a7.md"));
    await writeFile(
      path.join(config.articlesDir, "0", "new.md"),
      "---\ntitle: جديد\ndate: 2016-01-01T10:00\ncategory: سياسة\n---\nنص.\n",
    );
    const tampered = first.written.find((file) => file.startsWith("tag/"));
    expect(tampered).toBeDefined();
    await writeFile(path.join(site.dist, tampered ?? ""), "changed by hand");

    const warm = await buildSite(config, { now: NOW });
    expect(warm.kept.length).toBeGreaterThan(0);
    expect(warm.written).toContain(tampered);
    const cold = await buildSite(config, { now: NOW, write: false, cache: false });
    const onDisk = await distFiles(site.dist);
    expect([...onDisk.keys()].sort()).toEqual([...cold.files.keys()].sort());
    for (const [file, content] of cold.files) expect(onDisk.get(file), file).toBe(content);

    // Nothing changed but the build record: every document is left alone.
    await rm(buildRecordFileOf(config.cacheDir));
    const again = await buildSite(config, { now: NOW });
    expect(again.upToDate).toBe(false);
    expect(again.written).toEqual([]);
    expect(again.files.size).toBe(2); // the OPML list and the autodiscovery snippet
  });

  it("ignores a damaged record of documents", async () => {
    const { site, config } = await corpusSite(20);
    await buildSite(config, { now: NOW });
    await writeFile(path.join(config.cacheDir, "documents.json"), "{ broken");
    await writeFile(path.join(site.dist, "rss.xml"), "changed by hand");
    const warm = await buildSite(config, { now: NOW });
    expect(warm.kept).toEqual([]);
    const cold = await buildSite(config, { now: NOW, write: false, cache: false });
    expect((await distFiles(site.dist)).get("rss.xml")).toBe(cold.files.get("rss.xml"));
  });
});

describe("the cache key", () => {
  it("holds the installed version of each library that shapes articles", async () => {
    const versions = libraryVersions();
    expect(versions[0]).toMatch(/^nashra@\d/);
    for (const entry of versions.slice(1)) {
      const [name, version] = entry.split(/@(?=[^@]*$)/);
      const manifest = path.join(REPO_ROOT, "node_modules", name ?? "", "package.json");
      expect(entry).toBe(`${name}@${JSON.parse(await readFile(manifest, "utf8")).version}`);
      expect(version).not.toBe("unknown");
    }
    expect(versions.map((entry) => entry.split("@")[0])).toEqual(
      expect.arrayContaining(["zod", "markdown-it", "sanitize-html", "moment-timezone"]),
    );
  });
});

describe("the cache journal", () => {
  const journalOf = (config: SiteConfig) => path.join(config.cacheDir, "articles.journal.json");

  /** Gives a3.md a new title of the same length as `like`'s, its time put back to 1970. */
  async function retitle(config: SiteConfig, title: string): Promise<void> {
    const file = path.join(config.articlesDir, "0", "a3.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/^title: "[^"]*"/m, `title: "${title}"`));
    await utimes(file, new Date(0), new Date(0));
  }

  it("holds a few changes beside the cache file, which a restart applies", async () => {
    const { config } = await corpusSite(40);
    await buildSite(config, { now: NOW });
    const base = await readFile(cacheFileOf(config.cacheDir));
    await retitle(config, "عنوان أول");
    await rm(path.join(config.articlesDir, "0", "a7.md"));
    await buildSite(config, { now: NOW });
    // The cache file is as it was; the journal holds the change and the deletion.
    expect(await readFile(cacheFileOf(config.cacheDir))).toEqual(base);
    expect(await readFile(journalOf(config), "utf8")).toContain("عنوان أول");
    // Other bytes of the same length and time: only the journal's entry keeps the first title.
    await retitle(config, "عنوان ثان");
    const warm = await buildSite(config, { now: NOW, write: false });
    expect(warm.files.get("rss.xml")).toContain("عنوان أول");
    // Read back, the cache has the journal's deletion too.
    const cache = await ArticleCache.load(cacheFileOf(config.cacheDir), siteCacheKey(config));
    expect(cache.size).toBe(39);
    expect(cache.has("articles/0/a7.md")).toBe(false);
    expect(cache.has("articles/0/a3.md")).toBe(true);
  });

  it("gives its entries articles without bodies, read again when rendered", async () => {
    const { config } = await corpusSite(40);
    await buildSite(config, { now: NOW });
    // The newest article, which the feeds show in full, changed: its entry goes to the journal.
    const newest = path.join(config.articlesDir, "0", "a39.md");
    await writeFile(newest, `${await readFile(newest, "utf8")}\nفقرة أضيفت بعد البناء.\n`);
    await buildSite(config, { now: NOW });
    expect(await readFile(journalOf(config), "utf8")).toContain("articles/0/a39.md");
    const cache = await ArticleCache.load(cacheFileOf(config.cacheDir), siteCacheKey(config));
    const article = cache.get("articles/0/a39.md")?.article;
    expect(article !== undefined && isBodiless(article)).toBe(true);
    const warm = await buildSite(config, { now: NOW, write: false });
    const cold = await buildSite(config, { now: NOW, write: false, cache: false });
    expect(warm.files).toEqual(cold.files);
  });

  it("is ignored when its bytes changed, though it names the right cache file", async () => {
    const { config } = await corpusSite(40);
    await buildSite(config, { now: NOW });
    await retitle(config, "عنوان أول");
    await buildSite(config, { now: NOW });
    // Still valid JSON of the same length: only the checksum tells.
    const journal = await readFile(journalOf(config), "utf8");
    await writeFile(journalOf(config), journal.replace("عنوان أول", "عنوان خطأ"));
    await retitle(config, "عنوان ثان");
    const warm = await buildSite(config, { now: NOW, write: false });
    expect(warm.files.get("rss.xml")).toContain("عنوان ثان");
    expect(warm.files.get("rss.xml")).not.toContain("عنوان خطأ");
  });

  it("is ignored when made for another cache file", async () => {
    const { config } = await corpusSite(40);
    await buildSite(config, { now: NOW });
    await retitle(config, "عنوان أول");
    await buildSite(config, { now: NOW });
    const stale = await readFile(journalOf(config));
    // Another title of the same length and time, then a cold build: a new cache file, which
    // holds it. The old journal, put back beside it, would bring back the first title.
    await retitle(config, "عنوان ثان");
    await rm(config.cacheDir, { recursive: true });
    await buildSite(config, { now: NOW });
    await writeFile(journalOf(config), stale);
    const cold = await buildSite(config, { now: NOW, write: false, cache: false });
    expect(cold.files.get("rss.xml")).toContain("عنوان ثان");
    expect((await buildSite(config, { now: NOW, write: false })).files).toEqual(cold.files);
  });

  it("gives way to the whole cache written again once it would hold many entries", async () => {
    const { config } = await corpusSite(300);
    await buildSite(config, { now: NOW });
    await retitle(config, "عنوان أول");
    await buildSite(config, { now: NOW });
    await readFile(journalOf(config)); // there is one
    const base = await readFile(cacheFileOf(config.cacheDir));
    // Every file read again (a new time each): more entries than a journal takes.
    const later = new Date(Date.now() + 5_000);
    for (const folder of await readdir(config.articlesDir)) {
      for (const name of await readdir(path.join(config.articlesDir, folder))) {
        await utimes(path.join(config.articlesDir, folder, name), later, later);
      }
    }
    await buildSite(config, { now: NOW });
    expect(await readFile(cacheFileOf(config.cacheDir))).not.toEqual(base);
    await expect(readFile(journalOf(config))).rejects.toThrow(/ENOENT/);
    const warm = await buildSite(config, { now: NOW, write: false });
    const cold = await buildSite(config, { now: NOW, write: false, cache: false });
    expect(warm.files).toEqual(cold.files);
  });
});

describe("saving the cache", () => {
  it("leaves a change made while the file is written for the next save", async () => {
    const site = await makeSite();
    sites.push(site);
    const file = path.join(site.root, "cache", "articles.json");
    const entry = (size: number): CacheEntry => ({
      size,
      mtimeMs: size,
      contentHash: `h${size}`,
      problems: [],
    });
    const cache = await ArticleCache.load(file, "key");
    for (let index = 0; index < 300; index++) cache.set(`f${index}`, entry(index));
    const saving = cache.save(); // the whole cache: more entries than a journal takes
    cache.set("f0", entry(999));
    expect(await saving).toBeUndefined();
    expect(await cache.save()).toBeUndefined(); // a journal
    const again = await ArticleCache.load(file, "key");
    expect(again.size).toBe(300);
    expect(again.get("f0")?.size).toBe(999);
    expect(again.get("f1")?.size).toBe(1);
  });
});

describe("the checksummed cache file", () => {
  it("is read back whole when written in pieces, and refused when a byte changes", async () => {
    const site = await makeSite();
    sites.push(site);
    const file = path.join(site.root, "cache", "entries.json");
    // Over two megabytes of JSON: several pieces, each one cut between entries.
    const entries: [string, unknown][] = Array.from({ length: 3000 }, (_, index) => [
      `articles/${index}.md`,
      { index, text: "نص عربي ".repeat(60), nested: { list: [index, "x\u2028y"] } },
    ]);
    await writeChecksummedEntries(file, "test/1", "key", entries);
    expect(await readChecksummed(file, "test/1", "key")).toEqual(Object.fromEntries(entries));
    expect(await readChecksummed(file, "test/1", "other key")).toBeUndefined();

    const bytes = await readFile(file);
    expect(bytes.length).toBeGreaterThan(2 * 2 ** 20);
    const damaged = Buffer.from(bytes);
    const at = damaged.lastIndexOf("articles/2999.md");
    damaged[at] = "A".charCodeAt(0);
    await writeFile(file, damaged);
    expect(await readChecksummed(file, "test/1", "key")).toBeUndefined();
  });

  it("is read back one line at a time, the same values in the same order", async () => {
    const site = await makeSite();
    sites.push(site);
    const file = path.join(site.root, "cache", "lines.json");
    // Over two megabytes: lines cut by the reader's pieces, one longer than a piece, and text
    // with line breaks and U+2028 inside strings.
    const values: unknown[] = Array.from({ length: 3000 }, (_, index) => [
      `articles/${index}.md`,
      { index, text: "نص عربي\nسطر ثان\u2028".repeat(40) },
    ]);
    // 2.4 MB: a line across three of the reader's megabyte pieces.
    values.splice(1500, 0, ["large", "ن".repeat(1_200_000)]);
    const sha1 = await writeChecksummedLines(file, "test/1", "key", values);
    const read = async (key = "key") => {
      const seen: unknown[] = [];
      const checksum = await readChecksummedLines(file, "test/1", key, (v) => seen.push(v));
      return { checksum, seen };
    };
    const whole = await read();
    expect(whole.checksum).toBe(sha1);
    expect(whole.seen).toEqual(values);
    expect((await read("other key")).checksum).toBeUndefined();

    const bytes = await readFile(file);
    expect(bytes.length).toBeGreaterThan(4 * 2 ** 20);
    const damaged = Buffer.from(bytes);
    damaged[damaged.lastIndexOf("articles/2999.md")] = "A".charCodeAt(0);
    await writeFile(file, damaged);
    expect((await read()).checksum).toBeUndefined();
    // Cut inside a line, and cut at a line's end: neither is the file that was written.
    await writeFile(file, bytes.subarray(0, bytes.length - 10));
    expect((await read()).checksum).toBeUndefined();
    await writeFile(file, bytes.subarray(0, bytes.lastIndexOf(0x0a, bytes.length - 2) + 1));
    expect((await read()).checksum).toBeUndefined();

    // Damaged into one long line: refused, the header never found.
    await writeFile(file, Buffer.alloc(3 * 2 ** 20, "a"));
    expect((await read()).checksum).toBeUndefined();

    await writeChecksummedLines(file, "test/1", "key", []);
    const empty = await read();
    expect(empty.checksum).toMatch(/^[0-9a-f]{40}$/);
    expect(empty.seen).toEqual([]);
  });

  it("holds an entry larger than a piece, and no entry at all", async () => {
    const site = await makeSite();
    sites.push(site);
    const file = path.join(site.root, "cache", "entries.json");
    // 1.5 MB of JSON in one entry, between small ones: it cannot go through the reused buffer.
    const entries: [string, unknown][] = [
      ["before", { text: "قبل" }],
      ["large", { text: "ن".repeat(750_000) }],
      ["after", { text: "بعد" }],
    ];
    await writeChecksummedEntries(file, "test/1", "key", entries);
    expect(await readChecksummed(file, "test/1", "key")).toEqual(Object.fromEntries(entries));
    await writeChecksummedEntries(file, "test/1", "key", []);
    expect(await readChecksummed(file, "test/1", "key")).toEqual({});
  });
});
