// Reads and validates nashra.config.json (I/O at this edge; validation in ./schema.ts).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../problems.js";
import { parseYamlSource, type YamlSource } from "../source/yaml.js";
import { zodIssuesToProblems } from "../source/zod-problems.js";
import { CONFIG_FILE } from "./file.js";
import { resolveConfig, type SiteConfig } from "./resolve.js";
import { siteConfigSchema } from "./schema.js";

export { CONFIG_FILE };

export type ConfigResult = { ok: true; config: SiteConfig } | { ok: false; problems: Problem[] };

/** Reads the config file; `root` is the folder the config's relative paths start from. */
export async function loadConfig(configPath: string): Promise<ConfigResult> {
  const file = path.basename(configPath);
  let text: string;
  try {
    text = await readFile(configPath, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : String(error);
    return {
      ok: false,
      problems: [
        {
          file,
          line: 1,
          field: "config",
          rule: "config/unreadable",
          severity: "error",
          message: `${reason}; create ${CONFIG_FILE} (see the README's config reference) or pass --config`,
        },
      ],
    };
  }
  return parseConfig(text, file, path.dirname(path.resolve(configPath)));
}

export function parseConfig(text: string, file: string, root: string): ConfigResult {
  const source = parseYamlSource(text.replace(/^\uFEFF/, ""));
  if (source.errors.length > 0) {
    return {
      ok: false,
      problems: source.errors.map((error) => ({
        file,
        line: error.line,
        column: error.column,
        field: "config",
        rule: "config/syntax",
        severity: "error",
        message: `not valid JSON: ${error.message}`,
      })),
    };
  }
  return validateConfig(source.data ?? {}, root, file, source);
}

/** Checks config data (from the file, or given to the library) and resolves it against `root`. */
export function validateConfig(
  data: unknown,
  root: string,
  file = "config",
  source: Pick<YamlSource, "lineOf"> = { lineOf: () => 1 },
): ConfigResult {
  const parsed = siteConfigSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      problems: zodIssuesToProblems(parsed.error.issues, file, source, "config"),
    };
  }
  return { ok: true, config: resolveConfig(parsed.data, root) };
}
