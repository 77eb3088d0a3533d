// `npm run bench`: the real CLI on generated corpora of 1,000 and 10,000 articles (and 100,000
// with --sizes), printing medians, then the floor under a cold build of each size (see
// ./floor.ts). Never part of the test suite: these machines are shared.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { corpusArticle, seeded, writeCorpus } from "./corpus.js";
import { type Floor, measureFloor } from "./floor.js";

const BIN = path.resolve(import.meta.dirname, "..", "lib", "bin.js");

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "3" },
    edits: { type: "string", default: "20" },
    /** Edits of the long watch session that looks for memory growth (0 skips it). */
    soak: { type: "string", default: "10000" },
    "soak-size": { type: "string", default: "1000" },
  },
});
const sizes = (values.sizes ?? "").split(",").map(Number);
const runs = Number(values.runs);
const edits = Number(values.edits);
const soakEdits = Number(values.soak);
const soakSize = Number(values["soak-size"]);

if (!existsSync(BIN)) {
  console.error("bench: run `npm run compile` first (npm run bench does)");
  process.exit(1);
}

/** How long the watcher runs before the first save is timed. */
const SETTLE_MS = 3_000;

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

interface Watcher {
  child: ChildProcess;
  /** Everything the child printed so far. */
  output: { stdout: string; stderr: string };
  stop(): Promise<void>;
}

/** Starts `nashra watch` in `root` and resolves once it is watching. */
async function startWatch(root: string, nodeOptions: string[] = []): Promise<Watcher> {
  const child = spawn(process.execPath, [...nodeOptions, BIN, "watch"], {
    cwd: root,
    env: { ...process.env, NASHRA_REPORT_RSS: "1" },
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output.stderr += chunk;
  });
  while (!output.stdout.includes("Ctrl-C")) await sleep(20);
  const exited = new Promise((resolve) => child.on("exit", resolve));
  return {
    child,
    output,
    async stop() {
      child.kill("SIGINT");
      await exited;
    },
  };
}

interface WatchSession {
  /** Save → feed on disk, each save. */
  saves: number[];
  /** From the start of `nashra watch` to its "Ctrl-C" line (warm cache, feeds on disk). */
  readyMs: number;
  /** Heap in use after garbage collection, once the saves are over. */
  heapMb: number;
  peakRssMb: number;
}

/**
 * Save → feed on disk: writes an article and waits until the main Atom feed shows it. The builds
 * just before leave hundreds of megabytes for the kernel to write back at 100,000 articles, which
 * the first fsyncs of the watcher would wait for: those are flushed first (`sync`), and the saves
 * begin once the watcher has been ready for SETTLE_MS, as an editor's would. The watcher's
 * start and memory are measured too: `nashra start` is how a newsroom runs nashra.
 */
async function latencies(root: string, size: number, count: number): Promise<WatchSession> {
  spawnSync("sync");
  const starting = performance.now();
  const watcher = await startWatch(root, ["--expose-gc"]);
  const readyMs = performance.now() - starting;
  await sleep(SETTLE_MS);
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
  const heapMb = await heapAfterCollection(watcher);
  await watcher.stop();
  const rss = /peak-rss-kb=(\d+)/.exec(watcher.output.stderr);
  return { saves: samples, readyMs, heapMb, peakRssMb: Number(rss?.[1]) / 1024 };
}

/** The heap a watcher started with --expose-gc still uses once garbage is collected, in MB. */
async function heapAfterCollection(watcher: Watcher): Promise<number> {
  const { output } = watcher;
  const before = output.stderr.length;
  watcher.child.kill("SIGUSR2");
  while (!/memory-kb=\d+/.test(output.stderr.slice(before))) await sleep(20);
  return Number(/memory-kb=(\d+)/.exec(output.stderr.slice(before))?.[1]) / 1024;
}

/**
 * A long watch session: `count` edits (new versions of existing articles, new articles,
 * deletions, in a fixed pseudo-random order, a few milliseconds apart), with the memory in use
 * after garbage collection measured after the first 200 edits and at the end.
 */
async function soak(root: string, size: number, count: number): Promise<[number, number, number]> {
  const watcher = await startWatch(root, ["--expose-gc"]);
  const { output } = watcher;
  const quiet = async () => {
    // Let the watcher catch up: no output for a second.
    let last = "";
    do {
      last = output.stdout;
      await sleep(1000);
    } while (output.stdout !== last);
  };
  const memory = () => heapAfterCollection(watcher);
  const random = seeded(7);
  const articles = path.join(root, "articles");
  let early = 0;
  for (let edit = 0; edit < count; edit++) {
    const roll = random();
    const index = Math.floor(random() * size);
    const file = path.join(articles, String(Math.floor(index / 1000)), `a${index}.md`);
    if (roll < 0.8) await writeFile(file, corpusArticle(index, random));
    else if (roll < 0.9)
      await writeFile(
        path.join(articles, `new-${edit % 500}.md`),
        corpusArticle(size + (edit % 500), random),
      );
    else await rm(path.join(articles, `new-${edit % 500}.md`), { force: true });
    await sleep(2);
    if (edit === 199) {
      await quiet();
      early = await memory();
    }
  }
  await quiet();
  const late = await memory();
  await watcher.stop();
  return [count, early, late];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] ?? NaN;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/**
 * How long Node takes to start and exit doing nothing, in the environment the builds get: the
 * floor under every build time below. NODE_EXTRA_CA_CERTS, where it is set, makes Node read
 * and parse those certificates at every start (about 50 ms here), though a build opens no TLS
 * connection.
 */
