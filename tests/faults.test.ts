// Faults: a process killed mid-build, a second nashra on the same output, stale files, and an
// articles folder that disappears while watching. The CLI runs as a real child process.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { acquireOutputLock } from "../src/output/lock.js";
import { MANIFEST_FILE } from "../src/output/write.js";
import { type RebuildReport, type SiteWatcher, watchSite } from "../src/watch.js";
import { expectWellFormedXml } from "./feed-checks.js";
import { article, makeSite, REPO_ROOT, type TempSite, until } from "./helpers.js";

const TSX_LOADER = pathToFileURL(
  path.join(REPO_ROOT, "node_modules", "tsx", "dist", "loader.mjs"),
).href;
const BIN = path.join(REPO_ROOT, "src", "bin.ts");

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function site(files: Record<string, string> = {}): Promise<TempSite> {
  const made = await makeSite(files);
  cleanups.push(made.cleanup);
  return made;
}

function nashra(args: string[], cwd: string) {
  const child: ChildProcess = spawn(process.execPath, ["--import", TSX_LOADER, BIN, ...args], {
    cwd,
  });
  cleanups.push(async () => child.kill("SIGKILL"));
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** The files in `folder`; `settled` leaves out temporary files of a write under way. */
async function filesOf(folder: string, settled = false): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || (settled && entry.name.endsWith(".tmp"))) continue;
    const file = path.join(entry.parentPath, entry.name);
    result.set(path.relative(folder, file).split(path.sep).join("/"), await readFile(file, "utf8"));
  }
  return result;
}

const many = (count: number, title: string) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `a${i}.md`,
      article(
        {
          title: `${title} ${i}`,
          date: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 16),
          id: `a${i}`,
          category: `قسم ${i % 5}`,
          tags: `[وسم ${i % 7}]`,
        },
        "فقرة. ".repeat(200),
      ),
    ]),
  );

