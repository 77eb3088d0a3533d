// Section feeds, RFC 5005 archives, media and discovery, on small temporary sites.
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import { validateConfig } from "../../src/config/load.js";
import type { SiteConfigInput } from "../../src/config/schema.js";
import { sectionSlug } from "../../src/locale/section-slug.js";
import { parseAtom, parseRss } from "../feed-checks.js";
import { article, makeSite, TEST_CONFIG, type TempSite } from "../helpers.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

async function build(files: Record<string, string>, overrides: Partial<SiteConfigInput> = {}) {
  const site = await makeSite(files, overrides);
  sites.push(site);
  const result = await buildSite(site.config, {
    now: new Date("2030-01-01T00:00:00Z"),
    write: false,
  });
  expect(result.problems).toEqual([]);
  return { site, files: result.files };
}

const guids = (xml: string | undefined) =>
  (parseRss(xml ?? "").items ?? []).map((item) => item.guid?.value);

describe("sectionSlug", () => {
  it.each([
    ["تقارير", "تقارير"],
    ["تَقارير", "تقارير"],
    ["الساحل والصحراء", "الساحل-والصحراء"],
    ["Afrique de l’Ouest", "afrique-de-l-ouest"],
    ["Économie", "économie"],
    ["\u200Fمالي\u200F", "مالي"],
    ["U.S.", "u-s"],
    ["a/../b", "a-b"],
  ])("%s → %s", (name, slug) => {
    expect(sectionSlug(name)).toBe(slug);
  });

  it("gives names with symbols a hash, so that C, C++ and C# are three feeds", () => {
    const slugs = ["C", "C++", "C#", "c++"].map(sectionSlug);
    expect(slugs[0]).toBe("c");
    expect(slugs[1]).toMatch(/^c-[0-9a-f]{8}$/);
    expect(new Set(slugs.slice(0, 3)).size).toBe(3);
    expect(slugs[3]).toBe(slugs[1]);
    expect(sectionSlug("C'est « ça » !")).toMatch(/^c-est-ça-[0-9a-f]{8}$/);
    expect(sectionSlug("%2e%2e")).toMatch(/^2e-2e-[0-9a-f]{8}$/);
  });

  it("gives punctuation alone a stable folder of its own", () => {
    expect(sectionSlug("!!!")).toMatch(/^s-[0-9a-f]{8}$/);
    expect(sectionSlug("!!!")).toBe(sectionSlug("!!!"));
    expect(sectionSlug("???")).not.toBe(sectionSlug("!!!"));
  });

  it("keeps a very long name within 100 bytes, unique by its hash", () => {
    const long = "ا".repeat(130);
    const slug = sectionSlug(long);
    expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(100);
    expect(slug).toMatch(/^ا+-[0-9a-f]{8}$/);
    expect(sectionSlug(`${long}ب`)).not.toBe(slug);
  });
});

describe("section feeds", () => {
  const FILES = {
    "a.md": article({
      title: "أ",
      date: "2024-01-01T10:00",
      category: "تقارير",
      tags: "[الساحل, مالي]",
      author: "سعاد",
    }),
    "b.md": article({
      title: "ب",
      date: "2024-01-02T10:00",
      category: "تَقارير",
      tags: "[الساحل]",
      source: "ومع",
    }),
    "c.md": article({
      title: "ج",
      date: "2024-01-03T10:00",
      category: "رياضة",
      author: "[سعاد, يوسف]",
    }),
    "fr/d.md": article({
      title: "D",
      date: "2024-01-04T10:00",
      lang: "fr",
      category: "Économie",
      tags: "[Sahel]",
    }),
  };

  it("has one feed per category, tag and author, per language, titled after the site and the section", async () => {
    const { files } = await build(FILES);
    const rss = parseRss(files.get("category/تقارير/rss.xml"));
    expect(rss.title).toBe("أخبار — تقارير");
    expect(rss.atom?.links?.[0]?.href).toBe(
      `https://news.example/category/${encodeURIComponent("تقارير")}/rss.xml`,
    );
    // «تَقارير» with a fatha is the same section as «تقارير».
    expect(guids(files.get("category/تقارير/rss.xml"))).toHaveLength(2);
    expect(guids(files.get("category/رياضة/rss.xml"))).toHaveLength(1);
    expect(guids(files.get("tag/الساحل/rss.xml"))).toHaveLength(2);
    expect(guids(files.get("author/سعاد/rss.xml"))).toHaveLength(2);
    expect(guids(files.get("author/ومع/rss.xml"))).toHaveLength(1);
    expect(parseRss(files.get("fr/category/économie/rss.xml")).language).toBe("fr-MA");
    expect(files.has("fr/tag/sahel/atom.xml")).toBe(true);
    expect(files.has("fr/tag/الساحل/atom.xml")).toBe(false);
  });

  it("can switch each family off, and limit the items of section feeds", async () => {
    const { files } = await build(FILES, {
      sections: { tags: false, authors: false, itemLimit: 1 },
    });
    expect(
      [...files.keys()].some((file) => file.includes("tag/") || file.includes("author/")),
    ).toBe(false);
    expect(guids(files.get("category/تقارير/rss.xml"))).toHaveLength(1);
  });
});

