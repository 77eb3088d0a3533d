import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/locale/dates.js";
import { formatRfc822, formatRfc3339 } from "../../src/locale/machine-dates.js";
import { loadTimeZone, tzDataVersion } from "../../src/locale/timezone.js";

const casablanca = loadTimeZone("Africa/Casablanca");
const utc = (iso: string) => Date.parse(iso);

describe("Africa/Casablanca offsets from the shipped tz database", () => {
  it("is at least tz 2026c, the release with Morocco's permanent UTC+0", () => {
    expect(tzDataVersion() >= "2026c").toBe(true);
  });

  it.each([
    // 2017: UTC+0 standard time, summer time from 26 March, suspended for Ramadan, ended 29 October.
    ["2017 winter", "2017-01-15T12:00:00Z", 0],
    ["2017 summer time starts", "2017-03-26T02:00:00Z", 60],
    ["the last second before it", "2017-03-26T01:59:59Z", 0],
    ["2017 Ramadan", "2017-06-10T12:00:00Z", 0],
    ["after Ramadan 2017", "2017-07-15T12:00:00Z", 60],
    ["the seed report's day", "2017-10-12T09:00:00Z", 60],
    ["after summer time 2017", "2017-11-15T12:00:00Z", 0],
    // 2018–2026: UTC+1, with UTC+0 during each Ramadan.
    ["before Ramadan 2024", "2024-03-10T01:59:59Z", 60],
    ["Ramadan 2024 starts", "2024-03-10T02:00:00Z", 0],
    ["Ramadan 2024", "2024-03-25T12:00:00Z", 0],
    ["the last second of Ramadan time 2024", "2024-04-14T01:59:59Z", 0],
    ["back to UTC+1 after Ramadan 2024", "2024-04-14T02:00:00Z", 60],
    ["summer 2025", "2025-07-01T12:00:00Z", 60],
    // 20 September 2026: permanent UTC+0 (tz 2026c).
    ["the day before the switch", "2026-09-19T12:00:00Z", 60],
    ["the last second of UTC+1", "2026-09-20T00:59:59Z", 60],
    ["the switch", "2026-09-20T01:00:00Z", 0],
    ["today", "2026-11-29T12:00:00Z", 0],
    ["the Ramadan of 2027 no longer moves the clock", "2027-02-20T12:00:00Z", 0],
    ["summer 2027", "2027-07-01T12:00:00Z", 0],
  ])("%s (%s) is UTC%s minutes", (_case, instant, offset) => {
    expect(casablanca.offsetAt(utc(instant))).toBe(offset);
  });
});

describe("machine dates", () => {
  it.each([
    ["2017-10-11T23:00:00Z", "Thu, 12 Oct 2017 00:00:00 +0100", "2017-10-12T00:00:00+01:00"],
    ["2017-12-31T23:59:59Z", "Sun, 31 Dec 2017 23:59:59 +0000", "2017-12-31T23:59:59+00:00"],
    ["2024-03-10T01:30:00Z", "Sun, 10 Mar 2024 02:30:00 +0100", "2024-03-10T02:30:00+01:00"],
    ["2024-03-10T02:30:00Z", "Sun, 10 Mar 2024 02:30:00 +0000", "2024-03-10T02:30:00+00:00"],
    ["2026-11-29T10:00:00Z", "Sun, 29 Nov 2026 10:00:00 +0000", "2026-11-29T10:00:00+00:00"],
  ])("%s in Casablanca is %s / %s", (instant, rfc822, rfc3339) => {
    expect(formatRfc822(utc(instant), casablanca)).toBe(rfc822);
    expect(formatRfc3339(utc(instant), casablanca)).toBe(rfc3339);
  });

  it("writes negative and fractional offsets", () => {
    expect(formatRfc822(utc("2024-01-15T12:00:00Z"), loadTimeZone("America/Sao_Paulo"))).toBe(
      "Mon, 15 Jan 2024 09:00:00 -0300",
    );
    expect(formatRfc3339(utc("2024-01-15T12:00:00Z"), loadTimeZone("Asia/Kolkata"))).toBe(
      "2024-01-15T17:30:00+05:30",
    );
  });

  it("rounds the fractional offsets of local mean time (Casablanca before 1913: −0:30:20)", () => {
    expect(formatRfc3339(utc("1900-01-01T12:00:00Z"), casablanca)).toBe(
      "1900-01-01T11:30:00-00:30",
    );
  });

  it("uses English names whatever the machine's locale", () => {
    expect(formatRfc822(utc("2024-05-01T00:00:00Z"), casablanca)).toMatch(/^Wed, 01 May 2024/);
  });
});

describe("parseDate in the site's zone", () => {
  // [case, text, instant, the date as written]
  it.each([
    [
      "an Arabic date, no time: midnight, summer time",
      "الخميس 12 أكتوبر 2017",
      "2017-10-11T23:00:00.000Z",
      "2017-10-12T00:00:00",
    ],
    ["an ISO date", "2017-10-12", "2017-10-11T23:00:00.000Z", "2017-10-12T00:00:00"],
    [
      "an ISO date-time in winter",
      "2017-12-01T08:00",
      "2017-12-01T08:00:00.000Z",
      "2017-12-01T08:00:00",
    ],
    ["during Ramadan 2024", "2024-03-20T08:00", "2024-03-20T08:00:00.000Z", "2024-03-20T08:00:00"],
    ["after Ramadan 2024", "2024-04-20T08:00", "2024-04-20T07:00:00.000Z", "2024-04-20T08:00:00"],
    [
      "after the 2026 switch",
      "2026-10-01T08:00",
      "2026-10-01T08:00:00.000Z",
      "2026-10-01T08:00:00",
    ],
    [
      "an explicit offset wins",
      "2017-10-12T08:00:00+03:00",
      "2017-10-12T05:00:00.000Z",
      "2017-10-12T08:00:00+03:00",
    ],
    ["Z", "2017-10-12T08:00:00Z", "2017-10-12T08:00:00.000Z", "2017-10-12T08:00:00+00:00"],
    [
      "a space for T, fractions",
      "2017-10-12 08:00:00.250",
      "2017-10-12T07:00:00.250Z",
      "2017-10-12T08:00:00",
    ],
    [
      "a repeated time: the earlier",
      "2024-03-10T02:30",
      "2024-03-10T01:30:00.000Z",
      "2024-03-10T02:30:00",
    ],
    [
      "a skipped time: past the gap",
      "2024-04-14T02:30",
      "2024-04-14T02:30:00.000Z",
      "2024-04-14T02:30:00",
    ],
    [
      "a right-to-left mark left behind",
      "2017-10-12\u200F",
      "2017-10-11T23:00:00.000Z",
      "2017-10-12T00:00:00",
    ],
    [
      "a no-break space before the time",
      "2017-10-12\u00A010:00",
      "2017-10-12T09:00:00.000Z",
      "2017-10-12T10:00:00",
    ],
  ])("%s: %s", (_case, text, instant, asWritten) => {
    expect(parseDate(text, casablanca)).toEqual({ ok: true, epochMs: utc(instant), asWritten });
  });

  it.each([
    ["2017-02-30", /day 30 does not exist/],
    ["2017-10-12T25:00", /does not exist/],
    ["2017-10-12T10:00+24:00", /offset/],
    ["yesterday", /not a date I can read/],
    ["الجمعة 12 أكتوبر 2017", /weekday does not match/],
  ])("rejects %s", (text, message) => {
    const result = parseDate(text, casablanca);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(message);
  });
});
