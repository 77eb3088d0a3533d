// A real chokidar watcher on a temporary folder: every kind of change reaches the feeds.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import {
  link,
  mkdir,
  open as openFile,
  readFile,
  rename,
  rm,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { MANIFEST_FILE } from "../src/output/write.js";
import {
  type RebuildReport,
  type SiteWatcher,
  type WatchOptions,
  watchSite,
} from "../src/watch.js";
import { parseRss } from "./feed-checks.js";
import { article, makeSite, type TempSite, until } from "./helpers.js";

interface Session {
  site: TempSite;
  watcher: SiteWatcher;
  reports: RebuildReport[];
  errors: unknown[];
  /** Resolves with the first report after `since` that satisfies `test`. */
  next(test: (report: RebuildReport) => boolean, since?: number): Promise<RebuildReport>;
  titles(): Promise<string[]>;
  guids(): Promise<string[]>;
}

const open: Session[] = [];
afterEach(async () => {
  for (const session of open.splice(0)) {
    await session.watcher.close();
    await session.site.cleanup();
  }
});

/**
 * No look on disk during a test unless it asks for one (`AUDITED`): each change must reach the
 * feeds through its file event, which the audit would otherwise stand in for, a few seconds late.
 */
const NO_AUDIT: Partial<WatchOptions> = { auditDelayMs: 3_600_000 };
const AUDITED: Partial<WatchOptions> = {};

async function start(
  files: Record<string, string>,
  prepare?: (site: TempSite) => Promise<void>,
  watchOptions: Partial<WatchOptions> = NO_AUDIT,
): Promise<Session> {
  const site = await makeSite(files);
  await prepare?.(site);
  const reports: RebuildReport[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const watcher = await watchSite({
    ...watchOptions,
    config: site.config,
    onRebuild: (report) => {
      reports.push(report);
      for (const wake of waiters.splice(0)) wake();
    },
    onError: (error) => {
      errors.push(error);
      // A throwing handler must not stop the watcher: the failure test relies on it.
      throw error;
    },
  });
  const rss = async () => parseRss(await readFile(path.join(site.dist, "rss.xml"), "utf8"));
  const session: Session = {
    site,
    watcher,
    reports,
    errors,
    async next(test, since = reports.length) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = reports.slice(since).find(test);
        if (found !== undefined) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching rebuild; got ${JSON.stringify(reports.slice(since))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 250);
        });
      }
    },
    titles: async () => ((await rss()).items ?? []).map((item) => item.title ?? ""),
    guids: async () => ((await rss()).items ?? []).map((item) => item.guid?.value ?? ""),
  };
  open.push(session);
  return session;
}

const FIRST = article({ title: "الخبر الأول", date: "2017-10-12T10:00" });

