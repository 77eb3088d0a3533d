// ISO 8601 dates as front matter carries them: a date, or a date-time with or without an offset.

import { removeBidiMarks, toWesternDigits } from "./arabic-text.js";
import { checkLocalDateTime, type LocalDateTime } from "./local-date-time.js";

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export type IsoDateResult =
  | { kind: "date"; value: LocalDateTime; millisecond: number; offsetMinutes?: number }
  | { kind: "error"; message: string }
  | { kind: "not-iso" };

export function parseIsoDate(text: string): IsoDateResult {
  const cleaned = removeBidiMarks(toWesternDigits(text))
    .replace(/\u00A0/g, " ")
    .trim();
  const match = ISO_DATE.exec(cleaned);
  if (match === null) return { kind: "not-iso" };
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const value: LocalDateTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  const invalid = checkLocalDateTime(value);
  if (invalid !== undefined) return { kind: "error", message: invalid };
  const millisecond = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  if (zone === undefined) return { kind: "date", value, millisecond };
  const offsetMinutes = parseOffset(zone);
  if (offsetMinutes === undefined) {
    return { kind: "error", message: `offset "${zone}" is out of range (−23:59 to +23:59)` };
  }
  return { kind: "date", value, millisecond, offsetMinutes };
}

function parseOffset(zone: string): number | undefined {
  if (zone.toUpperCase() === "Z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}
