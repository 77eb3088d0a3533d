// The real executable as a child process: arguments, exit codes, and Ctrl-C in watch mode.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { article, makeSite, REPO_ROOT, type TempSite } from "./helpers.js";

const sites: TempSite[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const site of sites.splice(0)) await site.cleanup();
});

// `--import tsx` would be resolved from the child's folder; name the loader by its path.
const TSX_LOADER = pathToFileURL(
  path.join(REPO_ROOT, "node_modules", "tsx", "dist", "loader.mjs"),
).href;

function nashra(args: string[], cwd = REPO_ROOT) {
  const child = spawn(
    process.execPath,
    ["--import", TSX_LOADER, path.join(REPO_ROOT, "src", "bin.ts"), ...args],
    {
      cwd,
      env: { ...process.env, NODE_OPTIONS: "" },
    },
  );
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async waitForOutput(text: string) {
      const deadline = Date.now() + 15_000;
      while (!stdout.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in ${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

describe("the nashra command", () => {
  it("prints help and the tz data version", async () => {
    const help = nashra(["--help"]);
    expect(await help.exited).toBe(0);
    expect(help.output().stdout).toContain("Usage: nashra <command>");
    const version = nashra(["--version"]);
    expect(await version.exited).toBe(0);
    expect(version.output().stdout).toMatch(/^nashra \d+\.\d+\.\d+ \(tz data 20\d\d[a-z]\)\n$/);
  });

  it("exits 2 on an unknown command, with the usage", async () => {
    const run = nashra(["publish"]);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toContain('unknown command "publish"');
  });

  it("exits 1 with a clear message when the config is missing", async () => {
    const site = await makeSite();
    sites.push(site);
    const run = nashra(["build", "--config", path.join(site.root, "missing.json")]);
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain(
      "missing.json:1: config: not found; create nashra.config.json",
    );
  });

  it("watches until Ctrl-C, then exits cleanly", async () => {
    const site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
    sites.push(site);
    const run = nashra(["watch"], site.root);
    await run.waitForOutput("press Ctrl-C to stop");
    expect(run.output().stdout).toMatch(/built → 1 article published, wrote .*rss\.xml/);
    await site.write("b.md", article({ title: "ب", date: "2017-10-13T10:00" }));
    await run.waitForOutput("articles/b.md → 2 articles published");
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain("nashra: stopped");
  });

  it("start builds, watches and serves: it prints the URLs, and a reader gets 200 then 304", async () => {
    const site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
    sites.push(site);
    const run = nashra(["start", "--port", "0"], site.root);
    // The URLs are printed after "press Ctrl-C", and may arrive in a later chunk.
    await run.waitForOutput("/fr/feed.json\n");
    const { stdout } = run.output();
    expect(stdout).toMatch(/built → 1 article published/);
    const base = /serving dist\/ at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
    if (base === undefined) throw new Error(stdout);
    expect(stdout).toContain(`  ar-MA  ${base}rss.xml  ${base}atom.xml  ${base}feed.json`);
    expect(stdout).toContain(`  fr-MA  ${base}fr/rss.xml`);

    const first = await fetch(`${base}rss.xml`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const etag = first.headers.get("etag") ?? "";
    const again = await fetch(`${base}rss.xml`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const preview = await fetch(base);
    expect(await preview.text()).toContain('<html lang="ar-MA" dir="rtl">');

    // A new article: the feed changes, and the old tag no longer matches.
    await site.write("b.md", article({ title: "ب", date: "2017-10-13T10:00" }));
    await run.waitForOutput("articles/b.md → 2 articles published");
    const changed = await fetch(`${base}rss.xml`, { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("<title>ب</title>");

    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
  });

  it("says what to do when the port is taken, before building anything", async () => {
    const site = await makeSite({ "a.md": article({ title: "أ", date: "2017-10-12T10:00" }) });
    sites.push(site);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const run = nashra(["start", "--port", String(port)], site.root);
      expect(await run.exited).toBe(1);
      expect(run.output().stderr).toContain(
        `nashra: port ${port} on 127.0.0.1 is already in use (another nashra serve or start?); stop that program, or choose another port, e.g. --port ${port + 1}`,
      );
      expect(run.output().stdout).not.toContain("built");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("serve alone says to build first when there is nothing to serve", async () => {
    const site = await makeSite();
    sites.push(site);
    const run = nashra(["serve", "--port", "0"], site.root);
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain(
      "nashra: dist/ does not exist yet; run nashra build first, or nashra start",
    );
  });
});
