// A build that finds nothing changed since the last one stops there (src/cache/build-record.ts):
// it must then report what the last build reported, and any change of what the feeds depend on
// (an article file, an image beside one, an output file, the config, the clock passing a
// scheduled article) must make a full build whose feeds are those of a cold build.
import { readFile, rename, rm, symlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { buildRecordFileOf } from "../src/cache/build-record.js";
import { validateConfig } from "../src/config/load.js";
import type { SiteConfig } from "../src/config/resolve.js";
import { MANIFEST_FILE } from "../src/output/write.js";
import { article, distFiles, makeSite, TEST_CONFIG, type TempSite } from "./helpers.js";

const NOW = new Date("2030-01-01T00:00:00Z");
const SCHEDULED = "2030-03-01T10:00";
const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

async function newsSite(): Promise<TempSite> {
  const site = await makeSite({
    "a.md": article({
      title: "أ",
      date: "2024-01-01T10:00",
      category: "سياسة",
      image: "photo.jpg",
    }),
    "b.md": article({ title: "ب", date: "2024-02-01T10:00", tags: "[اقتصاد]" }),
    // A warning the up-to-date build must report again: a field nashra does not know.
    "c.md": article({ title: "ج", date: "2024-03-01T10:00", mood: "هادئ" }),
    "later.md": article({ title: "لاحقا", date: SCHEDULED }),
    "draft.md": article({ title: "مسودة", date: "2024-01-05T10:00", draft: "true" }),
  });
  sites.push(site);
  await site.write("photo.jpg", Buffer.alloc(1000, 1));
  return site;
}

/** A full build, then the output folder compared with a cold build's for the same moment. */
async function expectFullBuildLikeCold(config: SiteConfig, now = NOW): Promise<void> {
  const warm = await buildSite(config, { now });
  expect(warm.ok).toBe(true);
  expect(warm.upToDate).toBe(false);
  const cold = await buildSite(config, { now, write: false, cache: false });
  const disk = await distFiles(config.outDir);
  expect([...disk.keys()].sort()).toEqual([...cold.files.keys()].sort());
  for (const [file, content] of cold.files) expect(disk.get(file), file).toBe(content);
  // And the build after it has nothing to do.
  expect((await buildSite(config, { now })).upToDate).toBe(true);
}

describe("a build that finds nothing changed", () => {
  it("writes and reads nothing, and reports what the last build reported", async () => {
    const site = await newsSite();
    await symlink(path.join(site.articles, "b.md"), path.join(site.articles, "link.md"));
    const first = await buildSite(site.config, { now: NOW });
    expect(first.ok).toBe(true);
    expect(first.upToDate).toBe(false);
    expect(first.problems.map((problem) => problem.rule)).toEqual([
      "front-matter/unknown-field",
      "file/symlink",
    ]);
    const before = await distFiles(site.dist);

    const again = await buildSite(site.config, { now: NOW });
    expect(again).toMatchObject({ ok: true, upToDate: true, written: [], removed: [] });
    expect(again.problems).toEqual(first.problems);
    expect(again.articles).toEqual(first.articles);
    expect(again.articles).toMatchObject({ drafts: 1, scheduled: 1 });
    expect(again.files.size).toBe(0);
    expect([...again.kept].sort()).toEqual([...before.keys()].sort());
    expect(await distFiles(site.dist)).toEqual(before);

    // The link is looked at anew, not taken from the record.
    await rm(path.join(site.articles, "link.md"));
    const unlinked = await buildSite(site.config, { now: NOW });
    expect(unlinked.upToDate).toBe(true);
    expect(unlinked.problems.map((problem) => problem.rule)).toEqual([
      "front-matter/unknown-field",
    ]);
  });

  it("is not taken without the cache, nor when the build does not write", async () => {
    const site = await newsSite();
    await buildSite(site.config, { now: NOW });
    expect((await buildSite(site.config, { now: NOW, cache: false })).upToDate).toBe(false);
    const dry = await buildSite(site.config, { now: NOW, write: false });
    expect(dry.upToDate).toBe(false);
    expect(dry.files.get("rss.xml")).toBe(await site.read("rss.xml"));
  });
});

describe("any change makes a full build, whose feeds are a cold build's", () => {
  const changes: Record<string, (site: TempSite) => Promise<unknown>> = {
    "an article edited": (site) =>
      site.write("b.md", article({ title: "ب معدل", date: "2024-02-01T10:00" })),
    "an article edited to the same size, its time kept": async (site) => {
      const file = path.join(site.articles, "b.md");
      const text = await readFile(file, "utf8");
      await writeFile(file, text.replace("ب", "ت"));
      // Same size; only the modification time tells, so it must be looked at.
      const later = new Date(Date.now() + 5_000);
      await utimes(file, later, later);
    },
    "an article added": (site) => site.write("d.md", article({ title: "د", date: "2024-04-01" })),
    "an article deleted": (site) => site.remove("b.md"),
    "an article renamed": async (site) => {
      const text = await readFile(path.join(site.articles, "b.md"), "utf8");
      await site.remove("b.md");
      await site.write("bb.md", text);
    },
    // A rename keeps the size and the time: only the listing tells.
    "an article renamed, its size and time kept": (site) =>
      rename(path.join(site.articles, "b.md"), path.join(site.articles, "bb.md")),
    "the image beside an article": (site) => site.write("photo.jpg", Buffer.alloc(5000, 1)),
    "the image beside an article deleted": (site) => site.remove("photo.jpg"),
    "a feed changed by hand": (site) => writeFile(path.join(site.dist, "rss.xml"), "by hand"),
    "a feed deleted": (site) => rm(path.join(site.dist, "atom.xml")),
    "the manifest deleted": (site) => rm(path.join(site.dist, MANIFEST_FILE)),
    "a damaged record": (site) =>
      writeFile(buildRecordFileOf(site.config.cacheDir), '{"format":"nashra-build-record/1"}\n{'),
  };
  for (const [name, change] of Object.entries(changes)) {
    it(name, async () => {
      const site = await newsSite();
      await buildSite(site.config, { now: NOW });
      expect((await buildSite(site.config, { now: NOW })).upToDate).toBe(true);
      await change(site);
      await expectFullBuildLikeCold(site.config);
    });
  }

  it("two listings whose paths, joined by line breaks, are the same text", async () => {
    const site = await makeSite({});
    sites.push(site);
    const folder = site.articles;
    // A name may hold a line break: [a.md⏎…/b.md, c.md] and [a.md, b.md⏎…/c.md] (each a file
    // in folders named after it) read the same when joined, and have the same count.
    const listings = [
      [`a.md\n${folder}/b.md`, "c.md"],
      ["a.md", `b.md\n${folder}/c.md`],
    ];
    const texts = [
      [
        article({ title: "أول", date: "2024-01-01T10:00" }),
        article({ title: "ثان", date: "2024-01-02T10:00" }),
      ],
      [
        article({ title: "ثلث", date: "2024-01-01T10:00" }),
        article({ title: "ربع", date: "2024-01-02T10:00" }),
      ],
    ];
    const when = new Date("2025-01-01T00:00:00Z");
    const lay = async (index: 0 | 1) => {
      for (const [place, name] of (listings[index] as string[]).entries()) {
        const file = await site.write(name, texts[index]?.[place] as string);
        await utimes(file, when, when);
      }
    };
    await lay(0);
    await buildSite(site.config, { now: NOW });
    expect((await buildSite(site.config, { now: NOW })).upToDate).toBe(true);
    // Each top-level entry: the file, or the folder named after the part before the break.
    for (const name of listings[0] as string[]) await site.remove(name.split("/")[0] as string);
    await lay(1);
    await expectFullBuildLikeCold(site.config);
    expect(await site.read("rss.xml")).toContain("ربع");
  });

  it("the clock reaching a scheduled article, or going back before the newest one", async () => {
    const site = await newsSite();
    await buildSite(site.config, { now: NOW });
    // Anywhere between the newest published article and the scheduled one: nothing to do.
    const meanwhile = new Date("2029-06-01T00:00:00Z");
    expect((await buildSite(site.config, { now: meanwhile })).upToDate).toBe(true);
    const due = new Date("2030-03-02T00:00:00Z");
    await expectFullBuildLikeCold(site.config, due);
    expect(await site.read("rss.xml")).toContain("لاحقا");
    // Back before the newest article (c.md, 2024-03-01) was out.
    await expectFullBuildLikeCold(site.config, new Date("2024-02-15T00:00:00Z"));
    expect(await site.read("rss.xml")).not.toContain("<title>ج</title>");
  });

  it("a feed that a warm build kept as it was, then deleted, is written again by the next build", async () => {
    const site = await makeSite({
      "a.md": article({ title: "أ", date: "2024-01-01T10:00" }),
      "b.md": article({ title: "ب", date: "2024-02-01T10:00" }),
    });
    sites.push(site);
    expect((await buildSite(site.config, { now: NOW })).ok).toBe(true);
    // Same bytes, new time: a full build, in which every document is kept as it is on disk.
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(site.articles, "b.md"), later, later);
    const warm = await buildSite(site.config, { now: NOW });
    expect(warm.upToDate).toBe(false);
    expect(warm.kept).toContain("rss.xml");

    await rm(path.join(site.dist, "rss.xml"));
    const next = await buildSite(site.config, { now: NOW });
    expect(next.upToDate).toBe(false);
    await expect(site.read("rss.xml")).resolves.toContain("<rss");
  });

  it("the config changed", async () => {
    const site = await newsSite();
    await buildSite(site.config, { now: NOW });
    const input = {
      ...TEST_CONFIG,
      languages: { "ar-MA": { title: "عنوان آخر", description: "د" } },
    };
    await writeFile(path.join(site.root, "nashra.config.json"), JSON.stringify(input));
    const changed = validateConfig(input, site.root);
    if (!changed.ok) throw new Error("config");
    await expectFullBuildLikeCold(changed.config);
    expect(await site.read("rss.xml")).toContain("عنوان آخر");
  });
});
