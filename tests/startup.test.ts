// A `nashra build` that finds nothing changed costs little more than starting Node, most of
// which used to be loading libraries it did not use (zod, yaml and moment-timezone alone took
// about 200 ms here). This holds the modules such a build loads to nashra's own: the libraries
// are reached only through the dynamic imports taken once there is work to do.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers.js";
import { lazySpecifiers, staticSpecifiers } from "./module-graph.js";

/** Every module loaded with `entries` (static imports, followed), and the packages among them. */
async function loadedWith(entries: readonly string[]) {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const pending = entries.map((entry) => path.join(REPO_ROOT, entry));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (modules.has(file)) continue;
    modules.add(file);
    for (const specifier of staticSpecifiers(await readFile(file, "utf8"))) {
      if (specifier.startsWith(".")) {
        pending.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
      } else if (!specifier.startsWith("node:")) {
        packages.add(specifier.startsWith("@") ? specifier : (specifier.split("/")[0] ?? ""));
      }
    }
  }
  const relative = [...modules].map((file) =>
    path.relative(REPO_ROOT, file).split(path.sep).join("/"),
  );
  return { modules: relative.sort(), packages: [...packages].sort() };
}

describe("what a build that finds nothing changed loads", () => {
  // The executable, and what the CLI imports for `build` before it knows there is work to do.
  const upToDatePath = ["src/bin.ts", "src/commands/build.ts"];

  it("is nashra's own modules, no library", async () => {
    const { modules, packages } = await loadedWith(upToDatePath);
    expect(packages).toEqual([]);
    // Reading articles, validating the config and planning feeds are left to dynamic imports.
    for (const heavy of [
      "src/full-build.ts",
      "src/config/load.ts",
      "src/articles/load.ts",
      "src/feeds/plan.ts",
    ]) {
      expect(modules).not.toContain(heavy);
    }
    expect(modules).toEqual(
      expect.arrayContaining(["src/build.ts", "src/cache/build-record.ts", "src/config/memo.ts"]),
    );
  });

  it("is told apart from a build with work to do, which loads the libraries", async () => {
    const { packages } = await loadedWith(["src/full-build.ts", "src/config/load.ts"]);
    expect(packages).toEqual(expect.arrayContaining(["feed"]));
  });
});

describe("what reading articles loads", () => {
  it("leaves zod to the front matter the common reader declines", async () => {
    const { modules, packages } = await loadedWith(["src/full-build.ts"]);
    expect(modules).toEqual(expect.arrayContaining(["src/articles/common-front-matter.ts"]));
    expect(packages).not.toContain("zod");
    const schema = await readFile(path.join(REPO_ROOT, "src/articles/schema.ts"), "utf8");
    expect(lazySpecifiers(schema)).toEqual(["zod"]);
  });
});
