// A storm of 1,000 edits, renames and deletes in a few seconds while watching: once it is over,
// the feeds on disk equal, byte for byte, what `nashra build` makes of the final folder.
import { readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { seeded } from "../bench/corpus.js";
import { buildSite } from "../src/build.js";
import { MANIFEST_FILE } from "../src/output/write.js";
import { type SiteWatcher, watchSite } from "../src/watch.js";
import { article, makeSite, type TempSite } from "./helpers.js";

let site: TempSite | undefined;
let watcher: SiteWatcher | undefined;
afterEach(async () => {
  await watcher?.close();
  await site?.cleanup();
});

it("ends with the same bytes as a build of the final folder", async () => {
  const next = seeded(20261129);
  let counter = 0;
  const fresh = () => {
    counter += 1;
    // Unique ids and dates: the end state then has one right answer, whatever the order.
    const date = new Date(Date.UTC(2024, 0, 1) + counter * 60_000).toISOString().slice(0, 16);
    return article(
      { title: `خبر ${counter}`, date, id: `n${counter}`, tags: `[وسم ${counter % 4}]` },
      `نص ${counter}.`,
    );
  };
  const initial = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.md`, fresh()]));
  site = await makeSite(initial, { archive: { pageSize: 10 }, itemLimit: 20 });
  let rebuilds = 0;
  let lastRebuild = Date.now();
  watcher = await watchSite({
    config: site.config,
    onRebuild: () => {
      rebuilds += 1;
      lastRebuild = Date.now();
    },
  });

  const names = () => readdir(site?.articles ?? "");
  const counts = { write: 0, rename: 0, delete: 0 };
  for (let op = 0; op < 1000; op++) {
    const existing = (await names()).filter((name) => name.endsWith(".md"));
    const pick = () => existing[Math.floor(next() * existing.length)] ?? "f0.md";
    const roll = next();
    if (roll < 0.6 || existing.length < 5) {
      await site.write(`f${Math.floor(next() * 80)}.md`, fresh());
      counts.write++;
    } else if (roll < 0.8) {
      await rename(
        path.join(site.articles, pick()),
        path.join(site.articles, `f${Math.floor(next() * 80)}.md`),
      );
      counts.rename++;
    } else {
      await rm(path.join(site.articles, pick()), { force: true });
      counts.delete++;
    }
    if (op % 25 === 24) await new Promise((resolve) => setTimeout(resolve, 40));
  }
  expect(counts.write + counts.rename + counts.delete).toBe(1000);

  // Quiet: no rebuild for three seconds after the last change (the watcher looks at every file
  // again two seconds after changes quieten, and may then find an event it missed).
  do {
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() - lastRebuild < 3000);

  const expected = await buildSite(site.config, { write: false });
  expect(expected.problems).toEqual([]);
  const onDisk = new Map<string, string>();
  for (const entry of await readdir(site.dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === MANIFEST_FILE) continue;
    const file = path.join(entry.parentPath, entry.name);
    onDisk.set(
      path.relative(site.dist, file).split(path.sep).join("/"),
      await readFile(file, "utf8"),
    );
  }
  expect([...onDisk.keys()].sort()).toEqual([...expected.files.keys()].sort());
  for (const [file, content] of expected.files) expect(onDisk.get(file), file).toBe(content);
  // Bursts were debounced: far fewer rebuilds than changes.
  expect(rebuilds).toBeLessThan(500);
}, 120_000);
