// An article's URL slug from its title, in the title's own script: `المغرب يشارك في مؤتمر` →
// `المغرب-يشارك-في-مؤتمر`, `Maroc : l’agrume s’exporte` → `maroc-l-agrume-s-exporte`.
import { removeBidiMarks } from "./arabic-text.js";

const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g; // harakat, dagger alef, tatweel
/** Long enough for a headline's main words, in characters (an Arabic one is two bytes). */
const MAX_CHARACTERS = 64;

/**
 * Letters and digits of any script joined by single hyphens (what the front-matter validator
 * accepts as a slug); punctuation and symbols are dropped, Latin accents too. Empty when the
 * title has no letter or digit at all.
 */
export function titleSlug(title: string): string {
  const words = removeBidiMarks(title)
    .normalize("NFD")
    // Accents of Latin letters go (é → e); Arabic letters keep their hamza (أ stays أ).
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC")
    .replace(ARABIC_MARKS, "")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word !== "" && /^[\p{L}\p{N}]/u.test(word));
  let slug = "";
  for (const word of words) {
    const next = slug === "" ? word : `${slug}-${word}`;
    if ([...next].length > MAX_CHARACTERS) break;
    slug = next;
  }
  return slug;
}
