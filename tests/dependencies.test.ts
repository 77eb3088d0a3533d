// What the installed package loads at run time must be installed with it: every package that
// src/ imports (other than type-only imports, which the compiler erases) is in "dependencies",
// not only in "devDependencies", which `npm install nashra` leaves out.
import { readdir, readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers.js";
import { lazySpecifiers, staticSpecifiers } from "./module-graph.js";

/** Module specifiers of every import and re-export a compiled module keeps, static or not. */
function runtimeSpecifiers(source: string): string[] {
  return [...staticSpecifiers(source), ...lazySpecifiers(source)];
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative and built-in. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/")) return undefined;
  if (specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
  return builtinModules.includes(name) ? undefined : name;
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("runtime dependencies", () => {
  it("every package src/ loads at run time is in dependencies", async () => {
    const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
    const missing: string[] = [];
    const used = new Set<string>();
    for (const file of await sourceFiles(path.join(REPO_ROOT, "src"))) {
      for (const specifier of runtimeSpecifiers(await readFile(file, "utf8"))) {
        const name = packageOf(specifier);
        if (name === undefined) continue;
        used.add(name);
        if (!dependencies.has(name)) {
          missing.push(`${path.relative(REPO_ROOT, file)} imports ${specifier}`);
        }
      }
    }
    expect(missing).toEqual([]);
    // The scan does see imports: the pipeline's own libraries are among them.
    expect([...used]).toEqual(
      expect.arrayContaining(["yaml", "zod", "markdown-it", "sanitize-html", "gray-matter"]),
    );
  });

  it.each([
    ['import { a } from "yaml";', ["yaml"]],
    ['import type { A } from "feed";', []],
    ['export type { A } from "feed";', []],
    ['import { type A, b } from "feed";', ["feed"]],
    ['import fc from "fast-check";\nimport "./x.js";', ["fast-check", "./x.js"]],
    ['export { a } from "zod";', ["zod"]],
    ['const m = await import("chokidar");', ["chokidar"]],
    ['const yaml = require("yaml") as typeof Yaml;', ["yaml"]],
    ['import {\n  a,\n  b,\n} from "@xmldom/xmldom";', ["@xmldom/xmldom"]],
  ])("finds the runtime imports of %j", (source, expected) => {
    expect(runtimeSpecifiers(source)).toEqual(expected);
  });

  it.each([
    ["@xmldom/xmldom", "@xmldom/xmldom"],
    ["@xmldom/xmldom/lib/dom.js", "@xmldom/xmldom"],
    ["yaml/util", "yaml"],
    ["node:fs", undefined],
    ["fs/promises", undefined],
    ["./x.js", undefined],
  ])("%s is the package %s", (specifier, expected) => {
    expect(packageOf(specifier)).toBe(expected);
  });
});
