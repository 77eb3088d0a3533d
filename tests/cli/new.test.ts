// `nashra new`: an article that builds cleanly, dated in the site's zone, never over another.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import { checkSite } from "../../src/check.js";
import { titleSlug } from "../../src/locale/title-slug.js";
import { article, makeSite, type TempSite } from "../helpers.js";
import { run } from "./run.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

// 23:30 UTC on New Year's Eve 2018 is 00:30 on 1 January 2019 in Casablanca (UTC+1 then).
const NOW = Date.parse("2018-12-31T23:30:45Z");
const UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

async function newArticle(site: TempSite, ...args: string[]) {
  return run(["new", ...args, "--config", path.join(site.root, "nashra.config.json")], {
    now: () => NOW,
    randomUUID: () => UUID,
  });
}

/** Several new articles in one site need their own ids. */
let made = 0;
async function anotherArticle(site: TempSite, ...args: string[]) {
  made += 1;
  return run(["new", ...args, "--config", path.join(site.root, "nashra.config.json")], {
    now: () => NOW,
    randomUUID: () => `0f8fad5b-d9cb-469f-a165-${String(made).padStart(12, "0")}`,
  });
}

describe("nashra new", () => {
  it("creates a draft dated now in the site's zone, with an id and a slug, that builds cleanly", async () => {
    const site = await makeSite();
    sites.push(site);
    const result = await newArticle(site, "المغرب يشارك في مؤتمر إقليمي بباماكو حول الأمن");
    expect(result.code).toBe(0);
    const file = path.join(
      site.articles,
      "2019",
      "المغرب-يشارك-في-مؤتمر-إقليمي-بباماكو-حول-الأمن.md",
    );
    expect(result.out).toEqual([
      `nashra: created ${path.relative(process.cwd(), file)}, a draft: write the article, then delete the line "draft: true" to publish it`,
    ]);
    expect(await readFile(file, "utf8")).toBe(
      [
        "---",
        "title: المغرب يشارك في مؤتمر إقليمي بباماكو حول الأمن",
        "date: 2019-01-01T00:30",
        `id: urn:uuid:${UUID}`,
        "slug: المغرب-يشارك-في-مؤتمر-إقليمي-بباماكو-حول-الأمن",
        "draft: true",
        "---",
        "",
        "اكتب نص الخبر هنا.",
        "",
      ].join("\n"),
    );
    const draft = await buildSite(site.config, { now: new Date(NOW), cache: false });
    expect(draft.problems).toEqual([]);
    expect(draft.articles).toMatchObject({ valid: 1, drafts: 1, published: 0 });

    // Published once the line goes: its id is the one written, whatever the date or file.
    const text = await readFile(file, "utf8");
    await site.write(path.relative(site.articles, file), text.replace("draft: true\n", ""));
    const published = await buildSite(site.config, { now: new Date(NOW), cache: false });
    expect(published.problems).toEqual([]);
    expect(published.articles.published).toBe(1);
    expect(await site.read("feed.json")).toContain(`"id": "urn:uuid:${UUID}"`);
  });

  it("refuses a second article with the same name, and leaves the first alone", async () => {
    const site = await makeSite({
      "2017/tangier.md": article({ title: "طنجة", date: "2017-12-20" }),
    });
    sites.push(site);
    const first = await newArticle(site, "خبر عاجل");
    expect(first.code).toBe(0);
    const file = path.join(site.articles, "2019", "خبر-عاجل.md");
    const content = await readFile(file, "utf8");
    const second = await run(
      ["new", "خبر عاجل!", "--config", path.join(site.root, "nashra.config.json")],
      { now: () => NOW, randomUUID: () => "another" },
    );
    expect(second.code).toBe(1);
    expect(second.err).toEqual([
      "nashra: articles/2019/خبر-عاجل.md already has the URL https://news.example/خبر-عاجل/, and two articles cannot share one; choose another title, or pass --slug with another slug",
    ]);
    expect(await readFile(file, "utf8")).toBe(content);
    // The same name in another year's folder would give the same URL: refused too.
    const sameSlug = await newArticle(site, "Tangier", "--slug", "tangier");
    expect(sameSlug.code).toBe(1);
    expect(sameSlug.err[0]).toContain(
      "articles/2017/tangier.md already has the URL https://news.example/tangier/",
    );
    expect((await newArticle(site, "خبر عاجل", "--slug", "breaking-2")).code).toBe(0);
  });

  it("compares URLs, not file names: a slug: field counts, and another language is another URL", async () => {
    const site = await makeSite({
      // As in the sample site: the slug is not the file name.
      "2017/derby.md": article({
        title: "الديربي",
        date: "2017-12-20",
        slug: "raja-wydad-derby-preview",
      }),
      "2018/agrumes.md": article({ title: "الحوامض", date: "2018-01-05" }),
      "fr/2018/phosphates.md": article({ title: "Phosphates", date: "2018-01-06", lang: "fr" }),
    });
    sites.push(site);
    const taken = await anotherArticle(site, "Derby", "--slug", "raja-wydad-derby-preview");
    expect(taken.code).toBe(1);
    expect(taken.err).toEqual([
      "nashra: articles/2017/derby.md already has the URL https://news.example/raja-wydad-derby-preview/, and two articles cannot share one; choose another title, or pass --slug with another slug",
    ]);
    // The file name alone is no URL: /derby/ is free.
    expect((await anotherArticle(site, "Derby")).code).toBe(0);
    // A French article named as an Arabic one is at /fr/agrumes/, not /agrumes/.
    expect((await anotherArticle(site, "Agrumes", "--lang", "fr")).code).toBe(0);
    const french = await anotherArticle(site, "Phosphates", "--lang", "fr");
    expect(french.code).toBe(1);
    expect(french.err[0]).toContain(
      "articles/fr/2018/phosphates.md already has the URL https://news.example/fr/phosphates/",
    );
    // …but an Arabic one may take /phosphates/.
    expect((await anotherArticle(site, "Phosphates")).code).toBe(0);
    const built = await buildSite(site.config, { now: new Date(NOW), cache: false });
    expect(built.problems).toEqual([]);
    expect(built.articles.valid).toBe(6);
  });

  it.each([
    [["2024"], "2024"],
    [["2030"], "2030"],
    [["null"], "null"],
    [["true"], "true"],
    [["1e3"], "1e3"],
    [["0x1F"], "0x1f"],
    [["خبر", "--slug", "2024"], "2024"],
  ])(
    "%j writes a slug YAML reads as the string %s, and the article validates",
    async (args, slug) => {
      const site = await makeSite();
      sites.push(site);
      const result = await newArticle(site, ...args);
      expect(result.code).toBe(0);
      const content = await readFile(path.join(site.articles, "2019", `${slug}.md`), "utf8");
      expect(content).toContain(`slug: "${slug}"\n`);
      const checked = await checkSite(path.join(site.root, "nashra.config.json"), {
        now: new Date(NOW),
        cache: false,
      });
      expect(checked.problems).toEqual([]);
      expect(checked.articles.valid).toBe(1);
    },
  );

  it("writes other languages in their folder, and quotes a title YAML would misread", async () => {
    const site = await makeSite();
    sites.push(site);
    const result = await newArticle(site, "Agrumes : l’export # progresse", "--lang", "fr");
    expect(result.code).toBe(0);
    const content = await readFile(
      path.join(site.articles, "fr", "2019", "agrumes-l-export-progresse.md"),
      "utf8",
    );
    expect(content).toContain('title: "Agrumes : l’export # progresse"\n');
    expect(content).toContain("lang: fr-MA\n");
    expect(content).toContain("Écrivez ici le texte de l’article.");
    const built = await buildSite(site.config, { now: new Date(NOW), cache: false });
    expect(built.problems).toEqual([]);
  });

  it("takes a title that starts with a dash after --, and says so when it is not", async () => {
    const site = await makeSite();
    sites.push(site);
    const dashed = await anotherArticle(site, "- قائمة المنتخب");
    expect(dashed.code).toBe(2);
    expect(dashed.err[0]?.split("\n")[0]).toBe(
      'nashra: "- قائمة المنتخب" starts with "-", so it reads as an option; put the title after --, as in nashra new -- "- قائمة المنتخب"; run nashra --help for the commands and options',
    );
    // A mistyped option is only that.
    const typo = await anotherArticle(site, "خبر", "--slgu", "x");
    expect(typo.err[0]).toMatch(/^nashra: Unknown option '--slgu'/);
    const config = path.join(site.root, "nashra.config.json");
    const after = await run(["new", "--config", config, "--", "- قائمة المنتخب"], {
      now: () => NOW,
      randomUUID: () => UUID,
    });
    expect(after.code).toBe(0);
    expect(after.out[0]).toContain("articles/2019/قائمة-المنتخب.md");
  });

  it("says that no file was left behind when the disk refuses it", async () => {
    const site = await makeSite();
    sites.push(site);
    // The year's folder cannot be made: a file has its name.
    await writeFile(path.join(site.articles, "2019"), "");
    const result = await newArticle(site, "خبر");
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(
      /^nashra: .*; no article file was left behind — fix the cause and run again$/,
    );
  });

  it.each([
    [["new"], 2, 'put the title in quotes, as in nashra new "عنوان الخبر"'],
    [["new", "   "], 1, "the title is empty"],
    [["new", "«؟!»"], 1, "pass one with --slug"],
    [["new", "خبر", "--slug", "a b"], 1, '--slug "a b" is not a slug'],
    [
      ["new", "خبر", "--lang", "es"],
      1,
      "--lang es is not one of the site's languages; use one of ar-MA, fr-MA",
    ],
  ])("%j exits %i and says what to do", async (args, code, message) => {
    const site = await makeSite();
    sites.push(site);
    const result = await run([...args, "--config", path.join(site.root, "nashra.config.json")]);
    expect(result.code).toBe(code);
    expect(result.err.join("\n")).toContain(message);
  });
});

describe("titleSlug", () => {
  it.each([
    ["المغرب يشارك في مؤتمر", "المغرب-يشارك-في-مؤتمر"],
    ["مؤتمرٌ إقليميّ في باماكو؟", "مؤتمر-إقليمي-في-باماكو"],
    ["أخبار «عاجلة» — اليوم", "أخبار-عاجلة-اليوم"],
    ["Maroc : l’agrume s’exporte", "maroc-l-agrume-s-exporte"],
    ["Économie & Société 2018", "economie-societe-2018"],
    ["المنتخب ٢٠١٨", "المنتخب-٢٠١٨"],
    ["!!!", ""],
  ])("%s → %s", (title, slug) => {
    expect(titleSlug(title)).toBe(slug);
  });

  it("stays within 64 characters, at a word boundary", () => {
    const slug = titleSlug("كلمة ".repeat(40));
    expect([...slug].length).toBeLessThanOrEqual(64);
    expect(slug).toMatch(/^كلمة(?:-كلمة)+$/);
  });
});
