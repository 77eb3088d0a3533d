// A problem's line of the file, with a caret under the place: what `nashra check` shows.

export interface FrameLocation {
  line: number;
  /** 1-based; when unknown, the caret goes under the value of `field:` on that line, if any. */
  column?: number;
  field?: string;
}

export interface FrameLine {
  text: string;
  /** The problem's own line, and the caret under it, can be shown in colour. */
  kind: "context" | "problem" | "caret";
}

/**
 * The line before, the line, and the line after, numbered, with `>` before the line and a caret
 * under the column. Empty when the line is not in `source`.
 */
export function codeFrame(source: string, location: FrameLocation): FrameLine[] {
  const lines = source.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  const index = location.line - 1;
  const target = lines[index];
  if (target === undefined) return [];
  const first = Math.max(index - 1, 0);
  const last = Math.min(index + 1, lines.length - 1);
  const width = String(last + 1).length;
  const frame: FrameLine[] = [];
  for (let at = first; at <= last; at++) {
    const marker = at === index ? ">" : " ";
    frame.push({
      text: `${marker} ${String(at + 1).padStart(width)} | ${lines[at] ?? ""}`.trimEnd(),
      kind: at === index ? "problem" : "context",
    });
    if (at === index) {
      const column = location.column ?? fieldColumn(target, location.field);
      frame.push({
        text: `  ${" ".repeat(width)} | ${padding(target, column - 1)}^`,
        kind: "caret",
      });
    }
  }
  return frame;
}

/** Where the value of `field:` starts on `line`; else where the line's text starts. */
function fieldColumn(line: string, field: string | undefined): number {
  const start = (/\S/.exec(line)?.index ?? 0) + 1;
  const key = field?.split(".").at(-1);
  if (key === undefined) return start;
  const match = new RegExp(`^(\\s*(?:-\\s+)?["']?${escapeRegExp(key)}["']?\\s*:\\s*)\\S`).exec(
    line,
  );
  return match?.[1] === undefined ? start : match[1].length + 1;
}

/**
 * Blanks as wide as the first `count` characters of `line` on a terminal: tabs stay tabs, and
 * combining marks (Arabic harakat) take no room.
 */
function padding(line: string, count: number): string {
  let result = "";
  for (const character of line.slice(0, Math.max(count, 0))) {
    if (character === "\t") result += "\t";
    else if (!/\p{M}/u.test(character)) result += " ";
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
