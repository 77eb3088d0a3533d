import { describe, expect, it } from "vitest";
import { formatHttpDate, lastModifiedOf, parseHttpDate } from "../../src/serve/http-date.js";

const NOW = Date.parse("2026-11-29T12:00:00.250Z");
const NOV_6_1994 = Date.parse("1994-11-06T08:49:37Z");

describe("parseHttpDate", () => {
  it.each([
    // The three forms of RFC 9110 §5.6.7, for the same instant.
    ["Sun, 06 Nov 1994 08:49:37 GMT", NOV_6_1994],
    ["Sunday, 06-Nov-94 08:49:37 GMT", NOV_6_1994],
    ["Sun Nov  6 08:49:37 1994", NOV_6_1994],
    ["Sun Nov 06 08:49:37 1994", NOV_6_1994],
    // RFC 850's two-digit year: never more than 50 years ahead of now.
    ["Thursday, 01-Jan-76 00:00:00 GMT", Date.parse("2076-01-01T00:00:00Z")],
    ["Friday, 01-Jan-77 00:00:00 GMT", Date.parse("1977-01-01T00:00:00Z")],
    ["Sat, 28 Feb 2026 23:59:59 GMT", Date.parse("2026-02-28T23:59:59Z")],
    [" Sun, 06 Nov 1994 08:49:37 GMT ", NOV_6_1994],
  ])("%j", (text, expected) => {
    expect(parseHttpDate(text, NOW)).toBe(expected);
  });

  it.each([
    "2099",
    "yesterday",
    "",
    "1994-11-06T08:49:37Z",
    "Sun, 06 Nov 1994 08:49:37 UTC",
    "Sun, 06 Nov 1994 08:49:37 +0000",
    "Sun, 6 Nov 1994 08:49:37 GMT",
    "sun, 06 nov 1994 08:49:37 gmt",
    "Sun, 06 Nov 94 08:49:37 GMT",
    "Sun, 31 Nov 1994 08:49:37 GMT",
    "Sun, 29 Feb 2026 08:49:37 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 08:60:00 GMT",
    "Sun, 06 Nov 1994 08:49:37 GMT; length=12",
    "Sunday, 06 Nov 1994 08:49:37 GMT",
    "Sun Nov 6 08:49:37 1994",
  ])("refuses %j", (text) => {
    expect(parseHttpDate(text, NOW)).toBeUndefined();
  });

  it("reads back what formatHttpDate writes", () => {
    expect(formatHttpDate(NOV_6_1994)).toBe("Sun, 06 Nov 1994 08:49:37 GMT");
    expect(parseHttpDate(formatHttpDate(NOW), NOW)).toBe(Math.floor(NOW / 1000) * 1000);
  });
});

describe("lastModifiedOf", () => {
  it.each([
    // A file written a while ago: its time, in whole seconds.
    [Date.parse("2026-11-29T11:59:00.750Z"), Date.parse("2026-11-29T11:59:00Z")],
    [Date.parse("2026-11-29T11:59:58.999Z"), Date.parse("2026-11-29T11:59:58Z")],
    // Its second not well over: a rewrite within it would have the same date. None is sent.
    [Date.parse("2026-11-29T11:59:59.000Z"), undefined],
    [Date.parse("2026-11-29T12:00:00.100Z"), undefined],
    // From the future (a clock set wrong): never later than now, so none yet.
    [NOW + 3_600_000, undefined],
  ])("modified at %d → %s", (mtime, expected) => {
    expect(lastModifiedOf(mtime, NOW)).toBe(expected);
  });

  it("is never later than now", () => {
    const later = NOW + 10_000;
    expect(lastModifiedOf(NOW + 3_600_000, later)).toBeUndefined();
    const muchLater = NOW + 3_600_000 + 5_000;
    expect(lastModifiedOf(NOW + 3_600_000, muchLater)).toBe(
      Math.floor((NOW + 3_600_000) / 1000) * 1000,
    );
  });
});
