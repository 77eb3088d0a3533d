// Language tags (BCP 47) as the config and front matter carry them.

const TAG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?(?:-[a-zA-Z\d]{5,8})*$/;

export function isLanguageTag(value: string): boolean {
  return TAG.test(value);
}

/** Canonical casing: `ar-ma` → `ar-MA`, `sr-latn-rs` → `sr-Latn-RS`. */
export function canonicalLanguageTag(tag: string): string {
  return tag
    .split("-")
    .map((subtag, index) => {
      if (index === 0) return subtag.toLowerCase();
      if (subtag.length === 4 && /^[a-zA-Z]+$/.test(subtag)) {
        return subtag[0]?.toUpperCase() + subtag.slice(1).toLowerCase();
      }
      if (subtag.length === 2) return subtag.toUpperCase();
      return subtag.toLowerCase();
    })
    .join("-");
}

export function primarySubtag(tag: string): string {
  return tag.split("-")[0]?.toLowerCase() ?? "";
}

/**
 * The site language an article's `lang` belongs to: the same tag, or the only site language with
 * the same primary subtag (`ar` → `ar-MA`). Undefined when none fits.
 */
export function matchSiteLanguage(
  tag: string,
  siteLanguages: readonly string[],
): string | undefined {
  const wanted = tag.toLowerCase();
  const exact = siteLanguages.find((language) => language.toLowerCase() === wanted);
  if (exact !== undefined) return exact;
  const samePrimary = siteLanguages.filter(
    (language) => primarySubtag(language) === primarySubtag(tag),
  );
  return samePrimary.length === 1 ? samePrimary[0] : undefined;
}