describe("a build killed at any point", () => {
  it("leaves every feed either the old version or the new one, whole and valid", async () => {
    const made = await site(many(150, "قديم"));
    const old = await buildSite(made.config);
    expect(old.ok).toBe(true);
    const oldFiles = await filesOf(made.dist);
    for (const [file, content] of Object.entries(many(150, "جديد")))
      await made.write(file, content);
    const fresh = await buildSite(made.config, { write: false });
    const backup = path.join(made.root, "dist-old");
    await cp(made.dist, backup, { recursive: true });

    let killedMidWrite = 0;
    for (let round = 0; round < 8; round++) {
      await rm(made.dist, { recursive: true, force: true });
      await cp(backup, made.dist, { recursive: true });
      const run = nashra(["build"], made.root);
      if (round < 3) {
        // Early: while starting, reading or rendering.
        await new Promise((resolve) => setTimeout(resolve, 200 + round * 200));
      } else {
        // While writing: as soon as the first feed has changed, then a little later each round.
        const first = path.join(made.dist, "rss.xml");
        const deadline = Date.now() + 20_000;
        while (
          Date.now() < deadline &&
          (await readFile(first, "utf8")) === oldFiles.get("rss.xml")
        ) {
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        await new Promise((resolve) => setTimeout(resolve, (round - 3) * 15));
      }
      run.child.kill("SIGKILL");
      await run.exited;
      const now = await filesOf(made.dist);
      let changed = 0;
      for (const [file, content] of now) {
        if (file.endsWith(".tmp") || file === MANIFEST_FILE) continue;
        const isOld = oldFiles.get(file) === content;
        const isNew = fresh.files.get(file) === content;
        expect(
          isOld || isNew,
          `${file} in round ${round} is neither the old nor the new version`,
        ).toBe(true);
        if (file.endsWith(".xml")) expectWellFormedXml(content);
        if (file.endsWith(".json")) JSON.parse(content);
        if (!isOld) changed++;
      }
      // No feed was lost either: every old file is still there.
      for (const file of oldFiles.keys()) expect(now.has(file), file).toBe(true);
      if (changed > 0 && changed < fresh.files.size) killedMidWrite++;
    }
    // The next build after the kills clears what they left and completes.
    const after = nashra(["build"], made.root);
    expect(await after.exited).toBe(0);
    const final = await filesOf(made.dist);
    expect([...final.keys()].filter((file) => file.endsWith(".tmp"))).toEqual([]);
    for (const [file, content] of fresh.files) expect(final.get(file), file).toBe(content);
    // The rounds must really have cut a write in the middle at least once, or this proves little.
    expect(killedMidWrite).toBeGreaterThan(0);
  }, 120_000);
});

describe("one writer per output folder", () => {
  it("refuses a second nashra while the first runs, and takes over the lock of a dead one", async () => {
    const made = await site({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    const watcher = nashra(["watch"], made.root);
    const deadline = Date.now() + 15_000;
    while (!watcher.output().includes("Ctrl-C") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const second = nashra(["build"], made.root);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(
      /another nashra \(process \d+, started .*\) is writing to .*dist; stop it first/,
    );
    watcher.child.kill("SIGKILL");
    await watcher.exited;
    const third = nashra(["build"], made.root);
    expect(await third.exited).toBe(0);
  }, 60_000);

  it("clears temporary files a killed run left, and only those", async () => {
    const made = await site({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    await mkdir(made.dist, { recursive: true });
    await writeFile(path.join(made.dist, "rss.xml.4242.deadbeef.tmp"), "<rss");
    await writeFile(path.join(made.dist, "notes.tmp"), "mine");
    expect((await buildSite(made.config)).ok).toBe(true);
    const names = await readdir(made.dist);
    expect(names).not.toContain("rss.xml.4242.deadbeef.tmp");
    expect(names).toContain("notes.tmp");
  });
});

describe("feeds that are no longer produced", () => {
  it("are removed, and files nashra did not write are left alone", async () => {
    const made = await site({
      "a.md": article({ title: "أ", date: "2024-01-01T10:00", tags: "[سري]" }),
      "b.md": article({ title: "ب", date: "2024-01-02T10:00" }),
    });
    await buildSite(made.config);
    await writeFile(path.join(made.dist, "index.html"), "the site's own page");
    expect((await filesOf(made.dist)).has("tag/سري/rss.xml")).toBe(true);
    await made.remove("a.md");
    const result = await buildSite(made.config);
    expect(result.removed.sort()).toEqual([
      "tag/سري/atom.xml",
      "tag/سري/feed.json",
      "tag/سري/rss.xml",
    ]);
    const left = await filesOf(made.dist);
    expect([...left.keys()].some((file) => file.startsWith("tag/"))).toBe(false);
    expect(left.get("index.html")).toBe("the site's own page");
  });
});

describe("a write that fails half-way", () => {
  it("leaves no feed behind that a later build would not remove", async () => {
    const made = await site({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    expect((await buildSite(made.config)).ok).toBe(true);
    // A new tag's feed is written, then the next one cannot be (a file is in its way).
    await made.write(
      "a.md",
      article({ title: "أ", date: "2024-01-01T10:00", tags: "[جديد, عالق]" }),
    );
    await mkdir(path.join(made.dist, "tag"), { recursive: true });
    await writeFile(path.join(made.dist, "tag", "عالق"), "in the way");
    await expect(buildSite(made.config)).rejects.toThrow();
    expect((await filesOf(made.dist)).has("tag/جديد/rss.xml")).toBe(true);
    // The tags go again, the obstacle too: the half-written build's files are removed.
    await rm(path.join(made.dist, "tag", "عالق"));
    await made.write("a.md", article({ title: "أ", date: "2024-01-01T10:00" }));
    const result = await buildSite(made.config);
    expect(result.removed.sort()).toEqual([
      "tag/جديد/atom.xml",
      "tag/جديد/feed.json",
      "tag/جديد/rss.xml",
    ]);
    expect([...(await filesOf(made.dist)).keys()].some((file) => file.startsWith("tag/"))).toBe(
      false,
    );
  });
});

describe("the lock of a previous life", () => {
  it("is taken over when it names this process's pid but is older than this process", async () => {
    const made = await site({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    const lock = path.join(made.root, ".dist.nashra-lock");
    const old = { pid: process.pid, host: os.hostname(), started: "2001-01-01T00:00:00.000Z" };
    await writeFile(lock, JSON.stringify(old));
    expect((await buildSite(made.config)).ok).toBe(true);
    // The same pid, but started now: this very process holds it.
    const held = await acquireOutputLock(made.dist);
    try {
      await expect(buildSite(made.config)).rejects.toThrow(/another nashra/);
    } finally {
      await held.release();
    }
  });
});

describe("the articles folder, while watching", () => {
  async function watching(made: TempSite) {
    const reports: RebuildReport[] = [];
    const missing: string[] = [];
    const watcher: SiteWatcher = await watchSite({
      config: made.config,
      onRebuild: (report) => reports.push(report),
      onFolderMissing: (folder) => missing.push(folder),
    });
    cleanups.push(() => watcher.close());
    return { reports, missing, until };
  }

  it("follows a folder swapped in under the same name (mv articles old && mv staging articles)", async () => {
    const made = await site({ "a.md": article({ title: "قديم", date: "2024-01-01T10:00" }) });
    const session = await watching(made);
    const staging = path.join(made.root, "staging");
    await mkdir(staging);
    await writeFile(
      path.join(staging, "b.md"),
      article({ title: "جديد", date: "2024-01-02T10:00" }),
    );
    const count = session.reports.length;
    await rename(made.articles, path.join(made.root, "old"));
    await rename(staging, made.articles);
    await until(() =>
      session.reports
        .slice(count)
        .some((r) => r.published === 1 && r.changed.includes("articles/b.md")),
    );
    let rss = (await filesOf(made.dist)).get("rss.xml") ?? "";
    expect(rss).toContain("<title>جديد</title>");
    expect(rss).not.toContain("<title>قديم</title>");
    // And edits in the new folder are seen.
    await made.write("c.md", article({ title: "بعد التبديل", date: "2024-01-03T10:00" }));
    await until(() => session.reports.some((r) => r.changed.includes("articles/c.md")));
    rss = (await filesOf(made.dist)).get("rss.xml") ?? "";
    expect(rss).toContain("<title>بعد التبديل</title>");
  }, 30_000);

  it.each(["deleted and re-created", "moved away and back"])(
    "keeps the feeds when it is %s, then follows it again",
    async (how) => {
      const made = await site({
        "a.md": article({ title: "أ", date: "2024-01-01T10:00" }),
        "sub/b.md": article({ title: "ب", date: "2024-01-02T10:00" }),
      });
      const session = await watching(made);
      const before = await filesOf(made.dist);
      const away = path.join(made.root, "away");
      if (how === "deleted and re-created") await rm(made.articles, { recursive: true });
      else await rename(made.articles, away);
      await session.until(() => session.missing.length === 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(await filesOf(made.dist)).toEqual(before);

      const count = session.reports.length;
      if (how === "deleted and re-created") {
        await mkdir(made.articles);
        await made.write("c.md", article({ title: "ج", date: "2024-01-03T10:00" }));
      } else {
        await rename(away, made.articles);
        await made.write("c.md", article({ title: "ج", date: "2024-01-03T10:00" }));
      }
      const expected = how === "deleted and re-created" ? 1 : 3;
      await session.until(() => session.reports.slice(count).some((r) => r.published === expected));
      const rss = (await filesOf(made.dist)).get("rss.xml") ?? "";
      expect(rss).toContain("<title>ج</title>");
      expect(rss.includes("<title>أ</title>")).toBe(how !== "deleted and re-created");
    },
    30_000,
  );
});

describe("a full disk", () => {
  /** A 96 KiB file system mounted on the output folder; undefined where mounting is not allowed. */
  function mountSmallDisk(folder: string): boolean {
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=96k", "tmpfs", folder]);
    if (mounted.status !== 0) return false;
    cleanups.push(async () => spawnSync("umount", ["-l", folder]));
    return true;
  }

  it("is reported, the feeds on disk stay whole, and watch retries until there is room", async (context) => {
    const made = await site({ "a.md": article({ title: "أ", date: "2024-01-01T10:00" }) });
    await mkdir(made.dist, { recursive: true });
    if (!mountSmallDisk(made.dist)) {
      console.warn("full-disk test skipped: mounting a tmpfs needs root");
      context.skip();
      return;
    }
    expect((await buildSite(made.config)).ok).toBe(true);
    const before = await filesOf(made.dist);

    // Articles far larger than the disk: every feed grows past what fits.
    for (let i = 0; i < 6; i++) {
      await made.write(
        `big${i}.md`,
        article({ title: `كبير ${i}`, date: `2024-01-0${i + 2}T10:00` }, "نص طويل. ".repeat(2500)),
      );
    }
    await expect(buildSite(made.config)).rejects.toThrow(/ENOSPC|no space/i);
    const after = await filesOf(made.dist);
    for (const [file, content] of before) expect(after.get(file), file).toBe(content);
    expect([...after.keys()].filter((file) => file.endsWith(".tmp"))).toEqual([]);

    // While watching: the failed rebuild is reported and retried; with room again, it succeeds.
    for (let i = 0; i < 6; i++) await made.remove(`big${i}.md`);
    const errors: unknown[] = [];
    const reports: RebuildReport[] = [];
    const watcher = await watchSite({
      config: made.config,
      onRebuild: (report) => reports.push(report),
      onError: (error) => errors.push(error),
    });
    cleanups.push(() => watcher.close());
    for (let i = 0; i < 6; i++) {
      await made.write(
        `big${i}.md`,
        article({ title: `كبير ${i}`, date: `2024-01-0${i + 2}T10:00` }, "نص طويل. ".repeat(2500)),
      );
    }
    await until(() => errors.length > 0);
    expect(String(errors[0])).toMatch(/ENOSPC|no space/i);
    // A first rebuild may have fitted (it can start with the first new article alone): every
    // feed is whole, as it was or as a rebuild that succeeded wrote it. Another rebuild may be
    // writing meanwhile: its temporary files are not feeds.
    const during = await filesOf(made.dist, true);
    expect([...during.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, content] of during) {
      if (file.endsWith(".xml") || file.endsWith(".opml")) expectWellFormedXml(content);
      if (file.endsWith(".json")) expect(() => JSON.parse(content), file).not.toThrow();
    }
    spawnSync("mount", ["-o", "remount,size=16m", made.dist]);
    // A retry that succeeds (a rebuild reports only once it has written everything). Which
    // files it writes depends on which ones the failed attempts managed to replace.
    await until(() => reports.some((report) => report.reason === "retry"), 30_000);
    expect((await filesOf(made.dist)).get("rss.xml")).toContain("كبير 5");
  }, 60_000);
});
