import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseArabicDate } from "../../src/locale/arabic-dates.js";
import {
  formatArabicDate,
  formatFrenchDate,
  formatHumanDate,
} from "../../src/locale/human-dates.js";
import { loadTimeZone } from "../../src/locale/timezone.js";

const casablanca = loadTimeZone("Africa/Casablanca");
const at = (year: number, month: number, day: number, hour = 0, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
});

describe("formatArabicDate", () => {
  it.each([
    [at(2017, 10, 12), "الخميس 12 أكتوبر 2017"],
    [at(2024, 9, 13), "الجمعة 13 شتنبر 2024"],
    [at(2024, 8, 1), "الخميس 1 غشت 2024"],
    [at(2023, 5, 3), "الأربعاء 3 ماي 2023"],
    [at(2023, 7, 20), "الخميس 20 يوليوز 2023"],
    [at(2023, 11, 5), "الأحد 5 نونبر 2023"],
    [at(2023, 12, 25), "الاثنين 25 دجنبر 2023"],
  ])("writes %o as %s, with the Moroccan month names", (date, expected) => {
    expect(formatArabicDate(date)).toBe(expected);
  });

  it("adds the time as editors write it", () => {
    expect(formatArabicDate(at(2017, 10, 12, 9, 5), { time: true })).toBe(
      "الخميس 12 أكتوبر 2017 على الساعة 09:05",
    );
  });

  it("is read back by the date parser, weekday and time included", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-01T00:00:00Z"),
          max: new Date("2199-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        fc.boolean(),
        (date, time) => {
          const value = {
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
            hour: time ? date.getUTCHours() : 0,
            minute: time ? date.getUTCMinutes() : 0,
            second: 0,
          };
          expect(parseArabicDate(formatArabicDate(value, { time }))).toEqual({
            kind: "date",
            value,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("formatFrenchDate", () => {
  it.each([
    [at(2017, 10, 12), "jeudi 12 octobre 2017"],
    [at(2018, 2, 1), "jeudi 1er février 2018"],
    [at(2018, 8, 15, 17, 20), "mercredi 15 août 2018"],
  ])("writes %o as %s", (date, expected) => {
    expect(formatFrenchDate(date)).toBe(expected);
  });

  it("adds the time in the French way", () => {
    expect(formatFrenchDate(at(2018, 2, 15, 17, 20), { time: true })).toBe(
      "jeudi 15 février 2018 à 17 h 20",
    );
  });
});

describe("formatHumanDate", () => {
  it.each([
    // Midnight in Casablanca in October 2017 (UTC+1, summer time): the day alone.
    ["2017-10-11T23:00:00Z", "ar-MA", "الخميس 12 أكتوبر 2017"],
    ["2018-03-22T08:30:00Z", "ar", "الخميس 22 مارس 2018 على الساعة 08:30"],
    ["2018-02-15T17:20:00Z", "fr-MA", "jeudi 15 février 2018 à 17 h 20"],
    ["2018-02-15T17:20:00Z", "en", "2018-02-15 17:20"],
    // After Morocco's 2026 switch to UTC+0, from the tz data nashra ships.
    ["2026-10-12T00:00:00Z", "ar-MA", "الاثنين 12 أكتوبر 2026"],
  ])("reads %s in Casablanca for %s as %s", (instant, lang, expected) => {
    expect(formatHumanDate(Date.parse(instant), casablanca, lang)).toBe(expected);
  });
});
