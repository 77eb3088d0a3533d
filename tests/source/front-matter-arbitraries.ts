// Generated front matter for the differential tests of the fast YAML reader: mostly what editors
// write, with every case it must decline mixed in (numbers and keywords the core schema does
// not read as text, indicators, comments, escapes, tabs and odd white space, bad indentation,
// duplicate keys, empty values, values over several lines), and a comparison of two readings.
import { inspect, isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { expect } from "vitest";
import type { YamlSource } from "../../src/source/yaml.js";

const WORDS = [
  "خبر",
  "المغرب",
  "الرباط",
  "مؤتمر",
  "باماكو",
  "أكتوبر",
  "الإفريقي",
  "ـ",
  "َ",
  "١٢",
  "٢٠١٧",
  "Sahel",
  "Maroc",
  "l’UA",
  "café",
  "x",
  "a",
  "B",
  "e",
  "E",
  "inf",
  "nan",
  "o",
  "x1",
  "C#",
  "OCP",
  "2030",
  "😀",
  "🇲🇦",
];
/** Numbers, keywords and dates: the core schema reads some as null, booleans or numbers. */
const SCHEMA_WORDS = [
  "0",
  "1",
  "12",
  "012",
  "-3",
  "+1",
  "1.5",
  ".5",
  "5.",
  "1e3",
  "1E-3",
  "-1e+3",
  "1.e3",
  "0x1F",
  "0X1f",
  "0o17",
  "0O7",
  "0o8",
  "0b101",
  "1_000",
  "1,000",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  "-.nan",
  "NaN",
  "Infinity",
  "0.",
  "00",
  "+",
  ".",
  "1:30",
  "12:30:00",
  "0xg",
  "1e",
  "e3",
  "~",
  "null",
  "Null",
  "NULL",
  "nULL",
  "true",
  "True",
  "TRUE",
  "tRue",
  "false",
  "False",
  "FALSE",
  "yes",
  "no",
  "Yes",
  "NO",
  "on",
  "off",
  "y",
  "n",
  "<<",
  "=",
  "2017-10-12",
  "2017-10-12T09:30",
  "2017-10-12T09:30:00Z",
  "2017-10-12 09:30:00 +01:00",
  "2017-10-12t09:30",
  "12/10/2017",
  "الخميس 12 أكتوبر 2017",
  "١٢ شتنبر ٢٠٢٤ 10:30",
];
const PUNCTUATION = [
  ":",
  ": ",
  ":x",
  "x:",
  " #",
  "#",
  "# ",
  '"',
  "'",
  "''",
  "[",
  "]",
  "{",
  "}",
  ",",
  ", ",
  "&a",
  "*a",
  "!",
  "!!str ",
  "|",
  ">",
  "%",
  "@",
  "`",
  "?",
  "? ",
  "- ",
  "-",
  "--",
  "---",
  "...",
  "\\",
  "\\n",
  "/",
  "<",
  "&",
  "*",
  "(",
  "$",
];
const ODD_CHARACTERS = [
  "\t",
  "\u00a0",
  "\u2003",
  "\u3000",
  "\u200b",
  "\u200f",
  "\u200e",
  "\u202b",
  "\u061c",
  "\u2066",
  "\ufeff",
  "\u2028",
  "\u0085",
  "\r",
  "\u0000",
  "\u0002",
  "\u0018",
  "\u001f",
  "\u007f",
  "\ufffe",
  "\ud83d",
  "\ude00",
];
/** Escapes that mean the same in JSON. */
const JSON_ESCAPES = [
  "\\n",
  "\\t",
  "\\u0627",
  '\\"',
  "\\\\",
  "\\/",
  "\\b",
  "\\f",
  "\\r",
  "\\u00E9",
  "\\ud83d\\ude00",
  "\\ud83d",
  "\\u0000",
];
/** YAML's other escapes, and broken ones. */
const OTHER_ESCAPES = [
  "\\x41",
  "\\e",
  "\\a",
  "\\0",
  "\\ ",
  "\\_",
  "\\N",
  "\\L",
  "\\P",
  "\\U0001F600",
  "\\u12",
  "\\",
  '"',
  "\\\t",
  "\\v",
];

/**
 * How often the unusual turns up. Wild text declines most of the time; calm text is what editors
 * write, with a little of the unusual, so that the fast reader takes whole front matters too.
 */
interface Mix {
  words: number;
  schemaWords: number;
  punctuation: number;
  odd: number;
  oddKeys: number;
  oddLines: number;
  movedLines: number;
  /** Whether a mapping may repeat a key. */
  duplicateKeys: boolean;
}
const WILD: Mix = {
  words: 12,
  schemaWords: 2,
  punctuation: 2,
  odd: 1,
  oddKeys: 30,
  oddLines: 1,
  movedLines: 30,
  duplicateKeys: true,
};
const CALM: Mix = {
  words: 400,
  schemaWords: 1,
  punctuation: 1,
  odd: 1,
  oddKeys: 1,
  oddLines: 1,
  movedLines: 1000,
  duplicateKeys: false,
};

function arbitrariesOf(mix: Mix) {
  const piece = fc.oneof(
    { weight: mix.words, arbitrary: fc.constantFrom(...WORDS) },
    { weight: mix.words / 2, arbitrary: fc.constant(" ") },
    { weight: mix.schemaWords, arbitrary: fc.constantFrom(...SCHEMA_WORDS) },
    { weight: mix.punctuation, arbitrary: fc.constantFrom(...PUNCTUATION) },
    { weight: mix.odd, arbitrary: fc.constantFrom(...ODD_CHARACTERS) },
    { weight: mix.odd, arbitrary: fc.string({ unit: "binary", maxLength: 2 }) },
  );
  const pieces = (maxLength: number) =>
    fc.array(piece, { minLength: 1, maxLength }).map((parts) => parts.join(""));
  /** Pieces after a word: never only spaces. */
  const wordFirst = (maxLength: number) =>
    fc
      .tuple(fc.constantFrom(...WORDS), fc.array(piece, { maxLength: maxLength - 1 }))
      .map(([word, parts]) => word + parts.join(""));

  /** Text that could be a plain value. */
  const plainText = fc.oneof(
    { weight: 8 * mix.words, arbitrary: wordFirst(6) },
    { weight: 8 * mix.punctuation, arbitrary: pieces(6) },
    { weight: 3 * mix.schemaWords, arbitrary: fc.constantFrom(...SCHEMA_WORDS) },
    { weight: mix.odd, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 5 }) },
  );
  const doubleQuoted = fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: piece },
        { weight: 4, arbitrary: fc.constantFrom(...JSON_ESCAPES) },
        { weight: mix.punctuation, arbitrary: fc.constantFrom(...OTHER_ESCAPES) },
      ),
      { maxLength: 6 },
    )
    .map((parts) => `"${parts.join("")}"`);
  const singleQuoted = plainText.map((text) => `'${text.replaceAll("'", "''")}'`);
  const scalarText = fc.oneof(
    { weight: 8 * mix.words, arbitrary: plainText },
    { weight: 4 * mix.words, arbitrary: doubleQuoted },
    { weight: mix.punctuation, arbitrary: singleQuoted },
  );

  const flowItem = fc.oneof(
    { weight: 2 * mix.words, arbitrary: wordFirst(3) },
    { weight: 2 * mix.punctuation, arbitrary: pieces(3) },
    { weight: mix.words, arbitrary: doubleQuoted },
    { weight: 2 * mix.schemaWords, arbitrary: fc.constantFrom(...SCHEMA_WORDS) },
    {
      weight: mix.punctuation,
      arbitrary: fc.constantFrom("", " ", "[a]", "{a: b}", "a: b", "a:b", "'x'"),
    },
  );
  const flowSeqText = fc
    .tuple(
      fc.array(flowItem, { maxLength: 4 }),
      fc.constantFrom(", ", ", ", ",", " , ", ",  ", " ,"),
      fc.constantFrom("", "", "", " ", "  "),
      fc.oneof(
        { weight: 10 * mix.words, arbitrary: fc.constant("") },
        { weight: mix.punctuation, arbitrary: fc.constantFrom(",", " ,") },
      ),
    )
    .map(
      ([items, separator, pad, trailing]) => `[${pad}${items.join(separator)}${trailing}${pad}]`,
    );

  const otherValue = fc.constantFrom(
    "{a: b}",
    "{}",
    "[]",
    "&anchor x",
    "*anchor",
    "!tag x",
    "!!str 12",
    "|",
    ">-",
    "? x",
    "- x",
    "-x",
    "'",
    '"',
    "[a, b",
    "[a]]",
    "[a] x",
  );
  const inlineValue = fc.oneof(
    { weight: 10 * mix.words, arbitrary: scalarText },
    { weight: 4 * mix.words, arbitrary: flowSeqText },
    { weight: mix.punctuation, arbitrary: otherValue },
  );

  /** What may end a line after its value. */
  const lineEnd = fc.oneof(
    { weight: 12 * mix.words, arbitrary: fc.constant("") },
    { weight: 3 * mix.words, arbitrary: fc.constantFrom(" ", "  ", "   ") },
    { weight: mix.odd, arbitrary: fc.constantFrom(" # note", "# note", "\t", " \t", "\u00a0") },
  );
  const keyText = fc.oneof(
    { weight: 10 * mix.words, arbitrary: fc.constantFrom(...COMMON_KEYS) },
    { weight: mix.oddKeys, arbitrary: fc.constantFrom(...ODD_KEYS) },
  );
  /** What comes between a key and its value. */
  const separator = fc.oneof(
    { weight: 20 * mix.words, arbitrary: fc.constant(": ") },
    { weight: 2 * mix.words, arbitrary: fc.constant(":  ") },
    { weight: mix.punctuation, arbitrary: fc.constantFrom(":", " : ", ":\t", ":\u00a0", "::") },
  );
  const seqItemLine = fc.oneof(
    { weight: 10 * mix.words, arbitrary: scalarText.map((text) => `- ${text}`) },
    { weight: mix.words, arbitrary: scalarText.map((text) => `-   ${text}`) },
    {
      weight: mix.oddLines,
      arbitrary: fc.constantFrom("-", "- ", "- - x", "- [a]", "- k: v", "-x", "-\tx"),
    },
  );

  /** A key and its value, as lines relative to the key's column. */
  function entryOf(depth: number, key: string): fc.Arbitrary<string[]> {
    const inline = fc
      .tuple(fc.constant(key), separator, inlineValue, lineEnd)
      .map(([key, sep, value, end]) => [`${key}${sep}${value}${end}`]);
    const blockSeq = fc
      .tuple(
        fc.constant(key),
        lineEnd,
        fc.constantFrom("", "", "  ", "  ", " ", "    "),
        fc.array(fc.tuple(seqItemLine, lineEnd), {
          minLength: mix.duplicateKeys ? 0 : 1,
          maxLength: 4,
        }),
      )
      .map(([key, end, indent, items]) => [
        `${key}:${end}`,
        ...items.map(([item, itemEnd]) => `${indent}${item}${itemEnd}`),
      ]);
    const overLines = fc
      .tuple(fc.constant(key), scalarText, fc.constantFrom(" ", "  ", "    ", ""), scalarText)
      .map(([key, first, indent, second]) => [`${key}: ${first}`, `${indent}${second}`]);
    const blockScalar = fc
      .tuple(fc.constant(key), fc.constantFrom("|", ">", "|-", ">-", "|+"), plainText)
      .map(([key, header, text]) => [`${key}: ${header}`, `  ${text}`]);
    const kinds: fc.WeightedArbitrary<string[]>[] = [
      { weight: 20 * mix.words, arbitrary: inline },
      { weight: 4 * mix.words, arbitrary: blockSeq },
      { weight: mix.oddLines, arbitrary: overLines },
      { weight: mix.oddLines, arbitrary: blockScalar },
      { weight: mix.oddLines, arbitrary: fc.constant([`${key}:`]) },
    ];
    if (depth < 5) {
      const nested = fc
        .tuple(
          fc.constant(key),
          lineEnd,
          fc.constantFrom("  ", "  ", " ", "    "),
          mappingOf(depth + 1),
        )
        .map(([key, end, indent, lines]) => [
          `${key}:${end}`,
          ...lines.map((line) => (line === "" ? line : indent + line)),
        ]);
      kinds.push({ weight: (depth === 1 ? 4 : 2) * mix.words, arbitrary: nested });
    }
    return fc.oneof(...kinds);
  }

  /** Entries with blank and comment lines between them, and now and then a line out of place. */
  function mappingOf(depth: number): fc.Arbitrary<string[]> {
    const entry = (key: string) =>
      fc.tuple(
        fc.oneof(
          { weight: 6 * mix.words, arbitrary: fc.constant([]) },
          { weight: mix.words, arbitrary: fc.array(noiseLine, { minLength: 1, maxLength: 2 }) },
          { weight: mix.oddLines, arbitrary: fc.constantFrom(["\t# tab"], ["\t"], [" \t "]) },
        ),
        entryOf(depth, key),
        fc.oneof(
          { weight: 30 * mix.words, arbitrary: fc.constant("") },
          { weight: mix.oddLines, arbitrary: fc.constantFrom(" ", "  ", "\t") },
        ),
      );
    const size = { minLength: depth === 1 ? 0 : 1, maxLength: depth === 1 ? 8 : 3 };
    const keys = mix.duplicateKeys ? fc.array(keyText, size) : fc.uniqueArray(keyText, size);
    return keys
      .chain((names) => fc.tuple(...names.map(entry)))
      .map((entries) =>
        entries.flatMap(([noise, lines, shift]) => [
          ...noise,
          ...lines.map((line, index) => (index === 0 ? shift + line : line)),
        ]),
      );
  }

  const frontMatterText = fc
    .tuple(
      fc.oneof(
        { weight: 20 * mix.words, arbitrary: mappingOf(1) },
        { weight: mix.oddLines, arbitrary: fc.array(seqItemLine, { maxLength: 3 }) },
        { weight: mix.oddLines, arbitrary: scalarText.map((text) => [text]) },
      ),
      fc.constantFrom("\n", "\n", "\n", "", "\n\n"),
      // Now and then a line moved left or right: indentation that no longer lines up.
      fc.oneof(
        { weight: 10 * mix.words, arbitrary: fc.constant([]) },
        {
          weight: mix.movedLines,
          arbitrary: fc.array(fc.tuple(fc.nat(), fc.constantFrom(-4, -2, -1, 1, 2)), {
            minLength: 1,
            maxLength: 2,
          }),
        },
      ),
    )
    .map(([lines, end, moves]) => {
      const moved = [...lines];
      for (const [at, by] of moves) {
        const index = at % Math.max(moved.length, 1);
        const line = moved[index] ?? "";
        moved[index] =
          by > 0 ? " ".repeat(by) + line : line.replace(new RegExp(`^ {0,${-by}}`), "");
      }
      return moved.length === 0 ? "" : moved.join("\n") + end;
    });

  return { scalarText, flowSeqText, inlineValue, keyText, frontMatterText };
}

