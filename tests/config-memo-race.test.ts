// The config memo keys what it remembers on the text it read, and validates that same text: a
// save between reading the file and validating it must not put the config of the new text
// under the key of the old one (when the file holds the old text again, an undo or a checkout,
// `nashra build` would take a config that validating the file does not give).
import { readFile as realReadFile, writeFile as realWriteFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config/load.js";
import { loadConfigRemembered } from "../src/config/memo.js";
import { makeSite, type TempSite } from "./helpers.js";

const hook = vi.hoisted(() => ({ afterFirstRead: undefined as undefined | (() => Promise<void>) }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const readFile = (async (...args: Parameters<typeof actual.readFile>) => {
    const result = await actual.readFile(...args);
    const after = hook.afterFirstRead;
    hook.afterFirstRead = undefined;
    await after?.();
    return result;
  }) as typeof actual.readFile;
  return { ...actual, readFile, default: { ...actual, readFile } };
});

const sites: TempSite[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.cleanup();
});

it("never gives the config of another text than the file holds", async () => {
  const site = await makeSite({}, { itemLimit: 10 });
  sites.push(site);
  const configPath = path.join(site.root, "nashra.config.json");
  const original = await realReadFile(configPath, "utf8");
  const edited = JSON.stringify({ ...JSON.parse(original), itemLimit: 20 });
  // The file is saved with another itemLimit just after the memo's first read of it.
  hook.afterFirstRead = () => realWriteFile(configPath, edited);
  await loadConfigRemembered(configPath);
  // The edit is undone: the file holds the original bytes again.
  await realWriteFile(configPath, original);
  const validated = await loadConfig(configPath);
  expect(validated.ok && validated.config.itemLimit).toBe(10);
  const remembered = await loadConfigRemembered(configPath);
  expect(remembered.ok && remembered.config.itemLimit).toBe(10);
});
