// Output that respects the reader: colours only on a terminal and never with NO_COLOR, a
// progress bar only on a terminal and for large builds, --quiet and --verbose.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PROGRESS_MIN_ARTICLES } from "../../src/commands/build.js";
import { codeFrame } from "../../src/terminal/code-frame.js";
import { renderBar } from "../../src/terminal/progress.js";
import { colourWanted } from "../../src/terminal/style.js";
import { article, makeSite, type TempSite } from "../helpers.js";
import { run } from "./run.js";

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

const ESCAPE = "\u001b[";
const plain = (text: string) => text.replace(new RegExp(`${"\u001b"}\\[\\d+m`, "g"), "");
const terminal = { out: true, err: true };

async function site(files: Record<string, string>) {
  const made = await makeSite(files);
  sites.push(made);
  return { made, config: path.join(made.root, "nashra.config.json") };
}

const invalid = { "bad.md": article({ title: "خبر", date: "2017-13-45" }) };

describe("colours", () => {
  it.each([
    ["a terminal", terminal, {}, true],
    ["a terminal with NO_COLOR=1", terminal, { NO_COLOR: "1" }, false],
    ["a terminal with an empty NO_COLOR", terminal, { NO_COLOR: "" }, true],
    ["a terminal with TERM=dumb", terminal, { TERM: "dumb" }, false],
    ["a pipe", { out: false, err: false }, {}, false],
  ])("on %s: %s", async (_, isTTY, env, coloured) => {
    const { config } = await site(invalid);
    const result = await run(["build", "--config", config], { isTTY, env });
    expect(result.code).toBe(1);
    expect(result.err.join("\n").includes(ESCAPE)).toBe(coloured);
    expect(plain(result.err.join("\n"))).toContain("articles/bad.md:3: date:");
  });

  it("follows each stream: a piped standard output has none, whatever the error stream is", () => {
    expect(colourWanted(false, {})).toBe(false);
    expect(colourWanted(true, { NO_COLOR: "0" })).toBe(false);
  });
});

describe("the progress bar", () => {
  const many = (count: number) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, index) => [
        `a${index}.md`,
        article({ title: `خبر ${index}`, date: `2017-10-12T10:00`, id: `a-${index}` }),
      ]),
    );

  it(`is drawn on a terminal for more than ${PROGRESS_MIN_ARTICLES} articles, then cleared`, async () => {
    const { config } = await site(many(PROGRESS_MIN_ARTICLES + 1));
    const result = await run(["build", "--no-cache", "--config", config], {
      isTTY: terminal,
      columns: 60,
    });
    expect(result.code).toBe(0);
    const drawn = result.partial.join("");
    expect(drawn).toContain(`reading articles`);
    expect(drawn).toContain(`100%  301/301`);
    expect(result.partial.at(-1)).toBe("\r\u001b[K");
    expect(result.out.at(-1)).toMatch(/^nashra: 301 articles published/);
  });

  it("is cleared when the build fails, before the error is said", async () => {
    const { made, config } = await site(many(PROGRESS_MIN_ARTICLES + 1));
    // An output folder that is a file: the write fails, and the build throws.
    await writeFile(made.dist, "not a folder");
    const result = await run(["build", "--no-cache", "--config", config], { isTTY: terminal });
    expect(result.code).toBe(1);
    expect(result.partial.join("")).toContain("reading articles");
    expect(result.partial.at(-1)).toBe("\r\u001b[K");
    expect(plain(result.err.join("\n"))).toContain(
      "every feed file already on disk is whole (files are replaced atomically) — fix the cause and run again",
    );
  });

  it.each([
    ["a small build", PROGRESS_MIN_ARTICLES, terminal, []],
    ["a pipe", PROGRESS_MIN_ARTICLES + 1, { out: false, err: false }, []],
    ["--quiet", PROGRESS_MIN_ARTICLES + 1, terminal, ["--quiet"]],
  ])("is not drawn for %s", async (_, count, isTTY, extra) => {
    const { config } = await site(many(count));
    const result = await run(["build", "--no-cache", ...extra, "--config", config], { isTTY });
    expect(result.code).toBe(0);
    expect(result.partial).toEqual([]);
  });

  it("fits the terminal", () => {
    expect(renderBar("reading articles", 52, 100, 60)).toBe(
      `reading articles ${"█".repeat(15)}${"░".repeat(13)}  52%  52/100`,
    );
    expect(renderBar("writing feeds", 0, 0, 60)).toBe("writing feeds…");
  });
});

