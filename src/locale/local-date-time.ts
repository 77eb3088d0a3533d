// A calendar date and clock time with no zone attached: what an editor writes, or what a wall
// clock in the site's zone shows.

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

/** `2017-10-12` */
export function formatLocalDate(t: Pick<LocalDateTime, "year" | "month" | "day">): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/** `2017-10-12T00:00:00` */
export function formatLocalDateTime(t: LocalDateTime): string {
  return `${formatLocalDate(t)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** `+01:00` (separator ":") or `+0100` (separator ""). */
export function formatOffset(minutes: number, separator: string): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

/** The wall-clock reading as if it were UTC, in milliseconds: the input of zone conversions. */
export function wallClockMs(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** 0 = Sunday, in the proleptic Gregorian calendar. */
export function weekdayOf(date: Pick<LocalDateTime, "year" | "month" | "day">): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A reason the fields are out of range, or undefined when they make a real date-time. */
export function checkLocalDateTime(value: LocalDateTime): string | undefined {
  if (value.year < 1000 || value.year > 9999) return `year ${value.year} is out of range`;
  if (value.month < 1 || value.month > 12) return `month ${value.month} does not exist`;
  if (value.day < 1 || value.day > daysInMonth(value.year, value.month)) {
    return `day ${value.day} does not exist in ${pad(value.year, 4)}-${pad(value.month)}`;
  }
  if (value.hour > 23 || value.minute > 59 || value.second > 59) {
    return `time ${pad(value.hour)}:${pad(value.minute)}:${pad(value.second)} does not exist`;
  }
  return undefined;
}
