// The config as the last build validated it. Validating loads the schema library, the YAML
// reader and the tz database: about 200 ms of every start here, more than a build that finds
// nothing changed takes at 10,000 articles. So `nashra build` keeps the resolved config in the
// cache folder, under a key made of the config file's bytes, its folder and nashra's and the
// libraries' versions, and takes it from there while the file is the same. The memo is
// checksummed like every cache file: a damaged or foreign one is never trusted.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { cacheKey, readChecksummed, writeChecksummed } from "../cache/article-cache.js";
import { libraryVersions } from "../cache/cache-key.js";
import { deferredTimeZone } from "../locale/timezone.js";
import type { ConfigResult } from "./load.js";
import type { SiteConfig } from "./resolve.js";

const FORMAT = "nashra-config/1";
const MEMO_FILE = "config.json";
/** The schema's default; a config that names another cache folder says so in its text. */
const DEFAULT_CACHE_DIR = ".nashra-cache";

type Remembered = Omit<SiteConfig, "zone"> & { zone: string };

/**
 * loadConfig, through the memo: the config the last build validated when the file has the same
 * bytes, else the file validated (and, when valid, remembered for the next build).
 */
export async function loadConfigRemembered(configPath: string): Promise<ConfigResult> {
  const root = path.dirname(path.resolve(configPath));
  const text = await readFile(configPath, "utf8").catch(() => undefined);
  const key = text === undefined ? undefined : memoKey(text, root);
  const memo = text === undefined ? undefined : memoFile(text, root);
  if (key !== undefined && memo !== undefined) {
    const found = await readChecksummed(memo, FORMAT, key);
    // The cache folder is trusted as the config is (both are the project's own files), but a
    // memo is only ever taken for the folder it was made in.
    if (isRemembered(found) && found.root === root) {
      return { ok: true, config: { ...found, zone: deferredTimeZone(found.zone) } };
    }
  }
  const { loadConfig } = await import("./load.js");
  const loaded = await loadConfig(configPath);
  if (loaded.ok && key !== undefined) {
    const remembered: Remembered = { ...loaded.config, zone: loaded.config.zone.name };
    // Only a speed-up: a cache folder that cannot be written is reported by the build itself.
    await writeChecksummed(
      path.join(loaded.config.cacheDir, MEMO_FILE),
      FORMAT,
      key,
      remembered,
    ).catch(() => undefined);
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
  const named = (data as { cacheDir?: unknown } | null)?.cacheDir;
  const cacheDir = named === undefined ? DEFAULT_CACHE_DIR : named;
  return typeof cacheDir === "string" ? path.resolve(root, cacheDir, MEMO_FILE) : undefined;
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
