// HTTP dates (RFC 9110 §5.6.7), read strictly: IMF-fixdate, and the obsolete RFC 850 and asctime
// forms that recipients must still accept. Anything else is not a date: `Date.parse` would take
// "2099" or "yesterday 10:00" and answer a 304 to a client that never had the file.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const DAY_LONG = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";

/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC_850 = new RegExp(`^${DAY_LONG}, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` */
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d\\d) ${TIME} (\\d{4})$`);

/** Epoch milliseconds, or undefined when `text` is not an HTTP-date. `now` places RFC 850 years. */
export function parseHttpDate(text: string, now: number): number | undefined {
  const value = text.trim();
  let match = IMF_FIXDATE.exec(value);
  if (match !== null) {
    const [, day, month, year, hour, minute, second] = match;
    return utc(year, month, day, hour, minute, second);
  }
  match = RFC_850.exec(value);
  if (match !== null) {
    const [, day, month, twoDigits, hour, minute, second] = match;
    // A year that would be more than 50 years ahead is the latest past year with those digits.
    const currentYear = new Date(now).getUTCFullYear();
    let year = Math.floor(currentYear / 100) * 100 + Number(twoDigits);
    if (year > currentYear + 50) year -= 100;
    return utc(String(year), month, day, hour, minute, second);
  }
  match = ASCTIME.exec(value);
  if (match !== null) {
    const [, month, day, hour, minute, second, year] = match;
    return utc(year, month, day?.trim(), hour, minute, second);
  }
  return undefined;
}

function utc(
  ...[year, month, day, hour, minute, second]: (string | undefined)[]
): number | undefined {
  const y = Number(year);
  const m = MONTHS.indexOf(month ?? "");
  const d = Number(day);
  const [h, min, s] = [Number(hour), Number(minute), Number(second)];
  // A leap second (60) is allowed by the grammar; no clock here has one.
  if (h > 23 || min > 59 || s > 60) return undefined;
  const time = Date.UTC(y, m, d, h, min, Math.min(s, 59));
  const date = new Date(time);
  // No 31 November: the day must exist in its month.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m || date.getUTCDate() !== d) {
    return undefined;
  }
  return time;
}

/** IMF-fixdate, as every HTTP date is sent. */
export function formatHttpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

/**
 * The `Last-Modified` to send for a file modified at `mtimeMs`, in whole seconds as HTTP dates
 * are, or undefined when none should be sent. Never later than now (a clock set wrong, a file
 * touched into the future). Only once the file's second is well over: a file rewritten within
 * the same second as a client's copy would have the same date, and `If-Modified-Since` would
 * wrongly answer 304 to that client. The margin of a second covers file systems, which stamp
 * files with a coarse clock that may lag the system's by some milliseconds. Until then the
 * ETag alone validates.
 */
export function lastModifiedOf(mtimeMs: number, now: number): number | undefined {
  const second = Math.floor(Math.min(mtimeMs, now) / 1000);
  return now >= (second + 2) * 1000 ? second * 1000 : undefined;
}
