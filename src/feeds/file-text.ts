// A generated file's text: one string, or parts written one after another. Watch mode keeps
// feeds as parts (each remembered item is one) and never joins them: a 200 KB string is fresh
// memory each time it is made, which here cost more than serializing the feed.
export type FileText = string | readonly string[];

export function joinText(text: FileText): string {
  return typeof text === "string" ? text : text.join("");
}

/** Whether two texts are the same characters, however they are cut into parts, never joining them. */
export function sameText(a: FileText, b: FileText): boolean {
  if (a === b) return true;
  const left = typeof a === "string" ? [a] : a;
  const right = typeof b === "string" ? [b] : b;
  let total = 0;
  for (const part of left) total += part.length;
  for (const part of right) total -= part.length;
  if (total !== 0) return false;
  // Walk both lists at once: a part shared by both (an unchanged item) is passed at once.
  let i = 0;
  let j = 0;
  let x = 0;
  let y = 0;
  while (i < left.length && j < right.length) {
    const l = left[i] as string;
    const r = right[j] as string;
    if (x === 0 && y === 0 && l === r) {
      i++;
      j++;
      continue;
    }
    const length = Math.min(l.length - x, r.length - y);
    if (!l.startsWith(r.slice(y, y + length), x)) return false;
    x += length;
    y += length;
    if (x === l.length) {
      i++;
      x = 0;
    }
    if (y === r.length) {
      j++;
      y = 0;
    }
  }
  return true;
}
