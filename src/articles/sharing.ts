// Values that many articles hold alike, kept once: the names of tags, categories, authors and
// sources, empty lists, and the lines of the fields a problem may point at. At 100,000 articles,
// one copy an article cost about 15 MB. Nothing changes an article once it is built (its lists
// and lines are read-only), so sharing is safe.
import type { ArticleLines, Person } from "./article.js";

export const NO_AUTHORS: readonly Person[] = Object.freeze([]);
export const NO_TAGS: readonly string[] = Object.freeze([]);

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
const layouts = new Pool<Readonly<ArticleLines>>(1_000);

export function sharedName(name: string): string {
  return names.get(name, () => name);
}

/** A person named only by name is shared; one with an email or a URL is kept as it is. */
export function sharedPerson(person: Person): Person {
  if (person.email !== undefined || person.url !== undefined) return person;
  return people.get(person.name, () => ({ name: sharedName(person.name) }));
}

/** The lines of `id`, `date` and `slug` among the front matter's keys. */
export function sharedLines(
  keys: readonly { key: string; line: number }[],
): Readonly<ArticleLines> {
  const lines: ArticleLines = {};
  for (const { key, line } of keys) {
    if (key === "id" || key === "date" || key === "slug") lines[key] = line;
  }
  return layouts.get(`${lines.id},${lines.date},${lines.slug}`, () => Object.freeze(lines));
}
