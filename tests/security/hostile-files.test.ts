// Hostile and broken files: each gives a correct feed or a clear file:line: field: message, never
// a crash, and nothing is ever written outside the output folder.
import { execFileSync } from "node:child_process";
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readArticle } from "../../src/articles/load.js";
import { buildSite } from "../../src/build.js";
import { formatProblem } from "../../src/problems.js";
import { parseRss } from "../feed-checks.js";
import { article, makeSite, type TempSite } from "../helpers.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

const GOOD = article({ title: "سليم", date: "2024-01-01T10:00" });

/** Builds a site holding a good article and `files`; returns the printed problems and the feed. */
async function buildWith(files: Record<string, string | Buffer>, overrides = {}) {
  const site = await makeSite({ "good.md": GOOD }, overrides);
  sites.push(site);
  for (const [name, content] of Object.entries(files)) await site.write(name, content);
  const result = await buildSite(site.config, {
    write: false,
    now: new Date("2030-01-01T00:00:00Z"),
  });
  const titles = (parseRss(result.files.get("rss.xml")).items ?? []).map((item) => item.title);
  return { site, result, printed: result.problems.map(formatProblem), titles };
}

describe("hostile files", () => {
  it.each([
    ["an empty file", "", "articles/bad.md:1: file: is empty"],
    ["white space only", "\n  \n", "articles/bad.md:1: file: is empty"],
    [
      "a NUL byte",
      "---\ntitle: t\u0000\ndate: 2024-01-01\n---\n",
      "articles/bad.md:1: file: holds NUL bytes",
    ],
    [
      "invalid UTF-8",
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28, 0x0a]),
      "articles/bad.md:1: file: is not valid UTF-8",
    ],
    [
      "Latin-1 bytes",
      Buffer.from("---\ntitle: caf\xe9\n---\n", "latin1"),
      "articles/bad.md:1: file: is not valid UTF-8",
    ],
    [
      "an unclosed front matter",
      "---\ntitle: t\ndate: 2024-01-01\n\ntext",
      "articles/bad.md:1: front-matter: the front matter is not closed",
    ],
    [
      "no front matter",
      "# Title\n\ntext\n",
      "articles/bad.md:1: front-matter: the file must start with a front matter",
    ],
    [
      "a JavaScript front matter",
      "---js\n{ title: require('fs').writeFileSync('/tmp/pwned', '') }\n---\n",
      'front matter marked "js" is not accepted',
    ],
    [
      "a JavaScript front matter, long name",
      "---javascript\nprocess.exit(1)\n---\n",
      'front matter marked "javascript" is not accepted',
    ],
    [
      "a CoffeeScript front matter",
      "---coffee\ntitle: 'x'\n---\n",
      'front matter marked "coffee" is not accepted',
    ],
    [
      "a front matter that is a list",
      "---\n- a\n---\n",
      "articles/bad.md:2: front-matter: must be fields",
    ],
    [
      "a front matter that is a string",
      "---\njust text\n---\n",
      "articles/bad.md:2: front-matter: must be fields",
    ],
    [
      "an alias bomb",
      `---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntitle: t\ndate: 2024-01-01\n---\n`,
      "articles/bad.md:2: front-matter: not valid YAML: Excessive alias count",
    ],
    [
      "values nested 10,000 deep",
      `---\ntitle: t\ndate: 2024-01-01\nx: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n---\n`,
      "front-matter: not valid YAML: values are nested",
    ],
    [
      "values nested 20 deep",
      `---\ntitle: t\ndate: 2024-01-01\nx: ${"[".repeat(20)}${"]".repeat(20)}\n---\n`,
      "front-matter: not valid YAML: values are nested more than 16 levels deep",
    ],
    [
      "a huge front matter",
      `---\ntitle: t\ndate: 2024-01-01\nsummary: "${"x".repeat(70_000)}"\n---\n`,
      "articles/bad.md:1: front-matter: the front matter is over 64 KiB",
    ],
    [
      "a slug that climbs out",
      "---\ntitle: t\ndate: 2024-01-01\nslug: ../../etc\n---\n",
      "articles/bad.md:4: slug: must be letters and digits joined by hyphens",
    ],
    [
      "a slug with %2e%2e",
      "---\ntitle: t\ndate: 2024-01-01\nslug: '%2e%2e'\n---\n",
      "articles/bad.md:4: slug:",
    ],
    [
      "an absolute slug",
      "---\ntitle: t\ndate: 2024-01-01\nslug: /etc/passwd\n---\n",
      "articles/bad.md:4: slug:",
    ],
    [
      "an id with spaces",
      "---\ntitle: t\ndate: 2024-01-01\nid: a b\n---\n",
      "articles/bad.md:4: id:",
    ],
  ])("%s", async (_case, content, message) => {
    const { printed, titles } = await buildWith({ "bad.md": content });
    expect(printed.join("\n")).toContain(message);
    expect(titles).toEqual(["سليم"]);
  });

  it("refuses a file over the size limit without reading it", async () => {
    const big = article({ title: "كبير", date: "2024-01-02T10:00" }, "x".repeat(3000));
    const { printed } = await buildWith({ "big.md": big }, { maxArticleBytes: 2048 });
    expect(printed).toContainEqual(
      expect.stringMatching(
        /^articles\/big\.md:1: file: is 3(\.\d)? KiB, over the limit of 2 KiB; split it, or raise maxArticleBytes/,
      ),
    );
  });

  it("reads a UTF-8 BOM, CRLF line endings, XML-invalid characters and a front matter alone", async () => {
    const { result, titles } = await buildWith({
      "bom.md": `\uFEFF${GOOD.replace("سليم", "مع علامة BOM").replace("10:00", "11:00")}`,
      "crlf.md": GOOD.replace("سليم", "بنهايات CRLF")
        .replace("10:00", "12:00")
        .replace(/\n/g, "\r\n"),
      "controls.md": article(
        { title: '"تحكم \\x01\\x1F"', date: "2024-01-01T13:00" },
        "نص \u0007 \u000B مع محارف تحكم.",
      ),
      "only-front-matter.md": "---\ntitle: بلا نص\ndate: 2024-01-01T14:00\n---\n",
    });
    expect(titles).toEqual(["بلا نص", "تحكم", "بنهايات CRLF", "مع علامة BOM", "سليم"]);
    expect(result.problems.map(formatProblem)).toEqual([
      "articles/only-front-matter.md:5: body: warning: the article has no text after its front matter; readers will see only its title [body/empty]",
    ]);
    const rss = result.files.get("rss.xml") ?? "";
    for (const control of ["\u0001", "\u0007", "\u000B", "\u001F"])
      expect(rss.includes(control)).toBe(false);
  });

  it("never follows a symbolic link out of the articles folder, and says so", async () => {
    const site = await makeSite({ "good.md": GOOD });
    sites.push(site);
    const outside = path.join(site.root, "outside");
    await mkdir(outside);
    await writeFile(
      path.join(outside, "secret.md"),
      article({ title: "سر", date: "2024-01-02T10:00" }),
    );
    await symlink(path.join(outside, "secret.md"), path.join(site.articles, "link.md"));
    await symlink(outside, path.join(site.articles, "folder-link"));
    const result = await buildSite(site.config, { write: false });
    expect(result.files.get("rss.xml")).not.toContain("سر");
    expect(result.problems.map(formatProblem)).toEqual([
      "articles/folder-link:1: file: warning: is a symbolic link and is not followed: nothing outside the articles folder is read [file/symlink]",
      "articles/link.md:1: file: warning: is a symbolic link and is not followed: nothing outside the articles folder is read [file/symlink]",
    ]);
  });

  it("refuses a FIFO in an article's place at once, instead of waiting for a writer", async () => {
    const site = await makeSite({ "good.md": GOOD });
    sites.push(site);
    const fifo = path.join(site.articles, "pipe.md");
    execFileSync("mkfifo", [fifo]);
    const result = await readArticle(site.config, fifo);
    expect(result.article).toBeUndefined();
    expect(result.problems.map((problem) => problem.rule)).toEqual(["file/unreadable"]);
    // Nor is it listed: a build goes on without it.
    const built = await buildSite(site.config, { write: false, now: new Date("2030-01-01") });
    expect(built.ok).toBe(true);
    expect(built.articles.published).toBe(1);
  });

  it("ignores editors' temporary files", async () => {
    const { result } = await buildWith({
      ".bad.md.swp": "x",
      "#bad.md#": "x",
      ".#bad.md": "x",
      "bad.md~": "x",
      "~$bad.md": "x",
      "4913": "x",
      // A back slash separates folders where the watcher looks at paths: hidden there too.
      "x\\.hidden.md": "x",
    });
    expect(result.problems).toEqual([]);
  });

  it("writes nothing outside the output folder, whatever the section names", async () => {
    const site = await makeSite({
      "a.md": article({
        title: "أ",
        date: "2024-01-01T10:00",
        category: '"../../../escape"',
        tags: '["..", "/etc/passwd", "%2e%2e%2f", "C:\\\\Windows", "a\\u0000b"]',
        author: '"../.."',
      }),
    });
    sites.push(site);
    const result = await buildSite(site.config);
    expect(result.ok).toBe(true);
    for (const file of result.files.keys()) {
      expect(path.resolve(site.dist, file).startsWith(site.dist + path.sep), file).toBe(true);
    }
    // Nothing beside the output folder but nashra's cache; the lock is released after the build.
    expect((await readdir(site.root)).sort()).toEqual([
      ".nashra-cache",
      "articles",
      "dist",
      "nashra.config.json",
    ]);
  });
});
