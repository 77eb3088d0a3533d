// The key every file of the cache is written under: what its entries depend on besides the
// articles. Computed without loading any of those libraries (a build that finds nothing changed
// needs only this).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SiteConfig } from "../config/resolve.js";
import { tzDataVersion } from "../locale/timezone.js";
import { NASHRA_VERSION } from "../version.js";
import { contentHash } from "./checksums.js";

/** The libraries that shape articles, their dates or their HTML. */
const LIBRARIES = [
  "moment-timezone",
  "gray-matter",
  "yaml",
  "zod",
  "markdown-it",
  "sanitize-html",
  "htmlparser2",
];
const require = createRequire(import.meta.url);

/** The installed version of a package, found from its entry point; "unknown" if it hides it. */
function installedVersion(name: string): string {
  try {
    let folder = path.dirname(require.resolve(name));
    for (;;) {
      const manifest = path.join(folder, "package.json");
      if (existsSync(manifest)) {
        const parsed = JSON.parse(readFileSync(manifest, "utf8")) as {
          name?: string;
          version?: string;
        };
        if (parsed.name === name && parsed.version !== undefined) return parsed.version;
      }
      const parent = path.dirname(folder);
      if (parent === folder) return "unknown";
      folder = parent;
    }
  } catch {
    return "unknown";
  }
}

let versions: string[] | undefined;

/**
 * nashra's version and those of the libraries it depends on. An update of a library that shapes
 * articles or their HTML (a sanitizer fix above all) must not leave in the cache what it would
 * no longer produce; the tz data is that of the moment-timezone release, whose version is read
 * without loading it.
 */
export function libraryVersions(): readonly string[] {
  if (versions === undefined) {
    versions = [
      `nashra@${NASHRA_VERSION}`,
      ...LIBRARIES.map((name) => `${name}@${installedVersion(name)}`),
    ];
    // Without the package's version, the tz data's own (loading the library) still tells a
    // tz update apart.
    if (versions.includes("moment-timezone@unknown")) versions.push(`tz@${tzDataVersion()}`);
  }
  return versions;
}

/** What the site's cache files are valid for: nashra, its libraries, the tz data, the config. */
export function siteCacheKey(config: SiteConfig): string {
  return cacheKey({ libraries: libraryVersions(), config: { ...config, zone: config.zone.name } });
}

/** What a cache entry depends on besides the file: nashra's version, the config, the tz data. */
export function cacheKey(parts: Record<string, unknown>): string {
  return contentHash(JSON.stringify(parts));
}