describe("nashra watch", () => {
  it("builds at start", async () => {
    const session = await start({ "a.md": FIRST });
    expect(session.reports[0]).toMatchObject({ reason: "start", published: 1, problems: [] });
    expect(await session.titles()).toEqual(["الخبر الأول"]);
  });

  it("adds, edits, renames and deletes, re-reading only the changed file", async () => {
    const session = await start({ "a.md": FIRST });
    const guid = (await session.guids())[0];

    let since = session.reports.length;
    await session.site.write("b.md", article({ title: "الخبر الثاني", date: "2017-10-13T10:00" }));
    await session.next((r) => r.changed.includes("articles/b.md"), since);
    expect(await session.titles()).toEqual(["الخبر الثاني", "الخبر الأول"]);
    expect(session.reports.at(-1)?.changed).toEqual(["articles/b.md"]);

    since = session.reports.length;
    await session.site.write(
      "a.md",
      article({ title: "الخبر الأول، معدلا", date: "2017-10-12T10:00" }),
    );
    await session.next((r) => r.changed.includes("articles/a.md"), since);
    expect(await session.titles()).toEqual(["الخبر الثاني", "الخبر الأول، معدلا"]);
    expect((await session.guids())[1]).toBe(guid);

    since = session.reports.length;
    await rename(
      path.join(session.site.articles, "a.md"),
      path.join(session.site.articles, "renamed.md"),
    );
    // A rename arrives as unlink + add, in one burst or two: wait for the state with both seen.
    await session.next(
      () =>
        session.reports.slice(since).some((r) => r.changed.includes("articles/a.md")) &&
        session.reports.slice(since).some((r) => r.changed.includes("articles/renamed.md")),
      since,
    );
    expect(session.reports.at(-1)?.published).toBe(2);
    expect(await session.titles()).toEqual(["الخبر الثاني", "الخبر الأول، معدلا"]);
    expect((await session.guids())[1]).toBe(guid);

    since = session.reports.length;
    await session.site.remove("b.md");
    await session.next((r) => r.changed.includes("articles/b.md"), since);
    expect(await session.titles()).toEqual(["الخبر الأول، معدلا"]);
  });

  it("keeps the last good version of an article while it is invalid, and says so", async () => {
    const session = await start({ "a.md": FIRST });
    let since = session.reports.length;
    await session.site.write("a.md", "---\ntitle: نسخة معيبة\ndate: الجمعة 12 أكتوبر 2017\n---\n");
    const broken = await session.next((r) => r.changed.includes("articles/a.md"), since);
    expect(broken.keptLastGood).toEqual(["articles/a.md"]);
    expect(broken.problems).toEqual([
      expect.objectContaining({ file: "articles/a.md", line: 3, field: "date", severity: "error" }),
    ]);
    expect(await session.titles()).toEqual(["الخبر الأول"]);

    // Another change elsewhere: the error is reported again until it is fixed.
    since = session.reports.length;
    await session.site.write("b.md", article({ title: "ثان", date: "2017-10-13T10:00" }));
    const other = await session.next((r) => r.changed.includes("articles/b.md"), since);
    expect(other.problems.map((p) => p.file)).toEqual(["articles/a.md"]);
    expect(await session.titles()).toEqual(["ثان", "الخبر الأول"]);

    since = session.reports.length;
    await session.site.write("a.md", article({ title: "مصحح", date: "2017-10-12T10:00" }));
    const fixed = await session.next((r) => r.changed.includes("articles/a.md"), since);
    expect(fixed.keptLastGood).toEqual([]);
    expect(fixed.problems).toEqual([]);
    expect(await session.titles()).toEqual(["ثان", "مصحح"]);
  });

  it("ignores editors' temporary and swap files", async () => {
    const session = await start({ "a.md": FIRST });
    const since = session.reports.length;
    await session.site.write(".a.md.swp", "x");
    await session.site.write("a.md~", "x");
    await session.site.write(".#a.md", "x");
    await session.site.write("#a.md#", "x");
    await session.site.write("4913", "x");
    await session.site.write("notes.txt", "x");
    await session.site.write("c.md", article({ title: "حقيقي", date: "2017-10-14T10:00" }));
    const report = await session.next((r) => r.changed.length > 0, since);
    expect(report.changed).toEqual(["articles/c.md"]);
    expect(await session.titles()).toEqual(["حقيقي", "الخبر الأول"]);
  });

  it("follows folders moved within, out of and into the articles folder", async () => {
    const session = await start({
      "2017/a.md": FIRST,
      "2017/b.md": article({ title: "ب", date: "2017-10-13T10:00" }),
    });
    let since = session.reports.length;
    await mkdir(path.join(session.site.articles, "archive"));
    await rename(
      path.join(session.site.articles, "2017"),
      path.join(session.site.articles, "archive", "2017"),
    );
    const moved = ["articles/archive/2017/a.md", "articles/archive/2017/b.md"];
    await session.next(
      () =>
        moved.every((file) => session.reports.slice(since).some((r) => r.changed.includes(file))),
      since,
    );
    expect(session.reports.at(-1)?.published).toBe(2);
    expect(await session.titles()).toEqual(["ب", "الخبر الأول"]);

    since = session.reports.length;
    await rename(
      path.join(session.site.articles, "archive"),
      path.join(session.site.root, "elsewhere"),
    );
    await session.next((r) => r.published === 0, since);
    expect(await session.titles()).toEqual([]);

    since = session.reports.length;
    await rename(
      path.join(session.site.root, "elsewhere"),
      path.join(session.site.articles, "back"),
    );
    await session.next((r) => r.published === 2, since);
    expect(await session.titles()).toEqual(["ب", "الخبر الأول"]);
  });

  // Linux shows each inotify watch of a process in /proc: one per folder, not one per file
  // (systems allow as few as 8,192 watches per user; a site of 100,000 articles would not fit).
  it.runIf(process.platform === "linux")("watches folders, not each article file", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 60; index++) {
      files[`${2015 + (index % 3)}/${index}.md`] = article({
        title: `خبر ${index}`,
        date: `2017-10-12T10:${String(index).padStart(2, "0")}`,
      });
    }
    const before = inotifyWatches();
    const session = await start(files);
    expect(session.reports[0]?.published).toBe(60);
    // The articles folder and its three year folders.
    expect(inotifyWatches() - before).toBe(4);
  });

  it("hears of edits when chokidar polls (CHOKIDAR_USEPOLLING): files are then watched one by one", async () => {
    process.env.CHOKIDAR_USEPOLLING = "1";
    let session: Session;
    try {
      session = await start({ "a.md": FIRST });
    } finally {
      delete process.env.CHOKIDAR_USEPOLLING;
    }
    let since = session.reports.length;
    await session.site.write("b.md", article({ title: "الخبر الثاني", date: "2017-10-13T10:00" }));
    await session.next((r) => r.changed.includes("articles/b.md"), since);
    since = session.reports.length;
    await session.site.write("a.md", article({ title: "معدل", date: "2017-10-12T10:00" }));
    await session.next((r) => r.changed.includes("articles/a.md"), since);
    expect(await session.titles()).toEqual(["الخبر الثاني", "معدل"]);
  });

  it("publishes a scheduled article when its time comes, with no file change", async () => {
    const due = new Date(Date.now() + 2_500);
    due.setMilliseconds(0);
    const session = await start({
      "a.md": FIRST,
      "later.md": article({ title: "مجدول", date: due.toISOString().replace(".000Z", "Z") }),
    });
    expect(await session.titles()).toEqual(["الخبر الأول"]);
    const report = await session.next((r) => r.reason === "schedule");
    expect(report.published).toBe(2);
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
    expect(await session.titles()).toEqual(["مجدول", "الخبر الأول"]);
  });

  it("shows the text of the last good version once its file is broken, even if read from the cache", async () => {
    // A scheduled article enters the feeds for the first time while its file is broken: what
    // they show must be the good version, text included, never the broken file's.
    for (const fromCache of [false, true]) {
      const due = new Date(Date.now() + 3_000);
      due.setMilliseconds(0);
      const later = article(
        { title: "مجدول", date: due.toISOString().replace(".000Z", "Z") },
        "النص الجيد.\n\nفقرة ثانية.",
      );
      const session = await start({ "a.md": FIRST, "later.md": later }, async (site) => {
        if (fromCache) await buildSite(site.config, { now: new Date(0) });
      });
      const since = session.reports.length;
      await session.site.write("later.md", "---\ntitle: مكسور\ndate: غدا\n---\n\nالنص المكسور.\n");
      await session.next((r) => r.keptLastGood.includes("articles/later.md"), since);
      await session.next((r) => r.reason === "schedule", since);
      const xml = await readFile(path.join(session.site.dist, "rss.xml"), "utf8");
      expect(await session.titles()).toEqual(["مجدول", "الخبر الأول"]);
      const content = /<content:encoded>([^<]*)<\/content:encoded>/.exec(xml)?.[1] ?? "";
      expect(xml).not.toContain("المكسور");
      if (fromCache) {
        // Read from the cache, which keeps no text, and broken before the watcher had read the
        // file again: its text is lost, and the good version's summary stands in for it.
        expect(content).toContain("النص الجيد");
        expect(content).not.toContain("فقرة ثانية");
      } else {
        expect(content).toContain("فقرة ثانية");
      }
      await session.watcher.close();
    }
  });

  it("never lets a new file take over an id that is already in the feeds", async () => {
    const session = await start({
      "z.md": article({ title: "الأصل", date: "2017-10-12", id: "x" }),
    });
    const since = session.reports.length;
    await session.site.write("a.md", article({ title: "الدخيل", date: "2017-10-11", id: "x" }));
    const report = await session.next((r) => r.changed.includes("articles/a.md"), since);
    expect(report.problems).toEqual([
      expect.objectContaining({ file: "articles/a.md", field: "id", rule: "id/duplicate" }),
    ]);
    expect(await session.titles()).toEqual(["الأصل"]);
  });

  it("writes nothing while a file that was invalid at start is unfixed", async () => {
    const broken = "---\ntitle: مكسور\ndate: الجمعة 12 أكتوبر 2017\n---\n";
    const session = await start({ "a.md": FIRST, "b.md": broken }, async (site) => {
      // The feeds on disk still hold b.md from an earlier, good build.
      await mkdir(site.dist, { recursive: true });
      await writeFile(path.join(site.dist, "rss.xml"), "earlier feed with b.md");
    });
    expect(session.reports[0]).toMatchObject({ holding: ["articles/b.md"], written: [] });
    expect(await readFile(path.join(session.site.dist, "rss.xml"), "utf8")).toBe(
      "earlier feed with b.md",
    );

    const since = session.reports.length;
    await session.site.write("b.md", article({ title: "مصلح", date: "2017-10-13T10:00" }));
    const fixed = await session.next((r) => r.changed.includes("articles/b.md"), since);
    expect(fixed.holding).toEqual([]);
    expect(await session.titles()).toEqual(["مصلح", "الخبر الأول"]);
  });

  it("does not follow a symbolic link out of the articles folder", async () => {
    const session = await start({ "a.md": FIRST });
    await writeFile(
      path.join(session.site.root, "secret.md"),
      article({ title: "سر", date: "2017-10-13T10:00" }),
    );
    const since = session.reports.length;
    await symlink(
      path.join(session.site.root, "secret.md"),
      path.join(session.site.articles, "link.md"),
    );
    await session.site.write("c.md", article({ title: "ج", date: "2017-10-14T10:00" }));
    await session.next((r) => r.changed.includes("articles/c.md"), since);
    expect(await session.titles()).toEqual(["ج", "الخبر الأول"]);
  });

  it("reports a disk failure, keeps watching, and retries until the feeds are written", async () => {
    const session = await start({ "a.md": FIRST });
    await rm(session.site.dist, { recursive: true });
    await writeFile(session.site.dist, "a file where the output folder should be");
    await session.site.write("b.md", article({ title: "بعد العطل", date: "2017-10-13T10:00" }));
    const deadline = Date.now() + 10_000;
    while (session.errors.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(session.errors.length).toBeGreaterThan(0);
    const since = session.reports.length;
    await rm(session.site.dist);
    const retried = await session.next((r) => r.reason === "retry", since);
    expect(retried.written).toContain("rss.xml");
    expect(await session.titles()).toEqual(["بعد العطل", "الخبر الأول"]);
  });

  it("publishes an edit made after the first read, while the watcher was getting ready", async () => {
    // Also when the start wrote nothing: a file invalid at start holds writes.
    for (const first of [FIRST, "---\ntitle: بلا تاريخ\n---\n\nنص.\n"]) {
      const site = await makeSite({ "a.md": first });
      const reports: RebuildReport[] = [];
      const watcher = await watchSite({
        config: site.config,
        onRebuild: (report) => {
          reports.push(report);
          // Read and built, not yet started: the edit's event waits for the start to end, or,
          // should the folder's watch not be in place yet, the first look on disk finds it.
          if (report.reason === "start") {
            writeFileSync(
              path.join(site.articles, "a.md"),
              article({ title: "عدل أثناء البدء", date: "2017-10-12T10:00" }),
            );
          }
        },
      });
      try {
        await until(() => reports.some((r) => r.changed.includes("articles/a.md")), 10_000);
        const rss = parseRss(await readFile(path.join(site.dist, "rss.xml"), "utf8"));
        expect((rss.items ?? []).map((item) => item.title)).toEqual(["عدل أثناء البدء"]);
      } finally {
        await watcher.close();
        await site.cleanup();
      }
    }
  });

  it("answers a save without looking at other feeds, then restores those touched by hand", async () => {
    const session = await start({ "a.md": FIRST }, undefined, AUDITED);
    // Behind nashra's back: two feeds that the next save does not change, one deleted and one
    // edited (the French feeds: the save is an Arabic article).
    const french = {
      atom: path.join(session.site.dist, "fr", "atom.xml"),
      rss: path.join(session.site.dist, "fr", "rss.xml"),
    };
    const original = {
      atom: await readFile(french.atom, "utf8"),
      rss: await readFile(french.rss, "utf8"),
    };
    await rm(french.atom);
    await writeFile(french.rss, "edited by hand");
    // The manifest too: it lists what nashra wrote, so that it can remove what it no longer makes.
    const manifestFile = path.join(session.site.dist, MANIFEST_FILE);
    const manifest = await readFile(manifestFile, "utf8");
    await rm(manifestFile);
    const since = session.reports.length;
    await session.site.write("b.md", article({ title: "الخبر الثاني", date: "2017-10-13T10:00" }));
    const saved = await session.next((r) => r.changed.includes("articles/b.md"), since);
    expect(saved.written).not.toContain("fr/atom.xml");
    expect(saved.written).not.toContain("fr/rss.xml");
    // Once changes have quietened, the disk is checked and both are restored.
    const deadline = Date.now() + 10_000;
    const restored = async () =>
      (await readFile(french.atom, "utf8").catch(() => "")) === original.atom &&
      (await readFile(french.rss, "utf8")) === original.rss &&
      (await readFile(manifestFile, "utf8").catch(() => "")) === manifest;
    while (!(await restored()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await restored()).toBe(true);
    expect(session.errors).toEqual([]);
  });

  it("reports a rename over a file that keeps its times, by the folder's event", async () => {
    const session = await start({
      "a.md": FIRST,
      "b.md": article({ title: "الخبر الثاني", date: "2017-10-13T10:00", id: "b" }),
    });
    // A new version renamed over b.md with b.md's own modification time (and a later access
    // time): a watch on b.md alone would see the same file times and report no change.
    // Whole seconds, so that both files get exactly the same time.
    const modified = Math.floor(Date.now() / 1000) - 60;
    const target = path.join(session.site.articles, "b.md");
    await utimes(target, modified + 10, modified);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const incoming = path.join(session.site.articles, "incoming.txt");
    await writeFile(
      incoming,
      article({ title: "الخبر الثاني، معدلا", date: "2017-10-13T10:00", id: "b" }),
    );
    await utimes(incoming, modified + 10, modified);
    await rename(incoming, target);
    await until(() => session.reports.some((r) => r.changed.includes("articles/b.md")), 10_000);
    expect(await session.titles()).toEqual(["الخبر الثاني، معدلا", "الخبر الأول"]);
  });

  it("finds a change whose file event was lost, once changes quieten", async () => {
    const session = await start(
      {
        "a.md": FIRST,
        "b.md": article({ title: "الخبر الثاني", date: "2017-10-13T10:00", id: "b" }),
      },
      undefined,
      AUDITED,
    );
    // b.md edited through a hard link outside the articles folder: the folder's watch hears
    // nothing of it (its events name the folder the file was reached through). Only the look on
    // disk once changes quieten can find it.
    const outside = path.join(session.site.root, "b-elsewhere.md");
    await link(path.join(session.site.articles, "b.md"), outside);
    await writeFile(
      outside,
      article({ title: "الخبر الثاني، معدلا", date: "2017-10-13T10:00", id: "b" }),
    );
    await until(() => session.reports.some((r) => r.changed.includes("articles/b.md")), 10_000);
    expect(await session.titles()).toEqual(["الخبر الثاني، معدلا", "الخبر الأول"]);
  });

  /** An article with a 1,000-byte photo beside it, and a way to wait for the length its feed gives. */
  async function withPhoto() {
    const session = await start(
      { "a.md": "---\ntitle: أ\ndate: 2024-01-01T10:00\nimage: photo.jpg\n---\nنص.\n" },
      async (site) => {
        await site.write("photo.jpg", Buffer.alloc(1000, 1));
      },
    );
    const rss = () => readFile(path.join(session.site.dist, "rss.xml"), "utf8");
    expect(await rss()).toContain('length="1000"');
    // A photo being written may first be read half-written; it is read again once settled.
    const length = async (bytes: number) => {
      const deadline = Date.now() + 5_000;
      while (!(await rss()).includes(`length="${bytes}"`) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return /length="(\d+)"/.exec(await rss())?.[1];
    };
    return { photo: path.join(session.site.articles, "photo.jpg"), length };
  }

  it("reads an article again when the image beside it changes", async () => {
    const { photo, length } = await withPhoto();
    await writeFile(photo, Buffer.alloc(5000, 1));
    expect(await length(5000)).toBe("5000");
  });

  it("reads an image's length again once a slow write of it is over", async () => {
    const { photo, length } = await withPhoto();
    // Emptied first, filled 30 ms later: the second event comes too soon for the watcher to
    // report it, and the first may be read while the file is still empty.
    const file = await openFile(photo, "w");
    await new Promise((resolve) => setTimeout(resolve, 30));
    await file.write(Buffer.alloc(5000, 1));
    await file.close();
    expect(await length(5000)).toBe("5000");
  });
});

/** How many inotify watches this process holds, from /proc/self/fdinfo. */
function inotifyWatches(): number {
  let count = 0;
  for (const fd of readdirSync("/proc/self/fdinfo")) {
    try {
      const info = readFileSync(`/proc/self/fdinfo/${fd}`, "utf8");
      count += info.split("\n").filter((line) => line.startsWith("inotify wd:")).length;
    } catch {
      // closed meanwhile
    }
  }
  return count;
}