describe("RFC 5005 archives", () => {
  const day = (d: number) => `2024-01-${String(d).padStart(2, "0")}T10:00`;
  const articles = (days: number[]) =>
    Object.fromEntries(
      days.map((d) => [`d${d}.md`, article({ title: `يوم ${d}`, date: day(d), id: `d${d}` })]),
    );
  const FIVE = articles([1, 2, 3, 4, 5]);
  const OPTIONS = { itemLimit: 2, archive: { pageSize: 2 } };
  const id = (d: number) => `tag:news.example,2017:d${d}`;

  it("hold every article in full pages, oldest first, linked to each other and to the feed", async () => {
    const { files } = await build(FIVE, OPTIONS);
    expect(guids(files.get("rss.xml"))).toEqual([id(5), id(4)]);
    expect(guids(files.get("archive/1/rss.xml"))).toEqual([id(2), id(1)]);
    expect(guids(files.get("archive/2/rss.xml"))).toEqual([id(4), id(3)]);
    expect(files.has("archive/3/rss.xml")).toBe(false);
    const atom = (page: number) => parseAtom(files.get(`archive/${page}/atom.xml`));
    const rel = (page: number, name: string) =>
      atom(page).links?.find((link) => link.rel === name)?.href;
    const url = (page: number) => `https://news.example/archive/${page}/atom.xml`;
    expect(rel(1, "prev-archive")).toBeUndefined();
    expect(rel(1, "next-archive")).toBe(url(2));
    expect(rel(2, "prev-archive")).toBe(url(1));
    expect(rel(2, "next-archive")).toBeUndefined();
    expect(rel(2, "current")).toBe("https://news.example/atom.xml");
    expect(atom(2).id).toBe(parseAtom(files.get("atom.xml")).id);
    expect(
      parseAtom(files.get("atom.xml")).links?.find((l) => l.rel === "prev-archive")?.href,
    ).toBe(url(2));
    for (const page of [1, 2]) {
      expect(files.get(`archive/${page}/atom.xml`)).toContain("<fh:archive/>");
      expect(files.get(`archive/${page}/rss.xml`)).toContain("<fh:archive/>");
    }
    expect(files.get("atom.xml")).not.toContain("fh:archive");
    expect(JSON.parse(files.get("feed.json") ?? "").next_url).toBe(
      "https://news.example/archive/2/feed.json",
    );
    expect(JSON.parse(files.get("archive/2/feed.json") ?? "").next_url).toBe(
      "https://news.example/archive/1/feed.json",
    );
    expect(JSON.parse(files.get("archive/1/feed.json") ?? "")).not.toHaveProperty("next_url");
  });

  it("never change a full page's entries when new articles arrive; an edit changes only its page", async () => {
    const { site } = await build(FIVE, OPTIONS);
    const now = new Date("2030-01-01T00:00:00Z");
    const before = await buildSite(site.config, { now, write: false });
    const entries = (files: Map<string, string>, page: number) =>
      guids(files.get(`archive/${page}/rss.xml`));
    for (const d of [6, 7, 8, 9]) {
      await site.write(`d${d}.md`, article({ title: `يوم ${d}`, date: day(d), id: `d${d}` }));
      const after = await buildSite(site.config, { now, write: false });
      // Every page that was full stays byte for byte the same, but for the newest page's
      // next-archive link when the page after it fills.
      expect(entries(after.files, 1)).toEqual(entries(before.files, 1));
      expect(entries(after.files, 2)).toEqual(entries(before.files, 2));
      expect(after.files.get("archive/1/atom.xml")).toBe(before.files.get("archive/1/atom.xml"));
    }
    const full = await buildSite(site.config, { now, write: false });
    expect([1, 2, 3, 4].map((page) => entries(full.files, page))).toEqual([
      [id(2), id(1)],
      [id(4), id(3)],
      [id(6), id(5)],
      [id(8), id(7)],
    ]);
    await site.write("d3.md", article({ title: "يوم 3، مصحح", date: day(3), id: "d3" }));
    const edited = await buildSite(site.config, { now, write: false });
    const changed = [...edited.files.keys()].filter(
      (file) => file.startsWith("archive/") && edited.files.get(file) !== full.files.get(file),
    );
    expect(changed.sort()).toEqual([
      "archive/2/atom.xml",
      "archive/2/feed.json",
      "archive/2/rss.xml",
    ]);
  });

  it("can be switched off, and refuse a page larger than the feed", async () => {
    const off = await build(FIVE, { archive: { enabled: false } });
    expect([...off.files.keys()].some((f) => f.startsWith("archive/"))).toBe(false);
    expect(off.files.get("atom.xml")).not.toContain("prev-archive");
    const site = await makeSite(FIVE, {});
    sites.push(site);
    const result = validateConfig(
      { ...TEST_CONFIG, itemLimit: 10, archive: { pageSize: 20 } },
      site.root,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.field).toBe("archive.pageSize");
  });
});

