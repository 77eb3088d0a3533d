// One entry point for every date an editor may write, resolved to an instant in the site's zone.
import { parseArabicDate } from "./arabic-dates.js";
import { parseIsoDate } from "./iso-dates.js";
import { wallClockMs } from "./local-date-time.js";
import { instantFromWallTime, type TimeZone } from "./timezone.js";

export type DateParseResult = { ok: true; epochMs: number } | { ok: false; message: string };

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
    if (iso.offsetMinutes !== undefined) {
      return { ok: true, epochMs: wallMs - iso.offsetMinutes * 60_000 };
    }
    return { ok: true, epochMs: instantFromWallTime(zone, wallMs) };
  }
  const arabic = parseArabicDate(text);
  if (arabic.kind === "error") return { ok: false, message: `"${text}": ${arabic.message}` };
  if (arabic.kind === "date") {
    return { ok: true, epochMs: instantFromWallTime(zone, wallClockMs(arabic.value)) };
  }
  return { ok: false, message: `"${text}" is not a date I can read; ${EXPECTED}` };
}
