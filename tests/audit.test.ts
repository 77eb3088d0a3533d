// The watcher's look at the feeds on disk (the audit): what someone else did to them is undone.
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { MANIFEST_FILE } from "../src/output/write.js";
import { type RebuildReport, type SiteWatcher, watchSite } from "../src/watch.js";
import { article, makeSite, type TempSite, until } from "./helpers.js";

let watcher: SiteWatcher | undefined;
let site: TempSite | undefined;
afterEach(async () => {
  await watcher?.close();
  await site?.cleanup();
});

/** Waits up to 8 s (the audit comes 2 s after changes quieten) for `file` to hold `content`. */
async function untilHolds(file: string, content: string): Promise<string> {
  const deadline = Date.now() + 8_000;
  const read = () => readFile(file, "utf8").catch(() => "");
  while ((await read()) !== content && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

/**
 * Articles a.md, b.md… titled `titles`, a day apart from 12 October 2017, the latest feed
 * showing one and each archive page one: every article but the newest has a page of its own.
 */
function onePerPage(titles: readonly string[]): Promise<TempSite> {
  const files = titles.map((title, index) => [
    `${String.fromCharCode(97 + index)}.md`,
    article({ title, date: `2017-10-${12 + index}T10:00` }),
  ]);
  return makeSite(Object.fromEntries(files), { archive: { pageSize: 1 }, itemLimit: 1 });
}

it("restores a feed deleted by hand although another cannot even be looked at", async () => {
  site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
  watcher = await watchSite({ config: site.config, onError: () => undefined });
  const atom = path.join(site.dist, "atom.xml");
  const original = await readFile(atom, "utf8");
  await rm(atom);
  // fr/ replaced by a file: a stat of fr/atom.xml fails with ENOTDIR, not ENOENT.
  await rm(path.join(site.dist, "fr"), { recursive: true });
  await writeFile(path.join(site.dist, "fr"), "not a folder");
  expect(await untilHolds(atom, original)).toBe(original);
}, 20_000);

it("restores a manifest edited by hand before a save", async () => {
  site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
  const reports: RebuildReport[] = [];
  const errors: unknown[] = [];
  watcher = await watchSite({
    config: site.config,
    onRebuild: (report) => reports.push(report),
    onError: (error) => errors.push(error),
  });
  const manifestFile = path.join(site.dist, MANIFEST_FILE);
  const original = await readFile(manifestFile, "utf8");
  await writeFile(manifestFile, "[]\n"); // nashra would then remove nothing it no longer makes
  // A save with the same files: it leaves the manifest alone, and must not take it for its own.
  await site.write("b.md", article({ title: "ب", date: "2017-10-13T10:00" }));
  await until(() => reports.some((report) => report.changed.includes("articles/b.md")), 10_000);
  expect(await untilHolds(manifestFile, original)).toBe(original);
  expect(errors).toEqual([]);
}, 20_000);

it("restores an archive page deleted or edited by hand, whose text the watcher let go", async () => {
  // Two archive pages of one article each; the watcher keeps no archive page's text.
  site = await onePerPage(["أ", "ب", "ج"]);
  const reports: RebuildReport[] = [];
  watcher = await watchSite({ config: site.config, onRebuild: (report) => reports.push(report) });
  const page = path.join(site.dist, "archive", "1", "atom.xml");
  const other = path.join(site.dist, "archive", "2", "rss.xml");
  const original = await readFile(page, "utf8");
  const untouched = await readFile(other, "utf8");
  // A save that leaves the archive pages as they were: they are not written again.
  await site.write("d.md", article({ title: "د", date: "2017-10-15T10:00" }));
  await until(() => reports.some((report) => report.changed.includes("articles/d.md")), 10_000);
  const save = reports.find((report) => report.changed.includes("articles/d.md"));
  expect(save?.written.filter((file) => file.startsWith("archive/1/"))).toEqual([]);
  await rm(page);
  await writeFile(other, "edited by hand");
  expect(await untilHolds(page, original)).toBe(original);
  expect(await untilHolds(other, untouched)).toBe(untouched);
  // A latest feed deleted by hand is written again from what the watcher keeps, and the archive
  // pages it keeps no text of are not taken for files it no longer makes.
  const atom = path.join(site.dist, "atom.xml");
  const latest = await readFile(atom, "utf8");
  await rm(atom);
  expect(await untilHolds(atom, latest)).toBe(latest);
  expect(await readFile(path.join(site.dist, "archive", "1", "rss.xml"), "utf8")).toContain("أ");
  expect(await readFile(page, "utf8")).toBe(original);
}, 30_000);

it("starts from the archive pages a build left untouched, and still restores them", async () => {
  // Three archive pages of one article each, under the latest feed's one.
  site = await onePerPage(["أ", "ب", "ج", "د"]);
  expect((await buildSite(site.config)).ok).toBe(true);
  const pageOf = (page: number, name = "rss.xml") =>
    path.join(site?.dist ?? "", "archive", String(page), name);
  const built = await readFile(pageOf(1), "utf8");
  const second = await readFile(pageOf(2, "atom.xml"), "utf8");
  // Since the build: one page edited by hand, and the article of another edited.
  await writeFile(pageOf(2, "atom.xml"), "edited by hand");
  await site.write("c.md", article({ title: "ج، معدلا", date: "2017-10-14T10:00" }));

  const reports: RebuildReport[] = [];
  watcher = await watchSite({ config: site.config, onRebuild: (report) => reports.push(report) });
  const start = reports[0];
  // Page 1 is left as it is: neither serialized nor compared with the disk.
  const archived = (report: RebuildReport | undefined, page: number) =>
    [...(report?.written ?? []), ...(report?.unchanged ?? [])].filter((file) =>
      file.startsWith(`archive/${page}/`),
    );
  expect(archived(start, 1)).toEqual([]);
  expect(await readFile(pageOf(1), "utf8")).toBe(built);
  // The page edited by hand is restored, and the page of the edited article is written anew.
  expect(start?.written).toContain("archive/2/atom.xml");
  expect(await readFile(pageOf(2, "atom.xml"), "utf8")).toBe(second);
  expect(start?.written).toContain("archive/3/rss.xml");
  expect(await readFile(pageOf(3), "utf8")).toContain("ج، معدلا");

  // A save that leaves page 1 as it was does not write it either; deleted by hand, it is
  // restored by the look on disk that follows.
  await site.write("e.md", article({ title: "هـ", date: "2017-10-16T10:00" }));
  await until(() => reports.some((report) => report.changed.includes("articles/e.md")), 10_000);
  const save = reports.find((report) => report.changed.includes("articles/e.md"));
  expect(archived(save, 1)).toEqual([]);
  await rm(pageOf(1));
  expect(await untilHolds(pageOf(1), built)).toBe(built);
}, 30_000);
