// One entry point for every date an editor may write, resolved to an instant in the site's zone.
import { parseArabicDate } from "./arabic-dates.js";
import { parseIsoDate } from "./iso-dates.js";
import { formatLocalDateTime, formatOffset, wallClockMs } from "./local-date-time.js";
import { instantFromWallTime, type TimeZone } from "./timezone.js";

export type DateParseResult =
  | {
      ok: true;
      epochMs: number;
      /**
       * The date-time as the editor wrote it, normalized (`2017-10-12T00:00:00`, with `+01:00`
       * when an offset was written): unlike the instant, no tz database release can change it.
       */
      asWritten: string;
    }
  | { ok: false; message: string };

const EXPECTED =
  'write it as ISO 8601 ("2017-10-12", "2017-10-12T09:30", "2017-10-12T09:30:00+01:00") or as in Arabic ("الخميس 12 أكتوبر 2017", "١٢ شتنبر ٢٠٢٤ 10:30")';

/**
 * Reads a front-matter date. Without an offset, the text is a wall-clock time in `zone`, taken
 * with the offset really in force then (UTC+1 or UTC+0 in Casablanca, depending on the date).
 */
export function parseDate(text: string, zone: TimeZone): DateParseResult {
  const iso = parseIsoDate(text);
  if (iso.kind === "error") return { ok: false, message: `"${text}": ${iso.message}` };
  if (iso.kind === "date") {
    const wallMs = wallClockMs(iso.value) + iso.millisecond;
    const local = formatLocalDateTime(iso.value);
    if (iso.offsetMinutes !== undefined) {
      return {
        ok: true,
        epochMs: wallMs - iso.offsetMinutes * 60_000,
        asWritten: `${local}${formatOffset(iso.offsetMinutes, ":")}`,
      };
    }
    return { ok: true, epochMs: instantFromWallTime(zone, wallMs), asWritten: local };
  }
  const arabic = parseArabicDate(text);
  if (arabic.kind === "error") return { ok: false, message: `"${text}": ${arabic.message}` };
  if (arabic.kind === "date") {
    return {
      ok: true,
      epochMs: instantFromWallTime(zone, wallClockMs(arabic.value)),
      asWritten: formatLocalDateTime(arabic.value),
    };
  }
  return { ok: false, message: `"${text}" is not a date I can read; ${EXPECTED}` };
}