const COMMON_KEYS = ["title", "date", "tags", "image", "author", "summary", "src", "alt", "x"];
const ODD_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "true",
  "Null",
  "FALSE",
  "yes",
  "on",
  "y",
  "1",
  "01",
  "1.5",
  "a b",
  "a:b",
  "-a",
  "_x",
  "عنوان",
  "صورة",
  "tag-s",
  "x.y",
  '"title"',
  "'title'",
  "? title",
  "<<",
  "&a title",
  "k".repeat(130),
  "Été",
  "a\u00a0b",
  "a#b",
  "#a",
  "é",
  "x\t",
  "",
];
const noiseLine = fc.constantFrom(
  "",
  "   ",
  "# comment",
  "  # indented comment",
  "#",
  "    #x: y",
  "# كلمة: نعم",
  " ",
);

const wild = arbitrariesOf(WILD);
const calm = arbitrariesOf(CALM);

/**
 * Calm lines whose kind and indentation follow from the line before, the way an editor nests
 * them (a deeper mapping or a list after `key:`, siblings level, a return to an earlier level),
 * and now and then go where they should not: the structures that indentation alone decides.
 */
export const indentedLines = fc
  .array(
    fc.tuple(
      fc.nat(99),
      fc.nat(99),
      fc.constantFrom(...COMMON_KEYS, "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"),
      calm.scalarText,
      fc.constantFrom("", "", "", "", "", "", "", "", "# note", "  # note", " "),
    ),
    { minLength: 1, maxLength: 14 },
  )
  .map((lines) => {
    /** The columns of the mappings open so far. */
    const levels = [0];
    let previous = { indent: 0, kind: "key" };
    const text: string[] = [];
    for (const [where, what, key, value, noise] of lines) {
      const back = levels[where % levels.length] ?? 0;
      let indent: number;
      let kind: string;
      if (what < 8) {
        // Out of place: any kind, at an earlier level or one column off.
        kind = ["item", "key", "open"][what % 3] ?? "key";
        indent = [back, previous.indent + 1, Math.max(previous.indent - 1, 0)][where % 3] ?? 0;
      } else if (previous.kind === "open") {
        kind = what < 50 ? "item" : what < 80 ? "key" : "open";
        const deeper = [2, 2, 2, 4, 1][where % 5] ?? 2;
        indent = previous.indent + (kind === "item" && where % 2 === 0 ? 0 : deeper);
      } else if (previous.kind === "item" && what < 50) {
        kind = "item";
        indent = previous.indent;
      } else {
        kind = what < 70 ? "key" : what < 85 ? "open" : "flow";
        indent = previous.kind === "item" || where < 30 ? back : previous.indent;
      }
      if (kind !== "item" && !levels.includes(indent)) levels.push(indent);
      previous = { indent, kind };
      const body =
        kind === "key"
          ? `${key}: ${value}`
          : kind === "open"
            ? `${key}:`
            : kind === "item"
              ? `- ${value}`
              : `${key}: [${value}, x]`;
      if (noise !== "") text.push(noise);
      text.push(" ".repeat(indent) + body);
    }
    return `${text.join("\n")}\n`;
  });

