// The preview page in real headless Chromium (Debian's package, driven by playwright-core):
// the sample site's articles right to left, the French ones left to right, a reload when the
// feeds change, and a screenshot in tests/.artifacts/.
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.js";
import { loadConfig } from "../../src/config/load.js";
import type { SiteConfig } from "../../src/config/resolve.js";
import { loadPreview } from "../../src/preview/load.js";
import { renderPreviewPage } from "../../src/preview/page.js";
import { type FeedServer, startServer } from "../../src/serve/server.js";
import { article, REPO_ROOT, until } from "../helpers.js";

const ARTIFACTS = path.join(REPO_ROOT, "tests", ".artifacts");
const NOW = new Date("2026-11-29T12:00:00Z");

function findChromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    } catch {
      // not this one
    }
  }
  return undefined;
}

const executablePath = findChromium();
if (executablePath === undefined) {
  if (process.env.CI === "true") {
    throw new Error(
      "Chromium is not installed, and CI needs it: .ci/run installs Debian's chromium",
    );
  }
  console.warn("Skipping the browser test: no chromium in PATH (apt-get install chromium)");
}

describe.skipIf(executablePath === undefined)("the preview page in Chromium", () => {
  let folder: string;
  let config: SiteConfig;
  let server: FeedServer;
  let browser: Browser;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "nashra-browser-"));
    await cp(path.join(REPO_ROOT, "articles"), path.join(folder, "articles"), { recursive: true });
    await cp(path.join(REPO_ROOT, "nashra.config.json"), path.join(folder, "nashra.config.json"));
    const loaded = await loadConfig(path.join(folder, "nashra.config.json"));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    config = loaded.config;
    expect((await buildSite(config, { now: NOW, cache: false })).ok).toBe(true);
    server = await startServer({
      root: config.outDir,
      port: 0,
      home: async () => renderPreviewPage(await loadPreview(config, { live: true })),
    });
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("shows the sample articles right to left, the French ones left to right", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const response = await page.goto(server.url);
    expect(response?.status()).toBe(200);
    // Run in the page; this project's TypeScript has no DOM types, so the window is described here.
    type PageWindow = { getComputedStyle(element: unknown): { direction: string } };
    const direction = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate(
          (element) => (globalThis as unknown as PageWindow).getComputedStyle(element).direction,
        );

    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const arabic = page.locator('article.item[lang="ar-MA"]');
    expect(await arabic.count()).toBe(9);
    await expect
      .poll(() => arabic.allInnerTexts())
      .toContainEqual(expect.stringContaining("المغرب يشارك في مؤتمر إقليمي بباماكو حول الأمن"));
    expect(await direction('article.item[lang="ar-MA"] h3')).toBe("rtl");
    expect(await page.locator("text=الخميس 12 أكتوبر 2017").count()).toBeGreaterThan(0);

    const french = page.locator('article.item[lang="fr-MA"]');
    expect(await french.count()).toBe(3);
    expect(await direction('article.item[lang="fr-MA"] h3')).toBe("ltr");
    expect(await french.first().textContent()).toContain("jeudi 15 février 2018 à 17 h 20");

    // Autodiscovery: what a browser extension or a reader finds in the page.
    const alternates = page.locator('link[rel="alternate"]');
    const hrefs = await Promise.all(
      Array.from({ length: await alternates.count() }, (_, index) =>
        alternates.nth(index).getAttribute("href"),
      ),
    );
    expect(hrefs).toContain("/fr/atom.xml");

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "preview.png"), fullPage: true });
    await page.close();
  });

  it("reloads by itself when the feeds change", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    // The page's event stream is open once the server counts it.
    await until(() => server.listeners > 0);
    const title = "خبر جديد يظهر في المعاينة دون إعادة تحميل يدوية";
    await writeFile(
      path.join(config.articlesDir, "2018", "live.md"),
      article({ title, date: "2018-03-23T10:00" }),
    );
    expect((await buildSite(config, { now: NOW, cache: false })).ok).toBe(true);
    server.announceChange();
    await page.locator(`text=${title}`).waitFor({ timeout: 10_000 });
    await page.close();
  });
});
