// `nashra new`: an article that builds cleanly, dated in the site's zone, never over another.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
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
      'nashra: articles/2019/خبر-عاجل.md already has the name "خبر-عاجل", and two articles cannot share a URL; choose another title, or pass --slug with another slug',
    ]);
    expect(await readFile(file, "utf8")).toBe(content);
    // The same name in another year's folder would give the same URL: refused too.
    const sameSlug = await newArticle(site, "Tangier", "--slug", "tangier");
    expect(sameSlug.code).toBe(1);
    expect(sameSlug.err[0]).toContain("articles/2017/tangier.md already has the name");
    expect((await newArticle(site, "خبر عاجل", "--slug", "breaking-2")).code).toBe(0);
  });

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
