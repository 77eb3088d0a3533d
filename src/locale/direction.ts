// Text direction is markup (`dir`, `lang`, `xml:lang`), derived from the language tag alone.

/** Primary language subtags written right to left. */
const RTL_LANGUAGES = new Set([
  "ar",
  "arc",
  "ckb",
  "dv",
  "fa",
  "he",
  "ks",
  "ku-arab",
  "pa-arab",
  "ps",
  "sd",
  "syr",
  "ug",
  "ur",
  "yi",
]);
const RTL_SCRIPTS = new Set(["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"]);
const LTR_SCRIPTS = new Set(["latn", "cyrl", "grek"]);

export type Direction = "rtl" | "ltr";

/** `rtl` for Arabic, Hebrew, Persian, Urdu…, or any tag with a right-to-left script subtag. */
export function directionOf(languageTag: string): Direction {
  const [language = "", ...rest] = languageTag.toLowerCase().split("-");
  const script = rest.find((subtag) => subtag.length === 4);
  if (script !== undefined && RTL_SCRIPTS.has(script)) return "rtl";
  if (script !== undefined && LTR_SCRIPTS.has(script)) return "ltr";
  return RTL_LANGUAGES.has(language) ? "rtl" : "ltr";
}
