// Folder names for section feeds from category, tag and author names in any script. The result
// is an IRI path segment: letters and digits of every script are kept as they are (URLs
// percent-encode them, readers show them), word separators become hyphens.
import { createHash } from "node:crypto";
import { removeBidiMarks } from "./arabic-text.js";

const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g; // harakat, dagger alef, tatweel
/** Characters that only separate words: dropping them loses nothing a reader would miss. */
const SEPARATORS = /[\s\-_.,:;/\\'’‘·،؛]+/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
/** File systems allow 255 bytes a name; stay far below, whatever the script. */
const MAX_BYTES = 100;

/**
 * `تقارير` → `تقارير`, `Afrique de l’Ouest` → `afrique-de-l-ouest`. Case, Arabic diacritics and
 * tatweel do not matter (`تَقارير` is `تقارير`). A name with other symbols (`C++`, `C#`) or
 * a very long one gets a short hash of the name, so that it never shares a feed with another.
 */
export function sectionSlug(name: string): string {
  let slug = known.get(name);
  if (slug === undefined) {
    slug = computeSlug(name);
    // Names repeat across thousands of articles; a long watch session keeps adding few.
    if (known.size > 100_000) known.clear();
    known.set(name, slug);
  }
  return slug;
}

const known = new Map<string, string>();

function computeSlug(name: string): string {
  const folded = removeBidiMarks(name)
    .normalize("NFC")
    .replace(ARABIC_MARKS, "")
    .toLowerCase()
    .trim();
  const words = folded.replace(SEPARATORS, "-");
  const base = words.replace(NOT_WORD, "-").replace(/^-+|-+$/g, "");
  const lostSymbols = /[^\p{L}\p{N}\p{M}-]/u.test(words);
  if (!lostSymbols && base !== "" && Buffer.byteLength(base) <= MAX_BYTES) return base;
  const suffix = createHash("sha256").update(folded).digest("hex").slice(0, 8);
  const kept = truncateToBytes(base, MAX_BYTES - suffix.length - 1).replace(/-+$/, "");
  return kept === "" ? `s-${suffix}` : `${kept}-${suffix}`;
}

function truncateToBytes(text: string, maxBytes: number): string {
  let result = "";
  for (const character of text) {
    if (Buffer.byteLength(result + character) > maxBytes) break;
    result += character;
  }
  return result;
}
