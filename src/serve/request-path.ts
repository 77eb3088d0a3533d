// A request target → the path of a file inside the served folder, or a refusal. Pure: the
// checks that keep every path outside the folder (and nashra's own hidden files) unreachable.

export type RequestPath =
  | { kind: "file"; segments: string[] }
  | { kind: "root" }
  | { kind: "bad-request"; reason: string }
  | { kind: "not-found" };

/**
 * `target` is the request line's target as received (`/fr/atom.xml?x=1`). Each segment is
 * decoded once; a decoded segment may not be `.` or `..`, hold a slash, a backslash or a control
 * character (NUL above all), or start with a dot (the manifest and temporary files are nashra's).
 */
export function parseRequestPath(target: string): RequestPath {
  if (!target.startsWith("/")) return { kind: "bad-request", reason: "not an origin-form target" };
  const pathname = target.replace(/[?#].*$/s, "");
  if (pathname === "/") return { kind: "root" };
  const raw = pathname.slice(1).split("/");
  const segments: string[] = [];
  for (const [index, encoded] of raw.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { kind: "bad-request", reason: "malformed percent-encoding" };
    }
    if (segment.includes("/") || segment.includes("\\") || hasControlCharacter(segment)) {
      return { kind: "bad-request", reason: "a path segment holds a slash or a control character" };
    }
    if (segment === "." || segment === "..") {
      return { kind: "bad-request", reason: "dot segments are not accepted" };
    }
    // `/fr/` names a folder: nothing is served for folders but the root.
    if (segment === "") {
      if (index === raw.length - 1) return { kind: "not-found" };
      return { kind: "bad-request", reason: "empty path segment" };
    }
    if (segment.startsWith(".")) return { kind: "not-found" };
    segments.push(segment);
  }
  return { kind: "file", segments };
}

function hasControlCharacter(text: string): boolean {
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
