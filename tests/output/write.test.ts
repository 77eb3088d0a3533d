// Writing feeds as the watcher does, with what it keeps between writes: the bytes of parts
// written lately and what the manifest lists. Whatever is kept, the files on disk are the texts.
import { mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { joinText } from "../../src/feeds/file-text.js";
import {
  EncodedParts,
  type KnownFiles,
  MANIFEST_FILE,
  type ManifestMemo,
  writeFiles,
} from "../../src/output/write.js";

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function outDir(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "nashra-write-"));
  folders.push(folder);
  return folder;
}

/** Long parts (items), in Arabic with Latin words, digits and an emoji. */
const item = (n: number) =>
  `<item><title>خبر ${n} عن الرباط و Maroc 2026 🇲🇦</title></item>\n`.repeat(8);

describe("writeFiles with the watcher's memory", () => {
  it("writes the same bytes whether parts are encoded or copied from earlier writes", async () => {
    const dir = await outDir();
    const encoded = new EncodedParts();
    const known: KnownFiles = new Map();
    const versions = [
      { "a.xml": ["<rss>", item(1), item(2), "</rss>"], "b/c.xml": [item(2), item(3)] },
      { "a.xml": ["<rss>", item(4), item(1), item(2), "</rss>"], "b/c.xml": [item(3), item(2)] },
      { "a.xml": ["<rss>", item(2), "</rss>"], "b/c.xml": `${item(1)}plain` },
    ];
    for (const version of versions) {
      const files = new Map(Object.entries(version));
      await writeFiles(dir, files, { known, trustKnown: true, encoded });
      for (const [file, text] of files) {
        expect(await readFile(path.join(dir, file), "utf8"), file).toBe(joinText(text));
      }
    }
  });

  it("passes over the manifest for the same files, and still removes a file no longer made", async () => {
    const dir = await outDir();
    const manifest: ManifestMemo = {};
    const known: KnownFiles = new Map();
    const listed = async () => JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8"));
    await writeFiles(
      dir,
      new Map([
        ["a.xml", "1"],
        ["b.xml", "1"],
      ]),
      { known, manifest, trustKnown: true },
    );
    const again = await writeFiles(
      dir,
      new Map([
        ["a.xml", "2"],
        ["b.xml", "1"],
      ]),
      {
        known,
        manifest,
        trustKnown: true,
      },
    );
    expect(again.written).toEqual(["a.xml"]);
    expect(await listed()).toEqual(["a.xml", "b.xml"]);
    const fewer = await writeFiles(dir, new Map([["a.xml", "2"]]), {
      known,
      manifest,
      trustKnown: true,
    });
    expect(fewer.removed).toEqual(["b.xml"]);
    expect(await listed()).toEqual(["a.xml"]);
    // A manifest deleted by hand is written again by the next write that checks the disk.
    await unlink(path.join(dir, MANIFEST_FILE));
    await writeFiles(dir, new Map([["a.xml", "2"]]), { known, manifest });
    expect(await listed()).toEqual(["a.xml"]);
    // One edited by hand is read again, not trusted: a file it lists that is no longer made goes.
    await writeFile(path.join(dir, "old.xml"), "made by an earlier nashra");
    await writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(["a.xml", "old.xml"])}\n`);
    const checked = await writeFiles(dir, new Map([["a.xml", "2"]]), { known, manifest });
    expect(checked.removed).toEqual(["old.xml"]);
    expect(await listed()).toEqual(["a.xml"]);
  });
});
