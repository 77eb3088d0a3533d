// The watcher's look on disk (the audit), which runs beside rebuilds, when it goes wrong: asked
// for again while it runs, or failing. Both were found by review.
import { readFile, rename, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { type RebuildReport, type SiteWatcher, watchSite } from "../src/watch.js";
import { parseRss } from "./feed-checks.js";
import { article, makeSite, type TempSite, until } from "./helpers.js";

const slow = { on: false, started: 0 };
/** Listing the articles fails (an unreadable folder). */
const broken = { on: false };

vi.mock("../src/articles/listing.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/articles/listing.js")>();
  return {
    ...actual,
    // A big site: the real files first, then many more names (one real file again and again).
    listArticleFiles: async (folder: string) => {
      if (broken.on) throw Object.assign(new Error("EACCES: articles/private"), { code: "EACCES" });
      const listed = await actual.listArticleFiles(folder);
      if (!slow.on) return listed;
      slow.started += 1;
      const padding = Array.from({ length: 5_000 }, () => listed.files[0] as string);
      return { ...listed, files: [...listed.files, ...padding] };
    },
  };
});

// Each slice of reconcile takes 300 ms (a slow disk, a busy process): the look takes ~3 s.
const realSetImmediate = globalThis.setImmediate;
globalThis.setImmediate = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
  if (slow.on && new Error().stack?.includes("reconcile")) {
    return setTimeout(callback, 300, ...args) as unknown as NodeJS.Immediate;
  }
  return realSetImmediate(callback, ...args);
}) as typeof setImmediate;

let watcher: SiteWatcher | undefined;
let site: TempSite | undefined;
afterEach(async () => {
  slow.on = false;
  broken.on = false;
  await watcher?.close();
  await site?.cleanup();
});

// An audit asked for while a long look at the article files is under way runs once that look is
// over: an edit whose file event was lost, made after the look passed its file, is still found.
it("finds a lost edit even when the audit was asked for during a long reconcile", async () => {
  site = await makeSite({
    "a.md": article({ title: "أ", date: "2017-10-12T10:00", id: "a" }),
    "b.md": article({ title: "ب", date: "2017-10-13T10:00", id: "b" }),
    "c.md": article({ title: "ج", date: "2017-10-14T10:00", id: "c" }),
  });
  const reports: RebuildReport[] = [];
  watcher = await watchSite({ config: site.config, onRebuild: (r) => reports.push(r) });
  slow.on = true;
  // The first audit (2 s after start) begins its long look; it stats a, b, c at once.
  await until(() => slow.started === 1, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  // b.md: a new version renamed over it with its own times: no file event (as in watch.test.ts).
  const modified = Math.floor(Date.now() / 1000) - 60;
  const target = path.join(site.articles, "b.md");
  await utimes(target, modified + 10, modified);
  const incoming = path.join(site.articles, "incoming.txt");
  await writeFile(incoming, article({ title: "ب، معدلا", date: "2017-10-13T10:00", id: "b" }));
  await utimes(incoming, modified + 10, modified);
  await rename(incoming, target);
  // c.md: an ordinary save, which asks for an audit 2 s later — while the look still runs.
  await site.write("c.md", article({ title: "ج، معدلا", date: "2017-10-14T10:00", id: "c" }));
  await until(() => reports.some((r) => r.changed.includes("articles/c.md")), 10_000);
  const titles = async () =>
    (parseRss(await readFile(path.join(site?.dist ?? "", "rss.xml"), "utf8")).items ?? []).map(
      (item) => item.title,
    );
  const deadline = Date.now() + 15_000;
  while (!(await titles()).includes("ب، معدلا") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(await titles()).toContain("ب، معدلا");
}, 40_000);

it("restores a feed deleted by hand even when the look at the article files fails", async () => {
  site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
  const errors: unknown[] = [];
  watcher = await watchSite({ config: site.config, onError: (error) => errors.push(error) });
  const atom = path.join(site.dist, "fr", "atom.xml");
  const original = await readFile(atom, "utf8");
  broken.on = true;
  await rm(atom); // before the first audit, 2 s after the start
  const deadline = Date.now() + 8_000;
  while ((await readFile(atom, "utf8").catch(() => "")) !== original && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(String(errors[0])).toMatch(/EACCES/); // the failing look is reported
  expect(await readFile(atom, "utf8").catch(() => "")).toBe(original);
}, 20_000);
