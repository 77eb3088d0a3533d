// Which files in the articles folder are articles: Markdown files, minus what editors and
// operating systems leave beside them (swap, backup, lock and hidden files).
import path from "node:path";

const MARKDOWN = /\.(?:md|markdown)$/i;

/** `relative` is a path inside the articles folder. */
export function isArticlePath(relative: string): boolean {
  // A name alone, as a listing gives it: no split (10,000 of them at every start).
  if (!relative.includes("/") && !relative.includes("\\")) {
    return isMarkdownName(relative) && !isIgnoredName(relative);
  }
  const segments = relative.split(/[\\/]/);
  return (
    isMarkdownName(segments.at(-1) ?? "") && segments.every((segment) => !isIgnoredName(segment))
  );
}

/** A file name (no folder) with a Markdown extension. */
function isMarkdownName(name: string): boolean {
  return MARKDOWN.test(name);
}

/** Hidden files and folders, Emacs `#x#`/`.#x`, Office `~$x`, backups `x~`, Vim's `4913`. */
export function isIgnoredName(name: string): boolean {
  return (
    name.startsWith(".") ||
    name.startsWith("#") ||
    name.startsWith("~$") ||
    name.endsWith("~") ||
    name === "4913" ||
    name === "node_modules"
  );
}

/** A path relative to the project root, with forward slashes, as problems name files. */
export function displayPath(root: string, absolute: string): string {
  // The usual case, a file below the root, without path.relative's normalizing (10,000 calls
  // in a warm build).
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const relative = absolute.startsWith(prefix)
    ? absolute.slice(prefix.length)
    : path.relative(root, absolute);
  return path.sep === "/" ? relative : relative.split(path.sep).join("/");
}
