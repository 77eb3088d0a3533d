// `npm run bench`: the real CLI on generated corpora of 1,000 and 10,000 articles (and 100,000
// with --sizes), printing medians. Never part of the test suite: these machines are shared.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { corpusArticle, seeded, writeCorpus } from "./corpus.js";

const BIN = path.resolve(import.meta.dirname, "..", "lib", "bin.js");

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "3" },
    edits: { type: "string", default: "20" },
  },
});
const sizes = (values.sizes ?? "").split(",").map(Number);
const runs = Number(values.runs);
const edits = Number(values.edits);

if (!existsSync(BIN)) {
  console.error("bench: run `npm run compile` first (npm run bench does)");
  process.exit(1);
}

interface Run {
  ms: number;
  peakRssMb: number;
}

/** Runs `nashra build` in `root`; the child reports its own peak RSS on exit. */
function build(root: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, "build"], {
      cwd: root,
      env: { ...process.env, NASHRA_REPORT_RSS: "1" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => {
      const ms = performance.now() - started;
      const rss = /peak-rss-kb=(\d+)/.exec(stderr);
      if (code !== 0 || rss === null) reject(new Error(`build failed (${code}): ${stderr}`));
      else resolve({ ms, peakRssMb: Number(rss[1]) / 1024 });
    });
  });
}

/** Save → feed on disk: writes an article and waits until the main Atom feed shows it. */
async function latencies(root: string, size: number, count: number): Promise<number[]> {
  const child: ChildProcess = spawn(process.execPath, [BIN, "watch"], { cwd: root });
  let stdout = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  while (!stdout.includes("Ctrl-C")) await sleep(20);
  const atom = path.join(root, "dist", "atom.xml");
  const random = seeded(42);
  const samples: number[] = [];
  for (let edit = 0; edit < count; edit++) {
    const marker = `bench-edit-${edit}-${Date.now()}`;
    // The article after the corpus's newest: published now, in the main feed.
    const text = corpusArticle(size, random).replace(
      /^title: .*$/m,
      `title: ${JSON.stringify(marker)}`,
    );
    const started = performance.now();
    await writeFile(path.join(root, "articles", "edited.md"), text);
    // Looks at the feed's size and time every millisecond and reads it only when they change:
    // reading a 250 KB feed a thousand times a second would slow down what it measures.
    let seen = "";
    for (;;) {
      const info = statSync(atom, { throwIfNoEntry: false });
      const stamp = `${info?.size}:${info?.mtimeMs}`;
      if (stamp !== seen) {
        seen = stamp;
        if ((await readFile(atom, "utf8")).includes(marker)) break;
      }
      await sleep(1);
    }
    samples.push(performance.now() - started);
    await sleep(100);
  }
  child.kill("SIGINT");
  await new Promise((resolve) => child.on("exit", resolve));
  return samples;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] ?? NaN;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

console.log(
  `nashra bench: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${runs} runs each, medians`,
);
console.log(
  "| articles | cold build | warm build | save → feed (median / p95) | peak RSS (cold) |",
);
console.log("| ---: | ---: | ---: | ---: | ---: |");
for (const size of sizes) {
  const root = await mkdtemp(path.join(os.tmpdir(), `nashra-bench-${size}-`));
  try {
    await writeCorpus(root, size);
    const cold: Run[] = [];
    const warm: Run[] = [];
    for (let run = 0; run < runs; run++) {
      await rm(path.join(root, "dist"), { recursive: true, force: true });
      await rm(path.join(root, ".nashra-cache"), { recursive: true, force: true });
      cold.push(await build(root));
      warm.push(await build(root));
    }
    const saves = await latencies(root, size, edits);
    console.log(
      `| ${size.toLocaleString("en")} | ${fmt(median(cold.map((r) => r.ms)))} | ${fmt(median(warm.map((r) => r.ms)))} | ${fmt(median(saves))} / ${fmt(p95(saves))} | ${median(cold.map((r) => r.peakRssMb)).toFixed(0)} MB |`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
