// The front matter: this zod schema is the single source of its fields' types and checks.
// Dates stay text here; they are read in the site's zone by ../locale/dates.ts.
import { z } from "zod";
import { isLanguageTag } from "../locale/language.js";
import { oneLine } from "../text.js";

/** One-line text: invalid characters removed, runs of white space folded to one space. */
const line = z.string().transform(oneLine).pipe(z.string().min(1, "must not be empty"));

const dateText = z
  .union([z.string(), z.number()], {
    message: 'must be a date, e.g. "2017-10-12T09:30" or "الخميس 12 أكتوبر 2017"',
  })
  .transform(String);

const person = z.union([
  line.transform((name) => ({ name })),
  z.strictObject({
    name: line,
    email: z.email().optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
  }),
]);

const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z.union([schema.transform((value) => [value]), z.array(schema).min(1)]);

/** Letters and digits of any script, joined by single hyphens: `bamako-2017`, `مؤتمر-باماكو`. */
export const SLUG = /^[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*$/u;

/** An `id` as written: one word, nothing a URI or XML would choke on. */
export const ID = /^[^\s<>"{}|\\^`\p{Cc}]+$/u;

const imageObject = z.strictObject({
  url: z.string().trim().min(1, "must not be empty"),
  alt: line.optional(),
  caption: line.optional(),
  credit: line.optional(),
  width: z.int().min(1).optional(),
  height: z.int().min(1).optional(),
  /** MIME type, when the extension does not tell it. */
  type: z
    .string()
    .regex(/^image\/[a-z0-9.+-]+$/, 'must be an image MIME type such as "image/jpeg"')
    .optional(),
  /** Size in bytes, when the image is not a file beside the article. */
  length: z.int().min(0).optional(),
});

/** `image: photo.jpg` is short for `image: { url: photo.jpg }`. */
function imageFromUrl(url: string): z.output<typeof imageObject> {
  return { url };
}

export const frontMatterSchema = z.object({
  title: line,
  date: dateText,
  updated: dateText.optional(),
  id: z.string().trim().regex(ID, "must be one word with no spaces, quotes or brackets").optional(),
  slug: z
    .string()
    .trim()
    .regex(SLUG, "must be letters and digits joined by hyphens, e.g. bamako-security-conference")
    .optional(),
  summary: line.optional(),
  author: oneOrMany(person).optional(),
  source: line.optional(),
  category: line.optional(),
  tags: oneOrMany(line).optional(),
  image: z
    .union([z.string().trim().min(1, "must not be empty").transform(imageFromUrl), imageObject])
    .optional(),
  alt: line.optional(),
  lang: z
    .string()
    .refine(isLanguageTag, 'must be a language tag such as "ar", "ar-MA" or "fr"')
    .optional(),
  draft: z.boolean({ message: "must be true or false" }).optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

export const FRONT_MATTER_FIELDS: readonly string[] = Object.keys(frontMatterSchema.shape);