describe("--quiet and --verbose", () => {
  const good = {
    "a.md": article({ title: "أ", date: "2017-10-12T10:00", colour: "أحمر" }),
  };

  it("--quiet prints only errors", async () => {
    const { made, config } = await site(good);
    const quiet = await run(["build", "--quiet", "--config", config]);
    expect(quiet).toMatchObject({ code: 0, out: [], err: [] });
    await made.write("b.md", article({ title: "ب", date: "not a date" }));
    const failed = await run(["build", "-q", "--config", config]);
    expect(failed.code).toBe(1);
    expect(failed.err[0]).toMatch(/^articles\/b\.md:3: date: /);
    expect(failed.err.join("\n")).not.toContain("warning");
  });

  it("--verbose names every file written and the time of each stage", async () => {
    const { config } = await site(good);
    const verbose = await run(["build", "--verbose", "--config", config]);
    expect(verbose.code).toBe(0);
    expect(verbose.out).toContainEqual(expect.stringMatching(/^ {2}wrote .*dist\/rss\.xml$/));
    expect(verbose.out).toContainEqual(expect.stringMatching(/^ {2}reading articles: \d+ ms$/));
    expect(verbose.err).toContainEqual(expect.stringContaining("colour: warning:"));
  });

  it("refuses both at once", async () => {
    expect((await run(["build", "--quiet", "--verbose"])).code).toBe(2);
  });
});

describe("usage errors say what to do next", () => {
  it.each([
    [["publish"], 'unknown command "publish"; run nashra --help'],
    [[], "no command given; run nashra --help"],
    [["build", "--format", "json"], "--format is not an option of build; run nashra --help"],
    [["serve", "--port", "http"], '--port "http" is not a port; give a number from 1 to 65535'],
    [
      ["check", "--format", "xml"],
      '--format "xml" is not known; use --format text or --format json',
    ],
    [["build", "--colour"], "Unknown option '--colour'; run nashra --help"],
    [["build", "extra"], 'build takes no argument, but was given "extra"'],
  ])("%j", async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err[0]).toContain(`nashra: ${message}`);
  });

  it("a missing config says to create it or pass --config", async () => {
    const result = await run(["build", "--config", "/nonexistent/nashra.config.json"]);
    expect(result.code).toBe(1);
    expect(result.err.join("\n")).toContain("create nashra.config.json");
  });
});

describe("codeFrame", () => {
  const source = "---\ntitle: خبر\ndate:\tالخَميس 12\n---\n";
  it("puts the caret under the value, counting tabs as tabs and Arabic marks as nothing", () => {
    expect(codeFrame(source, { line: 3, field: "date" }).map((line) => line.text)).toEqual([
      "  2 | title: خبر",
      "> 3 | date:\tالخَميس 12",
      "    |      \t^",
      "  4 | ---",
    ]);
    expect(codeFrame(source, { line: 3, column: 12 }).at(2)?.text).toBe(
      `    |      \t${" ".repeat(4)}^`,
    );
  });

  it("is empty for a line the file does not have", () => {
    expect(codeFrame(source, { line: 40 })).toEqual([]);
  });
});

describe("the working directory", () => {
  it("is where --config starts from, and what paths are shown relative to", async () => {
    const { made } = await site(invalid);
    const result = await run(["check"], { cwd: made.root });
    expect(result.code).toBe(1);
    expect(result.out[0]).toMatch(/^articles\/bad\.md:3: date: /);
    const named = await run(["build", "--config", "nashra.config.json"], { cwd: made.root });
    expect(named.err.join("\n")).toContain("no feed was written, dist/ is as it was");
  });
});
