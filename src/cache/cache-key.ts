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

/**
 * The installed version of a package: from its folder in the nearest node_modules that has it
 * (where Node finds it), else from its entry point; "unknown" if it hides it. Resolving entry
 * points took about 8 ms of every start here; reading the seven manifests takes about 1.
 */
function installedVersion(name: string): string {
  for (let folder = import.meta.dirname; ; folder = path.dirname(folder)) {
    const version = versionIn(path.join(folder, "node_modules", name), name);
    if (version !== undefined) return version;
    if (path.dirname(folder) === folder) break;
  }
  try {
    for (let folder = path.dirname(require.resolve(name)); ; folder = path.dirname(folder)) {
      const version = versionIn(folder, name);
      if (version !== undefined) return version;
      if (path.dirname(folder) === folder) return "unknown";
    }
  } catch {
    return "unknown";
  }
}

/** The version in `folder`'s package.json, if it is the manifest of package `name`. */
function versionIn(folder: string, name: string): string | undefined {
  const manifest = path.join(folder, "package.json");
  if (!existsSync(manifest)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(manifest, "utf8")) as {
      name?: string;
      version?: string;
    };
    return parsed.name === name && typeof parsed.version === "string" ? parsed.version : undefined;
  } catch {
    return undefined;
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