/** A value on one line: text, a quoted string, or something else entirely. */
export const scalarText = wild.scalarText;
/** `[…]` on one line. */
export const flowSeqText = wild.flowSeqText;
/** Whatever may follow `key: `. */
export const inlineValue = wild.inlineValue;
export const keyText = wild.keyText;
/** A whole front matter, between its fences. */
export const frontMatterText = fc.oneof(wild.frontMatterText, calm.frontMatterText, indentedLines);

/** Every path in `data`, and around each one paths that are not there. */
function probePaths(data: unknown): PropertyKey[][] {
  const extras: PropertyKey[] = [
    "missing",
    0,
    1,
    9,
    -1,
    0.5,
    "0",
    "length",
    "constructor",
    "__proto__",
    Symbol.iterator,
    Number.NaN,
  ];
  const paths: PropertyKey[][] = [];
  const visit = (value: unknown, path: PropertyKey[]): void => {
    paths.push(path);
    for (const extra of extras) paths.push([...path, extra], [...path, extra, 0]);
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      visit(child, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  visit(data, []);
  return paths;
}

/** The two readings are the same in everything a caller can see. */
export function expectSameSource(actual: YamlSource, expected: YamlSource, text: string): void {
  const where = JSON.stringify(text);
  expect(actual.errors, where).toEqual(expected.errors);
  expect(actual.warnings, where).toEqual(expected.warnings);
  // isDeepStrictEqual, unlike toStrictEqual, takes an own `constructor` key as data; it compares
  // prototypes too. It ignores the order of keys, which JSON.stringify keeps.
  if (!isDeepStrictEqual(actual.data, expected.data)) {
    expect.fail(`${where}: ${inspect(actual.data)} is not ${inspect(expected.data)}`);
  }
  expect(JSON.stringify(actual.data), where).toBe(JSON.stringify(expected.data));
  expect(actual.topLevelKeys, where).toEqual(expected.topLevelKeys);
  for (const path of probePaths(expected.data)) {
    const [got, wanted] = [actual.lineOf(path), expected.lineOf(path)];
    if (got !== wanted) expect.fail(`${where}: line of ${inspect(path)} is ${got}, not ${wanted}`);
  }
}