describe("media", () => {
  it("takes the length from a file beside the article, or from the front matter", async () => {
    const site = await makeSite({
      "a.md": article({ title: "أ", date: "2024-01-01T10:00", image: "photo.jpg", alt: "صورة" }),
      "b.md": `---\ntitle: ب\ndate: 2024-01-02T10:00\nimage:\n  url: https://cdn.example/b.webp\n  caption: تعليق\n  credit: "تصوير: سعاد"\n  width: 1200\n  height: 800\n  length: 5000\n---\n`,
    });
    sites.push(site);
    await site.write("photo.jpg", Buffer.alloc(1234, 1));
    const { files } = await buildSite(site.config, {
      now: new Date("2030-01-01T00:00:00Z"),
      write: false,
    });
    const items = parseRss(files.get("rss.xml")).items ?? [];
    const [b, a] = items;
    expect(a?.enclosures).toEqual([
      { url: "https://news.example/a/photo.jpg", length: 1234, type: "image/jpeg" },
    ]);
    expect(b?.enclosures).toEqual([
      { url: "https://cdn.example/b.webp", length: 5000, type: "image/webp" },
    ]);
    expect(b?.media?.contents?.[0]).toMatchObject({
      url: "https://cdn.example/b.webp",
      medium: "image",
      width: 1200,
      height: 800,
      fileSize: 5000,
      description: { value: "تعليق", type: "plain" },
      credits: [{ value: "تصوير: سعاد" }],
    });
    expect(b?.media?.thumbnails).toEqual([
      { url: "https://cdn.example/b.webp", width: 1200, height: 800 },
    ]);
    expect(JSON.parse(files.get("feed.json") ?? "").items[0].image).toBe(
      "https://cdn.example/b.webp",
    );
  });

  it("has no icon, logo or webfeeds elements when none is configured", async () => {
    const { files } = await build({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    expect(files.get("rss.xml")).not.toMatch(/<image>|webfeeds:icon|webfeeds:accentColor/);
    expect(files.get("atom.xml")).not.toMatch(/<icon>|<logo>/);
    expect(JSON.parse(files.get("feed.json") ?? "")).not.toHaveProperty("icon");
  });
});

describe("discovery", () => {
  it("lists the main feeds for a page's <head>, with language and title", async () => {
    const { files } = await build({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    expect(files.get("autodiscovery.html")?.split("\n").filter(Boolean)).toEqual([
      '<link rel="alternate" type="application/rss+xml" hreflang="ar-MA" title="أخبار" href="https://news.example/rss.xml">',
      '<link rel="alternate" type="application/atom+xml" hreflang="ar-MA" title="أخبار" href="https://news.example/atom.xml">',
      '<link rel="alternate" type="application/feed+json" hreflang="ar-MA" title="أخبار" href="https://news.example/feed.json">',
      '<link rel="alternate" type="application/rss+xml" hreflang="fr-MA" title="Nouvelles" href="https://news.example/fr/rss.xml">',
      '<link rel="alternate" type="application/atom+xml" hreflang="fr-MA" title="Nouvelles" href="https://news.example/fr/atom.xml">',
      '<link rel="alternate" type="application/feed+json" hreflang="fr-MA" title="Nouvelles" href="https://news.example/fr/feed.json">',
    ]);
  });
});
