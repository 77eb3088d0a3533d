#!/usr/bin/env node
// The executable: wires `main` to the real process. Nothing else touches `process` here.
import { main } from "./cli.js";

const interrupted = () =>
  new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });

// For `npm run bench`'s long watch session: on SIGUSR2, the memory still in use once garbage is
// collected (the benchmark starts node with --expose-gc).
if (process.env.NASHRA_REPORT_RSS === "1") {
  process.on("SIGUSR2", () => {
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.stderr.write(`memory-kb=${Math.round(heapUsed / 1024)}:${Math.round(rss / 1024)}\n`);
  });
}

process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  errPartial: (text) => process.stderr.write(text),
  interrupted,
  cwd: process.cwd(),
  isTTY: { out: process.stdout.isTTY === true, err: process.stderr.isTTY === true },
  env: process.env,
  columns: process.stderr.columns ?? 80,
});

// For `npm run bench`: the process's own peak memory, which no portable tool reports.
if (process.env.NASHRA_REPORT_RSS === "1") {
  process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
}
