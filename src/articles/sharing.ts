// Values that many articles hold alike, kept once: the names of tags, categories, authors and
// sources, lists of tags and of authors, and the lines of the fields a problem may point at.
// Each article had a copy of its own: sharing names, empty lists and line layouts (with flat ids
// and fewer lines, in the same change) took the heap after reading 10,000 articles from 31.3 to
// 27.8 MB. What is shared is frozen, and typed read-only: the only changes made to an article
// once it is built are to its own fields (its body read again, its image's length on a copy).
import type { Article, ArticleLines, Person } from "./article.js";

const NO_AUTHORS: readonly Person[] = Object.freeze([]);
const NO_TAGS: readonly string[] = Object.freeze([]);

/**
 * One value for each key. Bounded: a long watch session in which tags are renamed again and
 * again does not grow it; when full, it starts again, and articles keep the values they have.
 */
class Pool<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string, make: () => T): T {
    const known = this.values.get(key);
    if (known !== undefined) return known;
    if (this.values.size >= this.limit) this.values.clear();
    const value = make();
    this.values.set(key, value);
    return value;
  }
}

const names = new Pool<string>(10_000);
const people = new Pool<Person>(10_000);
const tagLists = new Pool<readonly string[]>(10_000);
const authorLists = new Pool<readonly Person[]>(10_000);
const layouts = new Pool<Readonly<ArticleLines>>(1_000);

export function sharedName(name: string): string {
  return names.get(name, () => name);
}

/** A person named only by name is shared; one with an email or a URL is kept as it is. */
export function sharedPerson(person: Person): Person {
  if (person.email !== undefined || person.url !== undefined) return person;
  return people.get(person.name, () => Object.freeze({ name: sharedName(person.name) }));
}

/**
 * An article's tags, as one list shared by the articles with the same tags in the same order.
 * Names are single lines (the schema folds white space), so a line break cannot be in one.
 */
export function sharedTags(tags: readonly string[] | undefined): readonly string[] {
  if (tags === undefined || tags.length === 0) return NO_TAGS;
  return tagLists.get(tags.join("\n"), () => Object.freeze(tags.map(sharedName)));
}

/** An article's authors, shared the same way when each is named only by name. */
export function sharedAuthors(authors: readonly Person[] | undefined): readonly Person[] {
  if (authors === undefined || authors.length === 0) return NO_AUTHORS;
  const shared = authors.map(sharedPerson);
  if (shared.some((person) => person.email !== undefined || person.url !== undefined)) {
    return Object.freeze(shared);
  }
  return authorLists.get(shared.map((person) => person.name).join("\n"), () =>
    Object.freeze(shared),
  );
}

/** The lines of `id`, `date` and `slug` among the front matter's keys. */
export function sharedLines(
  keys: readonly { key: string; line: number }[],
): Readonly<ArticleLines> {
  const lines: ArticleLines = {};
  for (const { key, line } of keys) {
    if (key === "id" || key === "date" || key === "slug") lines[key] = line;
  }
  return sharedLayout(lines);
}

function sharedLayout(lines: ArticleLines): Readonly<ArticleLines> {
  const { id, date, slug } = lines;
  return layouts.get(`${id},${date},${slug}`, () =>
    Object.freeze({
      ...(id !== undefined && { id }),
      ...(date !== undefined && { date }),
      ...(slug !== undefined && { slug }),
    }),
  );
}

/**
 * An article read back from the cache (JSON, every value a copy of its own), made to share its
 * values as an article read from its file does: a warm start holds as little as a cold one. Done
 * once, as it is loaded, before anyone else sees it.
 */
export function shareValuesOf(article: Article): void {
  article.authors = sharedAuthors(article.authors);
  article.tags = sharedTags(article.tags);
  article.lines = sharedLayout(article.lines);
  if (article.category !== undefined) article.category = sharedName(article.category);
  if (article.source !== undefined) article.source = sharedName(article.source);
}
