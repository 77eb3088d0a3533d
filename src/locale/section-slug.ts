// Folder names for section feeds from category, tag and author names in any script. The result
// is an IRI path segment: letters and digits of every script are kept as they are (the URL
// percent-encodes them, readers show them), everything else becomes a hyphen.
import { createHash } from "node:crypto";
import { removeBidiMarks } from "./arabic-text.js";

const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g; // harakat, dagger alef, tatweel

/** `تقارير` → `تقارير`, `Afrique de l’Ouest` → `afrique-de-l-ouest`, `C'est « ça » !` → `c-est-ça`. */
export function sectionSlug(name: string): string {
  const slug = removeBidiMarks(name)
    .normalize("NFC")
    .replace(ARABIC_MARKS, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  // A name of punctuation alone still needs a stable folder of its own.
  return slug === "" ? `s-${createHash("sha256").update(name).digest("hex").slice(0, 10)}` : slug;
}
