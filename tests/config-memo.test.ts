// `nashra build` takes the config as the last build validated it while the file is the same
// (src/config/memo.ts): it must then be the config validation gives, and any other file (or a
// damaged memo) must be validated again.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readChecksummed, writeChecksummed } from "../src/cache/checksums.js";
import { loadConfig } from "../src/config/load.js";
import { loadConfigRemembered } from "../src/config/memo.js";
import type { SiteConfig } from "../src/config/resolve.js";
import { makeSite, TEST_CONFIG, type TempSite } from "./helpers.js";

const FORMAT = "nashra-config/1";
const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

async function site(): Promise<{ site: TempSite; configPath: string; memo: string }> {
  const made = await makeSite({}, { cacheDir: "state/cache", archive: { content: "full" } });
  sites.push(made);
  return {
    site: made,
    configPath: path.join(made.root, "nashra.config.json"),
    memo: path.join(made.root, "state", "cache", "config.json"),
  };
}

/** The config with its zone as the offsets it gives, which is what the rest of nashra sees. */
function comparable(config: SiteConfig) {
  const instants = [0, Date.UTC(2018, 5, 1), Date.UTC(2026, 2, 1), Date.UTC(2026, 6, 1)];
  return { ...config, zone: [config.zone.name, instants.map((t) => config.zone.offsetAt(t))] };
}

/** The key the memo was written under, read from its header line. */
async function keyOf(memo: string): Promise<string> {
  const header = (await readFile(memo, "utf8")).split("\n")[0] ?? "";
  return (JSON.parse(header) as { key: string }).key;
}

describe("the config memo", () => {
  it("gives the config that validation gives, and is what a second load takes", async () => {
    const { configPath, memo } = await site();
    const validated = await loadConfig(configPath);
    if (!validated.ok) throw new Error("config");
    const first = await loadConfigRemembered(configPath);
    if (!first.ok) throw new Error("config");
    expect(comparable(first.config)).toEqual(comparable(validated.config));
    // The memo is in the cache folder the config names.
    const key = await keyOf(memo);
    expect(await readChecksummed(memo, FORMAT, key)).toMatchObject({
      cacheDir: expect.any(String),
    });

    const second = await loadConfigRemembered(configPath);
    if (!second.ok) throw new Error("config");
    expect(comparable(second.config)).toEqual(comparable(validated.config));

    // Taken from the memo indeed: one written under the same key is believed.
    const stored = (await readChecksummed(memo, FORMAT, key)) as Record<string, unknown>;
    await writeChecksummed(memo, FORMAT, key, { ...stored, itemLimit: 7 });
    const third = await loadConfigRemembered(configPath);
    expect(third.ok && third.config.itemLimit).toBe(7);
  });

  it("is not taken once the file changed, and a damaged one is ignored", async () => {
    const { configPath, memo } = await site();
    await loadConfigRemembered(configPath);
    const key = await keyOf(memo);
    const stored = (await readChecksummed(memo, FORMAT, key)) as Record<string, unknown>;
    await writeChecksummed(memo, FORMAT, key, { ...stored, itemLimit: 7 });

    // Another file: validated, and remembered in place of the old one.
    const text = await readFile(configPath, "utf8");
    const edited = JSON.stringify({ ...JSON.parse(text), itemLimit: 12 }, null, 2);
    await writeFile(configPath, edited);
    const changed = await loadConfigRemembered(configPath);
    expect(changed.ok && changed.config.itemLimit).toBe(12);
    expect(await keyOf(memo)).not.toBe(key);

    await writeFile(memo, `${(await readFile(memo, "utf8")).slice(0, -5)}`);
    const again = await loadConfigRemembered(configPath);
    expect(again.ok && again.config.itemLimit).toBe(12);
  });

  it("never remembers a config with a problem", async () => {
    const { configPath, memo } = await site();
    const text = await readFile(configPath, "utf8");
    await writeFile(configPath, JSON.stringify({ ...JSON.parse(text), timeZone: "Mars/Olympus" }));
    for (let load = 0; load < 2; load++) {
      const loaded = await loadConfigRemembered(configPath);
      expect(loaded.ok).toBe(false);
      expect(!loaded.ok && loaded.problems.map((problem) => problem.field)).toEqual(["timeZone"]);
    }
    await expect(readFile(memo)).rejects.toThrow(/ENOENT/);
  });

  it("is never written over the config file itself", async () => {
    // A config named config.json whose cache folder, spelt another way, is its own folder.
    const { site: made } = await site();
    const configPath = path.join(made.root, "config.json");
    const cacheDir = `../${path.basename(made.root)}`;
    const text = JSON.stringify({ ...TEST_CONFIG, cacheDir }, null, 2);
    await writeFile(configPath, text);
    for (let load = 0; load < 2; load++) {
      const loaded = await loadConfigRemembered(configPath);
      expect(loaded.ok && loaded.config.cacheDir).toBe(made.root);
      expect(await readFile(configPath, "utf8")).toBe(text);
    }
  });

  it("reports a missing config file as loadConfig does", async () => {
    const { site: made } = await site();
    const missing = path.join(made.root, "elsewhere.json");
    expect(await loadConfigRemembered(missing)).toEqual(await loadConfig(missing));
  });
});

describe("the cache folder", () => {
  it.each([
    [".", "the config's own folder"],
    ["./", "the config's own folder"],
    ["dist/", "the output folder"],
    ["x/../articles", "the articles folder"],
  ])("%j is refused: it is %s", async (cacheDir, shared) => {
    const { site: made } = await site();
    const configPath = path.join(made.root, "nashra.config.json");
    await writeFile(configPath, JSON.stringify({ ...TEST_CONFIG, cacheDir }));
    const loaded = await loadConfigRemembered(configPath);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.problems).toEqual([
      expect.objectContaining({ field: "cacheDir", message: expect.stringContaining(shared) }),
    ]);
  });
});
