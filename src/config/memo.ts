// The config as the last build validated it. Validating loads the schema library, the YAML
// reader and the tz database: about 200 ms of every start here, more than a build that finds
// nothing changed takes at 10,000 articles. So `nashra build` keeps the resolved config in the
// cache folder, under a key made of the config file's bytes, its folder and nashra's and the
// libraries' versions, and takes it from there while the file is the same. The memo is
// checksummed like every cache file: a damaged or foreign one is never trusted.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { cacheKey, libraryVersions } from "../cache/cache-key.js";
import { readChecksummed, writeChecksummed } from "../cache/checksums.js";
import { deferredTimeZone } from "../locale/timezone.js";
import { DEFAULT_CACHE_DIR } from "./file.js";
import type { ConfigResult } from "./load.js";
import type { SiteConfig } from "./resolve.js";

const FORMAT = "nashra-config/1";
const MEMO_FILE = "config.json";

type Remembered = Omit<SiteConfig, "zone"> & { zone: string };

/**
 * loadConfig, through the memo: the config the last build validated when the file has the same
 * bytes, else the file validated (and, when valid, remembered for the next build).
 */
export async function loadConfigRemembered(configPath: string): Promise<ConfigResult> {
  const absolute = path.resolve(configPath);
  const root = path.dirname(absolute);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch {
    // Missing or unreadable: loadConfig says which, in its words.
    return (await import("./load.js")).loadConfig(configPath);
  }
  const key = memoKey(text, root);
  const memo = memoFile(text, root);
  if (memo !== undefined) {
    // The cache folder is trusted as the config is: both are the project's own files. The key
    // holds the config's folder, so a memo is only taken for the folder it was made in.
    const found = await readChecksummed(memo, FORMAT, key);
    if (isRemembered(found)) {
      return { ok: true, config: { ...found, zone: deferredTimeZone(found.zone) } };
    }
  }
  // The text just read is validated, not the file read again: a save in between would put the
  // config of one text under the key of the other.
  const loaded = (await import("./load.js")).parseConfig(text, path.basename(absolute), root);
  // Remembered only where the next build will look (a config in YAML, or with comments, is
  // validated every time), and never over the config itself.
  if (
    loaded.ok &&
    memo !== undefined &&
    memo === path.join(loaded.config.cacheDir, MEMO_FILE) &&
    memo !== absolute
  ) {
    const remembered: Remembered = { ...loaded.config, zone: loaded.config.zone.name };
    // Only a speed-up: a cache folder that cannot be written is reported by the build itself.
    await writeChecksummed(memo, FORMAT, key, remembered).catch(() => undefined);
  }
  return loaded;
}

function memoKey(text: string, root: string): string {
  return cacheKey({ text, root, libraries: libraryVersions() });
}

/** Where the memo of this config text would be: in the cache folder it names. */
function memoFile(text: string, root: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return undefined; // not plain JSON: validated every time
  }
  const named = (data as { cacheDir?: unknown } | null)?.cacheDir ?? DEFAULT_CACHE_DIR;
  return typeof named === "string" ? path.resolve(root, named.trim(), MEMO_FILE) : undefined;
}

function isRemembered(value: unknown): value is Remembered {
  const config = value as Partial<Remembered> | null;
  return (
    typeof config === "object" &&
    config !== null &&
    typeof config.root === "string" &&
    typeof config.articlesDir === "string" &&
    typeof config.outDir === "string" &&
    typeof config.cacheDir === "string" &&
    typeof config.zone === "string" &&
    Array.isArray(config.languages)
  );
}
