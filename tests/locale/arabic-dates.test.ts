import { describe, expect, it } from "vitest";
import { parseArabicDate } from "../../src/locale/arabic-dates.js";

const at = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({
  kind: "date",
  value: { year, month, day, hour, minute, second },
});

describe("parseArabicDate", () => {
  it.each([
    ["the seed report's date, as printed", "الخميس 12 أكتوبر 2017", at(2017, 10, 12)],
    ["no weekday", "12 أكتوبر 2017", at(2017, 10, 12)],
    ["Arabic-Indic digits", "الخميس ١٢ أكتوبر ٢٠١٧", at(2017, 10, 12)],
    ["Eastern Arabic-Indic digits", "۱۲ أكتوبر ۲۰۱۷", at(2017, 10, 12)],
    ["Arabic comma after the weekday", "الخميس، 12 أكتوبر 2017", at(2017, 10, 12)],
    ["«يوم» before the weekday", "يوم الخميس 12 أكتوبر 2017", at(2017, 10, 12)],
    ["«م» after the year", "12 أكتوبر 2017م", at(2017, 10, 12)],
    ["tatweel and diacritics", "الخَميس 12 أكتـــوبر 2017", at(2017, 10, 12)],
    ["bare alef instead of hamza", "الخميس 12 اكتوبر 2017", at(2017, 10, 12)],
    ["Maghreb September", "الجمعة 13 شتنبر 2024", at(2024, 9, 13)],
    ["Mashriq September", "الجمعة 13 سبتمبر 2024", at(2024, 9, 13)],
    ["Levant September", "الجمعة 13 أيلول 2024", at(2024, 9, 13)],
    ["Maghreb August", "1 غشت 2024", at(2024, 8, 1)],
    ["Mashriq August", "1 أغسطس 2024", at(2024, 8, 1)],
    ["Levant August", "1 آب 2024", at(2024, 8, 1)],
    ["Algerian August", "1 أوت 2024", at(2024, 8, 1)],
    ["Maghreb July", "20 يوليوز 2023", at(2023, 7, 20)],
    ["Maghreb May (ماي, not مايو)", "3 ماي 2023", at(2023, 5, 3)],
    ["Mashriq May", "3 مايو 2023", at(2023, 5, 3)],
    ["Maghreb November", "5 نونبر 2023", at(2023, 11, 5)],
    ["Maghreb December", "5 دجنبر 2023", at(2023, 12, 5)],
    ["Levant January (two words)", "5 كانون الثاني 2025", at(2025, 1, 5)],
    ["Levant December (two words)", "25 كانون الأول 2024", at(2024, 12, 25)],
    ["Levant October", "الخميس 12 تشرين الأول 2017", at(2017, 10, 12)],
    ["Monday spelled with hamza", "الإثنين 2 يناير 2023", at(2023, 1, 2)],
    ["Monday spelled without", "الاثنين 2 يناير 2023", at(2023, 1, 2)],
    ["a time", "الخميس 12 أكتوبر 2017 10:30", at(2017, 10, 12, 10, 30)],
    [
      "«على الساعة» before the time",
      "الخميس 12 أكتوبر 2017 على الساعة 10:30",
      at(2017, 10, 12, 10, 30),
    ],
    ["a dash before the time", "12 أكتوبر 2017 - 18:45", at(2017, 10, 12, 18, 45)],
    ["seconds, after a comma", "12 أكتوبر 2017، 09:05:30", at(2017, 10, 12, 9, 5, 30)],
    ["Arabic-Indic time", "١٢ أكتوبر ٢٠١٧ ١٠:٣٠", at(2017, 10, 12, 10, 30)],
    ["evening, 12-hour clock", "12 أكتوبر 2017 10:30 مساء", at(2017, 10, 12, 22, 30)],
    ["«م» after a time means p.m.", "12 أكتوبر 2017 10:30 م", at(2017, 10, 12, 22, 30)],
    ["12 a.m. is midnight", "12 أكتوبر 2017 12:15 ص", at(2017, 10, 12, 0, 15)],
    ["12 p.m. is noon", "12 أكتوبر 2017 12:15 مساءً", at(2017, 10, 12, 12, 15)],
  ])("reads %s: %s", (_case, text, expected) => {
    expect(parseArabicDate(text)).toEqual(expected);
  });

  it("rejects a weekday that does not match the date, naming the right one", () => {
    const result = parseArabicDate("الجمعة 12 أكتوبر 2017");
    expect(result.kind).toBe("error");
    expect(result.kind === "error" && result.message).toMatch(
      /is a الخميس \(Thursday\), not a الجمعة/,
    );
  });

  it.each([
    ["a day the month does not have", "31 فبراير 2024", /day 31 does not exist/],
    ["29 February of a common year", "29 فبراير 2023", /day 29 does not exist/],
    ["an hour past 23", "12 أكتوبر 2017 24:00", /does not exist/],
    ["13 on a 12-hour clock", "12 أكتوبر 2017 13:00 مساء", /12-hour/],
  ])("rejects %s", (_case, text, message) => {
    const result = parseArabicDate(text);
    expect(result.kind).toBe("error");
    expect(result.kind === "error" && result.message).toMatch(message);
  });

  it("accepts 29 February of a leap year", () => {
    expect(parseArabicDate("الخميس 29 فبراير 2024")).toEqual(at(2024, 2, 29));
  });

  it.each(["2017-10-12", "next Thursday", "12 Octobre 2017", "أكتوبر 2017", "الخميس"])(
    "leaves %s to other readers",
    (text) => {
      expect(parseArabicDate(text)).toEqual({ kind: "not-arabic" });
    },
  );
});
