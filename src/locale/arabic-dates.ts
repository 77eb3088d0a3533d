// Dates as Arabic-language editors write them: «الخميس 12 أكتوبر 2017», «١٢ تشرين الأول ٢٠١٧»,
// «الجمعة 13 شتنبر 2024 على الساعة 10:30». No library reads these, so this module does.
import { foldArabic } from "./arabic-text.js";
import {
  checkLocalDateTime,
  formatLocalDate,
  type LocalDateTime,
  weekdayOf,
} from "./local-date-time.js";

/** Month names by month number: Maghreb (Morocco, Algeria, Tunisia), Egypt and Gulf, Levant. */
export const ARABIC_MONTH_NAMES = {
  1: ["يناير", "جانفي", "كانون الثاني"],
  2: ["فبراير", "فيفري", "شباط"],
  3: ["مارس", "آذار"],
  4: ["أبريل", "ابريل", "أفريل", "نيسان"],
  5: ["ماي", "مايو", "أيار"],
  6: ["يونيو", "يونيه", "جوان", "حزيران"],
  7: ["يوليوز", "يوليو", "يوليه", "جويلية", "تموز"],
  8: ["غشت", "أغسطس", "أوت", "آب"],
  9: ["شتنبر", "سبتمبر", "أيلول"],
  10: ["أكتوبر", "تشرين الأول"],
  11: ["نونبر", "نوفمبر", "تشرين الثاني"],
  12: ["دجنبر", "ديسمبر", "كانون الأول"],
} satisfies Record<number, readonly string[]>;

/** Weekday names, 0 = Sunday, as `Date#getUTCDay` counts. */
export const ARABIC_WEEKDAYS = [
  "الأحد",
  "الاثنين",
  "الثلاثاء",
  "الأربعاء",
  "الخميس",
  "الجمعة",
  "السبت",
] as const;

const ENGLISH_WEEKDAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

const monthByName = new Map<string, number>(
  Object.entries(ARABIC_MONTH_NAMES).flatMap(([month, names]) =>
    names.map((name) => [foldArabic(name), Number(month)] as const),
  ),
);
const weekdayByName = new Map<string, number>(
  ARABIC_WEEKDAYS.map((name, index) => [foldArabic(name), index] as const),
);

const alternatives = (names: Iterable<string>): string =>
  [...names].sort((a, b) => b.length - a.length).join("|");

// Matched against folded text (ة→ه, أ→ا, Western digits). `م` after the year means «ميلادي».
const ARABIC_DATE = new RegExp(
  "^(?:يوم )?" +
    `(?:(${alternatives(weekdayByName.keys())}) ?[،,]? ?)?` +
    `(\\d{1,2}) ?(?:من )?(${alternatives(monthByName.keys())}) ?[،,]? ?(\\d{4})(?: ?م(?=$| |[،,]))?` +
    "(?: ?[،,\\-–]? ?(?:(?:علي|في) )?(?:الساعه )?(\\d{1,2}):(\\d{2})(?::(\\d{2}))? ?(صباحا|مساء|ص|م)?)?$",
  "u",
);

export type ArabicDateResult =
  | { kind: "date"; value: LocalDateTime }
  | { kind: "error"; message: string }
  | { kind: "not-arabic" };

/** Reads an Arabic written date; `not-arabic` when the text is not in that form at all. */
export function parseArabicDate(text: string): ArabicDateResult {
  const folded = foldArabic(text).replace(/ ?([،,]) ?/g, "$1 ");
  const match = ARABIC_DATE.exec(folded.replace(/ +/g, " "));
  if (match === null) return { kind: "not-arabic" };
  const [, weekdayName, dayText, monthName, yearText, hourText, minuteText, secondText, half] =
    match;
  const month = monthByName.get(monthName ?? "") ?? 0;
  const value: LocalDateTime = {
    year: Number(yearText),
    month,
    day: Number(dayText),
    hour: hourText === undefined ? 0 : Number(hourText),
    minute: minuteText === undefined ? 0 : Number(minuteText),
    second: secondText === undefined ? 0 : Number(secondText),
  };
  if (half !== undefined) {
    if (value.hour < 1 || value.hour > 12) {
      return { kind: "error", message: `hour ${value.hour} is not a 12-hour clock hour (1–12)` };
    }
    const afternoon = half === "مساء" || half === "م";
    value.hour = (value.hour % 12) + (afternoon ? 12 : 0);
  }
  const invalid = checkLocalDateTime(value);
  if (invalid !== undefined) return { kind: "error", message: invalid };
  if (weekdayName !== undefined) {
    const written = weekdayByName.get(weekdayName) ?? -1;
    const actual = weekdayOf(value);
    if (written !== actual) {
      return {
        kind: "error",
        message: `the weekday does not match the date: ${formatLocalDate(value)} is a ${ARABIC_WEEKDAYS[actual]} (${ENGLISH_WEEKDAYS[actual]}), not a ${ARABIC_WEEKDAYS[written]}; fix the day or the weekday`,
      };
    }
  }
  return { kind: "date", value };
}
