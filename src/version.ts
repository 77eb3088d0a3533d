import { readFileSync } from "node:fs";

/** nashra's own version, from its package.json. */
export const NASHRA_VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;
