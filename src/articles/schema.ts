// The front matter: this zod schema is the single source of its fields' types and checks.
// Dates stay text here; they are read in the site's zone by ../locale/dates.ts. zod takes about
// 0.1 s to load, and most front matter never needs it (./common-front-matter.ts): the schema is
// built the first time an article does.
import { createRequire } from "node:module";
import type * as zod from "zod";
import { isLanguageTag } from "../locale/language.js";
import { oneLine } from "../text.js";
import { ID, SLUG } from "./fields.js";

const require = createRequire(import.meta.url);

function schemaOf({ z }: typeof zod) {
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

  const oneOrMany = <T extends zod.ZodType>(schema: T) =>
    z.union([schema.transform((value) => [value]), z.array(schema).min(1)]);

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
  const imageFromUrl = (url: string): zod.output<typeof imageObject> => ({ url });

  return z.object({
    title: line,
    date: dateText,
    updated: dateText.optional(),
    id: z
      .string()
      .trim()
      .regex(ID, "must be one word with no spaces, quotes or brackets")
      .optional(),
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
}

export type FrontMatterSchema = ReturnType<typeof schemaOf>;
export type FrontMatter = zod.output<FrontMatterSchema>;

let schema: FrontMatterSchema | undefined;

/** The schema, built (and zod loaded) on first use. */
export function frontMatterSchema(): FrontMatterSchema {
  schema ??= schemaOf(require("zod") as typeof zod);
  return schema;
}
