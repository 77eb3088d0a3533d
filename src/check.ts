// `nashra check`: the whole pipeline up to the bytes of every feed, with nothing written: no
// feed, no cache, no lock. What a build would report, without the build.
import path from "node:path";
import { buildSite } from "./build.js";
import { loadConfig } from "./config/load.js";
import { hasErrors, type Problem } from "./problems.js";

export interface CheckResult {
  ok: boolean;
  problems: Problem[];
  /** The folder that problems' file paths are relative to. */
  root: string;
  /** Articles read without error, and of those the ones a build would publish now. */
  articles: { valid: number; published: number };
}

export async function checkSite(
  configPath: string,
  options: { cache?: boolean; now?: Date } = {},
): Promise<CheckResult> {
  const loaded = await loadConfig(configPath);
  if (!loaded.ok) {
    return {
      ok: false,
      problems: loaded.problems,
      root: path.dirname(path.resolve(configPath)),
      articles: { valid: 0, published: 0 },
    };
  }
  // With `write: false` a build takes no lock, and reads the cache without saving it.
  const result = await buildSite(loaded.config, {
    write: false,
    cache: options.cache !== false,
    ...(options.now !== undefined && { now: options.now }),
  });
  return {
    ok: !hasErrors(result.problems),
    problems: result.problems,
    root: loaded.config.root,
    articles: { valid: result.articles.valid, published: result.articles.published },
  };
}
