// The patterns of two front-matter fields, without the schema (and zod): what reading common
// front matter and `nashra new` need as well as the schema.

/** Letters and digits of any script, joined by single hyphens: `bamako-2017`, `مؤتمر-باماكو`. */
export const SLUG = /^[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*$/u;

/**
 * An `id` as written: one word, nothing a URI or XML would choke on. A lone surrogate (YAML can
 * write one as `"\uD800"`) is refused too: no URI can hold it.
 */
export const ID = /^[^\s<>"{}|\\^`\p{Cc}\p{Cs}]+$/u;
