// `nashra check`: every problem with its line and a caret, JSON for tools, and nothing written.
import { readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import type { CheckReport } from "../../src/commands/check.js";
import { article, makeSite, type TempSite } from "../helpers.js";
import { run } from "./run.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

const BAD = [
  "---",
  "title: المغرب يشارك في مؤتمر إقليمي بباماكو",
  "date: الجمعة 12 أكتوبر 2017",
  "source: ومع",
  "colour: أحمر",
  "---",
  "",
  "نص الخبر.",
  "",
].join("\n");
const BROKEN_YAML = "---\ntitle: خبر\ndate: 2017-10-13\ntags: [a, b\n---\n\nنص.\n";

async function siteWithProblems(): Promise<TempSite> {
  const site = await makeSite({
    "2017/bamako.md": BAD,
    "2017/broken.md": BROKEN_YAML,
    "2017/good.md": article({ title: "خبر سليم", date: "2017-10-14" }),
  });
  sites.push(site);
  return site;
}

/** Every path under `root` with its size and modification time. */
async function snapshot(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.map(async (entry) => {
      const full = path.join(entry.parentPath, entry.name);
      const info = await stat(full);
      return `${path.relative(root, full)} ${info.size} ${info.mtimeMs}`;
    }),
  ).then((lines) => lines.sort());
}

describe("nashra check", () => {
  it("prints each problem with its line, a caret under the place, and exits 1 on errors", async () => {
    const site = await siteWithProblems();
    const result = await run(["check", "--config", path.join(site.root, "nashra.config.json")]);
    expect(result.code).toBe(1);
    const out = result.out.join("\n");
    expect(out).toContain(
      [
        'articles/2017/bamako.md:3: date: "الجمعة 12 أكتوبر 2017": the weekday does not match the date: 2017-10-12 is a الخميس (Thursday), not a الجمعة; fix the day or the weekday [date/invalid]',
        "  2 | title: المغرب يشارك في مؤتمر إقليمي بباماكو",
        "> 3 | date: الجمعة 12 أكتوبر 2017",
        "    |       ^",
        "  4 | source: ومع",
      ].join("\n"),
    );
    // An unknown key: the caret is under the key.
    expect(out).toContain(["> 5 | colour: أحمر", "    | ^"].join("\n"));
    // A YAML syntax error has its column from the parser.
    expect(out).toContain(
      [
        "articles/2017/broken.md:4: front-matter: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [front-matter/syntax]",
        "  3 | date: 2017-10-13",
        "> 4 | tags: [a, b",
        "    |            ^",
        "  5 | ---",
      ].join("\n"),
    );
    expect(result.err.at(-1)).toMatch(
      /^nashra: 2 errors, 1 warning \(1 valid article, 1 to publish; \d+ ms\)\. Fix each error above in its file, then run nashra check again; nothing was written$/,
    );
  });

  it("writes nothing: no feed, no cache, no lock, and an existing cache is left as it is", async () => {
    const site = await siteWithProblems();
    const config = path.join(site.root, "nashra.config.json");
    const before = await snapshot(site.root);
    expect((await run(["check", "--config", config])).code).toBe(1);
    expect(await snapshot(site.root)).toEqual(before);

    await site.remove("2017/bamako.md");
    await site.remove("2017/broken.md");
    expect((await buildSite(site.config)).ok).toBe(true);
    await site.write("2017/later.md", article({ title: "لاحق", date: "2017-10-20" }));
    const built = await snapshot(site.root);
    expect(built.some((line) => line.startsWith(".nashra-cache"))).toBe(true);
    const result = await run(["check", "--config", config]);
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out.at(-1)).toMatch(
      /^nashra: no error, 0 warnings \(2 valid articles, 2 to publish; \d+ ms\); nothing was written$/,
    );
    expect(await snapshot(site.root)).toEqual(built);
  });

  it("prints one JSON document with --format json", async () => {
    const site = await siteWithProblems();
    const result = await run([
      "check",
      "--format",
      "json",
      "--config",
      path.join(site.root, "nashra.config.json"),
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out.join("\n")) as CheckReport;
    expect(report).toMatchObject({ ok: false, errors: 2, warnings: 1 });
    expect(report.problems.map((problem) => [problem.file, problem.line, problem.rule])).toEqual([
      ["articles/2017/bamako.md", 3, "date/invalid"],
      ["articles/2017/bamako.md", 5, "front-matter/unknown-field"],
      ["articles/2017/broken.md", 4, "front-matter/syntax"],
    ]);
    expect(report.problems[2]).toMatchObject({ column: 12, severity: "error" });
    // An unknown field's problem is its key, which has a column too.
    expect(report.problems[1]).toMatchObject({ column: 1, field: "colour", severity: "warning" });
  });

  it("exits 0 on warnings alone, and --quiet hides them", async () => {
    const site = await makeSite({
      "a.md": article({ title: "خبر", date: "2017-10-12", colour: "أحمر" }),
    });
    sites.push(site);
    const config = path.join(site.root, "nashra.config.json");
    const normal = await run(["check", "--config", config]);
    expect(normal.code).toBe(0);
    expect(normal.out.join("\n")).toContain("articles/a.md:4: colour: warning:");
    const json = JSON.parse(
      (await run(["check", "--format", "json", "--config", config])).out.join("\n"),
    );
    expect(json).toMatchObject({ ok: true, errors: 0, warnings: 1 });
    const quiet = await run(["check", "--quiet", "--config", config]);
    expect(quiet).toMatchObject({ code: 0, out: [], err: [] });
  });

  it("checks the config, with its line too", async () => {
    const site = await makeSite();
    sites.push(site);
    const config = path.join(site.root, "nashra.config.json");
    await writeFile(
      config,
      '{\n  "baseUrl": "https://news.example/",\n  "itemLimit": "many",\n  "languages": { "ar-MA": { "title": "أ", "description": "ب" } }\n}\n',
    );
    const result = await run(["check", "--config", config]);
    expect(result.code).toBe(1);
    expect(result.out.join("\n")).toContain(
      ['> 3 |   "itemLimit": "many",', "    |                ^"].join("\n"),
    );
    expect(result.out[0]).toMatch(/^nashra\.config\.json:3: itemLimit: /);
  });
});
