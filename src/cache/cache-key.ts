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
/** The libraries whose own dependencies shape rendered HTML (linkify-it, entities, postcss…). */
const RENDERERS = ["markdown-it", "sanitize-html", "htmlparser2"];
const require = createRequire(import.meta.url);

interface Manifest {
  version: string;
  /** The package's folder: its dependencies are looked for from there. */
  folder: string;
  dependencies: string[];
}

/**
 * The manifest of package `name` as Node would load it from `from`: in the nearest node_modules
 * that has it, else found from its entry point; undefined if it hides it. Resolving entry points
 * took about 8 ms of every start here; reading the seven manifests takes about 2.
 */
function installed(name: string, from: string): Manifest | undefined {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, "node_modules", name);
    // The first folder of that name is what Node loads, whatever name its manifest gives.
    if (existsSync(path.join(candidate, "package.json"))) return manifestIn(candidate);
    if (path.dirname(folder) === folder) break;
  }
  try {
    for (let folder = path.dirname(require.resolve(name)); ; folder = path.dirname(folder)) {
      const manifest = manifestIn(folder);
      if (manifest !== undefined && manifest.name === name) return manifest;
      if (path.dirname(folder) === folder) return undefined;
    }
  } catch {
    return undefined;
  }
}

function manifestIn(folder: string): (Manifest & { name?: string }) | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as {
      name?: string;
      version?: unknown;
      dependencies?: Record<string, string>;
    };
    return {
      name: parsed.name,
      version: typeof parsed.version === "string" ? parsed.version : "unknown",
      folder,
      dependencies: Object.keys(parsed.dependencies ?? {}).sort(),
    };
  } catch {
    return undefined;
  }
}

/** `name@version` for each of `names`, as installed. */
function installedVersions(names: readonly string[]): string[] {
  return names.map(
    (name) => `${name}@${installed(name, import.meta.dirname)?.version ?? "unknown"}`,
  );
}

/**
 * `library>dependency@version` for the dependencies of each renderer, one level down: what the
 * kept HTML (./html-cache.ts) depends on besides the site's key. Read only by a build that has
 * work to do (about 30 manifests, some 10 ms here).
 */
export function rendererDependencyVersions(): string[] {
  const entries: string[] = [];
  for (const name of RENDERERS) {
    const manifest = installed(name, import.meta.dirname);
    for (const dependency of manifest?.dependencies ?? []) {
      const used = installed(dependency, manifest?.folder ?? import.meta.dirname);
      entries.push(`${name}>${dependency}@${used?.version ?? "unknown"}`);
    }
  }
  return entries;
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
    versions = [`nashra@${NASHRA_VERSION}`, ...installedVersions(LIBRARIES)];
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
