// The front matter's fields and the patterns of two of them, without the schema (and zod): what
// reading common front matter, the unknown-field warning and `nashra new` need.

/** The fields nashra knows, in the order the schema (./schema.ts) gives them. */
export const FRONT_MATTER_FIELDS: readonly string[] = [
  "title",
  "date",
  "updated",
  "id",
  "slug",
  "summary",
  "author",
  "source",
  "category",
  "tags",
  "image",
  "alt",
  "lang",
  "draft",
];

/** Letters and digits of any script, joined by single hyphens: `bamako-2017`, `مؤتمر-باماكو`. */
export const SLUG = /^[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*$/u;

/**
 * An `id` as written: one word, nothing a URI or XML would choke on. A lone surrogate (YAML can
 * write one as `"\uD800"`) is refused too: no URI can hold it.
 */
export const ID = /^[^\s<>"{}|\\^`\p{Cc}\p{Cs}]+$/u;
