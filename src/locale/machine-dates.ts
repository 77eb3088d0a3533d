// Dates for machines: RFC 822 (RSS) and RFC 3339 (Atom, JSON Feed), in the site's zone with the
// offset really in force at each instant. English names only: these are parsed, not read.
import { formatLocalDateTime, formatOffset, type LocalDateTime, pad } from "./local-date-time.js";
import type { TimeZone } from "./timezone.js";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** The wall-clock fields of an instant in a zone. */
export interface WallTime extends LocalDateTime {
  /** 0 = Sunday. */
  weekday: number;
  offsetMinutes: number;
}

export function wallTimeAt(epochMs: number, zone: TimeZone): WallTime {
  const offsetMinutes = zone.offsetAt(epochMs);
  const wall = new Date(epochMs + offsetMinutes * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
    offsetMinutes,
  };
}

/** `Thu, 12 Oct 2017 00:00:00 +0100` */
export function formatRfc822(epochMs: number, zone: TimeZone): string {
  const t = wallTimeAt(epochMs, zone);
  return `${DAYS[t.weekday]}, ${pad(t.day)} ${MONTHS[t.month - 1]} ${t.year} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${formatOffset(t.offsetMinutes, "")}`;
}

/** `2017-10-12T00:00:00+01:00` */
export function formatRfc3339(epochMs: number, zone: TimeZone): string {
  const t = wallTimeAt(epochMs, zone);
  return `${formatLocalDateTime(t)}${formatOffset(t.offsetMinutes, ":")}`;
}