function nodeStartMs(env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    spawnSync(process.execPath, ["-e", "0"], { env });
    times.push(performance.now() - started);
  }
  return median(times);
}

console.log(
  `nashra bench: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${runs} runs each, medians`,
);
const { NODE_EXTRA_CA_CERTS: extraCertificates, ...withoutCertificates } = process.env;
const startMs = nodeStartMs(process.env);
console.log(
  `Node's own start here: ${fmt(startMs)}${
    extraCertificates === undefined
      ? ""
      : ` (NODE_EXTRA_CA_CERTS is set; without it: ${fmt(nodeStartMs(withoutCertificates))})`
  }`,
);
console.log(
  "| articles | cold build | warm build, nothing changed | warm build, one new article | save → feed (median / p95) | peak RSS (cold) | watch: ready, heap, peak RSS |",
);
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
const floors: string[] = [];
for (const size of sizes) {
  const root = await mkdtemp(path.join(os.tmpdir(), `nashra-bench-${size}-`));
  try {
    await writeCorpus(root, size);
    const cold: Run[] = [];
    const warm: Run[] = [];
    const added: Run[] = [];
    const random = seeded(7);
    const extra = path.join(root, "articles", "added.md");
    for (let run = 0; run < runs; run++) {
      await rm(path.join(root, "dist"), { recursive: true, force: true });
      await rm(path.join(root, ".nashra-cache"), { recursive: true, force: true });
      cold.push(await build(root));
      // A restart with nothing changed takes the last build's record (src/cache/build-record.ts);
      // one with an article more reads the cache, plans every feed and writes what changed.
      warm.push(await build(root));
      await writeFile(extra, corpusArticle(size, random));
      added.push(await build(root));
      await rm(extra);
    }
    // The feeds of the last build are on disk: the floor is timed on them (see bench/floor.ts).
    const floor: Floor[] = [];
    for (let run = 0; run < runs; run++) {
      floor.push(await measureFloor(root, path.join(root, "floor-scratch")));
    }
    const part = (pick: (f: Floor) => number) => median(floor.map(pick));
    const sum = startMs + part((f) => f.readMs + f.encodeMs + f.writeMs);
    floors.push(
      `| ${size.toLocaleString("en")} | ${fmt(part((f) => f.readMs))} | ${fmt(part((f) => f.encodeMs))} (${(floor[0]?.outputMb ?? 0).toFixed(0)} MB) | ${fmt(part((f) => f.writeMs))} (${floor[0]?.outputs ?? 0} files) | ${fmt(sum)} |`,
    );
    const session = await latencies(root, size, edits);
    const { saves } = session;
    console.log(
      `| ${size.toLocaleString("en")} | ${fmt(median(cold.map((r) => r.ms)))} | ${fmt(median(warm.map((r) => r.ms)))} | ${fmt(median(added.map((r) => r.ms)))} | ${fmt(median(saves))} / ${fmt(p95(saves))} | ${median(cold.map((r) => r.peakRssMb)).toFixed(0)} MB | ${fmt(session.readyMs)}, ${session.heapMb.toFixed(0)} MB, ${session.peakRssMb.toFixed(0)} MB |`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

console.log(
  "\nThe floor under a cold build (bench/floor.ts): the same articles read, hashed and decoded, and the same feeds encoded and written, with nothing parsed or serialized:\n",
);
console.log(
  "| articles | read, hash, decode | encode the feeds | write, sync, rename | sum, with Node's start |",
);
console.log("| ---: | ---: | ---: | ---: | ---: |");
for (const row of floors) console.log(row);

if (soakEdits > 0) {
  const root = await mkdtemp(path.join(os.tmpdir(), "nashra-soak-"));
  try {
    await writeCorpus(root, soakSize);
    const [count, early, late] = await soak(root, soakSize, soakEdits);
    console.log(
      `\nLong watch session, ${soakSize.toLocaleString("en")} articles, ${count.toLocaleString("en")} edits: heap in use after garbage collection ${early.toFixed(0)} MB after 200 edits, ${late.toFixed(0)} MB at the end (${late >= early ? "+" : ""}${(late - early).toFixed(0)} MB)`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
