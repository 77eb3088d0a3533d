// Folding of Arabic spellings so that editors' variants compare equal: hamza forms of alef,
// alef maqsura, ta marbuta, tatweel, diacritics and bidi marks, and the two Arabic digit sets.

const DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g; // harakat, dagger alef, tatweel
const BIDI_MARKS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

/** Arabic-Indic (U+0660…) and Eastern Arabic-Indic (U+06F0…) digits to ASCII digits. */
export function toWesternDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Without the invisible direction marks that right-to-left editors insert around text. */
export function removeBidiMarks(text: string): string {
  return text.replace(BIDI_MARKS, "");
}

/** A form of `text` for matching names, not for display. */
export function foldArabic(text: string): string {
  return toWesternDigits(text)
    .normalize("NFC")
    .replace(BIDI_MARKS, "")
    .replace(DIACRITICS, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/[\s\u00A0]+/g, " ")
    .trim();
}
