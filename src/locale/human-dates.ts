// Dates for people, as editors write them: «الخميس 12 أكتوبر 2017» in Arabic (the Moroccan month
// names, which the date parser reads back), «jeudi 12 octobre 2017» in French. Fixed tables, not
// ICU: the same instant reads the same on every machine.
import { ARABIC_MONTH_NAMES, ARABIC_WEEKDAYS } from "./arabic-dates.js";
import { primarySubtag } from "./language.js";
import { formatLocalDate, type LocalDateTime, pad, weekdayOf } from "./local-date-time.js";
import { wallTimeAt } from "./machine-dates.js";
import type { TimeZone } from "./timezone.js";

const FRENCH_MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;
const FRENCH_WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

export interface HumanDateOptions {
  /** Add the time of day («على الساعة 10:30», «à 10 h 30»). Default: false. */
  time?: boolean;
}

/** `الخميس 12 أكتوبر 2017`, and with `time`, `الخميس 12 أكتوبر 2017 على الساعة 10:30`. */
export function formatArabicDate(t: LocalDateTime, options: HumanDateOptions = {}): string {
  // The first name of each month is the one used in Morocco: أكتوبر, شتنبر, غشت, ماي…
  const month = ARABIC_MONTH_NAMES[t.month as keyof typeof ARABIC_MONTH_NAMES][0];
  const date = `${ARABIC_WEEKDAYS[weekdayOf(t)]} ${t.day} ${month} ${t.year}`;
  return options.time ? `${date} على الساعة ${pad(t.hour)}:${pad(t.minute)}` : date;
}

/** `jeudi 12 octobre 2017`, and with `time`, `jeudi 12 octobre 2017 à 10 h 30`. */
export function formatFrenchDate(t: LocalDateTime, options: HumanDateOptions = {}): string {
  const day = t.day === 1 ? "1er" : String(t.day);
  const date = `${FRENCH_WEEKDAYS[weekdayOf(t)]} ${day} ${FRENCH_MONTHS[t.month - 1]} ${t.year}`;
  return options.time ? `${date} à ${t.hour} h ${pad(t.minute)}` : date;
}

/**
 * An instant as a reader of `lang` expects it, on the wall clock of `zone`. Languages without
 * a table get `2017-10-12 10:30`. The time is shown only when it is not midnight: an article
 * dated with a day alone has none.
 */
export function formatHumanDate(epochMs: number, zone: TimeZone, lang: string): string {
  const t = wallTimeAt(epochMs, zone);
  const time = t.hour !== 0 || t.minute !== 0;
  switch (primarySubtag(lang)) {
    case "ar":
      return formatArabicDate(t, { time });
    case "fr":
      return formatFrenchDate(t, { time });
    default:
      return time ? `${formatLocalDate(t)} ${pad(t.hour)}:${pad(t.minute)}` : formatLocalDate(t);
  }
}
